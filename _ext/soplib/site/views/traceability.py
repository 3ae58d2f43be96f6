"""The traceability matrix: every step with its roles, metrics, trainings and records,
with coverage figures at the top."""

from __future__ import annotations

from docutils import nodes

from ...model.i18n import _
from ..blocks import Cell, table
from ..library import Library
from ..words import name


def coverage(lib: Library) -> str:
    """How many steps are fully traced, and how many entries of each catalog are used."""
    steps = [s for _doc, s in lib.steps()]
    traced = [s for s in steps if s["responsible"] and s["metrics"] and s["training"]]
    figures = [
        _("Steps fully traced: %(used)d of %(count)d.") % {"used": len(traced), "count": len(steps)}
    ]
    for message, kind, link in (
        (_("Roles used: %(used)d of %(count)d."), "role", "responsible"),
        (_("Metrics used: %(used)d of %(count)d."), "metric", "metrics"),
        (_("Trainings used: %(used)d of %(count)d."), "training", "training"),
        (_("Records used: %(used)d of %(count)d."), "record", "records"),
    ):
        counts, entries = lib.link_counts(link), lib.of_type(kind)
        used = sum(1 for entry in entries if counts[entry["id"]])
        figures.append(message % {"used": used, "count": len(entries)})
    return " ".join(figures)


def traceability_view(lib: Library) -> list[nodes.Node]:
    links = ("responsible", "metrics", "training", "records")
    rows: list[list[Cell]] = [
        [lib.sop(d), lib.step(d, s), *(lib.needs_list(s[link]) for link in links)]
        for d, s in lib.steps()
    ]
    headers = [_("SOP"), _("Step"), *(name("link", link) for link in links)]
    return [
        nodes.paragraph(text=coverage(lib), classes=["sop-coverage"]),
        table(headers, rows, ["sop-filterable"]),
    ]
