"""The revision history at the end of each SOP page: a row per version, newest first,
with the date, author and summary of the commit that set it (from
:mod:`soplib.model.revisions`); the first says "First version". Commits that left the
version as it was (a reformatting, the library's own tooling, an approval stamp) are not
revisions a reader needs. A copy of the library without git says it has none.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ..model.i18n import N_, _
from ..model.records import sop_records
from ..model.revisions import Revision, history
from .blocks import table

HEADING = N_("Revision history")
#: The anchor of the revision history on its page (the printed contents link to it).
HISTORY_ID = "sop-revision-history"
NO_GIT = N_("No revision history: this copy of the library was not built from a git checkout.")
FIRST = N_("First version")


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
    rows = [[r.date, r.version, r.author, r.summary] for r in versions(revisions)]
    rows[-1][3] = _(FIRST)
    title += table([_("Date"), _("Version"), _("Author"), _("Summary")], rows, ["sop-history"])


def versions(revisions: list[Revision]) -> list[Revision]:
    """Of a file's revisions, newest first, the commit that set each version: the oldest
    of each run of commits with the same version."""
    pairs = zip(revisions, revisions[1:], strict=False)
    kept = [r for r, older in pairs if r.version != older.version]
    return [*kept, revisions[-1]]


def setup(app: Sphinx) -> None:
    app.connect("doctree-resolved", add_history)
