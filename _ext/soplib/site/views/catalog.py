"""The SOP catalog: every SOP with its id, title, area, format, status, version, approval,
owner, effective date and next review. The SOPs in force come first, filtered and sorted
in the browser; those not in force yet (drafts, in review, approved for a later date)
and the retired ones are listed apart, each saying where it stands
(:mod:`soplib.model.in_force`). An SOP whose metrics missed their targets months in a row
says so under its next review (:mod:`soplib.site.kpi_review`)."""

from __future__ import annotations

from docutils import nodes

from ...checks.kpi import kpi_data
from ...model.i18n import N_, _
from ...model.in_force import DRAFT, FUTURE, IN_FORCE, IN_REVIEW, RETIRED
from ..blocks import SORTABLE, Cell, joined, table
from ..kpi_review import review_sentence
from ..kpi_text import sample_note
from ..library import Library, approval
from ..words import name

#: The catalog's lists: the standings each holds, and its heading.
LISTS = (
    ((IN_FORCE,), N_("In force")),
    ((FUTURE, IN_REVIEW, DRAFT), N_("Not in force yet")),
    ((RETIRED,), N_("Retired")),
)


def catalog_view(lib: Library) -> list[nodes.Node]:
    headers = [_("ID"), _("Title"), _("Area"), _("Format"), _("Status"), _("Version"),
               _("Approval"), _("Owner"), _("Effective"), _("Next review")]  # fmt: skip
    shown: list[nodes.Node] = sample_note(lib.app) if kpi_data(lib.app).reviews else []
    for states, heading in LISTS:
        docnames = {d for d, s in lib.standings.items() if s.state in states}
        if not docnames:
            continue
        rows = [row(lib, docname) for docname in lib.records if docname in docnames]
        shown.append(nodes.rubric(text=_(heading)))
        shown.append(table(headers, rows, SORTABLE if IN_FORCE in states else []))
    return shown


def row(lib: Library, docname: str) -> list[Cell]:
    """An SOP's line; the status of one not in force says where it stands."""
    record = lib.records[docname]
    meta, standing = record.meta, lib.standings[docname]
    return [
        meta.get("id", ""),
        lib.title_link(docname),
        lib.area(docname),
        name("format", meta.get("format", "")),
        name("status", meta.get("status", "")) if standing.in_force else standing.label(),
        meta.get("version", ""),
        approval(record),
        lib.need(meta["owner"]) if "owner" in meta else "",
        str(meta.get("effective", "")),
        [nodes.Text(str(meta.get("next_review", ""))), *kpi_reviews(lib, docname)],
    ]


def kpi_reviews(lib: Library, docname: str) -> list[nodes.Node]:
    """The reviews an SOP's metrics trigger, on a line of their own."""
    triggers = kpi_data(lib.app).reviews.get(docname, [])
    said = [nodes.inline("", "", *review_sentence(lib, t)) for t in triggers]
    return [nodes.inline("", "", *joined(said, "; "), classes=["sop-kpi-flag"])] if said else []
