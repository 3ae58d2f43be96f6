"""The library as a whole: the real SOPs, the skeletons, parallel and incremental builds,
silencing each warning, and `make html` as an author runs it."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, Build, build, touch, write_project
from samples import SIMPLE, line_of, replace
from soplib.model.problems import Problem
from test_flowcharts import CASES as FLOWCHART_CASES
from test_sop_checks import CASES

X = "sops/area/x.md"


def test_the_library_builds_without_a_warning(library):
    assert library.lines == []


def step_block(html: str, step_id: str) -> str:
    """The HTML of one step, from its table to the end of that table."""
    start = html.index(f'id="{step_id}"')
    return html[start: html.index("</table>", start)]


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
    assert start < parent.index('id="STEP_ONB_KNOWLEDGE_CHECK"') < parent.index(
        'id="STEP_ONB_SYSTEMS"')
    assert 'id="STEP_ONB_KNOWLEDGE_CHECK"' in step_block(parent, "STEP_ONB_INDUCTION")


def test_skeletons_are_not_pages(library):
    assert not list(library.app.outdir.glob("_templates/**/*.html"))


@pytest.mark.parametrize("skeleton", ["simple", "hierarchical", "flowchart"])
def test_a_copied_skeleton_builds_as_a_draft(build_project, skeleton):
    text = (REPO / "_templates" / "sop" / f"{skeleton}.md").read_text(encoding="utf-8")
    assert f"format: {skeleton}" in text
    build = build_project({X: text})
    assert build.lines == []


def every_defect() -> dict[str, str]:
    """One page per defect case, with ids made unique so the pages do not collide."""
    files = {}
    for number, param in enumerate(CASES + FLOWCHART_CASES):
        (_, text), = param.values[0].items()
        text = text.replace("SOP-T-00", f"SOP-T-{number:02d}").replace(
            "STEP_T_", f"STEP_T{number}_").replace("STEP_H_", f"STEP_H{number}_").replace(
            "STEP_F_", f"STEP_F{number}_")
        files[f"sops/area/{param.id}.md"] = text
    return files


def subtypes(build: Build) -> set[str]:
    return {re.search(r"\[sop\.(\w+)\]$", line)[1] for line in build.warnings_of("sop.")}


def test_every_subtype_has_a_defect_case():
    expected = {line.rsplit("[sop.", 1)[1].rstrip("]") for param in CASES + FLOWCHART_CASES
                for line in param.values[1]}
    standalone = {"duplicate_id", "step_outside_sop", "config", "mermaid_unavailable",
                  "review_overdue"}
    assert expected | standalone == {problem.subtype for problem in Problem}


def test_each_subtype_can_be_silenced(build_project):
    shown = build_project(every_defect())
    assert subtypes(shown) == {p.subtype for p in Problem} - {
        "duplicate_id", "step_outside_sop", "config", "mermaid_unavailable", "review_overdue"}
    silenced = build_project(every_defect(), confoverrides={
        "suppress_warnings": [f"sop.{problem.subtype}" for problem in Problem]})
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
    expected = [f"{X}:{line_of(broken, '## References')}: WARNING: SOP SOP-T-001 has no "
                "'Training' section: add '## Training' before '## References' "
                "[sop.missing_section]"]
    assert rebuild().warnings_of("sop.") == expected
    assert rebuild().warnings_of("sop.") == expected, "an unchanged rebuild still reports it"
    touch(srcdir / X, SIMPLE)
    assert rebuild().lines == []


def copy_repository(target: Path) -> Path:
    """The repository's files in target, sharing this checkout's virtual environment."""
    files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                           cwd=REPO, capture_output=True, text=True, check=True).stdout
    for name in files.splitlines():
        if (REPO / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, target / name)  # keeps times: the venv stays current
    (target / ".venv").symlink_to(REPO / ".venv")
    return target


def make_html(repo: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "html"], cwd=repo, capture_output=True, text=True)


@pytest.mark.skipif(not (REPO / ".venv" / "bin" / "sphinx-build").exists(),
                    reason="needs the virtual environment that make creates")
def test_make_html_fails_on_a_missing_section_until_it_is_fixed(tmp_path):
    repo = copy_repository(tmp_path / "repo")
    sop = repo / "sops" / "inbound" / "answering-and-greeting.md"
    original = sop.read_text(encoding="utf-8")
    training = original[original.index("## Training"): original.index("## References")]
    broken = original.replace(training, "")
    touch(sop, broken)
    expected = (f"{sop}:{line_of(broken, '## References')}: WARNING: SOP SOP-CC-001 has no "
                "'Training' section: add '## Training' before '## References' "
                "[sop.missing_section]")
    first = make_html(repo)
    assert first.returncode != 0
    assert expected in first.stderr
    assert "no site was written" in first.stderr
    assert not (repo / "_build" / "html").exists(), "a failed build leaves no site behind"
    again = make_html(repo)
    assert again.returncode != 0 and expected in again.stderr, "a second run fails too"
    touch(sop, original)
    fixed = make_html(repo)
    assert fixed.returncode == 0, fixed.stderr
    assert (repo / "_build" / "html" / "sops" / "inbound" / "answering-and-greeting.html").exists()


def test_the_readme_documents_every_warning_subtype():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `sop\.(\w+)` \|", readme, flags=re.M))
    assert documented == {problem.subtype for problem in Problem}
