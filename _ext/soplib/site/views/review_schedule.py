"""The review schedule: the approved SOPs, in force or not yet, by next review date, with
how far each is from it (a draft or an SOP in review is being reviewed; a retired one is
not reviewed again).

An SOP past its review by more than the grace period is also a ``sop.review_overdue``
warning (:mod:`soplib.checks.library`), so the build fails until it is reviewed.
"""

from __future__ import annotations

import datetime

from docutils import nodes

from ...model.dates import days_overdue, today
from ...model.i18n import _, ngettext
from ...model.in_force import FUTURE, IN_FORCE
from ..blocks import Cell, table
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
            ]
        )
    headers = [_("Next review"), _("SOP"), _("Owner"), _("Effective"), _("Status")]
    return [
        nodes.paragraph(text=_("As of %(date)s.") % {"date": day.isoformat()}),
        table(headers, rows, ["sop-filterable", "sop-reviews"]),
    ]
