"""The roles: a list of every role with its steps, and the page of one role (its steps
by SOP, the trainings they need, the records it keeps and the metrics it is measured by).
"""

from __future__ import annotations

from collections import defaultdict

from docutils import nodes
from sphinx_needs.need_item import NeedItem

from ..blocks import SORTABLE, Cell, joined, table
from ..library import Library, distinct


def roles_view(lib: Library) -> list[nodes.Node]:
    steps = lib.link_counts("responsible")
    rows: list[list[Cell]] = [
        [lib.need(role["id"]), role["description"] or "", str(steps[role["id"]])]
        for role in lib.of_type("role")
    ]
    return [table(["Role", "What the role does", "Steps"], rows, SORTABLE)]


def role_view(lib: Library, role: NeedItem) -> list[nodes.Node]:
    """The page of one role: its steps by SOP, its trainings, records and metrics."""
    mine = [(docname, step) for docname, step in lib.steps() if role["id"] in step["responsible"]]
    section: list[nodes.Node] = [nodes.paragraph(text=role["description"] or "")]
    by_sop: dict[str, list[NeedItem]] = defaultdict(list)
    for docname, step in mine:
        by_sop[docname].append(step)
    section.append(nodes.rubric(text=f"Steps ({len(mine)}, in {len(by_sop)} SOPs)"))
    items = nodes.bullet_list()
    for docname, steps in by_sop.items():
        inner = nodes.bullet_list()
        inner += [nodes.list_item("", nodes.paragraph("", "", lib.step(docname, s))) for s in steps]
        items += nodes.list_item("", nodes.paragraph("", "", lib.sop(docname)), inner)
    section.append(items)
    section.append(nodes.rubric(text="Trainings needed: the onboarding checklist"))
    trainings = distinct(t for _, step in mine for t in step["training"])
    rows: list[list[Cell]] = [
        [
            lib.need(t),
            lib.field(t, "delivery"),
            lib.field(t, "duration"),
            lib.field(t, "refresh_every"),
            joined([lib.sop(d) for d in distinct(d for d, s in mine if t in s["training"])]),
        ]
        for t in trainings
    ]
    section.append(table(["Training", "Delivery", "Duration", "Refresh", "Needed for"], rows))
    section.append(nodes.rubric(text="Records kept"))
    section.append(_list_or_none(lib, distinct(r for _, s in mine for r in s["records"])))
    section.append(nodes.rubric(text="Measured by"))
    section.append(_list_or_none(lib, distinct(m for _, s in mine for m in s["metrics"])))
    return section


def _list_or_none(lib: Library, ids: list[str]) -> nodes.Node:
    if not ids:
        return nodes.paragraph(text="None.")
    return nodes.paragraph("", "", *lib.needs_list(ids))
