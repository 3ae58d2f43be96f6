"""The change report and the approval stamps, on real git repositories in temporary
folders with real commits."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from samples import FLOWCHART, SIMPLE, replace
from soplib.model.frontmatter import folded_fingerprint
from soplib.tools.approve import stamp
from support.projects import REPO, build, commit_library, git, write_project

X = "sops/area/x.md"
REWORDED = replace(SIMPLE, "Answer within three rings.", "Answer within two rings.")


def impact(repo: Path, base: str = "HEAD") -> tuple[int, str, dict]:
    done = subprocess.run(
        [sys.executable, "-m", "soplib.tools.impact", "--base", base, "--json", "impact.json"],
        cwd=repo,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "_ext")},
    )
    report = json.loads((repo / "impact.json").read_text()) if done.returncode < 2 else {}
    return done.returncode, done.stdout + done.stderr, report


def edit(repo: Path, text: str) -> None:
    (repo / X).write_text(stamp_kept(text), encoding="utf-8")


def stamp_kept(text: str) -> str:
    """The text with the stamp the committed SOP carries (approval not refreshed)."""
    committed = stamp(SIMPLE)
    line = next(line for line in committed.splitlines() if line.startswith("approved_"))
    return text.replace("review_every: 12 months\n", f"review_every: 12 months\n{line}\n", 1)


def numbered(number: int, text: str = SIMPLE) -> str:
    """A sample SOP as SOP-T-0nn, its steps STEP_Tnn_... (or STEP_Fnn_...), at 1.1.0."""
    text = replace(text, "version: 1.0.0", "version: 1.1.0")
    text = re.sub(r"SOP-T-\d+", f"SOP-T-{number:03}", text)
    return re.sub(r"\bSTEP_([TF])_", rf"STEP_\g<1>{number}_", text)


#: A step a change adds (to SOP-T-006), and one a change removes (from SOP-T-003).
HOLD = """```{step} Put the caller on hold
:id: STEP_T6_HOLD
:responsible: ROLE_AGENT
:metrics: KPI_ASA
:training: TRN_CALL_HANDLING

Ask before putting the caller on hold.
```

"""
CLOSE = """```{step} Close the call
:id: STEP_T3_CLOSE
:responsible: ROLE_AGENT
:metrics: KPI_FCR
:training: TRN_CALL_HANDLING
:records: REC_CRM_CONTACT

Summarise and thank the caller.
```
"""
REVIEW = ("status: approved", "status: in-review")


def edited(number: int, *edits: tuple[str, str], text: str = SIMPLE) -> tuple[str, str]:
    """A sample SOP as committed (approved, stamped) and as changed: with each (old, new)
    replaced, and the committed stamp (no new approval)."""
    committed = changed = stamp(numbered(number, text))
    for old, new in edits:
        changed = replace(changed, old, new)
    return committed, changed


def approved(change: tuple[str, str]) -> tuple[str, str]:
    """The change with its approval recorded (make approve)."""
    return change[0], stamp(change[1])


#: Each kind of change, an SOP each: as committed at BASE, and as in the working tree.
CHANGES = {
    "editorial": edited(1, ("the same way", "in the same way"), REVIEW),
    "changed-step": edited(2, ("three rings", "two rings"), REVIEW),
    "removed-step": edited(3, (CLOSE, ""), REVIEW),
    "new-scope": edited(4, ("Inbound calls", "Inbound and outbound calls"), REVIEW),
    "raised-too-little": edited(
        5,
        (
            ":responsible: ROLE_AGENT\n:metrics: KPI_ASA",
            ":responsible: ROLE_SENIOR_AGENT\n:metrics: KPI_ASA",
        ),
        ("version: 1.1.0", "version: 1.1.1"),
        REVIEW,
    ),
    "raised-and-approved": approved(
        edited(
            6, ("```{step} Close", HOLD + "```{step} Close"), ("version: 1.1.0", "version: 1.2.0")
        )
    ),
    "still-approved": edited(
        7,
        ("Summarise and", "Summarise, and"),
        ("version: 1.1.0", "version: 1.1.1\neditorial: true"),
    ),
    "not-editorial": edited(
        8,
        (
            ":training: TRN_CALL_HANDLING\n\nAnswer",
            ":training: TRN_CALL_HANDLING, TRN_DATA_PROTECTION\n\nAnswer",
        ),
        ("version: 1.1.0", "version: 1.1.1\neditorial: true"),
        REVIEW,
    ),
    "editorial-raised-too-far": edited(
        9,
        ("Summarise and", "Summarise, and"),
        ("version: 1.1.0", "version: 1.2.0\neditorial: true"),
        REVIEW,
    ),
    "rewrapped": edited(10, ("Answer within three", "Answer within\nthree")),
    "flowchart": edited(
        11, ("D1 -- no --> STEP_F11_ANSWER", "D1 -- no --> STEP_F11_CLOSE"), REVIEW, text=FLOWCHART
    ),
}


@pytest.fixture(scope="module")
def changes(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, dict]:
    """The change report of every change of CHANGES and of two new SOPs: one report, so
    two builds, for them all."""
    committed = {f"sops/area/{name}.md": before for name, (before, _) in CHANGES.items()}
    repo = commit_library(tmp_path_factory.mktemp("changes") / "repo", committed)
    for name, (_, after) in CHANGES.items():
        (repo / f"sops/area/{name}.md").write_text(after, encoding="utf-8")
    new = replace(numbered(12), "version: 1.1.0", "version: 0.1.0")
    (repo / "sops/area/new.md").write_text(replace(new, *REVIEW), encoding="utf-8")
    unstamped = replace(numbered(13), "version: 1.1.0", "version: 1.0.0")
    (repo / "sops/area/new-approved.md").write_text(unstamped, encoding="utf-8")
    return impact(repo)


def errors_of(report: dict, number: int) -> list[str]:
    return [error for error in report["errors"] if error.startswith(f"SOP-T-{number:03} (")]


#: What the report says of each SOP of the changes fixture, by its number.
VERSION_MESSAGES = {
    1: [
        "SOP-T-001 (sops/area/editorial.md): the wording of Purpose changed, an editorial "
        "change, but its version is still 1.1.0: set `version: 1.1.1`"
    ],
    2: [
        "SOP-T-002 (sops/area/changed-step.md): the text of a step changed (STEP_T2_ANSWER), "
        "a minor change, but its version is still 1.1.0: set `version: 1.2.0` (or, if the "
        "change is wording only, `version: 1.1.1` and `editorial: true`)"
    ],
    3: [
        "SOP-T-003 (sops/area/removed-step.md): a step was removed (STEP_T3_CLOSE), a major "
        "change, but its version is still 1.1.0: set `version: 2.0.0`"
    ],
    4: [
        "SOP-T-004 (sops/area/new-scope.md): the Scope section changed, a major change, but "
        "its version is still 1.1.0: set `version: 2.0.0` (or, if the change is wording "
        "only, `version: 1.1.1` and `editorial: true`)"
    ],
    5: [
        "SOP-T-005 (sops/area/raised-too-little.md): the roles of a step changed "
        "(STEP_T5_ANSWER), a minor change, but its version 1.1.1 is not enough: set "
        "`version: 1.2.0`"
    ],
    6: [],
    7: [
        "SOP-T-007 (sops/area/still-approved.md): its content changed but its status is "
        "still approved, with no approval of this content recorded: set `status: in-review` "
        "while it is in review (once it is approved: `status: approved` and "
        "`make approve SOP=SOP-T-007`)"
    ],
    8: [
        "SOP-T-008 (sops/area/not-editorial.md): it is declared editorial (`editorial: true`) "
        "but the trainings of a step changed (STEP_T8_ANSWER), a minor change: remove "
        "`editorial: true` and set `version: 1.2.0`"
    ],
    9: [
        "SOP-T-009 (sops/area/editorial-raised-too-far.md): the change is declared editorial "
        "but the version went from 1.1.0 to 1.2.0, and an editorial change raises the patch "
        "number only: set `version: 1.1.1`"
    ],
    10: [],
    11: [
        "SOP-T-011 (sops/area/flowchart.md): the flowchart changed, a minor change, but its "
        "version is still 1.1.0: set `version: 1.2.0`"
    ],
    12: [
        "SOP-T-012 (sops/area/new.md): a new SOP goes for review as version 1.0.0, but its "
        "version is 0.1.0: set `version: 1.0.0`"
    ],
    13: [
        "SOP-T-013 (sops/area/new-approved.md): it is new but its status is approved, with "
        "no approval of this content recorded: set `status: in-review` while it is in review "
        "(once it is approved: `status: approved` and `make approve SOP=SOP-T-013`)"
    ],
}


@pytest.mark.parametrize("number", sorted(VERSION_MESSAGES))
def test_the_report_says_the_version_and_status_to_write(changes, number):
    _, _, report = changes
    assert errors_of(report, number) == VERSION_MESSAGES[number]


#: What impact.json says of the version of an SOP of the changes fixture, by its number.
VERSIONS = {
    1: {
        "kind": "patch",
        "editorial": False,
        "reasons": ["the wording of Purpose changed"],
        "version_at_base": "1.1.0",
        "version": "1.1.0",
        "recommended_version": "1.1.1",
        "status": "in-review",
        "recommended_status": "in-review",
    },
    6: {
        "kind": "minor",
        "editorial": False,
        "reasons": ["a step was added (STEP_T6_HOLD)"],
        "version_at_base": "1.1.0",
        "version": "1.2.0",
        "recommended_version": "1.2.0",
        "status": "approved",
        "recommended_status": "approved",
    },
}


@pytest.mark.parametrize("number", sorted(VERSIONS))
def test_the_json_gives_the_kind_of_change_and_the_version_to_write(changes, number):
    _, _, report = changes
    assert report["versions"][f"SOP-T-{number:03}"] == VERSIONS[number]


def test_a_changed_step_fails_the_report_and_is_in_its_tables(changes):
    code, out, report = changes
    assert code == 1
    assert {
        "step": "STEP_T2_ANSWER",
        "sop": "SOP-T-002",
        "roles": ["ROLE_AGENT"],
        "trainings": ["TRN_CALL_HANDLING"],
    } in report["retraining"]
    assert (
        "| Agent | Call-handling essentials | STEP_T2_ANSWER Answer the call (SOP-T-002) |" in out
    )
    assert (
        "| SOP-T-002 Answering a test call | minor | the text of a step changed "
        "(STEP_T2_ANSWER) | 1.1.0 | 1.1.0 | 1.2.0 | in-review |"
    ) in out


def test_a_removed_step_is_listed(changes):
    _, _, report = changes
    assert report["steps"]["removed"] == ["STEP_T3_CLOSE"]


def test_a_new_role_on_a_step_is_retrained(changes):
    _, _, report = changes
    retrain = [item for item in report["retraining"] if item["sop"] == "SOP-T-005"]
    assert [item["roles"] for item in retrain] == [["ROLE_SENIOR_AGENT"]], "the new role"


def test_an_added_step_is_retrained(changes):
    _, _, report = changes
    assert "STEP_T6_HOLD" in [item["step"] for item in report["retraining"]]


def test_a_typo_fix_declared_editorial_asks_no_retraining(changes):
    _, out, report = changes
    assert report["versions"]["SOP-T-007"]["recommended_status"] == "in-review"
    assert "STEP_T7_CLOSE" in report["steps"]["changed"], "the typo fix"
    assert "STEP_T7_CLOSE" not in [item["step"] for item in report["retraining"]], "editorial"
    assert (
        "| SOP-T-007 Answering a test call | patch (declared editorial) | the text of a step "
        "changed (STEP_T7_CLOSE) | 1.1.0 | 1.1.1 | 1.1.1 | in-review |"
    ) in out


def test_a_change_declared_editorial_that_is_not_still_retrains(changes):
    _, _, report = changes
    retrain = [item for item in report["retraining"] if item["sop"] == "SOP-T-008"]
    assert [item["trainings"] for item in retrain] == [["TRN_CALL_HANDLING", "TRN_DATA_PROTECTION"]]


def test_rewrapping_a_paragraph_is_no_change(changes):
    _, _, report = changes
    assert "SOP-T-010" not in report["sops"]["changed"]


def test_a_new_sop_is_a_change_of_its_own_kind(changes):
    _, _, report = changes
    assert report["versions"]["SOP-T-012"]["kind"] == "new"


def test_the_report_counts_every_problem(changes):
    _, out, report = changes
    assert len(report["errors"]) == 11, "no other problem"
    assert f"**{len(report['errors'])} problem(s) to fix before approval:**" in out


def test_the_export_has_each_sections_and_flowcharts_fingerprint(build_project):
    built = build_project({X: SIMPLE, "sops/area/f.md": FLOWCHART})
    sops = json.loads((built.app.outdir / "library.json").read_text(encoding="utf-8"))["sops"]
    titles = [section["title"] for section in built.app.config.sop_sections]
    assert sorted(sops["SOP-T-001"]["sections"]) == sorted(titles)
    scope = folded_fingerprint("Inbound calls on the test queue.")
    assert sops["SOP-T-001"]["sections"]["Scope"] == scope
    assert sops["SOP-T-001"]["flowcharts"] == []
    code = FLOWCHART.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert sops["SOP-T-003"]["flowcharts"] == [folded_fingerprint(code)]


def test_a_retired_sop_is_reported_and_the_base_can_be_any_commit(repo):
    edit(
        repo,
        replace(
            replace(SIMPLE, "status: approved", "status: retired"),
            "version: 1.0.0",
            "version: 2.0.0",
        ),
    )
    git(repo, "-c", "user.name=A", "-c", "user.email=a@example.org", "commit", "-qam", "Retire")
    code, out, report = impact(repo, base="HEAD~1")
    assert code == 0, out
    assert report["sops"]["retired"] == ["SOP-T-001"]
    assert "- Retired: SOP-T-001 Answering a test call" in out


def test_an_unknown_base_is_a_clear_error(repo):
    code, out, _ = impact(repo, base="no-such-branch")
    assert code == 2
    assert out.startswith("make impact: git cannot read the revision 'no-such-branch'")


def test_the_page_and_catalog_say_when_content_changed_since_approval(tmp_path):
    views = {"views/catalog.md": (REPO / "views" / "catalog.md").read_text()}
    index = "# Test\n\n```{toctree}\n:glob:\n\nsops/*/*\nviews/*\n```\n"
    approved = build(
        write_project(tmp_path / "a", {X: stamp(SIMPLE), "index.md": index, **views}),
        tmp_path / "a-build",
    )
    changed = build(
        write_project(tmp_path / "b", {X: stamp_kept(REWORDED), "index.md": index, **views}),
        tmp_path / "b-build",
    )
    assert "<strong>Approval: </strong>as approved" in approved.page("sops/area/x")
    assert "<strong>Approval: </strong>changed since approval" in changed.page("sops/area/x")
    assert "changed since approval" in changed.page("views/catalog")
