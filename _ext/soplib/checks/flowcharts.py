"""A flowchart SOP's chart against its steps: the boxes name the steps by id, every step is
drawn, every decision has labelled ways out, every box is reached and every path ends.

Pure functions over the graph Mermaid's parser returns (see :mod:`soplib.diagrams.mermaid`); each
finding is located at the Markdown line where the offending box is written.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable, Iterator
from typing import Any

from ..model.i18n import say
from ..model.outline import Diagram, Step
from ..model.problems import Finding, Problem

STEP_PREFIX = "STEP_"
Locate = Callable[[str], int]  # a box id -> the Markdown line where it is written
#: Text that names no box: labels in brackets, quotes and pipes, and '-- label -->'.
LABELS = re.compile(r'"[^"]*"|\[[^\]]*\]|\([^)]*\)|\{[^}]*\}|\|[^|]*\||--\s[^->]*?(?=-->|---)')


def box_lines(code: str, ids: list[str]) -> dict[str, int]:
    """The line, within the code (1-based), where each box is first written."""
    lines: dict[str, int] = {}
    for number, text in enumerate(code.splitlines(), start=1):
        if text.strip().startswith("%%"):
            continue
        bare = LABELS.sub(" ", text)
        for box in ids:
            if box not in lines and re.search(rf"(?<![\w-]){re.escape(box)}(?![\w-])", bare):
                lines[box] = number
    return lines


def check_flowcharts(
    charts: list[tuple[Diagram, dict[str, Any]]], steps: list[Step], sop_id: str
) -> Iterator[Finding]:
    """Every disagreement between an SOP's flowcharts and its steps, and every flaw of
    the charts themselves."""
    drawn: set[str] | None = None  # None while no chart is a flowchart
    for diagram, graph in charts:
        if not graph["kind"].startswith("flowchart"):
            yield Finding(
                diagram.line,
                Problem.FLOWCHART_MISSING,
                say(
                    "the diagram of SOP %(sop)s is a %(kind)s diagram, not a flowchart: start "
                    "it with 'flowchart TD'",
                    sop=sop_id,
                    kind=graph["kind"],
                ),
            )
            continue
        ids = [box["id"] for box in graph["nodes"]]
        at = _locator(diagram, ids)
        drawn = (drawn or set()) | set(ids)
        yield from _unknown_steps(ids, steps, sop_id, at)
        yield from _decisions(graph, at)
        yield from _reachability(ids, graph["edges"], at)
        if ids and all(any(e["from"] == box for e in graph["edges"]) for box in ids):
            yield Finding(
                diagram.line,
                Problem.FLOWCHART_NO_END,
                say(
                    "the flowchart of SOP %(sop)s has no end: every box has an arrow out; end "
                    "the procedure in a box with none, such as DONE([Call closed])",
                    sop=sop_id,
                ),
            )
    for step in steps:
        if drawn is not None and step.id not in drawn:
            yield Finding(
                charts[0][0].line,
                Problem.FLOWCHART_MISSING_STEP,
                say(
                    "step %(step)s of SOP %(sop)s is not in its flowchart: add a box "
                    "%(step)s[...] where it happens",
                    step=step.id,
                    sop=sop_id,
                ),
            )


def _locator(diagram: Diagram, ids: list[str]) -> Locate:
    """Where, in the Markdown file, each box of a diagram is written (looked for only
    when a finding needs it: most charts have none)."""
    lines = functools.cache(lambda: box_lines(diagram.code, ids))
    return lambda box: diagram.line + lines().get(box, 0)


def _unknown_steps(ids: list[str], steps: list[Step], sop_id: str, at: Locate) -> Iterator[Finding]:
    known = [step.id for step in steps]
    undrawn = [step for step in known if step not in ids]
    for box in ids:
        if box.startswith(STEP_PREFIX) and box not in known:
            yield Finding(
                at(box),
                Problem.FLOWCHART_UNKNOWN_STEP,
                _guess(box, undrawn, known, sop_id),
            )


def _guess(box: str, undrawn: list[str], known: list[str], sop_id: str) -> str:
    """What to do with a box that names no step: rename it after the step it most likely
    means (one the chart leaves out, if any), or add the step it names."""
    values = {"box": box, "sop": sop_id}
    close = difflib.get_close_matches(box, undrawn, cutoff=0.4)
    if len(undrawn) == 1 or close:
        return say(
            "box %(box)s names no step of SOP %(sop)s: is it %(step)s, which the chart leaves "
            "out? Rename the box %(step)s, or add the step %(box)s to the SOP",
            step=undrawn[0] if len(undrawn) == 1 else close[0],
            **values,
        )
    if close := difflib.get_close_matches(box, known):
        return say(
            "box %(box)s names no step of SOP %(sop)s: did you mean %(step)s? Rename the box "
            "%(step)s, or add the step %(box)s to the SOP",
            step=close[0],
            **values,
        )
    return say(
        "box %(box)s names no step of SOP %(sop)s, whose steps are %(steps)s: rename the box "
        "after one of them, or add the step %(box)s to the SOP",
        steps=", ".join(known),
        **values,
    )


def _decisions(graph: dict[str, Any], at: Locate) -> Iterator[Finding]:
    for box in graph["nodes"]:
        if box["shape"] != "diamond":
            continue
        labelled = [e for e in graph["edges"] if e["from"] == box["id"] and e["label"].strip()]
        if len(labelled) < 2:
            yield Finding(
                at(box["id"]),
                Problem.FLOWCHART_DECISION,
                say(
                    "decision %(box)s has %(count)d labelled way(s) out: label at least two, "
                    "like %(box)s -- yes --> ... and %(box)s -- no --> ...",
                    box=box["id"],
                    count=len(labelled),
                ),
            )


def _reachability(ids: list[str], edges: list[dict[str, str]], at: Locate) -> Iterator[Finding]:
    if not ids:
        return
    after = {box: [e["to"] for e in edges if e["from"] == box] for box in ids}
    before = {box: [e["from"] for e in edges if e["to"] == box] for box in ids}
    start = ids[0]
    reached = _closure([start], after)
    for box in ids:
        if box not in reached:
            yield Finding(
                at(box),
                Problem.FLOWCHART_UNREACHABLE,
                say(
                    "box %(box)s cannot be reached from the start, %(start)s: draw an arrow "
                    "to it, or remove it",
                    box=box,
                    start=start,
                ),
            )
    ends = [box for box in ids if not after[box]]
    if not ends:  # the chart as a whole has no end, reported as such
        return
    can_end = _closure(ends, before)
    for box in ids:
        trapped = box in reached and box not in can_end
        if trapped and (box == start or any(b in can_end for b in before[box])):
            yield Finding(
                at(box),
                Problem.FLOWCHART_NO_END,
                say(
                    "from box %(box)s the flowchart never reaches an end: give the loop an "
                    "arrow out to a box that ends the procedure",
                    box=box,
                ),
            )


def _closure(starts: list[str], links: dict[str, list[str]]) -> set[str]:
    """The boxes reached from starts by following links."""
    seen, todo = set(starts), list(starts)
    while todo:
        for nxt in links.get(todo.pop(), []):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen
