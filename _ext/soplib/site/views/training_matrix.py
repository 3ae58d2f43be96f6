"""The training matrix: trainings by roles; a cell names the SOPs whose steps require
the training of the role. On a small screen the table scrolls in its own box, its
heading and its first column staying in view (soplib-views.css); each role's heading
links to the role's page, which lists the same trainings: the way to them on a phone.
"""

from __future__ import annotations

from collections import defaultdict

from docutils import nodes

from ...model.i18n import _
from ..blocks import Cell, joined, table
from ..library import Library
from ..words import name, value_name

FIELDS = ("delivery", "length", "refresh_every")


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
    matrix = table(headers, rows, ["sop-matrix", "sop-filterable"])
    role_headings = list(matrix.findall(nodes.entry))[len(FIELDS) + 1 : len(headers)]
    for heading, role in zip(role_headings, roles, strict=True):
        heading.replace(heading[0], nodes.paragraph("", "", lib.need(role["id"])))  # its page
    role_pages = nodes.paragraph(
        "",
        _("On a phone, each role's page lists the same trainings and the SOPs that require them:"),
    )
    role_pages += [nodes.Text(" "), *lib.needs_list([role["id"] for role in roles])]
    return [
        nodes.paragraph(
            text=_(
                "A cell names the SOPs whose steps require the training of the role; "
                "an empty cell means the role does not need it."
            )
        ),
        role_pages,
        matrix,
    ]
