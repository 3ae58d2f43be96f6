"""The KPI catalog: each metric's definition, unit, target and source, and the steps it
measures."""

from __future__ import annotations

from collections import defaultdict

from docutils import nodes
from sphinx_needs.need_item import NeedItem

from ...model.i18n import _
from ..blocks import Cell, table
from ..library import Library
from ..words import name, value_name

FIELDS = ("definition", "unit", "target", "source")


def kpi_catalog_view(lib: Library) -> list[nodes.Node]:
    measured: dict[str, list[tuple[str, NeedItem]]] = defaultdict(list)
    for docname, step in lib.steps():
        for metric in step["metrics"]:
            measured[metric].append((docname, step))
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
                *(value_name(metric[field] or "") for field in FIELDS),
                [items],
            ]
        )
    headers = [_("Metric"), *(name("field", f) for f in FIELDS), _("Steps it measures")]
    return [table(headers, rows, ["sop-filterable"])]
