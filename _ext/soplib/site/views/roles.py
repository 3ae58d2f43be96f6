"""The roles: a list of every role with its steps, and the page of one role (its steps
by SOP, the trainings they need, the records it keeps and the metrics it is measured by).
"""

from __future__ import annotations

from collections import defaultdict

from docutils import nodes
from sphinx_needs.need_item import NeedItem

from ...model.i18n import _, ngettext
from ..blocks import SORTABLE, Cell, joined, table
from ..library import Library, distinct
from ..recent_changes import ROLE_WHATS_NEW
from ..words import name, value_name


def roles_view(lib: Library) -> list[nodes.Node]:
    steps = lib.link_counts("responsible")
    rows: list[list[Cell]] = [
        [lib.need(role["id"]), role["summary"] or "", str(steps[role["id"]])]
        for role in lib.of_type("role")
    ]
    return [table([_("Role"), _("What the role does"), _("Steps")], rows, SORTABLE)]


def role_view(lib: Library, role: NeedItem) -> list[nodes.Node]:
    """The page of one role: a link to its What's new, its steps by SOP, its trainings,
    records and metrics."""
    mine = [(docname, step) for docname, step in lib.steps() if role["id"] in step["responsible"]]
    section: list[nodes.Node] = [nodes.paragraph(text=role["summary"] or "")]
    whats_new = lib.link(_("What's new for this role"), ROLE_WHATS_NEW.format(role["id"]))
    section.append(nodes.paragraph("", "", whats_new))
    by_sop: dict[str, list[NeedItem]] = defaultdict(list)
    for docname, step in mine:
        by_sop[docname].append(step)
    heading = ngettext(
        "Steps (%(steps)d, in %(sops)d SOP)", "Steps (%(steps)d, in %(sops)d SOPs)", len(by_sop)
    )
    section.append(nodes.rubric(text=heading % {"steps": len(mine), "sops": len(by_sop)}))
    items = nodes.bullet_list()
    for docname, steps in by_sop.items():
        inner = nodes.bullet_list()
        inner += [nodes.list_item("", nodes.paragraph("", "", lib.step(docname, s))) for s in steps]
        items += nodes.list_item("", nodes.paragraph("", "", lib.sop(docname)), inner)
    section.append(items)
    section.append(nodes.rubric(text=_("Trainings needed: the onboarding checklist")))
    trainings = distinct(t for _doc, step in mine for t in step["training"])
    fields = ("delivery", "length", "refresh_every")
    rows: list[list[Cell]] = [
        [
            lib.need(t),
            *(value_name(lib.field(t, field)) for field in fields),
            joined([lib.sop(d) for d in distinct(d for d, s in mine if t in s["training"])]),
        ]
        for t in trainings
    ]
    headers = [_("Training"), *(name("field", field) for field in fields), _("Needed for")]
    section.append(table(headers, rows))
    section.append(nodes.rubric(text=_("Records kept")))
    section.append(_list_or_none(lib, distinct(r for _doc, s in mine for r in s["records"])))
    section.append(nodes.rubric(text=_("Measured by")))
    section.append(_list_or_none(lib, distinct(m for _doc, s in mine for m in s["metrics"])))
    return section


def _list_or_none(lib: Library, ids: list[str]) -> nodes.Node:
    if not ids:
        return nodes.paragraph(text=_("None."))
    return nodes.paragraph("", "", *lib.needs_list(ids))
