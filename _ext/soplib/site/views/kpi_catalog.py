"""The KPI catalog: each metric's definition, unit, source and target; its latest figure
against its threshold, met or missed, over the trend of the last 12 months as a chart
(:mod:`soplib.site.charts`); and the steps it measures. Five columns, so that the table
fits beside the theme's sidebar.

The figures are the operation's totals (no team, no site). A metric with figures per
team or site only shows its latest figure for each, with no chart.
"""

from __future__ import annotations

from collections import defaultdict

from docutils import nodes
from sphinx_needs.need_item import NeedItem

from ...checks.kpi import KpiData, kpi_data
from ...model.i18n import _
from ...model.kpi import (
    TREND_PERIODS,
    Figure,
    Threshold,
    latest_by_unit,
    month_number,
    series,
    trend,
)
from ..blocks import Cell, joined, table
from ..charts import Bound, Point, trend_svg
from ..header import labelled
from ..kpi_text import Numbers, met_name, sample_note
from ..library import Library
from ..recent_changes import filled
from ..words import name, value_name


def kpi_catalog_view(lib: Library) -> list[nodes.Node]:
    measured: dict[str, list[tuple[str, NeedItem]]] = defaultdict(list)
    for docname, step in lib.steps():
        for metric in step["metrics"]:
            measured[metric].append((docname, step))
    data = kpi_data(lib.app)
    rows: list[list[Cell]] = []
    for metric in lib.of_type("metric"):
        steps = measured.get(metric["id"], [])
        items = nodes.bullet_list()
        items += [
            nodes.list_item(
                "", nodes.paragraph("", "", lib.sop(d), nodes.Text(": "), lib.step(d, s))
            )
            for d, s in steps
        ]
        target = nodes.target("", "", ids=[f"kpi-{metric['id']}"])
        rows.append(
            [
                [target, lib.need(metric["id"])],
                definition(metric),
                value_name(metric["target"] or ""),
                figures(lib, data, metric),
                [items],
            ]
        )
    headers = [
        _("Metric"),
        name("field", "definition"),
        name("field", "target"),
        _("Latest figure"),
        _("Steps it measures"),
    ]
    return [*sample_note(lib.app), table(headers, rows, ["sop-filterable", "sop-kpi"])]


def definition(metric: NeedItem) -> list[nodes.Node]:
    """How a metric is calculated, then its unit and its source on a line of their own."""
    about = [
        nodes.Text(labelled(name("field", field), value_name(metric[field] or "")))
        for field in ("unit", "source")
    ]
    return [
        nodes.paragraph("", value_name(metric["definition"] or "")),
        nodes.paragraph("", "", *joined(about, "; "), classes=["sop-kpi-about"]),
    ]


def figures(lib: Library, data: KpiData, metric: NeedItem) -> Cell:
    """A metric's latest figure against its threshold, with the chart of its last 12
    months under it."""
    said = Said(lib, metric, data.thresholds.get(metric["id"]))
    totals = series(data.figures, metric["id"])
    if totals:
        latest = nodes.paragraph("", "", *said.figure(totals[-1]), classes=["sop-kpi-figure"])
        return [latest, nodes.raw("", said.chart(trend(totals)), format="html")]
    units = latest_by_unit(data.figures, metric["id"])
    if not units:
        return _("No figures")
    each = [
        nodes.inline(
            "", "", nodes.Text(f"{', '.join(filter(None, (f.team, f.site)))}: "), *said.figure(f)
        )
        for f in units
    ]
    return [nodes.Text(_("No total; per team or site: ")), *joined(each, "; ")]


class Said:
    """A metric's figures in words and in a chart, in the site's language."""

    def __init__(self, lib: Library, metric: NeedItem, threshold: Threshold | None) -> None:
        self.numbers, self.unit = Numbers(lib.app), str(metric["unit"] or "")
        self.metric, self.threshold = metric, threshold

    def met(self, figure: Figure) -> bool:
        return self.threshold is None or self.threshold.met(figure.value)

    def figure(self, figure: Figure) -> list[nodes.Node]:
        """'71.8% in Oct 2026: missed (target at least 75%)'."""
        value = self.numbers.value(figure.value, self.unit)
        period = self.numbers.period(figure.period)
        if self.threshold is None:
            return [nodes.Text(_("%(value)s in %(period)s") % {"value": value, "period": period})]
        return filled(
            _("%(value)s in %(period)s: %(verdict)s (target %(target)s)"),
            value=value,
            period=period,
            verdict=nodes.strong(text=met_name(self.met(figure))),
            target=self.numbers.threshold(self.threshold, self.unit),
        )

    def in_words(self, figure: Figure) -> str:
        """'Oct 2026: 71.8%, missed', for the chart's description."""
        said = {
            "period": self.numbers.period(figure.period),
            "value": self.numbers.value(figure.value, self.unit),
            "verdict": met_name(self.met(figure)),
        }
        if self.threshold is None:
            return _("%(period)s: %(value)s") % said
        return _("%(period)s: %(value)s, %(verdict)s") % said

    def chart(self, shown: list[Figure]) -> str:
        """The chart of the figures of the last 12 months, described in words."""
        start = month_number(shown[-1].period) - TREND_PERIODS + 1
        points = [Point(month_number(f.period) - start, f.value, self.met(f)) for f in shown]
        bound_unit = "%" if self.unit.strip() == "%" else ""
        threshold = self.threshold
        bounds = [
            Bound(bound, self.numbers.value(bound, bound_unit))
            for bound in ((threshold.low, threshold.high) if threshold else ())
            if bound is not None
        ]
        words = "; ".join(self.in_words(f) for f in shown)
        description = _("Figures: %(figures)s.") % {"figures": words}
        if threshold is not None:
            target = self.numbers.threshold(threshold, self.unit)
            description += " " + _("Target: %(target)s.") % {"target": target}
        first = f"{start // 12:04d}-{start % 12 + 1:02d}"
        return trend_svg(
            f"kpi-chart-{self.metric['id']}",
            _("%(metric)s, the last 12 months") % {"metric": self.metric["title"]},
            description,
            points,
            TREND_PERIODS,
            bounds,
            (self.numbers.period(first), self.numbers.period(shown[-1].period)),
        )
