"""The files the git host reads: CODEOWNERS current, the pull-request template, and a
workflow that runs the commands this repository has."""

from __future__ import annotations

import re
import subprocess

import yaml

from support.projects import REPO


def test_codeowners_is_up_to_date():
    done = subprocess.run(
        [str(REPO / ".venv" / "bin" / "python"), "-m", "soplib.tools.codeowners", "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO / "_ext"), "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr


def test_the_workflow_runs_the_repository_commands():
    workflow = yaml.safe_load((REPO / ".github/workflows/sop-library.yml").read_text())
    commands = " ".join(
        step.get("run", "") for job in workflow["jobs"].values() for step in job.get("steps", [])
    )
    for command in (
        "bash .ci/run",
        "make html",
        "make impact",
        "make linkcheck",
        "soplib.tools.codeowners --check",
    ):
        assert command in commands
    makefile = (REPO / "Makefile").read_text()
    for target in re.findall(r"make (\w+)", commands):
        assert re.search(rf"^{target}:", makefile, flags=re.M), target


def test_the_pull_request_template_has_both_checklists():
    text = (REPO / ".github" / "pull_request_template.md").read_text()
    assert "## Author's checklist" in text and "## Reviewer's checklist" in text
    assert "make approve" in text
