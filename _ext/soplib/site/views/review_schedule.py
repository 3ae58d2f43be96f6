"""The review schedule: the SOPs by next review date, with how far each is from it.

An SOP past its review by more than the grace period is also a ``sop.review_overdue``
warning (:mod:`soplib.checks.library`), so the build fails until it is reviewed.
"""

from __future__ import annotations

import datetime

from docutils import nodes

from ...model.dates import days_overdue, today
from ..blocks import Cell, table
from ..library import Library


def review_status(due: datetime.date, day: datetime.date) -> str:
    late = days_overdue(due, day)
    if late > 0:
        return f"Overdue by {late} days"
    return "Due today" if late == 0 else f"Due in {-late} days"


def review_schedule_view(lib: Library) -> list[nodes.Node]:
    day = today(lib.app.config)
    dated = [
        (record.meta["next_review"], docname)
        for docname, record in lib.records.items()
        if "next_review" in record.meta
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
    headers = ["Next review", "SOP", "Owner", "Effective", "Status"]
    return [
        nodes.paragraph(text=f"As of {day.isoformat()}."),
        table(headers, rows, ["sop-filterable", "sop-reviews"]),
    ]
