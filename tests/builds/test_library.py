"""The library as a whole: the real SOPs, the skeletons, parallel and incremental builds,
and silencing each warning."""

from __future__ import annotations

import re

import pytest

from samples import SIMPLE, line_of, replace
from samples.defects import CASES, FLOWCHART_CASES, STANDALONE, TRACE_CASES, together, with_guide
from soplib.model.problems import Problem
from support.pages import row_of, step_block, text_of
from support.projects import REPO, Build, build, touch, write_project

X = "sops/area/x.md"


def test_the_library_builds_without_a_warning(library):
    assert library.lines == []


def test_the_library_flags_the_sops_first_contact_resolution_measures(library):
    from sphinx_needs.data import SphinxNeedsData

    assert library.warnings_of("sop.kpi") == [], "flagged, but sop_kpi_review_warning is off"
    env = library.app.env
    needs = SphinxNeedsData(env).get_needs_view()
    measured = {
        record.meta["id"]
        for record in env.sop_records.values()
        if record.meta.get("status") == "approved"
        and any("KPI_FCR" in needs[step.id]["metrics"] for step in record.steps)
    }
    index = library.page("index")
    alerts = re.search(r'<ul class="sop-kpi-alerts.*?</ul>', index, re.S)
    assert alerts is not None
    assert set(re.findall(r"(SOP-CC-\d+) ", text_of(alerts[0]))) == measured
    assert "Sample figures" in text_of(index)
    fcr = row_of(library.page("views/kpi-catalog"), 'id="kpi-KPI_FCR"')
    assert "72.6% in Oct 2026: missed (target at least 75%)" in fcr


def test_a_step_page_shows_roles_metrics_and_trainings(library):
    step = step_block(library.page("sops/inbound/answering-and-greeting"), "STEP_GREET_ANSWER")
    assert "Answer within three rings" in step
    text = re.sub(r"<[^>]+>", "", step)
    assert "Who: Agent\n" in text
    assert "Measured by: Average speed of answer (ASA), Service level\n" in text
    assert "Training: Call-handling essentials\n" in text
    assert 'href="../catalog/roles.html#ROLE_AGENT"' in step, "a name links to its entry"


def test_sub_steps_are_nested_in_their_parent(library):
    parent = library.page("sops/people/new-agent-onboarding")
    start = parent.index('id="STEP_ONB_INDUCTION"')
    assert (
        start
        < parent.index('id="STEP_ONB_KNOWLEDGE_CHECK"')
        < parent.index('id="STEP_ONB_SYSTEMS"')
    )
    assert 'id="STEP_ONB_KNOWLEDGE_CHECK"' in step_block(parent, "STEP_ONB_INDUCTION")


def test_skeletons_are_not_pages(library):
    assert not list(library.app.outdir.glob("_templates/**/*.html"))


@pytest.mark.parametrize("language", ["en", "hu", "pt"])
@pytest.mark.parametrize("skeleton", ["simple", "hierarchical", "flowchart"])
def test_a_copied_skeleton_builds_as_a_draft(build_project, skeleton, language):
    path = REPO / "_templates" / "sop" / language / f"{skeleton}.md"
    text = path.read_text(encoding="utf-8")
    assert f"format: {skeleton}" in text
    build = build_project({X: text})
    assert build.lines == []


def every_defect() -> dict[str, str]:
    """One page per defect case, with ids made unique so the pages do not collide."""
    files, _ = together(CASES + FLOWCHART_CASES + TRACE_CASES)
    return files


def subtypes(build: Build) -> set[str]:
    return {line.rsplit("[sop.", 1)[1].rstrip("]") for line in build.warnings_of("sop.")}


def test_each_subtype_can_be_silenced(build_project):
    shown = build_project(every_defect())
    assert subtypes(shown) == {p.subtype for p in Problem} - STANDALONE
    silenced = build_project(
        every_defect(),
        confoverrides={"suppress_warnings": [f"sop.{problem.subtype}" for problem in Problem]},
    )
    assert silenced.warnings_of("sop.") == []


def test_the_whole_type_can_be_silenced(build_project):
    build = build_project(every_defect(), confoverrides={"suppress_warnings": ["sop"]})
    assert build.warnings_of("sop.") == []


def test_a_parallel_build_reports_what_a_serial_build_reports(build_project):
    serial = build_project(every_defect())
    parallel = build_project(every_defect(), parallel=2)
    assert parallel.app.parallel == 2 and parallel.app.is_parallel_allowed("read")
    assert serial.lines, "the project has defects to report"
    assert sorted(parallel.lines) == sorted(serial.lines)


def test_an_incremental_build_reports_a_break_until_it_is_fixed(tmp_path):
    srcdir = write_project(tmp_path / "project", {X: SIMPLE})

    def rebuild() -> Build:
        return build(srcdir, tmp_path / "build")

    assert rebuild().lines == []
    broken = replace(SIMPLE, "## Training\n\nCall-handling essentials.\n\n", "")
    touch(srcdir / X, broken)
    expected = [
        with_guide(
            f"{X}:{line_of(broken, '## References')}: WARNING: SOP SOP-T-001 has no "
            "'Training' section: add '## Training' before '## References' "
            "[sop.missing_section]",
            guide=f"{tmp_path}/build/html/views/authoring-guide.html",
        )
    ]
    assert rebuild().warnings_of("sop.") == expected
    assert rebuild().warnings_of("sop.") == expected, "an unchanged rebuild still reports it"
    touch(srcdir / X, SIMPLE)
    assert rebuild().lines == []
