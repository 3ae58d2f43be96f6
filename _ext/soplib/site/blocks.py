"""The docutils building blocks of generated pages: tables and comma-joined lists."""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

#: A table cell: text, an inline node, or a run of inline nodes.
Cell = str | nodes.Node | Sequence[nodes.Node]
#: The classes of a table that readers filter by typing and sort by its headings (soplib.js).
SORTABLE = ("sop-sortable", "sop-filterable")


def joined(items: Sequence[nodes.Node], separator: str = ", ") -> list[nodes.Node]:
    together: list[nodes.Node] = []
    for index, item in enumerate(items):
        if index:
            together.append(nodes.Text(separator))
        together.append(item)
    return together


def table(
    headers: Sequence[str], rows: Sequence[Sequence[Cell]], classes: Sequence[str] = ()
) -> nodes.table:
    """A docutils table of the headers and rows; a cell is text or inline nodes."""
    group = nodes.tgroup(cols=len(headers))
    group += [nodes.colspec(colwidth=1) for _ in headers]
    head, body = nodes.thead(), nodes.tbody()
    head += _row(headers)
    body += [_row(cells) for cells in rows]
    group += [head, body]
    return nodes.table("", group, classes=["sop-table", *classes])


def _row(cells: Sequence[Cell]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        paragraph = nodes.paragraph()
        if isinstance(cell, str):
            paragraph += nodes.Text(cell)
        elif isinstance(cell, nodes.Node):
            paragraph += cell
        else:
            paragraph += list(cell)
        row += nodes.entry("", paragraph)
    return row
