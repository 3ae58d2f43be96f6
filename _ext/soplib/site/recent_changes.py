"""The recent changes of the SOPs, as What's new, its feeds and the notes on SOP pages
show them: every commit of the last ``sop_whats_new_days`` days to each SOP page that
changed more than its front matter, newest first, compared step by step
(:mod:`soplib.model.step_changes`); how a changed step is named; where the What's new
pages of the roles and the feeds are.
"""

from __future__ import annotations

import datetime
import posixpath
import re
from typing import NamedTuple

from docutils import nodes
from sphinx.application import Sphinx

from ..model.i18n import _
from ..model.records import sop_records
from ..model.revisions import history
from ..model.step_changes import SopChange, StepChange, read_differently, sop_change
from ..model.store import Slot
from .library import Library

#: The generated What's new page of a role, by role id.
ROLE_WHATS_NEW = "whats-new/{}"
#: The Atom feeds: the library's, and each role's by role id, from the output folder.
LIBRARY_FEED = "whats-new.xml"
ROLE_FEED = "whats-new/{}.xml"
#: The feed each What's new page written in this build offers, by page.
FEED_OF_PAGE: Slot[dict[str, str]] = Slot("sop_feed_of_page", dict)


class Recent(NamedTuple):
    """What one commit changed in one SOP page."""

    docname: str
    change: SopChange


#: The changes of this build, worked out when first asked for, once every page is read.
RECENT: Slot[list[Recent] | None] = Slot("sop_recent_changes", lambda: None)


def recent_changes(app: Sphinx) -> list[Recent]:
    """The changes to the SOP pages in the last ``sop_whats_new_days`` days, newest first
    (of one commit, in the pages' order); none without git."""
    found = RECENT.of(app)
    if found is None:
        pages = {str(app.env.doc2path(d, base=False)): d for d in sorted(sop_records(app.env))}
        found = [
            Recent(pages[path], sop_change(revision))
            for path, revisions in (history(app) or {}).items()
            if path in pages
            for revision in revisions
            if revision.texts is not None and read_differently(revision)
        ]
        found.sort(key=lambda recent: recent.docname)
        found.sort(key=committed, reverse=True)
        RECENT.set(app, found)
    return found


def committed(recent: Recent) -> datetime.datetime:
    """When the change was committed (times of different time zones compared rightly)."""
    return datetime.datetime.fromisoformat(recent.change.revision.time)


def recent_shown(app: Sphinx) -> list[tuple[str, str]]:
    """What decides what the recent changes show: the commits of the days shown."""
    return [(recent.docname, recent.change.revision.commit) for recent in recent_changes(app)]


def step_name(lib: Library, docname: str, step: StepChange) -> nodes.Node:
    """'Step 3 <title>': a link to the step with its number and title on the page today; a
    step the page no longer has, named as the change left it."""
    record = lib.records.get(docname)
    if record is not None and step.id in lib.needs and any(s.id == step.id for s in record.steps):
        # Translators: a step named on What's new: "Step 3 Confirm the caller's identity"
        label = _("Step %(number)s %(title)s") % {
            "number": lib.numbers[step.id],
            "title": lib.needs[step.id]["title"],
        }
        return lib.link(label, docname, step.id)
    text = step.after or step.before
    title = text.title if text is not None else ""
    return nodes.Text(_("Step %(number)s %(title)s") % {"number": step.number, "title": title})


def filled(template: str, **parts: str | nodes.Node | list[nodes.Node]) -> list[nodes.Node]:
    """A sentence of the catalog with text or nodes (links) in place of its %(name)s and
    %(name)d fields."""
    sentence: list[nodes.Node] = []
    for index, piece in enumerate(re.split(r"%\((\w+)\)[sd]", template)):
        part = parts[piece] if index % 2 else piece
        if isinstance(part, str):
            sentence += [nodes.Text(part)] if part else []
        elif isinstance(part, nodes.Node):
            sentence.append(part)
        else:
            sentence += part
    return sentence


def uri_from(app: Sphinx, page: str, path: str) -> str:
    """The address of a file of the output folder (a feed) from a page."""
    return posixpath.relpath(path, posixpath.dirname(app.builder.get_target_uri(page)) or ".")
