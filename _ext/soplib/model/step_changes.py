"""What a commit changed in the steps of an SOP, read from two texts of its Markdown
without building either: each step's id, title, links and text (:func:`read_steps`),
compared by id (:func:`compare_steps`), and the trainings the change asks each role to
refresh (:func:`retraining`).

A step is a ```` ```{step} Title ```` block (or ``~~~``, ``:::``), its options
``:name: value`` lines (or a ``---`` YAML block) at its top; a step nested in another is
its sub-step, and is not part of its parent's text. Pure functions, no Sphinx.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

import yaml

from .frontmatter import fingerprint, read_front_matter
from .outline import Step, step_numbers
from .revisions import Revision
from .trace import STEP_LINKS

#: A line that opens a fenced block: up to three spaces, then ``` or ~~~ or :::, then
#: the block's info string.
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,}|:{3,})(.*)$")
STEP = re.compile(r"^\{step\}\s*(.*)$")
OPTION = re.compile(r"^:([\w-]+):\s*(.*)$")
LINKS = tuple(link.name for link in STEP_LINKS)

#: What can change in a step; a change of links is named by the link (``responsible``...).
NEW, REMOVED, REWORDED = "new", "removed", "reworded"


class StepText(NamedTuple):
    """A step as its Markdown writes it."""

    id: str
    title: str
    links: dict[str, tuple[str, ...]]  # by link name, the ids in the order written
    text: str  # its own text, not its sub-steps', white space folded
    parent: str | None = None


class StepChange(NamedTuple):
    """How one step differs between two texts of its SOP."""

    id: str
    what: tuple[str, ...]  # NEW, REMOVED, or REWORDED and the names of the links changed
    number: str  # its number in the newer text (the older one, if removed)
    before: StepText | None
    after: StepText | None

    @property
    def roles(self) -> set[str]:
        """The roles that carry the step out, before or after the change."""
        steps = [step for step in (self.before, self.after) if step is not None]
        return {role for step in steps for role in step.links["responsible"]}

    def asks_training(self, editorial: bool) -> bool:
        """Whether its roles refresh its trainings: a step new, relinked, or reworded in a
        change not declared editorial."""
        return (
            NEW in self.what
            or bool(set(LINKS) & set(self.what))
            or (REWORDED in self.what and not editorial)
        )


class SopChange(NamedTuple):
    """What one commit changed in one SOP."""

    revision: Revision
    new: bool  # the file had no text before the commit
    editorial: bool  # declared wording only (``editorial: true``)
    steps: list[StepChange]


def read_steps(text: str) -> dict[str, StepText]:
    """The steps of an SOP's Markdown by id, in the order of the page (sub-steps after their
    step); a step with no id is left out."""
    steps: dict[str, StepText] = {}
    _read(text.splitlines(), None, steps)
    return steps


def own_content(content: str) -> str:
    """A step's Markdown without its sub-steps' blocks: the step's own text."""
    lines = content.splitlines()
    for info, first, last in reversed(list(_blocks(lines))):
        if STEP.match(info):
            del lines[first : last + 1]
    return "\n".join(lines).strip()


def _read(lines: list[str], parent: str | None, steps: dict[str, StepText]) -> None:
    for info, start, end in _blocks(lines):
        match = STEP.match(info)
        if match is None:
            continue
        options, content = _options(lines[start + 1 : end])
        own = list(content)
        for inner, first, last in _blocks(content):  # its sub-steps are not its text
            if STEP.match(inner):
                own[first : last + 1] = [""] * (last + 1 - first)
        step_id = options.get("id", "").strip()
        if step_id:
            links = {name: tuple(re.findall(r"[^,;\s]+", options.get(name, ""))) for name in LINKS}
            title, words = " ".join(match[1].split()), " ".join(" ".join(own).split())
            steps[step_id] = StepText(step_id, title, links, words, parent)
        _read(content, step_id or parent, steps)


def _blocks(lines: list[str]) -> Iterator[tuple[str, int, int]]:
    """The fenced blocks of some lines: each one's info string, and the indexes of its
    opening and closing lines (one past the last line, for a block never closed)."""
    index = 0
    while index < len(lines):
        match = FENCE.match(lines[index])
        if match is None or (match[1][0] == "`" and "`" in match[2]):
            index += 1
            continue
        fence = match[1]
        closing = re.compile(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$")
        end = next((i for i in range(index + 1, len(lines)) if closing.match(lines[i])), len(lines))
        yield match[2].strip(), index, end
        index = end + 1


def _options(body: list[str]) -> tuple[dict[str, str], list[str]]:
    """A directive's options and the lines of its content."""
    if body and body[0].strip() == "---":
        end = next((i for i in range(1, len(body)) if body[i].strip() == "---"), 0)
        try:
            values = yaml.safe_load("\n".join(body[1:end])) if end else None
        except yaml.YAMLError:
            values = None
        if isinstance(values, dict):
            return {str(k): str(v) for k, v in values.items()}, body[end + 1 :]
    options: dict[str, str] = {}
    index = 0
    while index < len(body) and (match := OPTION.match(body[index])):
        options[match[1]] = match[2]
        index += 1
    return options, body[index:]


def numbered(steps: dict[str, StepText]) -> dict[str, str]:
    """The number each step has on its page: 1, 2, 2.1, 3..."""
    return step_numbers([Step(step.id, 0, step.parent) for step in steps.values()])


def compare_steps(before: str, after: str) -> list[StepChange]:
    """The steps that differ between two texts of an SOP: those of the newer text in its
    order, then those it no longer has."""
    old, new = read_steps(before), read_steps(after)
    old_numbers, new_numbers = numbered(old), numbered(new)
    changes = []
    for step in new.values():
        was = old.get(step.id)
        what = (NEW,) if was is None else differences(was, step)
        if what:
            changes.append(StepChange(step.id, what, new_numbers[step.id], was, step))
    changes += [
        StepChange(step.id, (REMOVED,), old_numbers[step.id], step, None)
        for step in old.values()
        if step.id not in new
    ]
    return changes


def differences(before: StepText, after: StepText) -> tuple[str, ...]:
    """REWORDED if its title or text changed, and each link whose ids changed."""
    reworded = (before.title, before.text) != (after.title, after.text)
    links = [n for n in LINKS if set(before.links[n]) != set(after.links[n])]
    return ((REWORDED,) if reworded else ()) + tuple(links)


def sop_change(revision: Revision) -> SopChange:
    """What a revision read with its texts (:func:`~.revisions.read_history`) changed."""
    assert revision.texts is not None  # read with its texts
    before, after = revision.texts
    front, _findings = read_front_matter(after)
    editorial = front is not None and front.values.get("editorial") is True
    return SopChange(revision, not before.strip(), editorial, compare_steps(before, after))


def read_differently(revision: Revision) -> bool:
    """Whether a revision changed what a reader reads of its SOP: it added the SOP, or
    changed more than its front matter (a version, a status, an approval stamp)."""
    assert revision.texts is not None  # read with its texts
    before, after = revision.texts
    return not before.strip() or fingerprint(before) != fingerprint(after)


def retraining(steps: Iterable[StepChange], editorial: bool) -> dict[str, list[str]]:
    """The trainings each role refreshes after these changes: those of its steps that ask
    for it (:meth:`StepChange.asks_training`), in the order of the steps."""
    found: dict[str, list[str]] = {}
    for step in steps:
        if step.after is None or not step.asks_training(editorial):
            continue
        for role in step.after.links["responsible"]:
            trainings = found.setdefault(role, [])
            trainings += [t for t in step.after.links["training"] if t not in trainings]
    return found
