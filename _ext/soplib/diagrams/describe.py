"""A flowchart in words, for readers who cannot see it: its boxes in the order they are
written, numbered, each with where it leads and, at a decision, on which answer.

Pure functions over the graph Mermaid's parser returns (see :mod:`soplib.diagrams.mermaid`).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

#: Mermaid's shapes of a decision box.
DECISIONS = frozenset({"diamond", "hexagon"})
#: Mermaid's entity codes in labels (#quot; #35;), as its parser hands them over.
ENTITY = re.compile(r"ﬂ°°?(\w+)¶ß|#(\w+);")
TAG = re.compile(r"<[^>]*>")


@dataclass(frozen=True)
class Exit:
    """A way out of a box: the answer written on the arrow (may be empty), and the number
    of the box it leads to."""

    answer: str
    to: int


@dataclass(frozen=True)
class Box:
    number: int
    id: str
    label: str
    decision: bool
    exits: tuple[Exit, ...]


def plain(label: str) -> str:
    """A label as a reader hears it: Mermaid's entity codes decoded, line breaks and other
    markup gone, spaces single."""
    text = ENTITY.sub(_entity, label)
    text = TAG.sub(" ", text)
    return " ".join(html.unescape(text).replace("`", "").split())


def _entity(match: re.Match[str]) -> str:
    code = match.group(1) or match.group(2)
    return chr(int(code)) if code.isdigit() else f"&{code};"


def flowchart_boxes(graph: dict[str, Any]) -> list[Box]:
    """The boxes of a parsed flowchart, numbered in the order they are written."""
    numbers = {box["id"]: n for n, box in enumerate(graph.get("nodes", []), start=1)}
    return [
        Box(
            number=numbers[box["id"]],
            id=box["id"],
            label=plain(box.get("label") or box["id"]),
            decision=box.get("shape") in DECISIONS,
            exits=tuple(
                Exit(plain(edge.get("label") or ""), numbers[edge["to"]])
                for edge in graph.get("edges", [])
                if edge["from"] == box["id"] and edge["to"] in numbers
            ),
        )
        for box in graph.get("nodes", [])
    ]
