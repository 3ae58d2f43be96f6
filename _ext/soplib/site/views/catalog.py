"""The SOP catalog: every SOP with its id, title, area, format, status, version, approval,
owner, effective date and next review, filtered and sorted in the browser."""

from __future__ import annotations

from docutils import nodes

from ...model.i18n import _
from ..blocks import SORTABLE, Cell, table
from ..library import Library, approval
from ..words import name


def catalog_view(lib: Library) -> list[nodes.Node]:
    rows: list[list[Cell]] = []
    for docname, record in lib.records.items():
        meta = record.meta
        rows.append(
            [
                meta.get("id", ""),
                lib.link(lib.title(docname), docname),
                lib.area(docname),
                name("format", meta.get("format", "")),
                name("status", meta.get("status", "")),
                meta.get("version", ""),
                approval(record),
                lib.need(meta["owner"]) if "owner" in meta else "",
                str(meta.get("effective", "")),
                str(meta.get("next_review", "")),
            ]
        )
    headers = [_("ID"), _("Title"), _("Area"), _("Format"), _("Status"), _("Version"),
               _("Approval"), _("Owner"), _("Effective"), _("Next review")]  # fmt: skip
    return [table(headers, rows, SORTABLE)]
