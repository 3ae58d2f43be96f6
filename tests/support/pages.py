"""The text of built pages, as a reader sees it: the rows and cells of a table, a step."""

from __future__ import annotations

import re


def text_of(html: str) -> str:
    """The text of some HTML, as a reader sees it: tags gone, spaces single."""
    text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    return re.sub(r" ([,.:])", r"\1", text)


def cells(row_html: str) -> list[str]:
    return re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row_html, flags=re.S)


def row_html(html: str, needle: str) -> str:
    return next(row for row in re.findall(r"<tr.*?</tr>", html, flags=re.S) if needle in row)


def row_of(html: str, needle: str) -> str:
    """The text of the table row of a page that contains needle."""
    for row in re.findall(r"<tr.*?</tr>", html, flags=re.S):
        if needle in row:
            return text_of(row)
    raise AssertionError(f"no row with {needle!r}")


def step_block(html: str, step_id: str) -> str:
    """The HTML of one step, from its table to the end of that table."""
    start = html.index(f'id="{step_id}"')
    return html[start : html.index("</table>", start)]
