"""Each front matter field checked without Sphinx: the problem, its line and its message."""

from __future__ import annotations

import datetime

import pytest

from samples import SIMPLE
from soplib.checks.fields import check_front_matter
from soplib.model.frontmatter import read_front_matter
from soplib.model.problems import Problem

ID_PATTERN = r"^SOP-[A-Z]+-\d{3,}$"
FIELDS = SIMPLE[: SIMPLE.index("---\n", 4) + 4]


def checked(old: str, new: str, pattern: str = ID_PATTERN) -> tuple[dict, list[tuple]]:
    """The metadata and the findings of SIMPLE's front matter with old replaced by new."""
    assert old in FIELDS, old
    front, findings = read_front_matter(FIELDS.replace(old, new, 1))
    assert front is not None and findings == []
    meta, found = check_front_matter(front, pattern)
    return meta, [(f.line, f.problem, f.message) for f in found]


P = Problem
ROLES = "is not a role id: name a role of the catalog, like ROLE_QA_LEAD"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("id: SOP-T-001", "id: T-1", [(2, P.INVALID_ID,
         "id 'T-1' does not match ^SOP-[A-Z]+-\\d{3,}$: write it like SOP-CC-001")]),
        ("id: SOP-T-001", "id: 7", [(2, P.INVALID_ID,
         "id 7 does not match ^SOP-[A-Z]+-\\d{3,}$: write it like SOP-CC-001")]),
        ("title: Answering a test call", "title: '  '", [(3, P.INVALID_TITLE,
         "title '  ' is not a title: write the procedure's name")]),
        ("title: Answering a test call", "title: 12", [(3, P.INVALID_TITLE,
         "title 12 is not a title: write the procedure's name")]),
        ("title: Answering a test call", 'title: ""', [(3, P.MISSING_FIELD,
         "field 'title' has no value: write 'title: <what the procedure does>'")]),
        ("format: simple", "format: list", [(4, P.UNKNOWN_FORMAT,
         "format 'list' is not a format: use one of simple, hierarchical, flowchart")]),
        ("version: 1.0.0", "version: 1.0", [(5, P.INVALID_VERSION,
         "version 1.0 is not a version: write MAJOR.MINOR.PATCH, like 1.2.0")]),
        ("version: 1.0.0", "version: '1.0.0-rc'", [(5, P.INVALID_VERSION,
         "version '1.0.0-rc' is not a version: write MAJOR.MINOR.PATCH, like 1.2.0")]),
        ("status: approved", "status: done", [(6, P.UNKNOWN_STATUS,
         "status 'done' is not a status: use one of draft, in-review, approved, retired")]),
        ("owner: ROLE_TEAM_LEADER", "owner: Team leader", [(7, P.UNKNOWN_ROLE,
         f"owner 'Team leader' {ROLES}")]),
        ("approver: ROLE_OPS_MANAGER", "approver: ROLE_ops", [(8, P.UNKNOWN_ROLE,
         f"approver 'ROLE_ops' {ROLES}")]),
        ("effective: 2026-09-01", "effective: 2026-13-01", [(9, P.INVALID_DATE,
         "effective '2026-13-01' is not a date: write it as YYYY-MM-DD, like 2026-09-01")]),
        ("effective: 2026-09-01", "effective:", [(9, P.MISSING_FIELD,
         "field 'effective' has no value: write 'effective: YYYY-MM-DD'")]),
        ("review_every: 12 months", "review_every: yearly", [(10, P.INVALID_INTERVAL,
         "review_every 'yearly' is not an interval: write a number and a unit, like "
         "'12 months' or '2 years'")]),
        ("review_every: 12 months", "review_every: 12", [(10, P.INVALID_INTERVAL,
         "review_every 12 is not an interval: write a number and a unit, like "
         "'12 months' or '2 years'")]),
        ("review_every: 12 months", "review_every: 12 months\napproved_fingerprint:",
         [(11, P.MISSING_FIELD, "field 'approved_fingerprint' has no value: write "
                                "'approved_fingerprint: <run make approve>'")]),
        ("review_every: 12 months", "review_every: 12 months\neditorial: yes please",
         [(11, P.INVALID_FLAG, "editorial 'yes please' is not true or false")]),
        ("review_every: 12 months", "review_every: 12 months\napproved_fingerprint: abc",
         [(11, P.INVALID_STAMP,
           "approved_fingerprint 'abc' is not an approval stamp: write it with make approve")]),
        ("review_every: 12 months", "review_every: 12 months\nlanguage: xx",
         [(11, P.UNKNOWN_LANGUAGE,
           "language 'xx' is not a language of the library: use one of en, hu, pt")]),
        ("review_every: 12 months", "review_every: 12 months\nreviewer: ROLE_QA_LEAD",
         [(11, P.UNKNOWN_FIELD, "unknown front matter field 'reviewer': did you mean "
                                "'review_every'?")]),
        ("review_every: 12 months", "review_every: 12 months\nzzz: 1",
         [(11, P.UNKNOWN_FIELD, "unknown front matter field 'zzz': SOP fields are id, title, "
           "format, version, status, owner, approver, effective, review_every, next_review, "
           "editorial, approved_fingerprint, language")]),
        ("review_every: 12 months", "review_every: 12 months\norphan: true", []),
        ("owner: ROLE_TEAM_LEADER\n", "", [(1, P.MISSING_FIELD,
         "front matter has no 'owner': add 'owner: ROLE_...'")]),
        ("review_every: 12 months\n", "", [(1, P.MISSING_FIELD,
         "front matter says neither when the SOP is reviewed: add 'review_every: 12 months' "
         "or 'next_review: YYYY-MM-DD'")]),
        ("effective: 2026-09-01", "effective: 9999-06-01", [(10, P.INVALID_INTERVAL,
         "review_every '12 months' after effective 9999-06-01 falls after the year 9999: "
         "write the interval between reviews, like '12 months' or '2 years'")]),
    ],
)  # fmt: skip
def test_each_wrong_value_is_said_at_its_field(old, new, expected):
    assert checked(old, new)[1] == expected


def test_the_values_are_read_into_the_metadata():
    meta, found = checked(
        "review_every: 12 months",
        "review_every: ' 2 YEARS '\neditorial: true\napproved_fingerprint: 0123456789abcdef\n"
        "language: hu",
    )
    assert found == []
    assert meta == {
        "id": "SOP-T-001", "title": "Answering a test call", "format": "simple",
        "version": "1.0.0", "status": "approved", "owner": "ROLE_TEAM_LEADER",
        "approver": "ROLE_OPS_MANAGER", "effective": datetime.date(2026, 9, 1),
        "review_every": "2 years", "editorial": True,
        "approved_fingerprint": "0123456789abcdef", "language": "hu",
        "next_review": datetime.date(2028, 9, 1),
    }  # fmt: skip


def test_the_id_follows_the_librarys_pattern():
    assert checked("id: SOP-T-001", "id: CC-7", r"^CC-\d+$")[1] == []
    assert checked("id: SOP-T-001", "id: xCC-7", r"^CC-\d+$")[1] == [(2, P.INVALID_ID,
        "id 'xCC-7' does not match ^CC-\\d+$: write it like SOP-CC-001")]  # fmt: skip


def test_an_approval_stamp_is_sixteen_hex_digits():
    stamp = "review_every: 12 months\napproved_fingerprint: "
    assert checked("review_every: 12 months", stamp + "0123456789abcdeF")[1] != []
    assert checked("review_every: 12 months", stamp + "0123456789abcdef0")[1] != []


def test_every_wrong_field_is_said_after_an_empty_one_and_one_not_checked():
    _, found = checked("title: Answering a test call\nformat: simple",
                       'title: ""\norphan: true\nformat: list')  # fmt: skip
    assert [(line, problem) for line, problem, _ in found] == [
        (3, P.MISSING_FIELD), (5, P.UNKNOWN_FORMAT)]  # fmt: skip
