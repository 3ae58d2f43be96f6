"""An SOP's QA scorecard, made from its steps, so that it cannot drift from the procedure.

Each step that an agent-facing role carries out (``:agent_facing: yes`` in the role
catalog) is a line, in the order of the page: the behaviour a listener observes (the
step's ``:qa_check:``, or its roles and title), its weight (``:qa_weight:``) and whether
missing it fails the call (``:qa_critical:``). A step of weight 0 is no line, unless it
is critical: then it is a pass-or-fail line that earns nothing. Calls are scored on it by
QA monitoring, mystery shopping and calibration alike: a line met earns its weight, the
call scores the weight earned as a share of the weight of the lines that apply, 0 to 100,
and a critical line missed scores it 0. An SOP whose lines weigh nothing (no step an
agent carries out, or none weighed) has nothing to score a call on: it has no scorecard.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from sphinx_needs.need_item import NeedItem

from .i18n import N_, _
from .outline import step_numbers
from .records import SopRecord
from .trace import FIELDS, WEIGHT

#: A line's behaviour when its step gives no ``:qa_check:``.
BEHAVIOUR = N_("%(role)s: %(title)s")
_DEFAULTS = {field.name: field.default for field in FIELDS["step"]}


class Line(NamedTuple):
    """One line of a scorecard."""

    number: int  # 1, 2, 3... on the scorecard
    step_id: str
    step_number: str  # the step's number on its page: 2, 2.1...
    behaviour: str
    weight: int
    critical: bool


class Scorecard(NamedTuple):
    """The scorecard of one SOP, with the version and content it was made from."""

    sop_id: str
    title: str
    version: str
    status: str
    in_force: bool
    effective: str
    fingerprint: str
    lines: tuple[Line, ...]

    @property
    def total_weight(self) -> int:
        return sum(line.weight for line in self.lines)

    @property
    def scorable(self) -> bool:
        """Whether a call can be scored on it: its lines weigh something, which the score
        is a share of."""
        return self.total_weight > 0

    @property
    def critical(self) -> int:
        """How many of its lines are critical."""
        return sum(line.critical for line in self.lines)


def weight(step: NeedItem) -> int:
    """A step's weight: its ``:qa_weight:``, or the default for a value the build reported."""
    value = str(step.get("qa_weight") or "")
    return int(value if re.match(WEIGHT, value) else str(_DEFAULTS["qa_weight"]))


def critical(step: NeedItem) -> bool:
    """Whether missing the step fails the call."""
    return (step.get("qa_critical") or _DEFAULTS["qa_critical"]) == "yes"


def agent_facing(needs: Mapping[str, NeedItem]) -> dict[str, str]:
    """The roles whose steps are scored, by id, with their names."""
    return {
        need_id: str(need["title"])
        for need_id, need in needs.items()
        if need["type"] == "role" and need.get("agent_facing") == "yes"
    }


def scorecard(
    record: SopRecord,
    title: str,
    in_force: bool,
    needs: Mapping[str, NeedItem],
    facing: Mapping[str, str],
) -> Scorecard:
    """The scorecard of an SOP page: a line per step that a role of facing (the
    agent-facing roles, :func:`agent_facing`, worked out once per build) carries out."""
    numbers = step_numbers(record.steps)
    lines: list[Line] = []
    for step in record.steps:
        need = needs.get(step.id)
        roles = [facing[r] for r in need["responsible"] if r in facing] if need else []
        if need is None or not roles or not (weight(need) or critical(need)):
            continue
        behaviour = need.get("qa_check") or _(BEHAVIOUR) % {
            "role": ", ".join(roles),
            "title": need["title"],
        }
        line = Line(
            len(lines) + 1, step.id, numbers[step.id], str(behaviour), weight(need), critical(need)
        )
        lines.append(line)
    meta = record.meta
    return Scorecard(
        sop_id=str(meta.get("id", "")),
        title=title,
        version=str(meta.get("version", "")),
        status=str(meta.get("status", "")),
        in_force=in_force,
        effective=str(meta.get("effective", "")),
        fingerprint=record.fingerprint,
        lines=tuple(lines),
    )
