"""make html as an author runs it, in a copy of the repository."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from samples import line_of
from samples.defects import with_guide
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


def step_line(text: str, needle: str) -> int:
    """The line of the step whose options hold needle (where its messages are located)."""
    lines = text.splitlines()[: line_of(text, needle)]
    return max(n for n, line in enumerate(lines, start=1) if "{step}" in line)


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
    broken = original.replace(training, "").replace(
        "## Scope\n", "## Scope\n\n<script>alert('hello')</script>\n", 1
    )
    touch(sop, broken)
    # two more problems elsewhere: a mistyped metric, and a page saved as Windows-1250
    other = repo / "sops" / "inbound" / "warm-transfer.md"
    other_text = other.read_text(encoding="utf-8")
    metric = re.search(r":metrics: (KPI_\w+)", other_text)
    assert metric
    mistyped = other_text.replace(metric[0], metric[0][:-1], 1)
    legacy = repo / "sops" / "customer-issues" / "complaint-handling.md"
    legacy_text = legacy.read_text(encoding="utf-8").replace(
        "## Purpose\n", "## Purpose\n\nÜgyfél.\n"
    )
    touch(other, mistyped)
    legacy.write_bytes(legacy_text.encode("cp1250"))

    first = make_html(repo)
    assert first.returncode != 0
    last = first.stderr.strip().splitlines()
    assert last[-1] == "No site was written: fix the problems and run make html again."
    problems = last[last.index(next(line for line in last if line.startswith("make html found"))) :]
    assert (
        problems[0] == f"make html found {len(problems) - 2} problems (in the English, "
        "Hungarian, Portuguese editions):"
    )
    assert (
        with_guide(
            f"sops/inbound/answering-and-greeting.md:{line_of(broken, '## References')}: SOP "
            "SOP-CC-001 has no 'Training' section: add '## Training' before '## References' "
            "[sop.missing_section]"
        )
        in problems
    )
    assert (
        with_guide(
            f"sops/inbound/answering-and-greeting.md:{line_of(broken, '<script>')}: raw HTML "
            "'<script>' is not published: it could run code or change the page in every "
            "reader's browser; remove it, or write the text in Markdown [sop.raw_html]"
        )
        in problems
    )
    assert any(
        line.startswith(f"sops/inbound/warm-transfer.md:{step_line(mistyped, metric[0][:-1])}: ")
        and f"did you mean {metric[1]}?" in line
        and line.endswith("[sop.unknown_link]")
        for line in problems
    ), problems
    assert any(
        line.startswith(
            f"sops/customer-issues/complaint-handling.md:{line_of(legacy_text, 'Ügyfél')}: "
        )
        and "save the file as UTF-8" in line
        for line in problems
    ), problems
    assert "make: ***" not in first.stderr, "make's own error line is not the last word"
    assert not (repo / "_build" / "html").exists(), "a failed build leaves no site behind"

    again = make_html(repo)
    assert again.returncode != 0 and again.stderr.strip().splitlines()[-len(problems) :] == problems
    touch(sop, original)
    touch(other, other_text)
    touch(legacy, legacy_text.replace("\nÜgyfél.\n", ""))
    fixed = make_html(repo)
    assert fixed.returncode == 0, fixed.stderr
    for edition in ("", "hu/", "pt/"):
        page = f"_build/html/{edition}sops/inbound/answering-and-greeting.html"
        assert (repo / page).exists(), page
    assert "its editions in _build/html/hu/, _build/html/pt/" in fixed.stdout
