"""make impact's command in this process: the revision it reads from git, the library it
builds, and what it prints and writes (the builds replaced by the sample's exports, except
in the one test of a real build)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from samples import IMPACT_SAMPLE, SIMPLE, dumped
from soplib.tools.impact import __main__ as command
from soplib.tools.impact import builds
from soplib.tools.impact.builds import ImpactError, build_library, library_at
from support.projects import REPO, git, write_project


def sample(name: str) -> Any:
    return json.loads((IMPACT_SAMPLE / name).read_text(encoding="utf-8"))


def files_of(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A git repository with two commits: pages and other files, then a view more."""
    repo = tmp_path / "repo"
    for name in ("index.md", "sops/area/x.md", "README.md", "conf.py", "data/kpi/a.csv"):
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(f"{name}\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "first")
    (repo / "views").mkdir()
    (repo / "views" / "v.md").write_text("view\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "second")
    return repo


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Path, Path, Path]]:
    """The builds library_at asks for, each answered with the folders it was given."""
    asked: list[tuple[Path, Path, Path]] = []

    def build(repo: Path, srcdir: Path, workdir: Path) -> dict[str, Any]:
        asked.append((repo, srcdir, workdir))
        return {"pages": files_of(srcdir)}

    monkeypatch.setattr(builds, "build_library", build)
    return asked


def test_a_revision_is_built_from_its_pages_alone(repository, built, tmp_path):
    work = tmp_path / "work"
    assert library_at(repository, "HEAD", work) == {
        "pages": ["index.md", "sops/area/x.md", "views/v.md"]
    }
    assert built == [(repository, work / "src", work)]
    first = library_at(repository, "HEAD~1", tmp_path / "first")
    assert first == {"pages": ["index.md", "sops/area/x.md"]}  # it had no views yet


def test_a_revision_git_cannot_read_is_said_with_gits_words(repository, built, tmp_path):
    with pytest.raises(ImpactError) as raised:
        library_at(repository, "nosuch", tmp_path / "work")
    assert str(raised.value).startswith("git cannot read the revision 'nosuch': fatal: ")
    assert "nosuch" in str(raised.value).removeprefix("git cannot read the revision 'nosuch'")
    assert built == []


def test_a_revision_with_none_of_the_pages_is_no_library(tmp_path, built):
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "README.md").write_text("readme\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "only a readme")
    with pytest.raises(ImpactError) as raised:
        library_at(repo, "HEAD", tmp_path / "work")
    assert str(raised.value) == (
        "the revision 'HEAD' holds no library: it has none of index.md, sops, views; compare "
        "with a revision that has the library's pages"
    )
    assert built == []


def test_a_library_is_built_with_the_repositorys_configuration(tmp_path):
    srcdir = write_project(tmp_path / "src", {"sops/area/x.md": SIMPLE})
    (srcdir / "conf.py").write_text("raise SystemExit('not this configuration')\n")
    work = tmp_path / "work"
    library = build_library(REPO, srcdir, work)
    assert list(library["sops"]) == ["SOP-T-001"]
    assert (work / "doctrees").is_dir()
    assert (work / "out" / "library.json").is_file()


def test_a_library_that_cannot_be_built_says_so_with_sphinxs_last_words(tmp_path):
    missing = tmp_path / "nothing"
    with pytest.raises(ImpactError) as raised:
        build_library(REPO, missing, tmp_path / "work")
    first, _, rest = str(raised.value).partition("\n")
    assert first == f"the library in {missing} could not be built:"
    assert "nothing" in rest and len(rest) <= 2000  # the tail of stderr


@pytest.fixture
def exports(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    """The command's builds answered with the sample's exports; what each was asked."""
    asked: list[tuple[str, ...]] = []

    def base(repo: Path, revision: str, workdir: Path) -> Any:
        asked.append(("base", str(repo), revision, workdir.name))
        return sample("base.json")

    def new(repo: Path, srcdir: Path, workdir: Path) -> Any:
        asked.append(("new", str(repo), str(srcdir), workdir.name))
        return sample("new.json")

    monkeypatch.setattr(command, "library_at", base)
    monkeypatch.setattr(command, "build_library", new)
    monkeypatch.chdir(REPO)
    return asked


def test_the_command_prints_the_report_and_writes_its_json(exports, tmp_path, capsys):
    written = tmp_path / "out" / "impact.json"
    status = command.main(["--base", "HEAD", "--json", str(written)])
    printed = capsys.readouterr()
    assert printed.out == (IMPACT_SAMPLE / "report.md").read_text(encoding="utf-8")
    assert printed.err == ""
    assert dumped(json.loads(written.read_text(encoding="utf-8"))) == dumped(sample("report.json"))
    assert status == 1  # the sample's changes have errors
    assert exports == [("base", str(REPO), "HEAD", "base"), ("new", str(REPO), str(REPO), "new")]


def test_the_command_without_errors_exits_0_and_writes_no_json_unless_asked(
    exports, monkeypatch, capsys
):
    monkeypatch.setattr(command, "compare", lambda *_: {"errors": []})
    monkeypatch.setattr(command, "markdown", lambda report, base: f"report against {base}\n")
    assert command.main(["--base", "main~2"]) == 0
    assert capsys.readouterr().out == "report against main~2\n"


def test_the_command_that_cannot_build_says_why_and_exits_2(exports, monkeypatch, capsys):
    def fail(*_: object) -> None:
        raise ImpactError("git cannot read the revision 'x': fatal")

    monkeypatch.setattr(command, "library_at", fail)
    assert command.main(["--base", "x"]) == 2  # the status of a failure
    printed = capsys.readouterr()
    assert printed.out == ""
    assert printed.err == "make impact: git cannot read the revision 'x': fatal\n"


def test_the_command_needs_a_base(capsys):
    with pytest.raises(SystemExit) as stopped:
        command.main([])
    assert stopped.value.code == 2  # argparse's status
    assert "the following arguments are required: --base" in capsys.readouterr().err
