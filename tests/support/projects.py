"""Small SOP projects built with Sphinx's own test application.

A project is the real ``conf.py`` and the real catalogs, plus the pages a test gives,
so every test checks the configuration the library itself is built with.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

# make mutate runs a copy of the tests elsewhere, against the library here.
REPO = Path(os.environ.get("SOPLIB_REPOSITORY") or Path(__file__).resolve().parents[2])

INDEX = """\
# Test library

```{toctree}
:glob:

sops/*/*
```
"""


class Build:
    """The outcome of a build: its warnings, one per line, paths relative to the project."""

    def __init__(self, app: SphinxTestApp) -> None:
        self.app = app
        text = strip_escape_sequences(app.warning.getvalue())
        # the location at the start of a line only: a message that names a file by its
        # full path shows it so
        self.text = re.sub(rf"^{re.escape(str(app.srcdir))}/", "", text, flags=re.MULTILINE)
        self.lines = [line for line in self.text.splitlines() if line.strip()]

    def warnings_of(self, prefix: str) -> list[str]:
        """The warning and error lines whose subtype starts with prefix, e.g. 'sop.'."""
        return [line for line in self.lines if re.search(rf"\[{re.escape(prefix)}[\w.]*\]$", line)]

    def page(self, docname: str) -> str:
        return (self.app.outdir / f"{docname}.html").read_text(encoding="utf-8")


def write_project(root: Path, files: dict[str, str]) -> Path:
    """A project in root: conf.py, the catalogs, an index, and the given files."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "conf.py", root / "conf.py")
    shutil.copytree(REPO / "sops" / "catalog", root / "sops" / "catalog", dirs_exist_ok=True)
    (root / "index.md").write_text(INDEX, encoding="utf-8")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def make_environment() -> dict[str, str]:
    """The environment of a make an author runs in a shell: not a make inside the make
    that runs the tests (make test), which would add its level and flags."""
    inherited = ("MAKELEVEL", "MAKEFLAGS", "MFLAGS", "MAKEOVERRIDES")
    return {name: value for name, value in os.environ.items() if name not in inherited}


def with_make(root: Path) -> Path:
    """A project (see write_project) that runs the repository's Makefile, extension and
    installs."""
    for name in ("Makefile", "requirements.txt", "package-lock.json"):
        shutil.copy2(REPO / name, root / name)  # keeps times: the installs stay current
    for name in ("_ext", ".venv", "node_modules"):
        (root / name).symlink_to(REPO / name)
    return root


def touch(path: Path, text: str) -> None:
    """Write a file so that the next incremental build sees it as changed."""
    path.write_text(text, encoding="utf-8")
    later = time.time() + 5
    os.utime(path, (later, later))


def build(
    srcdir: Path,
    builddir: Path | None = None,
    confoverrides: dict[str, Any] | None = None,
    report_unused: bool = False,
    builder: str = "html",
    **kwargs: Any,
) -> Build:
    """Build srcdir (to HTML, unless another builder is named) and release the app at
    once: Sphinx's test app registers docutils nodes and directives globally until it is
    cleaned up. A test project uses a few entries of the real catalogs, so unused entries
    are not reported, unless report_unused is set."""
    overrides = dict(confoverrides or {})
    if not report_unused:
        from soplib.model.trace import schema_definitions  # imported late: see conftest.py

        overrides["needs_schema_definitions"] = schema_definitions(every_entry_used=False)
    app = SphinxTestApp(
        builder, srcdir=srcdir, builddir=builddir, confoverrides=overrides, **kwargs
    )
    try:
        app.build()
        return Build(app)
    finally:
        app.cleanup()


#: The build_project fixture: build a project of the given files, from scratch.
BuildProject = Callable[..., Build]


def git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=repo, check=True, capture_output=True, text=True
    ).stdout


def commit_library(root: Path, files: dict[str, str]) -> Path:
    """A project of the given files (see write_project), using this repository's
    extension, committed in a new git repository."""
    write_project(root, files)
    (root / "_ext").symlink_to(REPO / "_ext")
    author = ("-c", "user.name=Author", "-c", "user.email=a@example.org")
    git(root, "init", "-q", "-b", "main")
    git(root, *author, "add", "-A")
    git(root, *author, "commit", "-qm", "Library")
    return root
