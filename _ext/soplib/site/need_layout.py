"""How a step and a catalog entry read on their page, in the site's language.

A step: "Step 3: <title>", then a line each for who carries it out, what measures it,
the training it needs and the records it fills in, every name a link to its catalog
entry: a compact block an agent on a call can scan. A catalog entry: "Role: <name>",
its fields, how many steps name it, and those steps.

The head is a heading of the page's outline, one level below the section the need is
in and one more per need it is nested in (Procedure h2, its steps h3, their sub-steps
h4), so a screen-reader user goes from step to step with the heading key; the need's
table is marked as layout, so it is not read out as rows and cells.

sphinx-needs draws each need with the layout of ``conf.py`` (``sop_step``,
``sop_entry``: its table, anchor and content); the layouts' head and meta cells are left
empty there and filled here from the need's data. sphinx-needs' layout functions parse
their lines as inline markup and evaluate them for every need: about a fifth of a
300-SOP build, against almost nothing for the same cells built directly (README,
Performance).
"""

from __future__ import annotations

from collections.abc import Callable

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator
from sphinx_needs.need_item import NeedItem

from ..model.i18n import _
from ..model.outline import step_numbers
from ..model.records import sop_records
from ..model.trace import FIELDS, STEP_LINKS, USED_BY
from .blocks import joined
from .library import Library
from .words import name, value_name

LAYOUTS = ("needs_layout_sop_step", "needs_layout_sop_entry")
#: The deepest heading HTML has.
DEEPEST = 6
Link = Callable[[str], nodes.Node]


class need_table(nodes.table):
    """A need's table, drawn as the theme draws a table, marked as layout."""


class need_heading(nodes.Part, nodes.TextElement):
    """A need's head line, drawn as a heading of its ``level``: ``<h3 class="line">``, the
    line of the head's line block, as the handbook (tools/handbook.js) reads it."""


def fill_needs(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Fill the head and meta cells of every need table of a page."""
    tables = [t for t in doctree.findall(nodes.table) if is_need_table(t)]
    if not tables:
        return
    lib = Library(app, docname)
    needs = lib.needs
    record = sop_records(app.env).get(docname)
    numbers = step_numbers(record.steps) if record else {}
    standing = lib.standings[docname] if record else None
    shown = lib.in_force_step_ids

    def link(need_id: str) -> nodes.Node:
        target = needs.get(need_id)
        if target is None or not target["docname"]:
            return nodes.Text(need_id)  # a dead link, reported by sphinx-needs
        return lib.link(target["title"], target["docname"], need_id)

    for table in tables:
        need = needs.get(table["ids"][0]) if table["ids"] else None
        if need is None:
            continue
        cells = need_cells(table)
        level = heading_level(table)
        if need["type"] == "step":
            number = numbers.get(need["id"])
            label = _("Step %(number)s") % {"number": number} if number else name("type", "step")
            cells["head"] += _head(label, need, level)
            if standing is not None and not standing.in_force:  # said on each step
                cells["meta"] += nodes.paragraph(
                    "", "", nodes.strong(text=standing.label()), classes=["sop-step-standing"]
                )
            cells["meta"] += _step_meta(need, link)
        else:
            cells["head"] += _head(name("type", need["type"]), need, level)
            cells["meta"] += _entry_meta(need, link, shown)
        table.replace_self(need_table(table.rawsource, *table.children, **table.attributes))


def is_need_table(node: nodes.Node) -> bool:
    return isinstance(node, nodes.table) and bool(set(LAYOUTS) & set(node["classes"]))


def heading_level(table: nodes.table) -> int:
    """One below the section the need is in, one more per need it is nested in."""
    depth = 0
    parent = table.parent
    while parent is not None:
        depth += isinstance(parent, nodes.section) or is_need_table(parent)
        parent = parent.parent
    return min(depth + 1, DEEPEST)


def need_cells(table: nodes.table) -> dict[str, nodes.entry]:
    """The table's own cells (not those of the sub-steps in its content), by row class."""
    body = table.next_node(nodes.tbody)
    cells = {}
    for row in body.children if body is not None else []:
        if isinstance(row, nodes.row) and row.children and isinstance(row[0], nodes.entry):
            cells[row["classes"][-1]] = row[0]
    return cells


def _head(label: str, need: NeedItem, level: int) -> nodes.line_block:
    kind = nodes.inline("", "", nodes.strong(text=label), classes=["needs_type_name"])
    title = nodes.strong("", "", nodes.inline(text=need["title"], classes=["needs_title"]))
    anchor = nodes.inline(
        "",
        "",
        nodes.reference("", need["id"], internal=True, refid=need["id"]),
        classes=["needs-id"],
    )
    return nodes.line_block(
        "",
        need_heading("", "", kind, nodes.Text(": "), title, nodes.Text(" "), anchor, level=level),
        classes=["needs_head"],
    )


def _line(label: str, *value: nodes.Node, classes: tuple[str, ...] = ()) -> nodes.line:
    """A line of the meta cell: its label, and its value."""
    prefix = nodes.Text(_("%(label)s: ") % {"label": label})
    return nodes.line("", "", prefix, nodes.inline("", "", *value, classes=list(classes)))


def _step_meta(need: NeedItem, link: Link) -> nodes.line_block:
    lines = nodes.line_block(classes=["needs_meta"])
    for step_link in STEP_LINKS:
        if need[step_link.name]:
            names = joined([link(t) for t in need[step_link.name]])
            lines += _line(name("link", step_link.name), *names, classes=(step_link.name,))
    return lines


def _entry_meta(need: NeedItem, link: Link, shown: set[str]) -> nodes.line_block:
    """The entry's fields, and the steps of the SOPs in force that name it."""
    lines = nodes.line_block(classes=["needs_meta"])
    for field in FIELDS.get(need["type"], []):
        if value := need.get(field.name):
            lines += _line(name("field", field.name), nodes.Text(value_name(str(value))),
                           classes=(f"needs_{field.name}",))  # fmt: skip
    named_by = {
        step_link.name: [s for s in need[f"{step_link.name}_back"] if s in shown]
        for step_link in STEP_LINKS
        if step_link.target == need["type"]
    }
    if need.get(USED_BY) is not None:
        count = len({s for steps in named_by.values() for s in steps})
        lines += _line(_("Steps"), nodes.Text(str(count)), classes=(f"needs_{USED_BY}",))
    for link_name, steps in named_by.items():
        if steps:
            names = joined([link(s) for s in steps])
            lines += _line(name("back_link", link_name), *names, classes=(link_name,))
    return lines


def visit_need_table(self: HTML5Translator, node: need_table) -> None:
    self.visit_table(node)  # its last piece is the table's tag
    self.body[-1] = self.body[-1].replace("<table ", '<table role="presentation" ', 1)


def depart_need_table(self: HTML5Translator, node: need_table) -> None:
    self.depart_table(node)


def visit_need_heading(self: HTML5Translator, node: need_heading) -> None:
    self.body.append(self.starttag(node, f"h{node['level']}", "", CLASS="line"))


def depart_need_heading(self: HTML5Translator, node: need_heading) -> None:
    self.body.append(f"</h{node['level']}>\n")


def setup(app: Sphinx) -> None:
    app.add_node(need_table, html=(visit_need_table, depart_need_table))
    app.add_node(need_heading, html=(visit_need_heading, depart_need_heading))
    app.connect("doctree-resolved", fill_needs, priority=600)  # after sphinx-needs' layout
