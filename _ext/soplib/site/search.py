"""Search by id: an SOP id (``SOP-CC-017``) or a step id (``STEP_CMP_TIER3``) typed into
the search box finds its page first, and a step's id its step.

Sphinx's search scores a match of an index entry (``addnodes.index``, what the ``index``
directive makes) far above text and titles, and links it to the entry's anchor. Each SOP
page gets an entry for its id and one for each of its steps' ids as it is written, so
the search index has them and the general index (``genindex``) does not grow with them.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from ..model.records import sop_records


def index_ids(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give an SOP page index entries for its id (the page) and its steps' (each step)."""
    record = sop_records(app.env).get(docname)
    if record is None or app.builder.format != "html":
        return
    ids = [(str(record.meta["id"]), "")] if "id" in record.meta else []
    ids += [(step.id, step.id) for step in record.steps]
    entries = [("single", text, anchor, "main", None) for text, anchor in ids]
    doctree += addnodes.index(entries=entries)


def setup(app: Sphinx) -> None:
    app.connect("doctree-resolved", index_ids)
