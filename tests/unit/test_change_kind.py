"""The kind of a change to an SOP (soplib.tools.impact.rules.change_kind), from what
changed, without git or a build."""

from __future__ import annotations

from typing import Any

import pytest

from soplib.tools.impact import rules
from soplib.tools.impact.rules import Change, change_kind, is_editorial, kind_name, raised, shown


def step(title: str, text: str) -> dict[str, Any]:
    return {"title": title, "text": text, "responsible": ["ROLE_AGENT"], "metrics": ["KPI_ASA"],
            "training": ["TRN_CALL"], "records": []}  # fmt: skip


STEPS = {"STEP_A": step("Answer", "Answer the call."), "STEP_B": step("Close", "Close it.")}


def sop(steps: list[str], editorial: bool = False) -> dict[str, Any]:
    meta = {"editorial": "True"} if editorial else {}
    return {"steps": steps, "sections": {"Scope": "Inbound calls."}, "flowcharts": [],
            "meta": meta}  # fmt: skip


def test_steps_in_another_order_are_a_minor_change():
    before, after = sop(["STEP_A", "STEP_B"]), sop(["STEP_B", "STEP_A"])
    assert change_kind(before, after, STEPS, STEPS) == Change(
        "minor", ["the order of the steps changed"], False
    )


def test_a_step_added_with_a_text_changed_is_not_wording_only():
    after_steps = {**STEPS, "STEP_A": step("Answer", "Answer the call at once."),
                   "STEP_C": step("Log", "Log the call.")}  # fmt: skip
    before, after = sop(["STEP_A", "STEP_B"]), sop(["STEP_A", "STEP_B", "STEP_C"])
    assert change_kind(before, after, STEPS, after_steps) == Change(
        "minor",
        ["a step was added (STEP_C)", "the text of a step changed (STEP_A)"],
        False,
    )


def test_a_text_changed_alone_is_wording_that_editorial_makes_a_patch():
    after_steps = {**STEPS, "STEP_A": step("Answer", "Answer the call at once.")}
    before = sop(["STEP_A", "STEP_B"])
    changed = change_kind(before, sop(["STEP_A", "STEP_B"]), STEPS, after_steps)
    assert changed == Change("minor", ["the text of a step changed (STEP_A)"], True)
    declared = change_kind(before, sop(["STEP_A", "STEP_B"], editorial=True), STEPS, after_steps)
    assert declared == Change("patch", ["the text of a step changed (STEP_A)"], True)


def changed(step_id: str, **fields: Any) -> dict[str, Any]:
    """The steps, with one step's fields changed."""
    return {**STEPS, step_id: {**STEPS[step_id], **fields}}


THREE = {**STEPS, "STEP_C": step("Log", "Log the call.")}


@pytest.mark.parametrize(
    ("before", "after", "steps_after", "expected"),
    [
        (["STEP_A", "STEP_B"], ["STEP_A"], STEPS,
         Change("major", ["a step was removed (STEP_B)"], False)),
        (["STEP_A", "STEP_B", "STEP_C"], ["STEP_A"], THREE,
         Change("major", ["steps were removed (STEP_B, STEP_C)"], False)),
        (["STEP_A"], ["STEP_A", "STEP_B", "STEP_C"], THREE,
         Change("minor", ["steps were added (STEP_B, STEP_C)"], False)),
        (["STEP_A", "STEP_B"], ["STEP_A", "STEP_B"], changed("STEP_A", title="Greet"),
         Change("minor", ["the text of a step changed (STEP_A)"], True)),
        (["STEP_A", "STEP_B"], ["STEP_A", "STEP_B"],
         {"STEP_A": step("Answer", "Now."), "STEP_B": step("Close", "Later.")},
         Change("minor", ["the text of steps changed (STEP_A, STEP_B)"], True)),
        (["STEP_A", "STEP_B"], ["STEP_A", "STEP_B"], changed("STEP_A", responsible=["ROLE_X"]),
         Change("minor", ["the roles of a step changed (STEP_A)"], False)),
        (["STEP_A", "STEP_B"], ["STEP_A", "STEP_B"], changed("STEP_B", metrics=[]),
         Change("minor", ["the metrics of a step changed (STEP_B)"], False)),
        (["STEP_A", "STEP_B"], ["STEP_A", "STEP_B"], changed("STEP_A", training=["TRN_X"]),
         Change("minor", ["the trainings of a step changed (STEP_A)"], False)),
        (["STEP_A", "STEP_B"], ["STEP_A", "STEP_B"], changed("STEP_A", records=["REC_X"]),
         Change("minor", ["the records of a step changed (STEP_A)"], False)),
        (["STEP_A", "STEP_B"], ["STEP_A", "STEP_B"],
         {key: {**value, "records": ["REC_X"]} for key, value in STEPS.items()},
         Change("minor", ["the records of steps changed (STEP_A, STEP_B)"], False)),
        (["STEP_A", "STEP_B"], ["STEP_A", "STEP_B"], changed("STEP_A", qa_weight=3),
         Change("minor", ["the QA scorecard line of a step changed (STEP_A)"], False)),
        (["STEP_A", "STEP_B"], ["STEP_A", "STEP_B"],
         {key: {**value, "qa_critical": True} for key, value in STEPS.items()},
         Change("minor", ["the QA scorecard lines of steps changed (STEP_A, STEP_B)"], False)),
    ],
)  # fmt: skip
def test_what_changed_in_the_steps_gives_the_kind(before, after, steps_after, expected):
    steps_before = THREE if "STEP_C" in before else STEPS
    assert change_kind(sop(before), sop(after), steps_before, steps_after) == expected


def test_a_changed_scope_is_major_and_text_that_editorial_makes_a_patch():
    before, after = sop(["STEP_A"]), sop(["STEP_A"])
    after["sections"] = {"Scope": "Outbound calls."}
    assert change_kind(before, after, STEPS, STEPS) == Change(
        "major", ["the Scope section changed"], True
    )
    declared = {**after, "meta": {"editorial": "True"}}
    assert change_kind(before, declared, STEPS, STEPS) == Change(
        "patch", ["the Scope section changed"], True
    )


def test_a_removed_step_stays_major_when_the_sop_says_editorial():
    declared = sop(["STEP_A"], editorial=True)
    assert change_kind(sop(["STEP_A", "STEP_B"]), declared, STEPS, STEPS) == Change(
        "major", ["a step was removed (STEP_B)"], False
    )


def test_a_changed_flowchart_is_minor():
    after = {**sop(["STEP_A"]), "flowcharts": ["A --> B"]}
    assert change_kind(sop(["STEP_A"]), after, STEPS, STEPS) == Change(
        "minor", ["the flowchart changed"], False
    )


def test_other_sections_reworded_are_a_patch_that_names_them():
    before = {**sop(["STEP_A"]), "sections": {"Scope": "Inbound calls.", "Purpose": "P.",
                                               "Training": "T.", "Records": "R."}}  # fmt: skip
    after = {**before, "sections": {"Scope": "Inbound calls.", "Purpose": "P2.",
                                    "Training": "T2.", "Records": "R."}}  # fmt: skip
    assert change_kind(before, after, STEPS, STEPS) == Change(
        "patch", ["the wording of Purpose and Training changed"], True
    )
    one = {**after, "sections": {**before["sections"], "Records": "R2."}}
    assert change_kind(before, one, STEPS, STEPS) == Change(
        "patch", ["the wording of Records changed"], True
    )
    added = {**after, "sections": {**after["sections"], "Notes": "N."}}
    assert change_kind(before, added, STEPS, STEPS) == Change(
        "patch", ["the wording of Purpose, Training and Notes changed"], True
    )


def test_reworded_sections_are_not_named_when_the_steps_make_it_minor():
    before = {**sop(["STEP_A"]), "sections": {"Scope": "Inbound calls.", "Purpose": "P."}}
    after = {**before, "sections": {"Scope": "Inbound calls.", "Purpose": "P2."}}
    assert change_kind(before, after, STEPS, changed("STEP_A", text="Now.")) == Change(
        "minor", ["the text of a step changed (STEP_A)"], True
    )


def test_a_change_nothing_names_is_wording():
    assert change_kind(sop(["STEP_A"]), sop(["STEP_A"]), STEPS, STEPS) == Change(
        "patch", ["the wording changed"], True
    )


def test_a_major_change_gives_only_its_major_reasons():
    after = {**sop(["STEP_A", "STEP_C"]), "flowcharts": ["A --> C"]}
    assert change_kind(sop(["STEP_A", "STEP_B"]), after, STEPS, THREE) == Change(
        "major", ["a step was removed (STEP_B)"], False
    )


@pytest.mark.parametrize(
    ("version", "kind", "raised_to"),
    [
        ((1, 2, 3), "patch", (1, 2, 4)),
        ((1, 2, 3), "minor", (1, 3, 0)),
        ((1, 2, 3), "major", (2, 0, 0)),
    ],
)
def test_each_kind_raises_its_part_of_the_version(version, kind, raised_to):
    assert raised(version, kind) == raised_to


def test_versions_are_read_and_shown_as_numbers():
    assert rules.version({"version": "1.10.2"}) == (1, 10, 2)
    assert rules.version({"version": "1.x"}) == ()
    assert rules.version({}) == ()
    assert shown((1, 10, 2)) == "1.10.2"
    assert kind_name("minor") == "a minor change"
    assert is_editorial({"editorial": "True"}) and not is_editorial({"editorial": "False"})


def test_a_new_approved_sop_goes_for_review_as_1_0_0_too():
    after = {"meta": {"id": "SOP-T-001", "status": "approved", "version": "0.1.0",
                      "approved_fingerprint": "F1"}, "docname": "sops/area/x",
             "fingerprint": "F1"}  # fmt: skip
    assert rules.verdict(None, after, None)["errors"] == [
        "SOP-T-001 (sops/area/x.md): a new SOP goes for review as version 1.0.0, but its "
        "version is 0.1.0: set `version: 1.0.0`"
    ]


def test_a_step_changed_in_its_title_alone_is_changed():
    assert rules.step_changed(step("Answer", "Answer."), step("Greet", "Answer."))
    assert not rules.step_changed(step("Answer", "Answer."), step("Answer", "Answer."))
