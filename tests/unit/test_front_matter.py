"""Front matter read and checked without Sphinx: each field's line, dates, intervals."""

from __future__ import annotations

import datetime
from typing import Any, cast

import pytest

from samples import SIMPLE
from soplib.checks.fields import check_front_matter
from soplib.model.frontmatter import (
    fingerprint,
    folded_fingerprint,
    is_sop,
    read_front_matter,
    sop_files,
    split_front_matter,
)
from soplib.model.i18n import AUTHOR
from soplib.model.problems import Problem

ID_PATTERN = r"^SOP-[A-Z]+-\d{3,}$"


def test_front_matter_gives_each_field_its_line():
    front, findings = read_front_matter(SIMPLE)
    assert findings == [] and front is not None
    assert front.lines["id"] == 2 and front.lines["review_every"] == 10
    assert front.last_line == 11


def test_dates_are_read_as_dates_and_next_review_follows_from_the_interval():
    front, _ = read_front_matter(SIMPLE)
    assert front is not None
    meta, findings = check_front_matter(front, ID_PATTERN)
    assert findings == []
    assert meta["effective"] == datetime.date(2026, 9, 1)
    assert meta["next_review"] == datetime.date(2027, 9, 1)


def test_an_explicit_next_review_wins():
    front, _ = read_front_matter(
        SIMPLE.replace("review_every: 12 months", "next_review: 2027-03-01")
    )
    assert front is not None
    meta, _ = check_front_matter(front, ID_PATTERN)
    assert meta["next_review"] == datetime.date(2027, 3, 1)


def test_a_page_without_front_matter_has_none():
    assert read_front_matter("# Notes\n\nText.\n") == (None, [])


def test_front_matter_that_is_not_a_mapping():
    front, findings = read_front_matter("---\n- id\n- title\n---\n")
    assert [(f.line, f.problem) for f in findings] == [(2, Problem.FRONT_MATTER_SYNTAX)]


def test_tab_indentation_is_located():
    front, findings = read_front_matter("---\nid: SOP-T-001\n\towner: ROLE_AGENT\n---\n")
    assert [(f.line, f.problem) for f in findings] == [(3, Problem.FRONT_MATTER_SYNTAX)]


def test_a_control_character_is_located_not_a_crash():
    # Found by the robustness test (tests/fuzz): YAML refuses the text before reading it.
    front, findings = read_front_matter("---\nid: SOP-T-001\ntitle: A\x17B\n---\n")
    assert [(f.line, f.problem) for f in findings] == [(3, Problem.FRONT_MATTER_SYNTAX)]
    assert "U+0017" in findings[0].message and "delete it" in findings[0].message


@pytest.mark.parametrize("value", ["[" * 100_000, "{a: " * 50_000])
def test_nesting_too_deep_for_yaml_is_located_not_a_crash(value):
    front, findings = read_front_matter(f"---\nid: SOP-T-001\ntitle: {value}\n---\n")
    assert [(f.line, f.problem) for f in findings] == [(3, Problem.FRONT_MATTER_SYNTAX)]


@pytest.mark.parametrize("interval", ["99999 years", "10000000000 weeks"])
def test_an_interval_past_the_last_date_is_a_finding_not_a_crash(interval):
    # Found by the robustness test (tests/fuzz): the next review fell after 9999-12-31.
    front, _ = read_front_matter(
        SIMPLE.replace("review_every: 12 months", f"review_every: {interval}")
    )
    assert front is not None
    meta, findings = check_front_matter(front, ID_PATTERN)
    assert [(f.line, f.problem) for f in findings] == [(10, Problem.INVALID_INTERVAL)]
    assert "after the year 9999" in findings[0].message
    assert "next_review" not in meta and "review_every" not in meta


def test_an_explicit_next_review_wins_over_review_every():
    """Both given: the date written is the next review, not effective + review_every."""
    text = SIMPLE.replace(
        "review_every: 12 months", "review_every: 12 months\nnext_review: 2027-03-01"
    )
    front, _ = read_front_matter(text)
    assert front is not None
    meta, findings = check_front_matter(front, ID_PATTERN)
    assert findings == []
    assert meta["next_review"] == datetime.date(2027, 3, 1)


def test_an_empty_title_is_a_missing_field():
    front, _ = read_front_matter(SIMPLE.replace("title: Answering a test call", 'title: ""'))
    assert front is not None
    _meta, findings = check_front_matter(front, ID_PATTERN)
    assert [(f.line, f.problem, f.message) for f in findings] == [
        (
            3,
            Problem.MISSING_FIELD,
            "field 'title' has no value: write 'title: <what the procedure does>'",
        )
    ]


def test_an_sop_that_takes_effect_today_is_in_force():
    from soplib.model.in_force import FUTURE, IN_FORCE, standing

    day = datetime.date(2026, 12, 7)
    approved = {"status": "approved", "effective": day}
    assert standing(approved, day).state == IN_FORCE
    assert standing(approved, day - datetime.timedelta(days=1)).state == FUTURE


def test_a_value_its_tag_cannot_make_is_said_at_its_field():
    _, findings = read_front_matter("---\nid: SOP-T-001\nversion: !!int one\n---\n")
    assert [(f.line, f.problem, f.message) for f in findings] == [(3, Problem.FRONT_MATTER_SYNTAX,
        "the value of 'version' in the front matter is not what '!!int' says it is: remove the "
        "tag and write the value as plain text")]  # fmt: skip


def test_front_matter_nested_too_deeply_is_said_at_its_deepest_line():
    _, findings = read_front_matter("---\nid: SOP-T-001\ntitle: " + "[" * 5000 + "\n---\n")
    assert [(f.line, f.problem) for f in findings] == [(3, Problem.FRONT_MATTER_SYNTAX)]
    assert findings[0].message.startswith("front matter nests lists or maps too deeply")


def test_front_matter_problems_are_said_in_the_librarys_language(monkeypatch):
    monkeypatch.setitem(AUTHOR, "language", "hu")
    _, findings = read_front_matter("---\nid: SOP-T-001\nid: SOP-T-002\n---\n")
    assert [f.message for f in findings] == [
        "a 'id' mező kétszer szerepel (először a(z) 2. sorban): csak az egyiket hagyja meg"
    ]
    _, findings = read_front_matter("---\nid: SOP-T-001\n")
    assert findings[0].message.startswith("az 1. sorban '---' jellel nyitott fejléc")


def test_the_fingerprint_of_a_text_is_fixed_as_approvals_record_it():
    # The approvals in the SOPs hold such stamps: the same text must always give the same.
    assert folded_fingerprint("Answer within  three\nrings.") == "9ced63809f7d966c"
    assert fingerprint("---\nid: a\n---\n\nBody  text\n") == folded_fingerprint("Body text")
    assert fingerprint("Body text") == folded_fingerprint("Body text")
    assert fingerprint("---\nid: a\n") == folded_fingerprint("---\nid: a\n")  # never closed


@pytest.mark.parametrize(
    ("text", "block"),
    [
        ("---  \nid: a\n...\nBody", ("id: a", 3)),
        ("---\nid: a\ntitle: b\n---\n", ("id: a\ntitle: b", 4)),
        ("---\nid: a\n  ---\n---\n", ("id: a\n  ---", 4)),
        ("  ---\nid: a\n---\n", None),
        ("", None),
        ("---\nid: a\n", ("", 0)),
    ],
)
def test_front_matter_opens_and_closes_with_a_line_of_its_own(text, block):
    assert split_front_matter(text) == block


def test_front_matter_never_closed_is_said_at_the_first_line():
    front, findings = read_front_matter("---\nid: SOP-T-001\n")
    assert front is not None and front.last_line == 1
    assert [(f.line, f.problem) for f in findings] == [(1, Problem.FRONT_MATTER_SYNTAX)]


@pytest.mark.parametrize("body", ["- id\n- title", "just text", "!!int 12"])
def test_front_matter_that_is_no_list_of_fields_is_said_at_its_first_line(body):
    _, findings = read_front_matter(f"---\n{body}\n---\n")
    assert [(f.line, f.problem, f.message) for f in findings] == [(2, Problem.FRONT_MATTER_SYNTAX,
        "front matter is not a list of fields: write each field as 'key: value'")]  # fmt: skip


def said(text: str) -> list[tuple[int, str]]:
    """Each problem reading the front matter of text finds: its line and message."""
    return [(f.line, f.message) for f in read_front_matter(text)[1]]


def test_a_value_that_is_no_field_and_not_what_its_tag_says_is_said_at_the_first_line():
    assert said("---\n!!int twelve\n---\n") == [(2,
        "the value of a field in the front matter is not what its tag says it is: remove the "
        "tag and write the value as plain text")]  # fmt: skip


def test_each_field_twice_is_said_and_every_field_keeps_its_line():
    front, findings = read_front_matter("---\nid: a\nid: b\n1: x\nnull: y\nid: c\ntitle: t\n---\n")
    assert front is not None
    assert [(f.line, f.problem) for f in findings] == [(3, Problem.DUPLICATE_FIELD),
                                                       (6, Problem.DUPLICATE_FIELD)]  # fmt: skip
    assert front.lines == {"id": 2, "1": 4, "null": 5, "None": 5, "title": 7}
    assert (front.line(1), front.line(None), front.line("missing")) == (4, 5, 1)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("---\nid: a\ntitle: b\x07c\n---\n", 3),
        ("---\nid: a\ntitle: b\x07c\nowner: d\nstatus: e\n---\n", 3),  # lines after it
        ("---\n\nid: a\ntitle: b\x07c\n---\n", 4),  # a blank line first
    ],
)
def test_a_character_yaml_refuses_is_said_at_its_line(text, line):
    assert said(text) == [(line,
        "front matter holds the character U+0007, which YAML does not take (a control "
        "character, often invisible in an editor): delete it")]  # fmt: skip


def test_lists_nested_too_deeply_are_said_at_their_line():
    _, findings = read_front_matter("---\nid: a\nsteps:\n" + "- " * 3000 + "x\n---\n")
    assert [(f.line, f.problem) for f in findings] == [(4, Problem.FRONT_MATTER_SYNTAX)]
    assert findings[0].message == (
        "front matter nests lists or maps too deeply to be read: write each field as "
        "'key: value', with a plain value"
    )


def test_the_sops_of_a_folder_are_those_with_readable_front_matter(tmp_path):
    folder = tmp_path / "sops" / "area"
    folder.mkdir(parents=True)
    (folder / "a.md").write_bytes(b"---\nid: SOP-T-001\n---\nCaf\xe9\n")
    (folder / "b.md").write_text("# No front matter\n")
    (folder / "c.md").write_text("---\nid: [\n---\n")
    assert [(path.name, front.values) for path, front in sop_files(tmp_path)] == [
        ("a.md", {"id": "SOP-T-001"})]  # fmt: skip


def test_a_page_is_an_sop_when_it_has_an_sop_field_or_cannot_be_read():
    notes, _ = read_front_matter("---\norphan: true\n---\n")
    sop, _ = read_front_matter("---\norphan: true\nid: SOP-T-001\n---\n")
    assert not is_sop(notes, []) and is_sop(sop, [])
    assert is_sop(notes, [cast(Any, "a finding")]) and not is_sop(None, [])


@pytest.mark.parametrize(
    ("text", "line", "field", "tag"),
    [
        ("---\nid: a\ntags: [1, !!int abc]\n---\n", 3, "tags", "!!int"),
        ("---\nid: a\nsteps:\n  - one\n  - !!float two\n---\n", 5, "steps", "!!float"),
        ("---\nid: a\nx:\n  a: 1\n  b: !!timestamp 2026-13-45\n---\n", 5, "x", "!!timestamp"),
    ],
)
def test_a_tagged_value_inside_a_list_or_map_is_said_at_its_own_line(text, line, field, tag):
    assert said(text) == [(line,
        f"the value of '{field}' in the front matter is not what '{tag}' says it is: remove "
        "the tag and write the value as plain text")]  # fmt: skip


def test_a_tagged_value_nested_too_deeply_to_look_inside_is_said_at_its_field():
    nested = "[" * 400 + "!!int abc" + "]" * 400
    assert said(f"---\nid: a\nx: {nested}\n---\n") == [(3,
        "the value of 'x' in the front matter is not what '!!seq' says it is: remove the tag "
        "and write the value as plain text")]  # fmt: skip
