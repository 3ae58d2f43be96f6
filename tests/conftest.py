"""The fixtures every kind of test shares: a small project built from scratch, the real
library built once, and a library committed in a new git repository. The helpers they
use are in ``tests/support/``.

Nothing here imports soplib when the tests load: a module that imports up a layer often
makes an import cycle, and the layer test (tests/unit/test_layers.py) must still run to
name it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from samples import SIMPLE
from support.projects import REPO, Build, BuildProject, build, commit_library, write_project


@pytest.fixture(autouse=True)
def messages_as_in_a_new_process() -> None:
    """Each test starts as a command does: messages to authors in English, ending with
    the local Authoring guide's address. A build sets both for the library it builds,
    and they would otherwise stay as the last build in this process left them."""
    from soplib.model.i18n import use_author_language
    from soplib.model.problems import GUIDE, LOCAL_GUIDE

    use_author_language("en")
    GUIDE["address"] = LOCAL_GUIDE


@pytest.fixture
def build_project(tmp_path: Path) -> BuildProject:
    """Build a project of the given files, from scratch, and return its warnings."""
    count = 0

    def build_files(files: dict[str, str], **kwargs) -> Build:
        nonlocal count
        count += 1
        return build(write_project(tmp_path / f"project{count}", files), freshenv=True, **kwargs)

    return build_files


@pytest.fixture(scope="session")
def library(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The real library, built once from the repository."""
    return build(REPO, tmp_path_factory.mktemp("library"), freshenv=True, report_unused=True)


def edition(tmp_path_factory: pytest.TempPathFactory, language: str) -> Path:
    """The library's edition in a language, built as make html builds it: its output folder."""
    settings = {"language": language, "sop_source_language": "en"}
    built = build(REPO, tmp_path_factory.mktemp(language), confoverrides=settings,
                  freshenv=True, report_unused=True)  # fmt: skip
    assert built.lines == []
    return Path(built.app.outdir)


@pytest.fixture(scope="session")
def hungarian_edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The library's Hungarian edition, built once."""
    return edition(tmp_path_factory, "hu")


@pytest.fixture(scope="session")
def portuguese_edition(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The library's Portuguese edition, built once."""
    return edition(tmp_path_factory, "pt")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A library of one approved SOP, committed in a new git repository."""
    from soplib.tools.approve import stamp

    return commit_library(tmp_path / "repo", {"sops/area/x.md": stamp(SIMPLE)})
