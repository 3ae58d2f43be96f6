"""The pre-commit hook: a commit with a broken SOP is refused, naming the problem."""

from __future__ import annotations

import shutil
import subprocess

from conftest import REPO, git
from samples import SIMPLE, line_of, replace
from soplib.tools.precheck import check_file

COMMIT = ("-c", "user.name=A", "-c", "user.email=a@example.org", "commit", "-qm", "Change")


def test_fast_checks_name_file_line_and_fix(tmp_path):
    path = tmp_path / "x.md"
    path.write_text(replace(replace(SIMPLE, "status: approved", "status: aproved"),
                            "Inbound calls on the test queue.", "<Which calls it covers>"))
    assert check_file(path) == [
        f"{path}:6: status 'aproved' is not a status: use one of draft, in-review, approved, "
        "retired [sop.unknown_status]"]
    text = replace(SIMPLE, "Inbound calls on the test queue.", "<Which calls>")
    path.write_text(text)
    assert check_file(path) == [
        f"{path}:{line_of(text, '<Which calls>')}: SOP SOP-T-001 still has the guidance <Which calls>: replace it with the "
        "SOP's own text (only a draft may keep it) [sop.placeholder]"]


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
