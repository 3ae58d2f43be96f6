"""The steps of two texts of an SOP compared by id, without building either."""

from __future__ import annotations

from samples import HIERARCHICAL, SIMPLE, replace
from soplib.model.revisions import Revision
from soplib.model.step_changes import (
    NEW,
    REMOVED,
    REWORDED,
    compare_steps,
    read_differently,
    read_steps,
    retraining,
    sop_change,
)
from soplib.tools.approve import stamp

#: The close step of SIMPLE, done by the agent; and by the team leader too.
CLOSED_BY_AGENT = ":responsible: ROLE_AGENT\n:metrics: KPI_FCR"
CLOSED_BY_TWO = ":responsible: ROLE_AGENT, ROLE_TEAM_LEADER\n:metrics: KPI_FCR"


def test_steps_are_read_with_their_title_links_and_own_text():
    steps = read_steps(HIERARCHICAL)
    assert list(steps) == ["STEP_H_INDUCTION", "STEP_H_CHECK", "STEP_H_NESTING"]
    induction, check = steps["STEP_H_INDUCTION"], steps["STEP_H_CHECK"]
    assert (induction.title, induction.text, induction.parent) == (
        "Deliver the induction",
        "Two days of induction.",  # not its sub-step's text
        None,
    )
    assert (check.title, check.text, check.parent) == (
        "Pass the knowledge check",
        "80% to pass.",
        "STEP_H_INDUCTION",
    )
    assert check.links["responsible"] == ("ROLE_AGENT",)
    assert read_steps(SIMPLE)["STEP_T_CLOSE"].links["records"] == ("REC_CRM_CONTACT",)


def test_a_step_in_a_code_example_or_with_options_in_yaml_is_read_as_markdown_reads_it():
    text = (
        "````markdown\n```{step} Not a step\n:id: STEP_EXAMPLE\n```\n````\n\n"
        ":::{step} Greet the caller\n---\nid: STEP_GREET\nresponsible: ROLE_AGENT\n---\n"
        "Say the greeting.\n:::\n"
    )
    steps = read_steps(text)
    assert list(steps) == ["STEP_GREET"]
    assert steps["STEP_GREET"].links["responsible"] == ("ROLE_AGENT",)
    assert steps["STEP_GREET"].text == "Say the greeting."


def test_steps_are_compared_by_id():
    after = replace(SIMPLE, "Answer within three rings.", "Answer within\ntwo rings.")
    after = replace(after, CLOSED_BY_AGENT, CLOSED_BY_TWO)
    changes = compare_steps(SIMPLE, after)
    assert [(c.id, c.what, c.number) for c in changes] == [
        ("STEP_T_ANSWER", (REWORDED,), "1"),
        ("STEP_T_CLOSE", ("responsible",), "2"),
    ]
    assert changes[1].roles == {"ROLE_AGENT", "ROLE_TEAM_LEADER"}


def test_white_space_and_the_order_of_links_are_no_change():
    after = replace(SIMPLE, "Summarise and thank the caller.", "Summarise  and thank\nthe caller.")
    after = replace(after, ":metrics: KPI_ASA", ":metrics:   KPI_ASA")
    assert compare_steps(SIMPLE, after) == []


def test_a_step_added_or_removed_is_numbered_where_it_is():
    answer = SIMPLE[SIMPLE.index("```{step} Answer") : SIMPLE.index("```{step} Close")]
    without = SIMPLE.replace(answer, "")
    assert [(c.id, c.what, c.number) for c in compare_steps(without, SIMPLE)] == [
        ("STEP_T_ANSWER", (NEW,), "1")
    ]
    assert [(c.id, c.what, c.number) for c in compare_steps(SIMPLE, without)] == [
        ("STEP_T_ANSWER", (REMOVED,), "1")
    ]
    assert [c.what for c in compare_steps("", SIMPLE)] == [(NEW,), (NEW,)]


def test_retraining_asks_for_the_trainings_of_the_steps_changed_unless_reworded_editorially():
    reworded = compare_steps(SIMPLE, replace(SIMPLE, "three rings", "two rings"))
    assert retraining(reworded, editorial=False) == {"ROLE_AGENT": ["TRN_CALL_HANDLING"]}
    assert retraining(reworded, editorial=True) == {}
    relinked = compare_steps(SIMPLE, replace(SIMPLE, ":metrics: KPI_ASA", ":metrics: KPI_AHT"))
    assert retraining(relinked, editorial=True) == {"ROLE_AGENT": ["TRN_CALL_HANDLING"]}
    answer = SIMPLE[SIMPLE.index("```{step} Answer") : SIMPLE.index("```{step} Close")]
    assert retraining(compare_steps(SIMPLE, SIMPLE.replace(answer, "")), editorial=False) == {}


def revision(before: str, after: str) -> Revision:
    return Revision("2026-11-23", "1.0.0", "A. Author", "a change", "", "abc", (before, after))


def test_a_change_of_the_front_matter_only_is_not_news_to_readers():
    assert not read_differently(revision(SIMPLE, stamp(SIMPLE)))
    bumped = replace(SIMPLE, "version: 1.0.0", "version: 1.0.1")
    assert not read_differently(revision(SIMPLE, bumped.replace("\n\n", "\n\n\n", 1)))
    assert read_differently(revision(SIMPLE, replace(bumped, "Every caller", "Each caller")))
    assert read_differently(revision("", SIMPLE)), "a new SOP"


def test_what_a_commit_changed_says_whether_the_sop_is_new_and_the_change_editorial():
    reworded = replace(SIMPLE, "Answer within three rings.", "Answer within two rings.")
    change = sop_change(revision(SIMPLE, reworded))
    assert (change.new, change.editorial) == (False, False)
    assert change.steps == compare_steps(SIMPLE, reworded)
    assert [step.id for step in change.steps] == ["STEP_T_ANSWER"]

    declared = replace(reworded, "version: 1.0.0", "version: 1.0.1\neditorial: true")
    assert sop_change(revision(SIMPLE, declared)).editorial is True
    said_so = replace(reworded, "version: 1.0.0", "version: 1.0.1\neditorial: yes please")
    assert sop_change(revision(SIMPLE, said_so)).editorial is False, "only true is true"

    added = sop_change(revision(" \n", SIMPLE))
    assert added.new is True and added.revision.texts == (" \n", SIMPLE)
    assert added.steps == compare_steps("", SIMPLE)
    assert {step.what for step in added.steps} == {(NEW,)}


def test_a_step_that_asks_for_no_training_does_not_stop_the_next_from_asking():
    changed = replace(replace(SIMPLE, "three rings", "two rings"), ":metrics: KPI_FCR",
                      ":metrics: KPI_AHT")  # fmt: skip
    steps = compare_steps(SIMPLE, changed)
    assert [step.id for step in steps] == ["STEP_T_ANSWER", "STEP_T_CLOSE"]
    assert retraining(steps, editorial=True) == {"ROLE_AGENT": ["TRN_CALL_HANDLING"]}


def test_a_sub_step_changed_is_numbered_under_its_step_with_both_texts():
    changed = replace(HIERARCHICAL, "80% to pass.", "85% to pass.")
    (step,) = compare_steps(HIERARCHICAL, changed)
    assert (step.id, step.what, step.number) == ("STEP_H_CHECK", (REWORDED,), "1.1")
    assert step.before == read_steps(HIERARCHICAL)["STEP_H_CHECK"]
    assert step.after == read_steps(changed)["STEP_H_CHECK"]


def test_a_sub_step_removed_keeps_its_number_and_its_text():
    start = HIERARCHICAL.index("```{step} Pass")
    end = HIERARCHICAL.index("80% to pass.\n```\n") + len("80% to pass.\n```\n")
    changes = compare_steps(HIERARCHICAL, HIERARCHICAL[:start] + HIERARCHICAL[end:])
    gone = next(change for change in changes if change.id == "STEP_H_CHECK")
    assert (gone.what, gone.number, gone.after) == ((REMOVED,), "1.1", None)
    assert gone.before == read_steps(HIERARCHICAL)["STEP_H_CHECK"]
