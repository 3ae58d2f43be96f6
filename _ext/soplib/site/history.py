"""The revision history at the end of each SOP page: date, version, author and summary of
every commit that changed the file, newest first (from :mod:`soplib.model.revisions`). A
copy of the library without git says it has none.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ..model.i18n import N_, _
from ..model.records import sop_records
from ..model.revisions import history
from .blocks import table

HEADING = N_("Revision history")
#: The anchor of the revision history on its page (the printed contents link to it).
HISTORY_ID = "sop-revision-history"
NO_GIT = N_("No revision history: this copy of the library was not built from a git checkout.")


def add_history(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """End an SOP page with its revision history."""
    title = doctree.next_node(nodes.section)
    if docname not in sop_records(app.env) or title is None:
        return
    title += nodes.rubric(text=_(HEADING), ids=[HISTORY_ID])
    revisions_by_path = history(app)
    if revisions_by_path is None:
        title += nodes.paragraph(text=_(NO_GIT))
        return
    path = str(app.env.doc2path(docname, base=False))
    revisions = revisions_by_path.get(path, [])
    if not revisions:
        title += nodes.paragraph(text=_("Not committed yet."))
        return
    title += table(
        [_("Date"), _("Version"), _("Author"), _("Summary")],
        [[r.date, r.version, r.author, r.summary] for r in revisions],
        ["sop-history"],
    )


def setup(app: Sphinx) -> None:
    app.connect("doctree-resolved", add_history)
