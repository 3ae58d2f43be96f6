"""The change report and the approval stamps, on real git repositories in temporary
folders with real commits. Each ``make impact`` builds the library twice, so the cases
share two repositories: the change of a pull request as the issue describes it (its
whole report), and one with every kind of change at once."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from samples import FLOWCHART, HIERARCHICAL, IMPACT_SAMPLE, SIMPLE, dumped, replace
from soplib.model.frontmatter import folded_fingerprint
from soplib.model.worddiff import Piece, word_diff
from soplib.tools.approve import stamp
from soplib.tools.impact.builds import build_library, library_at
from soplib.tools.impact.compare import compare
from soplib.tools.impact.markdown import escaped, markdown
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
TWO_RINGS = ("three rings", "two rings")


def replaced(text: str, *edits: tuple[str, str]) -> str:
    """The text with each (old, new) replaced, once each."""
    for old, new in edits:
        text = replace(text, old, new)
    return text


def edited(number: int, *edits: tuple[str, str], text: str = SIMPLE) -> tuple[str, str]:
    """A sample SOP as committed (approved, stamped) and as changed: with each (old, new)
    replaced, and the committed stamp (no new approval)."""
    committed = stamp(numbered(number, text))
    return committed, replaced(committed, *edits)


def approved(change: tuple[str, str]) -> tuple[str, str]:
    """The change with its approval recorded (make approve)."""
    return change[0], stamp(change[1])


def in_review_at_base(number: int, *edits: tuple[str, str], stamped: bool) -> tuple[str, str]:
    """An SOP in review at base (with the stamp of that content or none) and approved now,
    with each (old, new) replaced and no new approval."""
    committed = replace(numbered(number), *REVIEW)
    committed = stamp(committed) if stamped else committed
    return committed, replaced(committed, REVIEW[::-1], *edits)


#: The SOP whose report the tests read whole: a step reworded (its title and text, with
#: markup in it), its links changed, a step added where one was removed, a long text.
BYE = """```{step} Say goodbye
:id: STEP_T20_BYE
:responsible: ROLE_AGENT
:metrics: KPI_FCR
:training: TRN_CALL_HANDLING

Say goodbye politely.
```

"""
HOLD20 = """```{step} Put the caller on hold
:id: STEP_T20_HOLD
:responsible: ROLE_AGENT
:metrics: KPI_ASA
:training: TRN_CALL_HANDLING

Ask first <img src=x onerror=alert(1)> **Never** [skip](https://e.org)
| `code` ~~gone~~ $x$ snake_case _em_ & done.
```

"""
ANSWER20 = """```{step} Answer the call
:id: STEP_T20_ANSWER
:responsible: ROLE_AGENT
:metrics: KPI_ASA
:training: TRN_CALL_HANDLING

Answer within three rings.
"""
LONG_CLOSE = (
    "Summarise the reason for the call and what was done, in one or two sentences, and ask "
    "whether anything else is needed. Read back any reference number slowly, twice, and "
    "spell out any name. Thank the caller by name, say goodbye and wait for the caller to "
    "hang up first, so that nothing they add at the last moment is lost."
)
REVIEWED_BEFORE = replace(stamp(numbered(20)), "```{step} Close", BYE + "```{step} Close")
REVIEWED = replaced(
    REVIEWED_BEFORE,
    REVIEW,
    (
        ANSWER20,
        replaced(
            ANSWER20,
            ("Answer the call", "Answer the phone call"),
            (":responsible: ROLE_AGENT", ":responsible: ROLE_AGENT, ROLE_SENIOR_AGENT"),
            ("TRN_CALL_HANDLING", "TRN_DATA_PROTECTION"),
            ("three rings.", "three rings <script>alert(1)</script> *now*."),
        ),
    ),
    (BYE, HOLD20),
    ("Summarise and thank the caller.", LONG_CLOSE),
    ("version: 1.1.0", "version: 2.0.0"),
)

#: Each kind of change, an SOP each: as committed at BASE, and as in the working tree.
CHANGES = {
    "editorial": edited(1, ("the same way", "in the same way"), REVIEW),
    "changed-step": edited(2, TWO_RINGS, REVIEW),
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
    "set-approved-unstamped": in_review_at_base(
        14, TWO_RINGS, ("version: 1.1.0", "version: 1.2.0"), stamped=False
    ),
    "set-approved-stale": in_review_at_base(
        15, TWO_RINGS, ("version: 1.1.0", "version: 1.2.0"), stamped=True
    ),
    "approved-as-it-was-unstamped": in_review_at_base(16, stamped=False),
    "approved-as-it-was-stamped": approved(in_review_at_base(17, stamped=False)),
    "still-approved-unstamped": (
        numbered(19),
        replaced(
            numbered(19),
            ("Summarise and", "Summarise, and"),
            ("version: 1.1.0", "version: 1.1.1\neditorial: true"),
        ),
    ),
    "reviewed": (REVIEWED_BEFORE, REVIEWED),
    "retired": edited(21, ("status: approved", "status: retired")),
    "sub-step": edited(24, ("80% to pass.", "85% to pass."), REVIEW, text=HIERARCHICAL),
    "scored": edited(
        23, (":metrics: KPI_ASA\n", ":metrics: KPI_ASA\n:qa_weight: 3\n:qa_critical: yes\n"), REVIEW
    ),
}
#: SOPs new in the working tree: a draft, one approved with no stamp, one approved with
#: the stamp of its content before a last edit.
NEW = {
    "new": replace(replace(numbered(12), "version: 1.1.0", "version: 0.1.0"), *REVIEW),
    "new-approved": replace(numbered(13), "version: 1.1.0", "version: 1.0.0"),
    "new-stale-stamp": replace(
        stamp(replace(numbered(18), "version: 1.1.0", "version: 1.0.0")), *TWO_RINGS
    ),
}
#: An SOP the change removes.
REMOVED = {"removed": stamp(numbered(22))}


def with_target(metrics: str, target: str) -> str:
    """The metrics catalog with the target of KPI_ASA set."""
    return re.sub(
        r"(:id: KPI_ASA\n(?::(?!target:)[^\n]*\n)*):target: [^\n]*",
        lambda match: f"{match[1]}:target: {target}",
        metrics,
    )


CATALOG = REPO / "sops" / "catalog"
METRICS = (CATALOG / "metrics.md").read_text(encoding="utf-8")
NEW_METRIC = """
```{metric} Test callbacks kept
:id: KPI_TEST_NEW
:definition: Callbacks made on time, as a share of callbacks promised.
:unit: %
:target: 95% or more
:source: CRM
```
"""
TRAINING = """
```{training} Test refresher
:id: TRN_TEST_CHANGED
:delivery: classroom
:length: 2 hours
:refresh_every: once
```
"""
RECORD = """
```{record} Test log
:id: REC_TEST_GONE
:retention: 1 year
```
"""
#: The catalogs as committed and as changed: a metric's target changed, a metric added,
#: a training's title and fields changed, a record dropped.
CATALOGS = {
    "sops/catalog/metrics.md": (
        with_target(METRICS, "20 s or less"),
        with_target(METRICS, "15 s or less") + NEW_METRIC,
    ),
    "sops/catalog/trainings.md": (
        (CATALOG / "trainings.md").read_text(encoding="utf-8") + TRAINING,
        (CATALOG / "trainings.md").read_text(encoding="utf-8")
        + TRAINING.replace("Test refresher", "Test refresher course")
        .replace("classroom", "e-learning")
        .replace("2 hours", "3 hours"),
    ),
    "sops/catalog/records.md": (
        (CATALOG / "records.md").read_text(encoding="utf-8") + RECORD,
        (CATALOG / "records.md").read_text(encoding="utf-8"),
    ),
}


def changed_library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository of CHANGES, REMOVED and CATALOGS as they were, and each changed in
    its working tree as it is now, with NEW added."""
    committed = {
        **{f"sops/area/{name}.md": before for name, (before, _) in CHANGES.items()},
        **{f"sops/area/{name}.md": text for name, text in REMOVED.items()},
        **{path: before for path, (before, _) in CATALOGS.items()},
    }
    repo = commit_library(tmp_path_factory.mktemp("changes") / "repo", committed)
    for name, (_, after) in CHANGES.items():
        (repo / f"sops/area/{name}.md").write_text(after, encoding="utf-8")
    for name, text in NEW.items():
        (repo / f"sops/area/{name}.md").write_text(text, encoding="utf-8")
    for name in REMOVED:
        (repo / f"sops/area/{name}.md").unlink()
    for path, (_, after) in CATALOGS.items():
        (repo / path).write_text(after, encoding="utf-8")
    return repo


@pytest.fixture(scope="module")
def changes(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, dict]:
    """The change report of every change of CHANGES, NEW, REMOVED and CATALOGS: one
    report, so two builds, for them all."""
    return impact(changed_library(tmp_path_factory))


def test_the_sample_of_the_report_is_what_make_impact_says_of_these_changes(
    tmp_path_factory: pytest.TempPathFactory, changes
):
    """tests/samples/impact holds both libraries' exports, the report and what it
    prints: the unit tests compare and print from them, with no git and no build.
    After a deliberate change, UPDATE_IMPACT_SAMPLE=1 writes them again."""
    repo, folder = changed_library(tmp_path_factory), tmp_path_factory.mktemp("exports")
    written = {
        "base.json": dumped(library_at(repo, "HEAD", folder / "base")),
        "new.json": dumped(build_library(repo, repo, folder / "new")),
        "report.json": dumped(changes[2]),
        "report.md": changes[1],
    }
    if os.environ.get("UPDATE_IMPACT_SAMPLE"):
        for name, text in written.items():
            (IMPACT_SAMPLE / name).write_text(text, encoding="utf-8")
    for name, text in written.items():
        assert (IMPACT_SAMPLE / name).read_text(encoding="utf-8") == text, (
            f"{name} is not what make impact makes now: if the change is meant, run "
            "UPDATE_IMPACT_SAMPLE=1 pytest tests/tools/test_impact.py -k sample"
        )


def errors_of(report: dict, number: int) -> list[str]:
    return [error for error in report["errors"] if error.startswith(f"SOP-T-{number:03} (")]


#: How each message of the approval rule ends: the two ways to fix it.
FIX = (
    ": set `status: in-review` while it is in review; to approve it, the approver runs "
    "`make approve SOP={}` and commits the stamp with `status: approved` (the approving "
    "commit)"
)
UNSTAMPED = "with no approval of it recorded (no `approved_fingerprint`)"
STALE = "and its `approved_fingerprint` is the stamp of other content (an earlier version)"

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
        f"still approved, {STALE}{FIX.format('SOP-T-007')}"
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
        "SOP-T-013 (sops/area/new-approved.md): it is new and its status is approved, "
        f"{UNSTAMPED}{FIX.format('SOP-T-013')}"
    ],
    14: [
        "SOP-T-014 (sops/area/set-approved-unstamped.md): its status is set to approved (it "
        f"was in-review), {UNSTAMPED}{FIX.format('SOP-T-014')}"
    ],
    15: [
        "SOP-T-015 (sops/area/set-approved-stale.md): its status is set to approved (it was "
        f"in-review), {STALE}{FIX.format('SOP-T-015')}"
    ],
    16: [
        "SOP-T-016 (sops/area/approved-as-it-was-unstamped.md): its status is set to "
        f"approved (it was in-review), {UNSTAMPED}{FIX.format('SOP-T-016')}"
    ],
    17: [],
    18: [
        "SOP-T-018 (sops/area/new-stale-stamp.md): it is new and its status is approved, "
        f"{STALE}{FIX.format('SOP-T-018')}"
    ],
    19: [
        "SOP-T-019 (sops/area/still-approved-unstamped.md): its content changed but its "
        f"status is still approved, {UNSTAMPED}{FIX.format('SOP-T-019')}"
    ],
    20: [],
    21: [],
    22: [],
    23: [
        "SOP-T-023 (sops/area/scored.md): the QA scorecard line of a step changed "
        "(STEP_T23_ANSWER), a minor change, but its version is still 1.1.0: set "
        "`version: 1.2.0`"
    ],
    24: [
        "SOP-T-024 (sops/area/sub-step.md): the text of a step changed (STEP_H_CHECK), a "
        "minor change, but its version is still 1.1.0: set `version: 1.2.0` (or, if the "
        "change is wording only, `version: 1.1.1` and `editorial: true`)"
    ],
}


@pytest.mark.parametrize("number", sorted(VERSION_MESSAGES))
def test_the_report_says_the_version_and_status_to_write(changes, number):
    _, _, report = changes
    assert errors_of(report, number) == VERSION_MESSAGES[number]


def test_the_report_counts_every_problem_after_its_summary(changes):
    code, out, report = changes
    assert code == 1
    assert len(report["errors"]) == sum(len(m) for m in VERSION_MESSAGES.values()) == 18
    summary, problems = out.split("\n\n")[1:3]
    assert summary.startswith("**In short:** This change adds 3 SOPs (")
    assert summary.endswith(" 18 problems to fix before approval.")
    assert problems == "**18 problems to fix before approval:**"


#: What impact.json says of the version of an SOP of the changes fixture, by its number.
VERSIONS = {
    1: {
        "kind": "patch",
        "editorial": False,
        "reasons": ["the wording of Purpose changed"],
        "version_at_base": "1.1.0",
        "version": "1.1.0",
        "recommended_version": "1.1.1",
        "status_at_base": "approved",
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
        "status_at_base": "approved",
        "status": "approved",
        "recommended_status": "approved",
    },
    16: {
        "kind": "status",
        "editorial": False,
        "reasons": [],
        "version_at_base": "1.1.0",
        "version": "1.1.0",
        "recommended_version": "1.1.0",
        "status_at_base": "in-review",
        "status": "approved",
        "recommended_status": "in-review",
    },
    21: {
        "kind": "retired",
        "editorial": False,
        "reasons": [],
        "version_at_base": "1.1.0",
        "version": "1.1.0",
        "recommended_version": None,
        "status_at_base": "approved",
        "status": "retired",
        "recommended_status": None,
    },
    22: {
        "kind": "removed",
        "editorial": False,
        "reasons": [],
        "version_at_base": "1.1.0",
        "version": None,
        "recommended_version": None,
        "status_at_base": "approved",
        "status": None,
        "recommended_status": None,
    },
}


@pytest.mark.parametrize("number", sorted(VERSIONS))
def test_the_json_gives_the_kind_of_change_and_the_version_to_write(changes, number):
    _, _, report = changes
    assert report["versions"][f"SOP-T-{number:03}"] == VERSIONS[number]


def test_each_sop_is_in_its_kind_of_change(changes):
    _, _, report = changes
    assert report["sops"] == {
        "added": ["SOP-T-012", "SOP-T-013", "SOP-T-018"],
        "changed": [
            "SOP-T-001",
            "SOP-T-002",
            "SOP-T-003",
            "SOP-T-004",
            "SOP-T-005",
            "SOP-T-006",
            "SOP-T-007",
            "SOP-T-008",
            "SOP-T-009",
            "SOP-T-011",
            "SOP-T-014",
            "SOP-T-015",
            "SOP-T-019",
            "SOP-T-020",
            "SOP-T-023",
            "SOP-T-024",
        ],
        "status_changed": ["SOP-T-016", "SOP-T-017"],
        "retired": ["SOP-T-021"],
        "removed": ["SOP-T-022"],
    }, "SOP-T-010 only rewrapped a paragraph: no change"


def test_each_sop_names_its_owner_and_approver_with_their_teams(changes):
    _, _, report = changes
    sop = report["sop_changes"]["SOP-T-020"]
    assert {key: sop[key] for key in ("change", "title", "file", "owner", "approver")} == {
        "change": "changed",
        "title": "Answering a test call",
        "file": "sops/area/reviewed.md",
        "owner": {
            "role": "ROLE_TEAM_LEADER",
            "name": "Team leader",
            "team": "@callcenter/team-leaders",
        },
        "approver": {
            "role": "ROLE_OPS_MANAGER",
            "name": "Operations manager",
            "team": "@callcenter/operations-management",
        },
    }


def test_the_steps_of_an_sop_are_in_procedure_order_with_their_changes(changes):
    _, _, report = changes
    steps = report["sop_changes"]["SOP-T-020"]["steps"]
    assert [(s["id"], s["change"]) for s in steps] == [
        ("STEP_T20_ANSWER", "changed"),
        ("STEP_T20_BYE", "removed"),
        ("STEP_T20_HOLD", "added"),
        ("STEP_T20_CLOSE", "changed"),
    ], "the removed step where it was, after the step it followed; not by id"
    answer = steps[0]
    assert answer["title"] == {
        "before": "Answer the call",
        "after": "Answer the phone call",
        "diff": [["=", "Answer the "], ["+", "phone"], ["=", " call"]],
    }
    assert answer["links"] == {
        "responsible": {"added": ["ROLE_SENIOR_AGENT"], "removed": []},
        "training": {"added": ["TRN_DATA_PROTECTION"], "removed": ["TRN_CALL_HANDLING"]},
    }
    assert steps[1]["text"] == {"before": "Say goodbye politely.", "after": None}
    assert steps[1]["links"] == {
        "responsible": {"added": [], "removed": ["ROLE_AGENT"]},
        "metrics": {"added": [], "removed": ["KPI_FCR"]},
        "training": {"added": [], "removed": ["TRN_CALL_HANDLING"]},
    }
    assert steps[2]["links"] == {
        "responsible": {"added": ["ROLE_AGENT"], "removed": []},
        "metrics": {"added": ["KPI_ASA"], "removed": []},
        "training": {"added": ["TRN_CALL_HANDLING"], "removed": []},
    }


#: The section of SOP-T-020 in the Markdown report, whole.
REVIEWED_SECTION = """\
### SOP-T-020 Answering a test call (changed)

File `sops/area/reviewed.md`. A major change: a step was removed (STEP_T20_BYE).

| | At base | Now | To write |
| --- | --- | --- | --- |
| Version | 1.1.0 | 2.0.0 | 2.0.0 |
| Status | approved | in-review | in-review |

- Approver: Operations manager (ROLE_OPS_MANAGER), team `@callcenter/operations-management`, \
the only code owner of the file: its approval is required
- Owner: Team leader (ROLE_TEAM_LEADER), team `@callcenter/team-leaders`: writes or reviews \
the change; its approval is optional

#### STEP_T20_ANSWER Answer the phone call (changed step)

**Title:** Answer the <ins>phone</ins> call

**Text:** Answer within three rings <ins>&lt;script&gt;alert(1)&lt;/script&gt; \\*now\\*</ins>.

- Roles: added Senior agent
- Trainings: added Data protection for contact centers; removed Call-handling essentials

#### STEP_T20_BYE Say goodbye (removed step)

**Text:** Say goodbye politely.

- Roles: Agent
- Metrics: First-contact resolution (FCR)
- Trainings: Call-handling essentials

#### STEP_T20_HOLD Put the caller on hold (added step)

**Text:** Ask first &lt;img src=x onerror=alert(1)&gt; \\*\\*Never\\*\\* \\[skip\\](https://e.org) \
\\| \\`code\\` \\~\\~gone\\~\\~ \\$x\\$ snake_case \\_em\\_ &amp; done.

- Roles: Agent
- Metrics: Average speed of answer (ASA)
- Trainings: Call-handling essentials

#### STEP_T20_CLOSE Close the call (changed step)

<details><summary>Text: 1 word removed, 57 added</summary>

**Text:** Summarise <ins>the reason for the call</ins> and <del>thank</del><ins>what was done, \
in one or two sentences, and ask whether anything else is needed. Read back any reference \
number slowly, twice, and spell out any name. Thank</ins> the caller <ins>by name, say goodbye \
and wait for the caller to hang up first, so that nothing they add at the last moment is \
lost</ins>.

</details>
"""


def test_the_report_shows_what_is_approved_of_each_sop(changes):
    _, out, _ = changes
    section = out.split("### SOP-T-020 ", 1)[1].split("\n### ", 1)[0]
    assert "### SOP-T-020 " + section == REVIEWED_SECTION


def test_a_reworded_step_shows_word_by_word(changes):
    _, out, _ = changes
    assert "**Text:** Answer within <del>three</del><ins>two</ins> rings." in out


def test_step_text_cannot_add_markup_to_the_comment():
    text = "<b>x</b> **y** [z](http://e.org) `c` | ~d~ $e$ a_b _f_ &amp; \\"
    assert escaped(text) == (
        "&lt;b&gt;x&lt;/b&gt; \\*\\*y\\*\\* \\[z\\](http://e.org) \\`c\\` \\| \\~d\\~ \\$e\\$ "
        "a_b \\_f\\_ &amp;amp; \\\\"
    )


@pytest.mark.parametrize(
    ("before", "after", "pieces"),
    [
        (
            "Answer within three rings.",
            "Answer within two rings.",
            [("=", "Answer within "), ("-", "three"), ("+", "two"), ("=", " rings.")],
        ),
        (
            "Summarise and thank",
            "Summarise, and thank",
            [("=", "Summarise"), ("+", ","), ("=", " and thank")],
        ),
        ("within three rings", "within rings", [("=", "within "), ("-", "three"), ("=", " rings")]),
        ("rings.", "rings today", [("=", "rings"), ("-", "."), ("+", " today")]),
        ("", "new", [("+", "new")]),
    ],
)
def test_the_word_diff_reads_as_before_and_as_after(before, after, pieces):
    diff = word_diff(before, after)
    assert diff == [Piece(*piece) for piece in pieces]
    folded = " ".join
    assert folded("".join(p.text for p in diff if p.change != "+").split()) == before
    assert folded("".join(p.text for p in diff if p.change != "-").split()) == after


def test_a_new_and_a_removed_sop_list_their_steps_with_their_text(changes):
    _, out, report = changes
    new = report["sop_changes"]["SOP-T-012"]["steps"]
    assert [(s["id"], s["change"], s["text"]["after"]) for s in new] == [
        ("STEP_T12_ANSWER", "added", "Answer within three rings."),
        ("STEP_T12_CLOSE", "added", "Summarise and thank the caller."),
    ]
    removed = report["sop_changes"]["SOP-T-022"]["steps"]
    assert [(s["id"], s["change"]) for s in removed] == [
        ("STEP_T22_ANSWER", "removed"),
        ("STEP_T22_CLOSE", "removed"),
    ]
    assert "### SOP-T-022 Answering a test call (removed)" in out
    assert "#### STEP_T22_CLOSE Close the call (removed step)" in out


def test_the_catalog_changes_are_listed_field_by_field(changes):
    _, _, report = changes
    assert report["catalog"] == {
        "added": [
            {
                "id": "KPI_TEST_NEW",
                "type": "metric",
                "title": "Test callbacks kept",
                "definition": "Callbacks made on time, as a share of callbacks promised.",
                "unit": "%",
                "target": "95% or more",
                "source": "CRM",
            }
        ],
        "changed": [
            {
                "id": "KPI_ASA",
                "type": "metric",
                "title": "Average speed of answer (ASA)",
                "fields": {"target": {"before": "20 s or less", "after": "15 s or less"}},
                "must_know": {"roles": ["ROLE_AGENT", "ROLE_SENIOR_AGENT"]},
            },
            {
                "id": "TRN_TEST_CHANGED",
                "type": "training",
                "title": "Test refresher course",
                "fields": {
                    "title": {"before": "Test refresher", "after": "Test refresher course"},
                    "delivery": {"before": "classroom", "after": "e-learning"},
                    "length": {"before": "2 hours", "after": "3 hours"},
                },
            },
        ],
        "dropped": [
            {"id": "REC_TEST_GONE", "type": "record", "title": "Test log", "retention": "1 year"}
        ],
    }


CATALOG_SECTION = """\
### Catalog

- **New** metric KPI_TEST_NEW Test callbacks kept
  - definition: Callbacks made on time, as a share of callbacks promised.
  - unit: %
  - target: 95% or more
  - source: CRM
- Changed metric KPI_ASA Average speed of answer (ASA)
  - target: 20 s or less → 15 s or less
  - **Must know:** the target of KPI_ASA Average speed of answer (ASA) changes from 20 s or \
less to 15 s or less; tell the roles whose steps it measures: Agent, Senior agent
- Changed training TRN_TEST_CHANGED Test refresher course
  - title: Test refresher → Test refresher course
  - delivery: classroom → e-learning
  - length: 2 hours → 3 hours
- Dropped record REC_TEST_GONE Test log
"""


def test_the_report_lists_the_catalog_and_a_new_target_as_must_know(changes):
    _, out, _ = changes
    assert "\n" + CATALOG_SECTION in out
    assert (
        " Catalog entries: 1 added, 2 changed and 1 dropped. Must know: the target of KPI_ASA "
        "Average speed of answer (ASA) changes from 20 s or less to 15 s or less; tell the "
        "roles whose steps it measures: Agent, Senior agent. "
    ) in out.split("\n\n")[1]


def test_approval_is_asked_of_each_approver_and_of_the_catalogs_team(changes):
    _, out, report = changes
    assert [(a["role"], a["team"]) for a in report["approval"]] == [
        ("ROLE_OPS_MANAGER", "@callcenter/operations-management"),
        (None, "@callcenter/knowledge-managers"),
    ]
    assert report["approval"][1]["approves"] == [
        "KPI_TEST_NEW",
        "KPI_ASA",
        "TRN_TEST_CHANGED",
        "REC_TEST_GONE",
    ]
    assert (
        " Approval needed from: Operations manager (`@callcenter/operations-management`) and "
        "the default code owners (`@callcenter/knowledge-managers`). "
    ) in out.split("\n\n")[1]


def test_retraining_is_grouped_by_role_in_procedure_order(changes):
    _, _, report = changes
    roles = {role["role"]: role for role in report["retraining"]}
    assert len(roles) == len(report["retraining"]), "each role once"
    assert roles["ROLE_SENIOR_AGENT"] == {
        "role": "ROLE_SENIOR_AGENT",
        "name": "Senior agent",
        "retrain": [
            {"training": "TRN_CALL_HANDLING", "steps": ["STEP_T5_ANSWER"]},
            {"training": "TRN_DATA_PROTECTION", "steps": ["STEP_T20_ANSWER"]},
        ],
        "brief": [],
    }
    agent = {item["training"]: item["steps"] for item in roles["ROLE_AGENT"]["retrain"]}
    assert [s for s in agent["TRN_CALL_HANDLING"] if s.startswith("STEP_T20_")] == [
        "STEP_T20_HOLD",
        "STEP_T20_CLOSE",
    ], "procedure order, not by id"
    assert "STEP_T7_CLOSE" not in agent["TRN_CALL_HANDLING"], "declared editorial"
    assert agent["TRN_DATA_PROTECTION"] == ["STEP_T8_ANSWER", "STEP_T20_ANSWER"]


def test_the_roles_of_a_new_sop_are_briefed_not_retrained(changes):
    _, out, report = changes
    agent = next(role for role in report["retraining"] if role["role"] == "ROLE_AGENT")
    assert agent["brief"] == [
        {"sop": sop, "steps": [f"STEP_T{n}_ANSWER", f"STEP_T{n}_CLOSE"]}
        for n, sop in ((12, "SOP-T-012"), (13, "SOP-T-013"), (18, "SOP-T-018"))
    ]
    retrained = {s for item in agent["retrain"] for s in item["steps"]}
    assert not retrained & {"STEP_T12_ANSWER", "STEP_T13_CLOSE"}
    assert (
        "  - brief on the new SOP SOP-T-012 Answering a test call: STEP_T12_ANSWER Answer the "
        "call, STEP_T12_CLOSE Close the call"
    ) in out.splitlines()
    assert "- **Senior agent**\n  - refresh Call-handling essentials: STEP_T5_ANSWER Answer " in out
    assert (
        "- No one is retrained for SOP-T-007 Answering a test call: its change is declared "
        "editorial."
    ) in out.splitlines()


def test_the_report_shows_a_status_change_and_a_retirement(changes):
    _, out, _ = changes
    assert "### SOP-T-017 Answering a test call (status changed)" in out
    assert "| Status | in-review | approved | approved |" in out
    assert "### SOP-T-021 Answering a test call (retired)" in out
    assert "| Status | approved | retired | - |" in out


#: The change of a pull request as the issue tells it: an SOP added (still at its draft
#: version), a step of another reworded.
PULL_REQUEST = {
    "sops/area/message.md": replace(
        replace(
            replace(numbered(21), "Answering a test call", "Taking a test message"),
            *REVIEW,
        ),
        "version: 1.1.0",
        "version: 0.1.0",
    ),
    X: replace(replace(REWORDED, *REVIEW), "version: 1.0.0", "version: 1.1.0"),
}
PULL_REQUEST_REPORT = """\
## SOP change report (against `HEAD`)

**In short:** This change adds 1 SOP (SOP-T-021 Taking a test message, for review at 1.0.0) \
and changes 1 (SOP-T-001 Answering a test call: a minor change, 1.0.0 → 1.1.0). Steps: 1 \
changed and 2 added. Approval needed from: Operations manager \
(`@callcenter/operations-management`). Retrain: Agent. Brief on a new SOP: Agent. 1 problem \
to fix before approval.

**1 problem to fix before approval:**

- SOP-T-021 (sops/area/message.md): a new SOP goes for review as version 1.0.0, but its \
version is 0.1.0: set `version: 1.0.0`

### SOP-T-021 Taking a test message (new)

File `sops/area/message.md`. A new SOP.

| | At base | Now | To write |
| --- | --- | --- | --- |
| Version | - | 0.1.0 | **1.0.0** |
| Status | - | in-review | in-review |

- Approver: Operations manager (ROLE_OPS_MANAGER), team `@callcenter/operations-management`, \
the only code owner of the file: its approval is required (the git host reads CODEOWNERS from \
the base branch, which does not list a new file yet: request the team's review)
- Owner: Team leader (ROLE_TEAM_LEADER), team `@callcenter/team-leaders`: writes or reviews \
the change; its approval is optional

#### STEP_T21_ANSWER Answer the call (added step)

**Text:** Answer within three rings.

- Roles: Agent
- Metrics: Average speed of answer (ASA)
- Trainings: Call-handling essentials

#### STEP_T21_CLOSE Close the call (added step)

**Text:** Summarise and thank the caller.

- Roles: Agent
- Metrics: First-contact resolution (FCR)
- Trainings: Call-handling essentials
- Records: CRM contact record

### SOP-T-001 Answering a test call (changed)

File `sops/area/x.md`. A minor change: the text of a step changed (STEP_T_ANSWER).

| | At base | Now | To write |
| --- | --- | --- | --- |
| Version | 1.0.0 | 1.1.0 | 1.1.0 |
| Status | approved | in-review | in-review |

- Approver: Operations manager (ROLE_OPS_MANAGER), team `@callcenter/operations-management`, \
the only code owner of the file: its approval is required
- Owner: Team leader (ROLE_TEAM_LEADER), team `@callcenter/team-leaders`: writes or reviews \
the change; its approval is optional

#### STEP_T_ANSWER Answer the call (changed step)

**Text:** Answer within <del>three</del><ins>two</ins> rings.

### Retraining and briefing

- **Agent**
  - refresh Call-handling essentials: STEP_T_ANSWER Answer the call (SOP-T-001)
  - brief on the new SOP SOP-T-021 Taking a test message: STEP_T21_ANSWER Answer the call, \
STEP_T21_CLOSE Close the call

### Metrics whose measuring steps changed

- KPI_ASA Average speed of answer (ASA)
- KPI_FCR First-contact resolution (FCR)
"""


def test_the_report_of_a_pull_request_as_the_issue_tells_it(repo):
    for path, text in PULL_REQUEST.items():
        (repo / path).write_text(text, encoding="utf-8")
    code, out, report = impact(repo)
    assert code == 1
    assert out == PULL_REQUEST_REPORT
    assert report["approval"] == [
        {
            "role": "ROLE_OPS_MANAGER",
            "name": "Operations manager",
            "team": "@callcenter/operations-management",
            "approves": ["SOP-T-021", "SOP-T-001"],
        }
    ]


def test_the_approver_stamps_sets_approved_and_the_report_passes(repo):
    (repo / X).write_text(PULL_REQUEST[X], encoding="utf-8")  # in review
    done = subprocess.run(
        [sys.executable, "-m", "soplib.tools.approve", "SOP-T-001"],
        cwd=repo,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "_ext")},
    )
    assert done.stdout == (
        f"SOP-T-001 ({repo / X}): approval recorded; set `status: approved` and commit it: "
        "the approving commit\n"
    )
    (repo / X).write_text(replace((repo / X).read_text(), *REVIEW[::-1]), encoding="utf-8")
    code, out, report = impact(repo)
    assert code == 0, out
    assert report["versions"]["SOP-T-001"]["recommended_status"] == "approved"
    assert "No problem found." in out


def test_an_approver_role_without_a_team_is_said_so():
    catalog = {"ROLE_A": {"type": "role", "title": "Approving role"}}
    meta = {"id": "SOP-1", "title": "X", "status": "draft", "version": "0.1.0"}
    sop = {
        "docname": "sops/a/x",
        "fingerprint": "f",
        "meta": meta | {"owner": "ROLE_A", "approver": "ROLE_A"},
        "steps": [],
    }
    base = {"sops": {}, "steps": {}, "catalog": catalog}
    report = compare(base, {**base, "sops": {"SOP-1": sop}}, {}, "@t/default")
    assert report["approval"] == [
        {"role": "ROLE_A", "name": "Approving role", "team": None, "approves": ["SOP-1"]}
    ]
    out = markdown(report, "main")
    assert (
        "Approval needed from: Approving role (no team: add the role to `sop_role_teams` in "
        "conf.py)."
    ) in out
    assert (
        "- Approver: Approving role (ROLE_A), no team: add the role to `sop_role_teams` in "
        "conf.py: its approval is required"
    ) in out


def test_the_export_has_each_sections_and_flowcharts_fingerprint(build_project):
    built = build_project({X: SIMPLE, "sops/area/f.md": FLOWCHART})
    library = json.loads((built.app.outdir / "library.json").read_text(encoding="utf-8"))
    sops = library["sops"]
    titles = [section["title"] for section in built.app.config.sop_sections]
    assert sorted(sops["SOP-T-001"]["sections"]) == sorted(titles)
    scope = folded_fingerprint("Inbound calls on the test queue.")
    assert sops["SOP-T-001"]["sections"]["Scope"] == scope
    assert sops["SOP-T-001"]["flowcharts"] == []
    code = FLOWCHART.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert sops["SOP-T-003"]["flowcharts"] == [folded_fingerprint(code)]
    assert library["catalog"]["TRN_DATA_PROTECTION"] == {
        "type": "training",
        "title": "Data protection for contact centers",
        "delivery": "e-learning",
        "length": "90 minutes",
        "refresh_every": "12 months",
    }


def test_the_export_gives_each_step_its_own_text_as_read_in_this_or_an_earlier_build(
    tmp_path,
):
    project = write_project(tmp_path / "project", {"sops/area/h.md": HIERARCHICAL, X: SIMPLE})

    def texts() -> dict[str, str]:
        library = json.loads((tmp_path / "out" / "html" / "library.json").read_text("utf-8"))
        return {step_id: step["text"] for step_id, step in library["steps"].items()}

    build(project, tmp_path / "out", freshenv=True)
    first = texts()
    assert first["STEP_H_INDUCTION"] == "Two days of induction."  # not its sub-step's
    assert first["STEP_H_CHECK"] == "80% to pass."
    edited = project / X
    edited.write_text(SIMPLE.replace("Summarise and thank", "Summarise, then thank"), "utf-8")
    later = time.time() + 5
    os.utime(edited, (later, later))
    build(project, tmp_path / "out")  # reads x.md only; h.md's texts are kept from the first
    assert texts() == {**first, "STEP_T_CLOSE": "Summarise, then thank the caller."}


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
    assert "retires 1 SOP (SOP-T-001 Answering a test call)" in out
    assert "| Version | 1.0.0 | 2.0.0 | - |" in out


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


def test_a_changed_scorecard_line_is_shown_with_the_step(changes):
    _, out, _ = changes
    step = out[out.index("#### STEP_T23_ANSWER") :]
    step = step[: step.index("\n###")]
    assert step.splitlines()[1:] == [
        "",
        "- QA scorecard, weight: 1 → 3",
        "- QA scorecard, critical: no → yes",
    ]
