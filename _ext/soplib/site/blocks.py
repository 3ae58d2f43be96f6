"""The docutils building blocks of generated pages: tables and comma-joined lists."""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

#: A table cell: text, a node, or a run of nodes. Inline nodes are set in paragraphs;
#: paragraphs, lists and the like stand as they are (a paragraph holds no block).
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
        if isinstance(cell, str):
            cell = [nodes.Text(cell)]
        elif isinstance(cell, nodes.Node):
            cell = [cell]
        row += nodes.entry("", *_blocks(cell))
    return row


def _blocks(content: Sequence[nodes.Node]) -> list[nodes.Node]:
    """The nodes of a cell as blocks: each run of inline nodes in a paragraph of its own."""
    blocks: list[nodes.Node] = []
    run: nodes.paragraph | None = None
    for node in content:
        if isinstance(node, nodes.Body) and not isinstance(node, nodes.Inline):
            blocks.append(node)
            run = None
            continue
        if run is None:
            run = nodes.paragraph()
            blocks.append(run)
        run += node
    return blocks
