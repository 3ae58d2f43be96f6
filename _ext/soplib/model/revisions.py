"""The history of the library's files from git: for every commit that changed a file, its
date, author and summary, and the version the file's front matter had then; for the
commits of the last ``sop_whats_new_days`` days that changed a Markdown file, its text
before and after the commit (what's new, :mod:`.step_changes`).

Read once per build, for the SOPs and the translation catalogs: one ``git log``, and one
``git cat-file --batch`` for the versions and the texts. A copy of the library without git
(a tarball) builds all the same, with no history.
"""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from sphinx.application import Sphinx

from .dates import today
from .store import Slot

VERSION = re.compile(r"^version:\s*(\S+)", re.M)


class Revision(NamedTuple):
    date: str  # YYYY-MM-DD
    version: str
    author: str
    summary: str
    time: str  # the commit's date and time, ISO 8601: it orders commits of one day
    commit: str = ""
    #: The file's text before and after the commit ('' where it had none), for a Markdown
    #: file changed on or after the day read_history was given; else None.
    texts: tuple[str, str] | None = None


def read_history(
    root: Path, folders: list[str], since: str | None = None
) -> dict[str, list[Revision]] | None:
    """Each file's revisions under the folders, newest first, with the texts of those made
    on or after since (YYYY-MM-DD); None outside a git checkout."""
    git = shutil.which("git")
    if git is None or not (root / ".git").exists():
        return None
    log = subprocess.run(
        [
            git,
            "log",
            "--date=short",
            "--name-only",
            "--format=%x1e%H%x1f%ad%x1f%an%x1f%s%x1f%aI",
            "--",
            *folders,
        ],
        cwd=root,
        capture_output=True,
        text=True,
    )
    if log.returncode != 0:
        return None
    commits: list[tuple[str, str, str, str, str, list[str]]] = []
    for entry in log.stdout.split("\x1e")[1:]:
        head, _newline, files = entry.partition("\n")
        commit, date, author, rest = head.split("\x1f", 3)
        summary, _separator, time = rest.rpartition("\x1f")
        files_changed = [f for f in files.split("\n") if f]
        commits.append((commit, date, author, summary, time, files_changed))
    wanted = [(commit, path) for commit, *_fields, paths in commits for path in paths]
    recent = [
        (commit, path)
        for commit, date, *_fields, paths in commits
        if since is not None and date >= since
        for path in paths
        if path.endswith(".md")
    ]
    found = _contents(git, root, wanted + [(f"{commit}^", path) for commit, path in recent])
    texts = dict(zip(wanted, found[: len(wanted)], strict=True))
    before = dict(zip(recent, found[len(wanted) :], strict=True))
    history: dict[str, list[Revision]] = {}
    for commit, date, author, summary, time, paths in commits:
        for path in paths:
            text = texts[commit, path]
            version = match[1] if (match := VERSION.search(text)) else ""
            pair = (before[commit, path], text) if (commit, path) in before else None
            history.setdefault(path, []).append(
                Revision(date, version, author, summary, time, commit, pair)
            )
    return history


def _contents(git: str, root: Path, wanted: list[tuple[str, str]]) -> list[str]:
    """The text of each file at each commit ('' if the commit has no such file)."""
    request = "".join(f"{commit}:{path}\n" for commit, path in wanted)
    out = subprocess.run(
        [git, "cat-file", "--batch"], cwd=root, input=request.encode(), capture_output=True
    ).stdout
    found, position = [], 0
    for _request in wanted:
        end = out.index(b"\n", position)
        header = out[position:end].split()
        position = end + 1
        if len(header) < 3 or header[1] == b"missing":
            found.append("")
            continue
        size = int(header[2])
        found.append(out[position : position + size].decode("utf-8", "replace"))
        position += size + 1
    return found


def first_appearance(root: Path, path: str, texts: Iterable[str]) -> dict[str, str]:
    """When each text first appeared in a file: the time of the oldest commit whose
    version of the file holds it (white space folded); texts no commit holds are left out."""
    git = shutil.which("git")
    if git is None or not (root / ".git").exists():
        return {}
    log = subprocess.run([git, "log", "--reverse", "--format=%H %aI", "--", path], cwd=root,
                         capture_output=True, text=True)  # fmt: skip
    commits = [line.split(" ", 1) for line in log.stdout.splitlines()]
    contents = _contents(git, root, [(commit, path) for commit, _time in commits])
    wanted = {text: " ".join(text.split()) for text in texts}
    found: dict[str, str] = {}
    for (_commit, time), content in zip(commits, contents, strict=True):
        folded = " ".join(content.split())
        found |= {text: time for text, key in wanted.items() if text not in found and key in folded}
    return found


#: Each file's revisions, newest first, by path from the source folder; None outside a
#: git checkout.
HISTORY: Slot[dict[str, list[Revision]] | None] = Slot("sop_history", lambda: None)


def history(app: Sphinx) -> dict[str, list[Revision]] | None:
    """The revisions read at the start of this build."""
    return HISTORY.of(app)


def load_history(app: Sphinx) -> None:
    folders = [app.config.sop_root]
    folders += [d for d in app.config.locale_dirs if not Path(d).is_absolute()]
    since = today(app.config) - datetime.timedelta(days=app.config.sop_whats_new_days)
    HISTORY.set(app, read_history(Path(app.srcdir), folders, since.isoformat()))


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", load_history)
