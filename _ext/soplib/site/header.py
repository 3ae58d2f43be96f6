"""The header of each SOP page: its id, status, version, approval, owner, approver,
effective date and next review, under the title."""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ..model.i18n import _
from ..model.records import sop_records
from .blocks import Cell
from .library import Library, approval
from .words import name


def metadata_header(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Open an SOP page with its status, version, owner, approver and dates."""
    record = sop_records(app.env).get(docname)
    title = doctree.next_node(nodes.section)
    if record is None or title is None:
        return
    lib, meta = Library(app, docname), record.meta
    facts: list[tuple[str, Cell]] = [
        (_("ID"), meta.get("id", "")),
        (_("Status"), name("status", meta.get("status", ""))),
        (_("Version"), meta.get("version", "")),
        (_("Approval"), approval(record)),
        (_("Owner"), lib.need(meta["owner"]) if "owner" in meta else ""),
        (_("Approver"), lib.need(meta["approver"]) if "approver" in meta else ""),
        (_("Effective"), str(meta.get("effective", ""))),
        (_("Next review"), str(meta.get("next_review", ""))),
    ]
    header = nodes.container(classes=["sop-meta"])
    for label, value in facts:
        item = nodes.inline(classes=["sop-meta-item"])
        item += nodes.strong(text=_("%(label)s: ") % {"label": label})
        item += value if isinstance(value, nodes.Node) else nodes.Text(str(value))
        header += item
    title.insert(1, header)


def setup(app: Sphinx) -> None:
    app.connect("doctree-resolved", metadata_header)
