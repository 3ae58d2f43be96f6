"""When SOPs are due for review: the date reviews are checked against, and each SOP's
standing. An SOP past its next review by more than the grace period (conf.py) is a
``sop.review_overdue`` warning, so CI fails until it is reviewed.
"""

from __future__ import annotations

import datetime

from sphinx.config import Config


def today(config: Config) -> datetime.date:
    """The date reviews are checked against: sop_today if set, else today."""
    return datetime.date.fromisoformat(config.sop_today) if config.sop_today else datetime.date.today()


def days_overdue(due: datetime.date, day: datetime.date) -> int:
    """How many days past due a review is (negative: days left)."""
    return (day - due).days


def review_status(due: datetime.date, day: datetime.date) -> str:
    late = days_overdue(due, day)
    if late > 0:
        return f"Overdue by {late} days"
    return "Due today" if late == 0 else f"Due in {-late} days"
