"""The SOPs the KPI figures call for review, for the managers' entry on the landing page
(``{sop-kpi-alerts}``): each SOP in force whose metrics missed their targets
``sop_kpi_review_periods`` months in a row, the longest run first, with each metric, the
months, the latest figure and the target; or that none is."""

from __future__ import annotations

from docutils import nodes

from ...checks.kpi import kpi_data
from ...model.i18n import _, ngettext
from ..blocks import joined
from ..kpi_review import review_sentence
from ..kpi_text import sample_note
from ..library import Library


def kpi_alerts_view(lib: Library) -> list[nodes.Node]:
    data = kpi_data(lib.app)
    if not data.figures:
        return [nodes.paragraph(text=_("No KPI figures are published yet."))]
    if not data.reviews:
        periods = lib.app.config.sop_kpi_review_periods
        none = ngettext(
            "No SOP is flagged for review: no metric of the SOPs in force has missed its "
            "target in the last period.",
            "No SOP is flagged for review: no metric of the SOPs in force has missed its "
            "target %(count)d periods in a row.",
            periods,
        )
        return [*sample_note(lib.app), nodes.paragraph(text=none % {"count": periods})]
    flagged = sorted(
        (docname for docname in data.reviews if docname in lib.records),
        key=lambda d: (-max(t.periods for t in data.reviews[d]), lib.records[d].meta.get("id", d)),
    )
    items = nodes.bullet_list(classes=["sop-kpi-alerts"])
    for docname in flagged:
        said = [
            nodes.inline("", "", *review_sentence(lib, t, detail=True))
            for t in data.reviews[docname]
        ]
        text = nodes.paragraph("", "", lib.sop(docname), nodes.Text(": "), *joined(said, "; "))
        items += nodes.list_item("", text)
    return [*sample_note(lib.app), items]
