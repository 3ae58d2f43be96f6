"""make html as an author runs it, in a copy of the repository."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from samples import line_of
from support.projects import REPO, touch


def copy_repository(target: Path) -> Path:
    """The repository's files in target, sharing this checkout's virtual environment."""
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    for name in files.splitlines():
        if (REPO / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, target / name)  # keeps times: the venv stays current
    (target / ".venv").symlink_to(REPO / ".venv")
    return target


def make_html(repo: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "html"], cwd=repo, capture_output=True, text=True)


@pytest.mark.skipif(
    not (REPO / ".venv" / "bin" / "sphinx-build").exists(),
    reason="needs the virtual environment that make creates",
)
def test_make_html_fails_on_a_missing_section_until_it_is_fixed(tmp_path):
    repo = copy_repository(tmp_path / "repo")
    sop = repo / "sops" / "inbound" / "answering-and-greeting.md"
    original = sop.read_text(encoding="utf-8")
    training = original[original.index("## Training") : original.index("## References")]
    broken = original.replace(training, "")
    touch(sop, broken)
    expected = (
        f"{sop}:{line_of(broken, '## References')}: WARNING: SOP SOP-CC-001 has no "
        "'Training' section: add '## Training' before '## References' "
        "[sop.missing_section]"
    )
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
    for edition in ("", "hu/", "pt/"):
        page = f"_build/html/{edition}sops/inbound/answering-and-greeting.html"
        assert (repo / page).exists(), page
    assert "its editions in _build/html/hu/, _build/html/pt/" in fixed.stdout
