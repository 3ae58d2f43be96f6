"""Dates, intervals and where an SOP stands on a day: the rules of document control."""

from __future__ import annotations

import datetime
from types import SimpleNamespace
from typing import Any, cast

import pytest

from soplib.model.dates import add_interval, days_overdue, parse_date, today
from soplib.model.in_force import (
    DRAFT,
    FUTURE,
    IN_FORCE,
    IN_REVIEW,
    RETIRED,
    Standing,
    leave_out_unpublished,
    standing,
)

DAY = datetime.date(2026, 9, 1)
BEFORE, AFTER = DAY - datetime.timedelta(days=1), DAY + datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("value", "read"),
    [
        ("2026-09-01", DAY),
        ("2024-02-29", datetime.date(2024, 2, 29)),
        ("20260901", None),  # Python reads it; the front matter's form is YYYY-MM-DD
        ("2026-9-1", None),
        ("2026-02-30", None),
        (20260901, None),
        (None, None),
    ],
)
def test_a_date_is_read_only_in_the_form_yyyy_mm_dd(value, read):
    assert parse_date(value) == read


@pytest.mark.parametrize(
    ("start", "interval", "due"),
    [
        ("2026-01-31", "1 month", "2026-02-28"),
        ("2024-02-29", "1 year", "2025-02-28"),
        ("2026-09-01", "18 months", "2028-03-01"),
        ("2026-09-01", "2 weeks", "2026-09-15"),
        ("2026-09-01", "90 days", "2026-11-30"),
        ("2024-01-31", "2 years", "2026-01-31"),
        ("2026-12-15", "1 month", "2027-01-15"),
        ("2026-11-30", "3 months", "2027-02-28"),
        ("2026-09-01", "1 week", "2026-09-08"),
        ("2026-09-01", "1 day", "2026-09-02"),
    ],
)
def test_an_interval_crosses_years_and_month_ends(start, interval, due):
    assert add_interval(datetime.date.fromisoformat(start), interval) == (
        datetime.date.fromisoformat(due)
    )


def test_reviews_are_checked_against_sop_today_when_it_is_set():
    assert today(cast(Any, SimpleNamespace(sop_today="2026-03-01"))) == datetime.date(2026, 3, 1)
    assert today(cast(Any, SimpleNamespace(sop_today=""))) == datetime.date.today()


def test_days_overdue_counts_past_the_due_date_and_negative_before_it():
    assert days_overdue(DAY, datetime.date(2026, 9, 11)) == 10
    assert days_overdue(DAY, datetime.date(2026, 8, 29)) == -3


@pytest.mark.parametrize(
    ("status", "effective", "expected"),
    [
        ("approved", DAY, Standing(IN_FORCE, DAY)),  # in force on its effective day
        ("approved", AFTER, Standing(FUTURE, AFTER)),
        ("approved", BEFORE, Standing(IN_FORCE, BEFORE)),
        ("approved", None, Standing(IN_FORCE)),
        ("approved", "2026-09-01", Standing(IN_FORCE)),  # unread: the build reports it
        ("retired", DAY, Standing(RETIRED, DAY)),
        ("in-review", DAY, Standing(IN_REVIEW, DAY)),
        ("draft", DAY, Standing(DRAFT, DAY)),
        (None, None, Standing(DRAFT)),
    ],
)
def test_where_an_sop_stands_on_a_day(status, effective, expected):
    assert standing({"status": status, "effective": effective}, DAY) == expected


def test_only_an_sop_in_force_says_so():
    assert Standing(IN_FORCE).in_force
    assert not any(Standing(state).in_force for state in (FUTURE, IN_REVIEW, DRAFT, RETIRED))


@pytest.mark.parametrize(
    ("state", "effective", "label"),
    [
        (IN_FORCE, DAY, "In force"),
        (FUTURE, DAY, "Approved, in force from 2026-09-01: not in force yet"),
        (IN_REVIEW, None, "In review: not in force"),
        (DRAFT, DAY, "Draft: not in force"),
        (RETIRED, DAY, "Retired: no longer in force"),
    ],
)
def test_each_standing_tells_the_reader_where_the_sop_is(state, effective, label):
    assert Standing(state, effective).label() == label


def test_a_setting_leaves_sops_of_its_statuses_out_wherever_the_sops_are(tmp_path):
    for name, status in [("a", "draft"), ("b", "approved"), ("c", "draft")]:
        page = tmp_path / "procedures" / "area" / f"{name}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"---\nid: SOP-T-00{name}\nstatus: {status}\n---\n# {name}\n")
    (tmp_path / "sops").mkdir()
    (tmp_path / "sops" / "d.md").write_text("---\nstatus: draft\n---\n# d\n")
    config = SimpleNamespace(sop_unpublished=["draft"], sop_root="procedures",
                             exclude_patterns=["_build"])  # fmt: skip
    leave_out_unpublished(cast(Any, SimpleNamespace(srcdir=tmp_path)), cast(Any, config))
    assert config.exclude_patterns == ["_build", "procedures/area/a.md", "procedures/area/c.md"]
