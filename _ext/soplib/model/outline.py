"""The outline of an SOP page: its sections, their stages, steps and diagrams.

The checks read the plain outline :func:`build_outline` makes of a page's doctree.
Heading levels come from the Markdown source, since the doctree does not keep them:
'##' headings are the SOP's sections, '###' headings inside them its stages. A diagram
is located in the source by the fence that opens it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from docutils import nodes
from sphinx_needs.nodes import Need
from sphinxcontrib.mermaid import mermaid

from .settings import SectionSpec

#: Nodes that do not count as a section's text.
NOT_TEXT = (
    nodes.title,
    nodes.target,
    nodes.comment,
    nodes.system_message,
    nodes.substitution_definition,
)
#: A line that opens a Mermaid block: ```mermaid, ```{mermaid}, :::{mermaid}...
FENCE = re.compile(r"^\s*(```+|~~~+|:::+)\s*\{?mermaid\}?\s*$")


class Diagram(NamedTuple):
    """A diagram: the source line of its opening fence, and its code."""

    line: int
    code: str

    @property
    def key(self) -> str:
        return hashlib.sha1(self.code.encode()).hexdigest()


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

    def section(self, spec: SectionSpec, title: str) -> Part | None:
        """The (first) section that stands for a required section's canonical title."""
        return next((part for part in self.sections if spec.canonical(part.title) == title), None)


def section_texts(outline: Outline, spec: SectionSpec, source_lines: list[str]) -> dict[str, str]:
    """The source text of each required section, by canonical title: the lines after its
    heading, up to the next section's heading (the first, of a section given twice)."""
    texts: dict[str, str] = {}
    starts = [part.line for part in outline.sections]
    ends = [line - 1 for line in starts[1:]] + [len(source_lines)] * bool(starts)
    for part, end in zip(outline.sections, ends, strict=True):
        title = spec.canonical(part.title)
        if title is not None and title not in texts:
            texts[title] = "\n".join(source_lines[part.line : end])
    return texts


def find_diagrams(
    doctree: nodes.document, source_lines: list[str]
) -> list[tuple[mermaid, Diagram]]:
    """The mermaid nodes of a page, each with its diagram located in the source."""
    found, start = [], 0
    for node in doctree.findall(mermaid):
        line = fence_line(source_lines, node["code"], start)
        start = line or start
        found.append((node, Diagram(line, node["code"])))
    return found


def fence_line(source_lines: list[str], code: str, start: int) -> int:
    """The 1-based line of the fence that opens this code, searching from line start;
    0 when it is not written in the page (a diagram made by a directive)."""
    first = code.strip().splitlines()[0].strip() if code.strip() else ""
    for index in range(start, len(source_lines)):
        if FENCE.match(source_lines[index]) and any(
            line.strip() == first for line in source_lines[index + 1 : index + 4]
        ):
            return index + 1
    return 0


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
        if part is not None and any(says_something(child) for child in section.children):
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
        step = Step(
            need_id, need.line or 0, parent.get("refid") if isinstance(parent, Need) else None
        )
        part = _enclosing_part(need, part_of)
        (part.steps if part is not None else outline.loose_steps).append(step)
    return outline


def says_something(node: nodes.Node) -> bool:
    """Whether a node of a section gives the reader something: a word, a step, a diagram
    or a picture; not an empty list, fence or quote, a rule, '...', a comment."""
    if isinstance(node, (nodes.section, *NOT_TEXT)):
        return False
    if isinstance(node, (Need, mermaid, nodes.image)) or any(
        isinstance(inner, (Need, mermaid, nodes.image)) for inner in node.findall()
    ):
        return True
    text = node.astext()
    if isinstance(node, nodes.raw):  # HTML: its text, without comments and tags
        text = re.sub(r"<!--.*?-->|<[^>]*>", "", text, flags=re.DOTALL)
    return re.search(r"\w", text) is not None


def _enclosing_part(node: nodes.Node, part_of: dict[int, Part | None]) -> Part | None:
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.section):
        parent = parent.parent
    return part_of.get(id(parent)) if parent is not None else None
