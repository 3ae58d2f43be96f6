"""Each finding of the required sections, without Sphinx: its line, problem and message."""

from __future__ import annotations

import sphinx.config

from soplib.checks.structure import check_placeholders, check_sections
from soplib.model.outline import Outline, Part, Step
from soplib.model.problems import Problem
from soplib.model.settings import section_spec


class Config(sphinx.config.Config):
    """Just the settings section_spec reads."""

    def __init__(self, sections, language="en"):
        super().__init__()
        self.sop_sections = sections
        self.sop_procedure_section = "Procedure"
        self.language = language


SPEC = section_spec(
    Config(
        [
            {"title": "Purpose", "hint": "why the procedure exists"},
            {"title": "Scope"},
            {"title": "Procedure"},
            {"title": "Training"},
        ]
    )  # fmt: skip
)
ORDER = "(the order is Purpose, Scope, Procedure, Training)"


def part(title: str, line: int, *steps: str, level: int = 2, text: bool = True) -> Part:
    return Part(title, line, level, has_text=text, steps=[Step(s, line + 1) for s in steps])


def found(*parts: Part, loose: tuple[str, ...] = ()) -> list[tuple[int, Problem, str]]:
    outline = Outline(list(parts), [Step(s, 1) for s in loose])
    return [(f.line, f.problem, f.message) for f in check_sections(outline, SPEC, "SOP-T-001")]


WHOLE = [part("Purpose", 10), part("Scope", 12), part("Procedure", 14, "STEP_A"),
         part("Training", 20)]  # fmt: skip


def test_a_whole_sop_has_no_finding():
    assert found(*WHOLE) == []


def test_a_title_heading_is_said_with_its_fix():
    assert found(part("Purpose", 10, level=1), *WHOLE[1:]) == [(10, Problem.HEADING_LEVEL,
        "'# Purpose' is a title heading, but the page title comes from the front matter "
        "'title': write it as '## Purpose'")]  # fmt: skip


def test_a_section_twice_names_its_first_line():
    assert found(*WHOLE, part("1. Scope", 22)) == [(22, Problem.DUPLICATE_SECTION,
        "SOP SOP-T-001 has the section 'Scope' twice (first on line 12): merge them into "
        "one")]  # fmt: skip


def test_an_empty_section_says_what_to_write_in_it():
    empty = [part("Purpose", 10, text=False), part("Scope", 12, text=False), *WHOLE[2:]]
    assert found(*empty) == [
        (10, Problem.EMPTY_SECTION,
         "section 'Purpose' of SOP SOP-T-001 is empty: write why the procedure exists"),
        (12, Problem.EMPTY_SECTION, "section 'Scope' of SOP SOP-T-001 is empty: write its content"),
    ]  # fmt: skip


def test_the_fewest_sections_out_of_order_are_moved_before_or_after_the_rest():
    moved = [part("Training", 8), part("Scope", 10), part("Procedure", 12, "STEP_A"),
             part("Purpose", 20)]  # fmt: skip
    assert found(*moved) == [
        (8, Problem.SECTION_ORDER, "section 'Training' of SOP SOP-T-001 is out of order: "
         f"move it after 'Procedure' {ORDER}"),
        (20, Problem.SECTION_ORDER, "section 'Purpose' of SOP SOP-T-001 is out of order: "
         f"move it before 'Scope' {ORDER}"),
    ]  # fmt: skip


def test_a_missing_section_is_placed_before_the_next_or_after_the_last():
    assert found(WHOLE[0], WHOLE[2]) == [
        (14, Problem.MISSING_SECTION,
         "SOP SOP-T-001 has no 'Scope' section: add '## Scope' before '## Procedure'"),
        (14, Problem.MISSING_SECTION,
         "SOP SOP-T-001 has no 'Training' section: add '## Training' after the last section"),
    ]  # fmt: skip


def test_a_misspelt_heading_is_the_missing_section_it_looks_like():
    assert found(WHOLE[0], part("Scpoe", 12), *WHOLE[2:]) == [(12, Problem.MISSING_SECTION,
        "SOP SOP-T-001 has no 'Scope' section: did you mean '## Scope' here? Correct this "
        "heading '## Scpoe' to it, or, if it is another part, add '## Scope' as well")]  # fmt: skip


def test_a_page_of_no_section_misses_each_at_its_first_line():
    assert [(line, problem) for line, problem, _ in found()] == [(1, Problem.MISSING_SECTION)] * 4


def test_a_procedure_without_steps_is_said():
    assert found(*WHOLE[:2], part("Procedure", 14), WHOLE[3]) == [(14, Problem.NO_STEPS,
        "section 'Procedure' of SOP SOP-T-001 holds no step: write each step as a ```{step} "
        "block")]  # fmt: skip


def test_a_step_outside_the_procedure_is_said_where_it_is():
    outside = [WHOLE[0], part("Scope", 12, "STEP_B"), *WHOLE[2:]]
    assert found(*outside, loose=("STEP_C",)) == [
        (1, Problem.STEP_OUTSIDE_PROCEDURE, "step STEP_C is before the first section, outside "
         "'Procedure': move it into the 'Procedure' section"),
        (13, Problem.STEP_OUTSIDE_PROCEDURE, "step STEP_B is in 'Scope', outside 'Procedure': "
         "move it into the 'Procedure' section"),
    ]  # fmt: skip


def test_a_step_in_a_stage_of_the_procedure_is_in_it():
    stage = Part("Opening", 15, 3, has_text=True, steps=[Step("STEP_B", 16)])
    procedure = Part("Procedure", 14, 2, has_text=True, stages=[stage])
    assert found(*WHOLE[:2], procedure, WHOLE[3]) == []


def test_guidance_left_in_is_said_shortened_past_fifty_characters():
    lines = ["---", "<Not this: front matter>", "---", "<Why the procedure exists>",
             "<Describe every case this procedure covers, and every one it does not>",
             "<lowercase is no guidance>"]  # fmt: skip
    assert [(f.line, f.problem, f.message) for f in check_placeholders(lines, 3, "S-1")] == [
        (4, Problem.PLACEHOLDER, "SOP S-1 still has the guidance <Why the procedure exists>: "
         "replace it with the SOP's own text (only a draft may keep it)"),
        (5, Problem.PLACEHOLDER, "SOP S-1 still has the guidance <Describe every case this "
         "procedure covers, and...>: replace it with the SOP's own text (only a draft may "
         "keep it)"),
    ]  # fmt: skip


def test_a_heading_only_somewhat_like_a_section_is_no_misspelling_of_it():
    assert found(WHOLE[0], part("Scoping", 12), *WHOLE[2:]) == [(14, Problem.MISSING_SECTION,
        "SOP SOP-T-001 has no 'Scope' section: add '## Scope' before '## Procedure'")]  # fmt: skip


def test_the_fewest_moves_follow_the_longest_run_in_order_not_the_first_titles():
    spec = section_spec(Config([{"title": t} for t in ("Purpose", "Roles", "Scope", "Procedure")]))
    outline = Outline([part("Scope", 10), part("Purpose", 12), part("Roles", 14),
                       part("Procedure", 16, "STEP_A")])  # fmt: skip
    assert [(f.line, f.problem) for f in check_sections(outline, spec, "S")] == [
        (10, Problem.SECTION_ORDER)]  # fmt: skip


def test_sections_are_named_in_the_sops_own_language():
    sections = [{"title": "Purpose", "titles": {"hu": "Cél"}},
                {"title": "Procedure", "titles": {"hu": "Eljárás"}}]  # fmt: skip
    titled = section_spec(Config(sections))
    outline = Outline([part("Eljárás", 10, "STEP_A"), part("Cél", 12), part("Cél", 14)])
    messages = [f.message for f in check_sections(outline, titled, "S", "hu")]
    assert messages == [
        "SOP S has the section 'Cél' twice (first on line 12): merge them into one",
        "section 'Cél' of SOP S is out of order: move it before 'Eljárás' (the order is Cél, "
        "Eljárás)",
    ]


def test_guidance_of_fifty_characters_is_said_whole_and_after_other_angle_text():
    fifty = "<" + "G" * 48 + ">"
    lines = [f"<lowercase note> then {fifty}", "<" + "H" * 49 + ">"]
    said = [f.message.split(" still has the guidance ")[1].split(": replace")[0]
            for f in check_placeholders(lines, 0, "S")]  # fmt: skip
    assert said == [fifty, "<" + "H" * 46 + "...>"]
