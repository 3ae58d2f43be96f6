"""The pre-commit hook: a commit with a broken SOP is refused, naming the problem."""

from __future__ import annotations

import shutil
import subprocess

from samples import SIMPLE, replace
from support.projects import REPO, git

COMMIT = ("-c", "user.name=A", "-c", "user.email=a@example.org", "commit", "-qm", "Change")


def test_a_commit_with_a_broken_sop_is_refused(repo):
    shutil.copy(REPO / ".pre-commit-config.yaml", repo)
    (repo / ".venv").symlink_to(REPO / ".venv")
    (repo / "sops/area/x.md").write_text(replace(SIMPLE, "status: approved", "status: aproved"))
    git(repo, "add", "-A")
    done = subprocess.run([str(REPO / ".venv/bin/pre-commit"), "run", "--files",
                           "sops/area/x.md"], cwd=repo, capture_output=True, text=True)
    assert done.returncode == 1
    assert ("sops/area/x.md:6: status 'aproved' is not a status: use one of draft, in-review, "
            "approved, retired [sop.unknown_status]") in done.stdout
