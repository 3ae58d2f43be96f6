"""The trace: every step names its roles, metrics and trainings, by id, of the right type;
every catalog entry gives its fields. sphinx-needs checks it (soplib.model.trace); each of
its messages is said in an author's words (soplib.checks.needs_messages), at the step or
entry's file and line, with the fix."""

from __future__ import annotations

from pathlib import Path

from samples import SIMPLE, line_of
from samples.defects import TRACE_CASES, together, with_guide
from support.projects import REPO, build, touch, write_project

FILES, EXPECTED = together(TRACE_CASES)


def test_a_catalog_entry_no_step_uses_is_reported(tmp_path: Path):
    build_ = build(write_project(tmp_path, {"sops/area/x.md": SIMPLE}), report_unused=True)
    roles = (REPO / "sops" / "catalog" / "roles.md").read_text(encoding="utf-8")
    line = line_of(roles, "{role} QA lead")
    assert (
        with_guide(
            f"sops/catalog/roles.md:{line}: WARNING: role ROLE_QA_LEAD is named by no step: name "
            "it in the ':responsible:' of the steps it belongs to, or remove it from the catalog "
            "[sop.unused_entry]"
        )
    ) in build_.lines


def test_a_trace_message_can_be_silenced(tmp_path: Path):
    files = {"sops/area/x.md": FILES["sops/area/unknown_link.md"]}
    silenced = build(
        write_project(tmp_path, files), confoverrides={"suppress_warnings": ["sop.unknown_link"]}
    )
    assert silenced.lines == []


def test_a_rule_an_edit_breaks_is_reported_on_every_rebuild_until_it_is_mended(tmp_path: Path):
    """Rebuilds validate only the needs that changed since they last met the rules
    (soplib.upstream): a need that breaks one is validated, and reported, again."""
    page = "sops/area/missing_link.md"
    root, out = write_project(tmp_path / "project", {page: SIMPLE}), tmp_path / "build"
    expected = [line.replace("_build/html/", f"{out}/html/") for line in EXPECTED["missing_link"]]
    assert build(root, out).warnings_of("sop.") == []
    touch(root / page, FILES[page])
    assert build(root, out).warnings_of("sop.") == expected
    touch(root / "index.md", (root / "index.md").read_text(encoding="utf-8") + "\nAn edit.\n")
    assert build(root, out).warnings_of("sop.") == expected
    touch(root / page, SIMPLE)
    assert build(root, out).warnings_of("sop.") == []


def test_a_catalog_field_s_old_name_is_refused_with_the_fields_the_entry_takes(tmp_path: Path):
    """A role says what it does under :summary: and a training how long it takes under
    :length: (sphinx-needs reads description and duration as its own); the old names are
    not taken."""
    roles = (REPO / "sops" / "catalog" / "roles.md").read_text(encoding="utf-8")
    old = roles.replace(":summary: Answers inbound calls", ":description: Answers inbound calls")
    build_ = build(
        write_project(tmp_path, {"sops/area/x.md": SIMPLE, "sops/catalog/roles.md": old})
    )
    line = line_of(old, "{role} Agent")
    assert build_.warnings_of("sop.") == [
        with_guide(
            f"sops/catalog/roles.md:{line}: WARNING: a role takes no ':description:' line, so "
            "this line is ignored: remove it, or write one a role takes: :id:, :summary:, "
            ":agent_facing: [sop.unknown_option]"
        ),
        with_guide(
            f"sops/catalog/roles.md:{line}: WARNING: role ROLE_AGENT has no ':summary:' line "
            "(what the role does, in a sentence): add ':summary: <one sentence>' "
            "[sop.missing_entry_field]"
        ),
    ]
