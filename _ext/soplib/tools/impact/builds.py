"""The two libraries a change report compares: built from a git revision and from the
working tree, both with the repository's configuration and checks of today."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

from ...model.i18n import say
from ...site.export import EXPORT

#: What of a revision is built: the pages of the site.
SOURCES = ("index.md", "sops", "views")


class ImpactError(Exception):
    """The report cannot be made; the message says why."""


def build_library(repo: Path, srcdir: Path, workdir: Path) -> dict[str, Any]:
    """Build srcdir with the repository's configuration and return its export."""
    outdir = workdir / "out"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "dummy",
            "-q",
            "-E",
            "-c",
            str(repo),
            "-d",
            str(workdir / "doctrees"),
            str(srcdir),
            str(outdir),
        ],
        capture_output=True,
        text=True,
    )
    export = outdir / EXPORT
    if not export.exists():
        raise ImpactError(
            say("the library in %(folder)s could not be built:", folder=srcdir)
            + f"\n{done.stderr[-2000:]}"
        )
    library: dict[str, Any] = json.loads(export.read_text(encoding="utf-8"))
    return library


def library_at(repo: Path, revision: str, workdir: Path) -> dict[str, Any]:
    """The library as it was at a git revision (of its pages, those it had then)."""
    listed = subprocess.run(
        ["git", "ls-tree", "--name-only", revision], cwd=repo, capture_output=True, text=True
    )
    if listed.returncode != 0:
        raise ImpactError(unreadable(revision, listed.stderr.strip()))
    present = [name for name in SOURCES if name in listed.stdout.split()]
    if not present:
        raise ImpactError(
            say(
                "the revision %(revision)s holds no library: it has none of %(pages)s; "
                "compare with a revision that has the library's pages",
                revision=repr(revision),
                pages=", ".join(SOURCES),
            )
        )
    archive = subprocess.run(
        ["git", "archive", "--format=tar", revision, "--", *present], cwd=repo, capture_output=True
    )
    if archive.returncode != 0:
        raise ImpactError(unreadable(revision, archive.stderr.decode().strip()))
    srcdir = workdir / "src"
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(srcdir, filter="data")
    return build_library(repo, srcdir, workdir)


def unreadable(revision: str, why: str) -> str:
    # Translators: why is git's own message, in English.
    return say(
        "git cannot read the revision %(revision)s: %(why)s", revision=repr(revision), why=why
    )
