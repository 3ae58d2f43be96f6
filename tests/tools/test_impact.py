"""The change report and the approval stamps, on real git repositories in temporary
folders with real commits."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from samples import SIMPLE, replace
from soplib.tools.approve import stamp
from support.projects import REPO, build, git, write_project

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


def test_a_reworded_step_without_a_new_version_fails(repo):
    edit(repo, REWORDED)
    code, out, report = impact(repo)
    assert code == 1
    assert report["errors"] == [
        f"SOP-T-001 ({X}): its content changed but its version is still 1.0.0: raise it "
        "(the pull request's approval approves the new version)"
    ]
    assert report["steps"]["changed"] == ["STEP_T_ANSWER"]
    assert report["retraining"] == [
        {
            "step": "STEP_T_ANSWER",
            "sop": "SOP-T-001",
            "roles": ["ROLE_AGENT"],
            "trainings": ["TRN_CALL_HANDLING"],
        }
    ]
    assert "| Agent | Call-handling essentials | STEP_T_ANSWER Answer the call (SOP-T-001) |" in out


def test_a_new_version_passes_and_still_lists_the_retraining(repo):
    edit(repo, replace(REWORDED, "version: 1.0.0", "version: 1.1.0"))
    code, out, report = impact(repo)
    assert code == 0, out
    assert [item["step"] for item in report["retraining"]] == ["STEP_T_ANSWER"]


def test_rewrapping_a_paragraph_is_no_change(repo):
    edit(repo, replace(SIMPLE, "Answer within three rings.", "Answer within\nthree rings."))
    code, out, report = impact(repo)
    assert code == 0, out
    assert report["sops"]["changed"] == [] and "No SOP or step changed." in out


def test_a_replaced_role_asks_to_train_the_new_one(repo):
    edit(
        repo,
        replace(
            replace(
                SIMPLE,
                ":responsible: ROLE_AGENT\n:metrics: KPI_ASA",
                ":responsible: ROLE_SENIOR_AGENT\n:metrics: KPI_ASA",
            ),
            "version: 1.0.0",
            "version: 1.1.0",
        ),
    )
    code, _, report = impact(repo)
    assert code == 0
    assert report["retraining"][0]["roles"] == ["ROLE_SENIOR_AGENT"]


def test_an_added_training_asks_for_it(repo):
    edit(
        repo,
        replace(
            replace(
                SIMPLE,
                ":training: TRN_CALL_HANDLING\n\nAnswer",
                ":training: TRN_CALL_HANDLING, TRN_DATA_PROTECTION\n\nAnswer",
            ),
            "version: 1.0.0",
            "version: 1.1.0",
        ),
    )
    _, _, report = impact(repo)
    assert report["retraining"][0]["trainings"] == ["TRN_CALL_HANDLING", "TRN_DATA_PROTECTION"]


def test_an_editorial_typo_fix_needs_a_patch_version_and_no_retraining(repo):
    typo = replace(
        replace(SIMPLE, "Summarise and thank", "Summarise, and thank"),
        "version: 1.0.0",
        "version: 1.0.1\neditorial: true",
    )
    edit(repo, typo)
    code, out, report = impact(repo)
    assert code == 0, out
    assert report["steps"]["changed"] == ["STEP_T_CLOSE"] and report["retraining"] == []
    edit(repo, replace(typo, "version: 1.0.1", "version: 1.1.0"))
    code, _, report = impact(repo)
    assert code == 1
    assert report["errors"] == [
        f"SOP-T-001 ({X}): the change is declared editorial but the version went from 1.0.0 "
        "to 1.1.0: an editorial change raises the patch number only"
    ]


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
