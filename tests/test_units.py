"""The pure parts of the checks, without Sphinx: front matter, section order, settings."""

from __future__ import annotations

import datetime

import pytest

from samples import SIMPLE
from soplib.checks.fields import check_front_matter
from soplib.model.dates import add_interval
from soplib.model.frontmatter import read_front_matter
from soplib.model.outline import Outline, Part, Step
from soplib.model.problems import Problem
from soplib.model.settings import SettingsError, normalise_title, section_spec
from soplib.checks.structure import check_sections

ID_PATTERN = r"^SOP-[A-Z]+-\d{3,}$"


class Config:
    """Just the settings section_spec reads."""

    def __init__(self, sections, procedure="Procedure"):
        self.sop_sections = sections
        self.sop_procedure_section = procedure


SPEC = section_spec(Config([{"title": t} for t in ("Purpose", "Scope", "Procedure", "Training")]))


def test_front_matter_gives_each_field_its_line():
    front, findings = read_front_matter(SIMPLE)
    assert findings == []
    assert front.lines["id"] == 2 and front.lines["review_every"] == 10
    assert front.last_line == 11


def test_dates_are_read_as_dates_and_next_review_follows_from_the_interval():
    front, _ = read_front_matter(SIMPLE)
    meta, findings = check_front_matter(front, ID_PATTERN)
    assert findings == []
    assert meta["effective"] == datetime.date(2026, 9, 1)
    assert meta["next_review"] == datetime.date(2027, 9, 1)


def test_an_explicit_next_review_wins():
    front, _ = read_front_matter(SIMPLE.replace("review_every: 12 months",
                                                "next_review: 2027-03-01"))
    meta, _ = check_front_matter(front, ID_PATTERN)
    assert meta["next_review"] == datetime.date(2027, 3, 1)


@pytest.mark.parametrize(("start", "interval", "due"), [
    ("2026-01-31", "1 month", "2026-02-28"),
    ("2024-02-29", "1 year", "2025-02-28"),
    ("2026-09-01", "18 months", "2028-03-01"),
    ("2026-09-01", "2 weeks", "2026-09-15"),
    ("2026-09-01", "90 days", "2026-11-30"),
])
def test_add_interval(start, interval, due):
    assert add_interval(datetime.date.fromisoformat(start), interval) == (
        datetime.date.fromisoformat(due))


def test_a_page_without_front_matter_has_none():
    assert read_front_matter("# Notes\n\nText.\n") == (None, [])


def test_front_matter_that_is_not_a_mapping():
    front, findings = read_front_matter("---\n- id\n- title\n---\n")
    assert [(f.line, f.problem) for f in findings] == [(2, Problem.FRONT_MATTER_SYNTAX)]


def test_tab_indentation_is_located():
    front, findings = read_front_matter("---\nid: SOP-T-001\n\towner: ROLE_AGENT\n---\n")
    assert [(f.line, f.problem) for f in findings] == [(3, Problem.FRONT_MATTER_SYNTAX)]


@pytest.mark.parametrize(("title", "canonical"), [
    ("Purpose", "purpose"),
    ("1. Purpose", "purpose"),
    ("2) Scope:", "scope"),
    ("IV. Procedure", "procedure"),
    ("  Review   and approval ", "review and approval"),
    ("ÂMBITO", "âmbito"),
])
def test_normalise_title(title, canonical):
    assert normalise_title(title) == canonical


def outline(*titles: str) -> Outline:
    return Outline([Part(t, line, 2, has_text=True,
                         steps=[Step("STEP_X", line + 1)] if t == "Procedure" else [])
                    for line, t in enumerate(titles, start=10)])


def test_sections_in_order_are_fine():
    assert list(check_sections(outline("Purpose", "Scope", "Procedure", "Training"), SPEC,
                               "SOP-T-1")) == []


def test_order_flags_the_fewest_sections():
    found = check_sections(outline("Training", "Purpose", "Scope", "Procedure"), SPEC, "S")
    assert [(f.line, f.problem, f.message.split(":")[1].strip()) for f in found] == [
        (10, Problem.SECTION_ORDER, "move it after 'Procedure' (the order is Purpose, Scope,"
         " Procedure, Training)")]


def test_a_section_moved_to_the_front_is_the_one_flagged():
    found = check_sections(outline("Procedure", "Purpose", "Scope", "Training"), SPEC, "S")
    assert [(f.line, f.problem) for f in found] == [(10, Problem.SECTION_ORDER)]


@pytest.mark.parametrize(("sections", "error"), [
    ([], "sop_sections is empty: list the required sections in conf.py"),
    (["Purpose"], "sop_sections entry 1 must be a dict with a 'title' string, not 'Purpose'"),
    ([{"title": "Purpose", "alias": ["Cél"]}],
     "sop_sections entry 1 has unknown keys ['alias']: use title, aliases, hint"),
    ([{"title": "Purpose", "aliases": "Cél"}],
     "sop_sections entry 1: 'aliases' must be a list of strings"),
    ([{"title": "Purpose"}, {"title": "Aim", "aliases": ["purpose"]}],
     "sop_sections entry 2: 'purpose' already names the section 'Purpose'"),
    ([{"title": "Purpose"}],
     "sop_procedure_section 'Procedure' is not one of the titles in sop_sections: Purpose"),
])
def test_bad_section_settings_say_what_is_wrong(sections, error):
    with pytest.raises(SettingsError) as raised:
        section_spec(Config(sections))
    assert str(raised.value) == error
