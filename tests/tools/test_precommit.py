"""The pre-commit hooks: a commit with a broken SOP, or with code that lint or the type
checker rejects, is refused, naming the problem."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from samples import SIMPLE, replace
from samples.defects import with_guide
from support.projects import REPO, git


def with_hooks(repo: Path) -> Path:
    """The repository with this one's hooks, their settings and its virtual environment."""
    for name in (".pre-commit-config.yaml", "pyproject.toml"):
        shutil.copy(REPO / name, repo)
    (repo / ".venv").symlink_to(REPO / ".venv")
    return repo


def pre_commit(repo: Path, *files: str) -> subprocess.CompletedProcess[str]:
    git(repo, "add", "-A")
    return subprocess.run(
        [str(REPO / ".venv/bin/pre-commit"), "run", "--files", *files],
        cwd=repo,
        capture_output=True,
        text=True,
    )


def test_a_commit_with_a_broken_sop_is_refused(repo):
    with_hooks(repo)
    (repo / "sops/area/x.md").write_text(replace(SIMPLE, "status: approved", "status: aproved"))
    done = pre_commit(repo, "sops/area/x.md")
    assert done.returncode == 1
    assert (
        with_guide(
            "sops/area/x.md:6: status 'aproved' is not a status: use one of draft, in-review, "
            "approved, retired [sop.unknown_status]"
        )
        in done.stdout
    )


def test_a_commit_of_code_that_lint_or_types_reject_is_refused(repo):
    code = with_hooks(repo) / "_tools" / "count.py"
    code.parent.mkdir()
    code.write_text('import os\n\n\ndef count() -> int:\n    return "three"\n')
    done = pre_commit(repo, "_tools/count.py")
    assert done.returncode == 1
    assert "F401 [*] `os` imported but unused\n --> _tools/count.py:1:8" in done.stdout
    assert (
        '_tools/count.py:5: error: Incompatible return value type (got "str", expected "int")'
        in done.stdout
    )
    assert re.search(r"^ruff \(format[^\n]*\.Passed$", done.stdout, flags=re.M), "formatted"
