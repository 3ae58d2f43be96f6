"""The note at the top of an SOP page changed in the last ``sop_whats_new_days`` days,
under its header: "Changed on <date>: steps 3 and 5", each step a link to it, or "Added
on <date>." for an SOP new in those days. The SOP pages are written again when the notes
would change (a commit, a new day).
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..model.i18n import _, ngettext
from ..model.records import sop_records
from .blocks import joined
from .freshness import changed
from .library import Library
from .recent_changes import Recent, filled, recent_changes, recent_shown


def add_change_note(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Say under an SOP page's header that it changed recently, and where."""
    changes = [recent for recent in recent_changes(app) if recent.docname == docname]
    page = doctree.next_node(nodes.section)
    if not changes or page is None:
        return
    headers = [node for node in page.children if is_header(node)]
    place = page.index(headers[0]) + 1 if headers else 1  # after the header, or the title
    page.insert(place, change_note(Library(app, docname), changes))


def is_header(node: nodes.Node) -> bool:
    """Whether a node is the SOP page's metadata header (:mod:`soplib.site.header`)."""
    return isinstance(node, nodes.Element) and "sop-meta" in node["classes"]


def change_note(lib: Library, changes: list[Recent]) -> nodes.paragraph:
    """When the page was added, if lately; when its steps last changed since, and which
    (those it still has, in the page's order); else, if it was not added lately, when it
    last changed."""
    record = lib.records[lib.page]
    sentences: list[list[nodes.Node]] = []
    added = next((index for index, recent in enumerate(changes) if recent.change.new), None)
    if added is not None:
        date = changes[added].change.revision.date
        sentences.append([nodes.Text(_("Added on %(date)s.") % {"date": date})])
        changes = changes[:added]
    has = {step.id for step in record.steps}
    stepped = [r for r in changes if any(step.id in has for step in r.change.steps)]
    if stepped:
        touched = {step.id for recent in stepped for step in recent.change.steps}
        links = [
            lib.link(lib.numbers[s.id], lib.page, s.id) for s in record.steps if s.id in touched
        ]
        sentence = ngettext(
            "Changed on %(date)s: step %(steps)s.",
            "Changed on %(date)s: steps %(steps)s.",
            len(links),
        )
        sentences.append(
            filled(sentence, date=stepped[0].change.revision.date, steps=listed(links))
        )
    elif changes and added is None:
        date = changes[0].change.revision.date
        sentences.append([nodes.Text(_("Changed on %(date)s.") % {"date": date})])
    spans = [nodes.inline("", "", *sentence) for sentence in sentences]
    return nodes.paragraph("", "", *joined(spans, " "), classes=["sop-change-note"])


def listed(items: Sequence[nodes.Node]) -> list[nodes.Node]:
    """'3', '3 and 5', '3, 4 and 5', in the site's language."""
    if len(items) == 1:
        return list(items)
    # Translators: the last of a list joined to the others: "3, 4 and 5"
    return filled(_("%(first)s and %(last)s"), first=joined(items[:-1]), last=items[-1])


def pages_with_notes(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The SOP pages, to write again when the changes their notes tell of are others."""
    return list(sop_records(env)) if changed(app, "change notes", recent_shown(app)) else []


def setup(app: Sphinx) -> None:
    app.connect("doctree-resolved", add_change_note, priority=600)  # after the header
    app.connect("env-get-updated", pages_with_notes)
