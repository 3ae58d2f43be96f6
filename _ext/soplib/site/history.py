"""The revision history of each SOP page, from git: date, version, author and summary
of every commit that changed the file, newest first.

Read once per build: one ``git log`` over the SOPs, and one ``git cat-file --batch``
for the version each commit gave the file. A copy of the library without git (a
tarball) builds all the same; its pages say they have no history.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import NamedTuple

from docutils import nodes
from sphinx.application import Sphinx

from ..model.records import sop_records
from ..model.store import Slot
from .blocks import table

HEADING = "Revision history"
NO_GIT = "No revision history: this copy of the library was not built from a git checkout."
VERSION = re.compile(r"^version:\s*(\S+)", re.M)


class Revision(NamedTuple):
    date: str
    version: str
    author: str
    summary: str


#: Each SOP file's revisions, read once per build; None outside a git checkout.
HISTORY: Slot[dict[str, list[Revision]] | None] = Slot("sop_history", lambda: None)


def read_history(root: Path, folder: str) -> dict[str, list[Revision]] | None:
    """Each file's revisions under folder, newest first; None outside a git checkout."""
    git = shutil.which("git")
    if git is None or not (root / ".git").exists():
        return None
    log = subprocess.run(
        [
            git,
            "log",
            "--date=short",
            "--name-only",
            "--format=%x1e%H%x1f%ad%x1f%an%x1f%s",
            "--",
            folder,
        ],
        cwd=root,
        capture_output=True,
        text=True,
    )
    if log.returncode != 0:
        return None
    commits: list[tuple[str, str, str, str, list[str]]] = []
    for entry in log.stdout.split("\x1e")[1:]:
        head, _, files = entry.partition("\n")
        commit, date, author, summary = head.split("\x1f", 3)
        commits.append((commit, date, author, summary, [f for f in files.split("\n") if f]))
    wanted = [(commit, path) for commit, *_, paths in commits for path in paths]
    versions = dict(zip(wanted, _versions(git, root, wanted), strict=True))
    history: dict[str, list[Revision]] = {}
    for commit, date, author, summary, paths in commits:
        for path in paths:
            history.setdefault(path, []).append(
                Revision(date, versions[commit, path], author, summary)
            )
    return history


def _versions(git: str, root: Path, wanted: list[tuple[str, str]]) -> list[str]:
    """The front-matter version of each file at each commit ('' if none, or deleted)."""
    request = "".join(f"{commit}:{path}\n" for commit, path in wanted)
    out = subprocess.run(
        [git, "cat-file", "--batch"], cwd=root, input=request.encode(), capture_output=True
    ).stdout
    found, position = [], 0
    for _ in wanted:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) < 3 or header[1] == b"missing":
            found.append("")
            continue
        size = int(header[2])
        text = out[position : position + size].decode("utf-8", "replace")
        position += size + 1
        match = VERSION.search(text)
        found.append(match[1] if match else "")
    return found


def load_history(app: Sphinx) -> None:
    HISTORY.set(app, read_history(Path(app.srcdir), app.config.sop_root))


def add_history(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """End an SOP page with its revision history."""
    title = doctree.next_node(nodes.section)
    if docname not in sop_records(app.env) or title is None:
        return
    title += nodes.rubric(text=HEADING)
    history = HISTORY.of(app)
    if history is None:
        title += nodes.paragraph(text=NO_GIT)
        return
    path = str(app.env.doc2path(docname, base=False))
    revisions = history.get(path, [])
    if not revisions:
        title += nodes.paragraph(text="Not committed yet.")
        return
    title += table(
        ["Date", "Version", "Author", "Summary"],
        [list(revision) for revision in revisions],
        ["sop-history"],
    )


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", load_history)
    app.connect("doctree-resolved", add_history)
