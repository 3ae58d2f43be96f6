"""The outline of an SOP page: its sections, their stages, steps and diagrams.

The only module that reads doctrees; the checks read the plain outline it returns.
Heading levels come from the Markdown source, since the doctree does not keep them:
'##' headings are the SOP's sections, '###' headings inside them its stages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from docutils import nodes
from sphinx_needs.nodes import Need

from .mermaid import Diagram, find_diagrams

#: Nodes that do not count as a section's text.
NOT_TEXT = (nodes.title, nodes.target, nodes.comment, nodes.system_message,
            nodes.substitution_definition)


@dataclass
class Step:
    id: str
    line: int
    parent: str | None = None  # the step this one is nested in


@dataclass
class Part:
    """A section ('##') or a stage ('###' inside a section) of an SOP page."""

    title: str
    line: int
    level: int
    has_text: bool = False
    diagrams: list[Diagram] = field(default_factory=list)  # not those of its stages
    steps: list[Step] = field(default_factory=list)  # not those of its stages
    stages: list[Part] = field(default_factory=list)

    def all_steps(self) -> list[Step]:
        return self.steps + [step for stage in self.stages for step in stage.steps]

    def all_diagrams(self) -> list[Diagram]:
        return self.diagrams + [d for stage in self.stages for d in stage.diagrams]


@dataclass
class Outline:
    sections: list[Part] = field(default_factory=list)
    loose_steps: list[Step] = field(default_factory=list)  # before the first section

    def all_steps(self) -> list[Step]:
        """Every step of the page, in the order of the page."""
        steps = self.loose_steps + [s for part in self.sections for s in part.all_steps()]
        return sorted(steps, key=lambda step: step.line)


def step_numbers(steps: Sequence[Step]) -> dict[str, str]:
    """The number each step has on the page: 1, 2, 2.1, 3..."""
    numbers: dict[str, str] = {}
    counts: dict[str | None, int] = {}
    for step in steps:
        counts[step.parent] = counts.get(step.parent, 0) + 1
        prefix = f"{numbers[step.parent]}." if step.parent in numbers else ""
        numbers[step.id] = f"{prefix}{counts[step.parent]}"
    return numbers


def heading_level(source_lines: list[str], line: int) -> int:
    """The Markdown level of the heading on a 1-based line ('## x' is 2)."""
    text = source_lines[line - 1] if 0 < line <= len(source_lines) else ""
    if match := re.match(r" {0,3}(#{1,6})(\s|$)", text):
        return len(match[1])
    underline = source_lines[line] if line < len(source_lines) else ""
    return 1 if re.match(r" {0,3}=+\s*$", underline) else 2


def build_outline(
    doctree: nodes.document,
    source_lines: list[str],
    front_matter_end: int,
    is_step: Callable[[str], bool],
) -> Outline:
    """The sections, stages and steps of a page, in document order."""
    outline = Outline()
    part_of: dict[int, Part | None] = {}  # id(section node) -> the part it belongs to
    current: Part | None = None
    for section in doctree.findall(nodes.section):
        line = section.line or 0
        if line <= front_matter_end:  # the title, made from the front matter
            part_of[id(section)] = None
            continue
        level = heading_level(source_lines, line)
        title = section[0].astext() if section.children else ""
        if level <= 2 or current is None:
            current = Part(title, line, level)
            outline.sections.append(current)
            part_of[id(section)] = current
        elif level == 3:
            stage = Part(title, line, level)
            current.stages.append(stage)
            part_of[id(section)] = stage
        else:
            part_of[id(section)] = part_of.get(id(section.parent), current)

    for section in doctree.findall(nodes.section):
        part = part_of.get(id(section))
        if part is not None and any(
            not isinstance(child, (nodes.section, *NOT_TEXT)) for child in section.children
        ):
            part.has_text = True
    for part in outline.sections:
        part.has_text = part.has_text or any(stage.has_text for stage in part.stages)

    for node, diagram in find_diagrams(doctree, source_lines):
        part = _enclosing_part(node, part_of)
        if part is not None:
            part.diagrams.append(diagram)

    for need in doctree.findall(Need):
        need_id = need.get("refid", "")
        if not is_step(need_id):
            continue
        parent = need.parent
        while parent is not None and not isinstance(parent, (Need, nodes.section)):
            parent = parent.parent
        step = Step(need_id, need.line or 0,
                    parent.get("refid") if isinstance(parent, Need) else None)
        part = _enclosing_part(need, part_of)
        (part.steps if part is not None else outline.loose_steps).append(step)
    return outline


def _enclosing_part(node: nodes.Node, part_of: dict[int, Part | None]) -> Part | None:
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.section):
        parent = parent.parent
    return part_of.get(id(parent)) if parent is not None else None
