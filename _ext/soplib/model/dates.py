"""Dates and intervals of the SOPs: a YYYY-MM-DD date, an interval such as '12 months',
the date reviews are checked against, and how late a review is.
"""

from __future__ import annotations

import calendar
import datetime
import re
from typing import Any

from sphinx.config import Config

INTERVAL = re.compile(r"^(\d+)\s+(day|week|month|year)s?$")


def parse_date(value: Any) -> datetime.date | None:
    """A YYYY-MM-DD date, or None."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def add_interval(start: datetime.date, interval: str) -> datetime.date:
    """The date an interval such as '12 months' after start (end of month if need be)."""
    match = INTERVAL.match(interval)
    assert match, interval
    count, unit = int(match[1]), match[2]
    if unit in ("day", "week"):
        return start + datetime.timedelta(days=count * (7 if unit == "week" else 1))
    months = start.month - 1 + count * (12 if unit == "year" else 1)
    year, month = start.year + months // 12, months % 12 + 1
    return datetime.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def today(config: Config) -> datetime.date:
    """The date reviews are checked against: sop_today if set, else today."""
    if config.sop_today:
        return datetime.date.fromisoformat(config.sop_today)
    return datetime.date.today()


def days_overdue(due: datetime.date, day: datetime.date) -> int:
    """How many days past due a review is (negative: days left)."""
    return (day - due).days
