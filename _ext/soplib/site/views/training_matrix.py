"""The training matrix: trainings by roles; a cell names the SOPs whose steps require
the training of the role."""

from __future__ import annotations

from collections import defaultdict

from docutils import nodes

from ...model.i18n import _
from ..blocks import Cell, joined, table
from ..library import Library
from ..words import name, value_name

FIELDS = ("delivery", "duration", "refresh_every")


def training_matrix_view(lib: Library) -> list[nodes.Node]:
    roles = lib.of_type("role")
    via: dict[tuple[str, str], list[str]] = defaultdict(list)
    for docname, step in lib.steps():
        for training in step["training"]:
            for role in step["responsible"]:
                if docname not in via[training, role]:
                    via[training, role].append(docname)
    rows = []
    for training in lib.of_type("training"):
        cells: list[Cell] = [lib.need(training["id"])]
        cells += [value_name(training[field] or "") for field in FIELDS]
        for role in roles:
            sops = via.get((training["id"], role["id"]), [])
            links = [lib.link(lib.records[d].meta.get("id", d), d) for d in sops]
            cells.append(joined(links) if links else "")
        rows.append(cells)
    headers = [_("Training"), *(name("field", f) for f in FIELDS), *(r["title"] for r in roles)]
    return [
        nodes.paragraph(
            text=_(
                "A cell names the SOPs whose steps require the training of the role; "
                "an empty cell means the role does not need it."
            )
        ),
        table(headers, rows, ["sop-matrix", "sop-filterable"]),
    ]
