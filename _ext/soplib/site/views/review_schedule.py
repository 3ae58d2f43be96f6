"""The review schedule: the approved SOPs, in force or not yet, by next review date, with
how far each is from it (a draft or an SOP in review is being reviewed; a retired one is
not reviewed again).

An SOP past its review by more than the grace period is also a ``sop.review_overdue``
warning (:mod:`soplib.checks.library`), so the build fails until it is reviewed. An SOP
whose metrics missed their targets months in a row says so in its last column: "Review
triggered by KPI_FCR: 3 periods below target" (:mod:`soplib.site.kpi_review`).
"""

from __future__ import annotations

import datetime

from docutils import nodes

from ...checks.kpi import kpi_data
from ...model.dates import days_overdue, today
from ...model.i18n import _, ngettext
from ...model.in_force import FUTURE, IN_FORCE
from ..blocks import Cell, joined, table
from ..kpi_review import review_sentence
from ..kpi_text import sample_note
from ..library import Library


def review_status(due: datetime.date, day: datetime.date) -> str:
    late = days_overdue(due, day)
    if late > 0:
        return ngettext("Overdue by %(days)d day", "Overdue by %(days)d days", late) % {
            "days": late
        }
    if late == 0:
        return _("Due today")
    return ngettext("Due in %(days)d day", "Due in %(days)d days", -late) % {"days": -late}


def review_schedule_view(lib: Library) -> list[nodes.Node]:
    day = today(lib.app.config)
    dated = [
        (record.meta["next_review"], docname)
        for docname, record in lib.records.items()
        if "next_review" in record.meta and lib.standings[docname].state in (IN_FORCE, FUTURE)
    ]
    reviews = kpi_data(lib.app).reviews
    rows: list[list[Cell]] = []
    for due, docname in sorted(dated):
        meta = lib.records[docname].meta
        rows.append(
            [
                str(due),
                lib.sop(docname),
                lib.need(meta["owner"]) if "owner" in meta else "",
                str(meta.get("effective", "")),
                review_status(due, day),
                joined(
                    [
                        nodes.inline("", "", *review_sentence(lib, t))
                        for t in reviews.get(docname, [])
                    ],
                    "; ",
                ),  # fmt: skip
            ]
        )
    headers = [_("Next review"), _("SOP"), _("Owner"), _("Effective"), _("Status"),
               _("Metrics off target")]  # fmt: skip
    return [
        nodes.paragraph(text=_("As of %(date)s.") % {"date": day.isoformat()}),
        *(sample_note(lib.app) if reviews else []),
        table(headers, rows, ["sop-filterable", "sop-reviews"]),
    ]
