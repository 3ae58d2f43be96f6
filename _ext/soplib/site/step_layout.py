"""How a step reads on its page: "Step 3: <title>", then a line each for who carries it
out, what measures it, the training it needs and the records it fills in, every name a
link to its catalog entry: a compact block an agent on a call can scan.

sphinx-needs draws each step with the ``sop_step`` layout of ``conf.py`` (its table,
anchor and content); the layout's head and meta cells are left empty there and filled
here from the need's data. sphinx-needs' layout functions parse their lines as inline
markup and evaluate them for every need: about a fifth of a 300-SOP build, against
almost nothing for the same cells built directly (README, Performance).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..model.trace import STEP_LINKS
from .blocks import joined
from .library import Library

LAYOUT = "needs_layout_sop_step"


def fill_steps(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Fill the head and meta cells of every step table of a page."""
    tables = [t for t in doctree.findall(nodes.table) if LAYOUT in t["classes"]]
    if not tables:
        return
    lib = Library(app, docname)
    needs = lib.needs

    def link(need_id: str) -> nodes.Node:
        target = needs.get(need_id)
        if target is None or not target["docname"]:
            return nodes.Text(need_id)  # a dead link, reported by sphinx-needs
        return lib.link(target["title"], target["docname"], need_id)

    for table in tables:
        need = needs.get(table["ids"][0]) if table["ids"] else None
        if need is not None:
            cells = _cells(table)
            cells["head"] += _head(need)
            cells["meta"] += _meta(need, link)


def _cells(table: nodes.table) -> dict[str, nodes.entry]:
    """The table's own cells (not those of the sub-steps in its content), by row class."""
    body = table.next_node(nodes.tbody)
    cells = {}
    for row in body.children if body is not None else []:
        if isinstance(row, nodes.row) and row.children and isinstance(row[0], nodes.entry):
            cells[row["classes"][-1]] = row[0]
    return cells


def _head(need: Any) -> nodes.line_block:
    kind = nodes.inline(
        "",
        "",
        nodes.inline(text=need["type_name"], classes=["needs_data"]),
        classes=["needs_type_name"],
    )
    title = nodes.strong("", "", nodes.inline(text=need["title"], classes=["needs_title"]))
    anchor = nodes.inline(
        "",
        "",
        nodes.reference("", need["id"], internal=True, refid=need["id"]),
        classes=["needs-id"],
    )
    return nodes.line_block(
        "",
        nodes.line("", "", kind, nodes.Text(": "), title, nodes.Text(" "), anchor),
        classes=["needs_head"],
    )


def _meta(need: Any, link: Callable[[str], nodes.Node]) -> nodes.line_block:
    lines = nodes.line_block(classes=["needs_meta"])
    for step_link in STEP_LINKS:
        if need[step_link.name]:
            names = nodes.inline(
                "", "", *joined([link(t) for t in need[step_link.name]]), classes=[step_link.name]
            )
            lines += nodes.line("", "", nodes.Text(f"{step_link.outgoing}: "), names)
    return lines


def setup(app: Sphinx) -> None:
    app.connect("doctree-resolved", fill_steps, priority=600)  # after sphinx-needs' layout
