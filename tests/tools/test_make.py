"""make html as an author runs it, in a copy of the repository."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from sphinx.util.console import strip_escape_sequences

from samples import SIMPLE, line_of
from samples.defects import with_guide
from support.projects import REPO, make_environment, touch, with_make, write_project


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
    return subprocess.run(
        ["make", "html"], cwd=repo, capture_output=True, text=True, env=make_environment()
    )


@pytest.mark.skipif(
    not (REPO / ".venv" / "bin" / "sphinx-build").exists(),
    reason="needs the virtual environment that make creates",
)
def test_make_html_fails_on_a_missing_section_until_it_is_fixed_but_not_on_kpi_figures(
    tmp_path,
):
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
    assert first.returncode == 2, "make's own status for a failed command"
    last = first.stderr.strip().splitlines()
    assert re.fullmatch(r"make: \*\*\* \[Makefile:\d+: html\] Error 1", last.pop())
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
    assert not (repo / "_build" / "html").exists(), "a failed build leaves no site behind"
    assert (repo / "_build" / "html-failed" / "index.html").exists()

    # Nothing changed: the next build reads only the pages that had a problem, and
    # reports every problem again.
    again = make_html(repo)
    assert again.returncode == 2
    assert again.stderr.strip().splitlines()[-len(problems) - 1 : -1] == problems
    read = strip_escape_sequences(again.stdout)  # Sphinx colours it where the terminal may
    assert read.count("updating environment: 0 added, 3 changed, 0 removed") == 3
    assert not (repo / "_build" / "html").exists()

    # Fixed, with a line of this month's KPI figures that cannot be read: the site is
    # written without that figure, and the problem is listed after it.
    touch(sop, original)
    touch(other, other_text)
    touch(legacy, legacy_text.replace("\nÜgyfél.\n", ""))
    figures = repo / "data" / "kpi" / "sample-acd.csv"
    touch(figures, figures.read_text(encoding="utf-8") + "2026-01,KPI_ABANDON_RATE,n/a,Inbound,\n")
    fixed = make_html(repo)
    assert fixed.returncode == 0, fixed.stderr
    assert fixed.stderr.strip().splitlines()[-3:] == [
        "make html left out 1 line of the KPI figures that it could not read; the site "
        "shows the other figures:",
        with_guide(
            f"data/kpi/sample-acd.csv:{len(figures.read_text().splitlines())}: the value "
            "'n/a' is not a number: write the figure alone, in the metric's unit, with a point "
            "before its decimals and no unit or % sign, such as 78.4 (or remove the line if "
            "there is no figure) [sop.kpi_value]"
        ),
        "Fix the figures file and run make html again to show them.",
    ]
    assert not (repo / "_build" / "html-failed").exists()
    for edition in ("", "hu/", "pt/"):
        page = f"_build/html/{edition}sops/inbound/answering-and-greeting.html"
        assert (repo / page).exists(), page
    assert "its editions in _build/html/hu/, _build/html/pt/" in fixed.stdout


@pytest.fixture
def failing_library(tmp_path: Path) -> Path:
    """A small library whose one SOP has no Training section, run with make."""
    text = SIMPLE[: SIMPLE.index("## Training")] + SIMPLE[SIMPLE.index("## References") :]
    return with_make(write_project(tmp_path / "lib", {"sops/area/x.md": text}))


def summary_and_status(run: subprocess.CompletedProcess) -> tuple[str, int]:
    """The last line make html wrote before make's own, and the status."""
    lines = run.stderr.strip().splitlines()
    before = lines[lines.index(next(line for line in lines if line.startswith("make: ***"))) - 1]
    return before, run.returncode


@pytest.mark.parametrize(
    "command",
    [
        # a script that runs make in the background, where SIGINT is ignored
        ["bash", "-c", "make html & wait $!"],
        # make -k goes on with the other targets, and still fails
        ["make", "-k", "html", "help"],
    ],
    ids=["background", "keep-going"],
)
def test_a_failed_make_html_fails_however_it_is_run(failing_library, command):
    run = subprocess.run(
        command, cwd=failing_library, capture_output=True, text=True, env=make_environment()
    )
    assert summary_and_status(run) == (
        "No site was written: fix the problems and run make html again.",
        2,
    )
    assert "[sop.missing_section]" in run.stderr
    assert ("Usage: make <command>" in run.stdout) == ("help" in command)
    assert not (failing_library / "_build" / "html").exists()
