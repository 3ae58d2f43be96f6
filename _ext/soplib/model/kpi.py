"""KPI figures against their targets: what closes the loop between the steps and the
operation's results. Pure functions, no Sphinx.

A :class:`Figure` is one value of one metric for one month (its period, ``YYYY-MM``),
for the whole operation (no team, no site) or for a team or a site. A metric's
:class:`Threshold` is its target as the build can compare it: ``at least 75``, ``at most
20`` or ``within 324 to 396``, in the metric's unit, boundaries included.

A review triggered is answered by the SOP's next version: one that takes effect after
the month in which the metric had missed its target long enough. From then on only the
months from its effective date count, so the flag comes back only if the new version
misses too.

Only the operation's totals are compared: a metric's series is its figures with no team
and no site, by period. Figures per team or site are read and checked; a metric that has
no total is shown by its latest figures per team or site, with no trend and no review.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

#: The shape of a threshold, as the metric's ``:threshold:`` field is checked.
NUMBER = r"-?\d+(?:\.\d+)?"
THRESHOLD = rf"^(?:(at least|at most) ({NUMBER})|within ({NUMBER}) to ({NUMBER}))$"
AT_LEAST, AT_MOST, WITHIN = "at least", "at most", "within"
#: How many periods a trend shows.
TREND_PERIODS = 12


@dataclass(frozen=True)
class Threshold:
    """A target the build compares figures with: low and high bounds, either open."""

    kind: str  # AT_LEAST, AT_MOST or WITHIN
    low: float | None = None
    high: float | None = None

    def met(self, value: float) -> bool:
        """Whether a value meets the target (a value on a boundary does)."""
        return (self.low is None or value >= self.low) and (self.high is None or value <= self.high)

    @property
    def text(self) -> str:
        """The threshold as the field writes it: 'at least 75', 'within 324 to 396'."""
        if self.kind == WITHIN:
            return f"{WITHIN} {self.low:g} to {self.high:g}"
        return f"{self.kind} {self.low if self.kind == AT_LEAST else self.high:g}"


def parse_threshold(text: object) -> Threshold | None:
    """The threshold a metric's field gives, or None if it gives none the build can use.
    'within 396 to 324' is the same range as 'within 324 to 396'."""
    match = re.match(THRESHOLD, str(text).strip()) if text else None
    if match is None:
        return None
    if match[1] == AT_LEAST:
        return Threshold(AT_LEAST, low=float(match[2]))
    if match[1] == AT_MOST:
        return Threshold(AT_MOST, high=float(match[2]))
    low, high = sorted((float(match[3]), float(match[4])))
    return Threshold(WITHIN, low, high)


@dataclass(frozen=True)
class Figure:
    """One value of a metric for a month, for the operation or for a team or site; and
    where it was read (a file of the KPI folder and its line)."""

    period: str  # YYYY-MM
    metric: str
    value: float
    team: str = ""
    site: str = ""
    file: str = ""
    line: int = 0

    @property
    def is_total(self) -> bool:
        """Whether it is the operation's figure, not a team's or a site's."""
        return not self.team and not self.site

    @property
    def key(self) -> tuple[str, str, str, str]:
        """What a figure is of: no two figures may share it."""
        return self.period, self.metric, self.team, self.site


def month_number(period: str) -> int:
    """A period as a count of months, so that consecutive months differ by one."""
    year, month = period.split("-")
    return int(year) * 12 + int(month) - 1


def series(figures: Iterable[Figure], metric: str) -> list[Figure]:
    """The operation's figures of a metric, oldest first."""
    return sorted((f for f in figures if f.metric == metric and f.is_total), key=lambda f: f.period)


def latest_by_unit(figures: Iterable[Figure], metric: str) -> list[Figure]:
    """The figures of a metric's latest period per team or site, by team and site: what
    is shown of a metric that has no total."""
    units = [f for f in figures if f.metric == metric and not f.is_total]
    if not units:
        return []
    last = max(f.period for f in units)
    return sorted((f for f in units if f.period == last), key=lambda f: (f.team, f.site))


def trend(totals: list[Figure], periods: int = TREND_PERIODS) -> list[Figure]:
    """The figures of the last periods months, up to the latest figure (a month with no
    figure leaves a gap: fewer points)."""
    if not totals:
        return []
    start = month_number(totals[-1].period) - periods + 1
    return [f for f in totals if month_number(f.period) >= start]


def missed_in_a_row(totals: list[Figure], threshold: Threshold) -> list[Figure]:
    """The figures that missed the target in consecutive months up to the latest, oldest
    first (a month with no figure ends the run: it is not known to have missed)."""
    run: list[Figure] = []
    for figure in reversed(totals):
        if threshold.met(figure.value) or (
            run and month_number(figure.period) != month_number(run[0].period) - 1
        ):
            break
        run.insert(0, figure)
    return run


@dataclass(frozen=True)
class Trigger:
    """A metric that has missed its target for enough periods in a row to call for the
    review of the SOPs whose steps it measures."""

    metric: str
    threshold: Threshold
    missed: tuple[Figure, ...]  # oldest first, up to the latest figure

    @property
    def periods(self) -> int:
        return len(self.missed)

    @property
    def first(self) -> str:
        return self.missed[0].period

    @property
    def last(self) -> str:
        return self.missed[-1].period


def triggers(
    figures: list[Figure], thresholds: Mapping[str, Threshold], periods: int
) -> dict[str, Trigger]:
    """The metrics whose totals missed their threshold in at least periods consecutive
    months up to their latest figure, by metric id."""
    found: dict[str, Trigger] = {}
    for metric, threshold in sorted(thresholds.items()):
        run = missed_in_a_row(series(figures, metric), threshold)
        if run and len(run) >= periods:
            found[metric] = Trigger(metric, threshold, tuple(run))
    return found


def month_start(period: str) -> datetime.date:
    """The first day of a period's month."""
    year, month = period.split("-")
    return datetime.date(int(year), int(month), 1)


def answered(trigger: Trigger, effective: datetime.date, periods: int) -> Trigger | None:
    """The trigger as it stands for an SOP version in force from effective: a version that
    took effect after the review was called for (after the month of the run's
    periods-th miss) counts only the months that began on its effective date or later,
    and is flagged again when those are enough; None when the review is answered."""
    called = month_number(trigger.missed[periods - 1].period) + 1
    if effective < month_start(f"{called // 12}-{called % 12 + 1:02d}"):
        return trigger
    since = tuple(f for f in trigger.missed if month_start(f.period) >= effective)
    return replace(trigger, missed=since) if len(since) >= periods else None
