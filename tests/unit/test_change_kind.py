"""The kind of a change to an SOP (soplib.tools.impact.rules.change_kind), from what
changed, without git or a build."""

from __future__ import annotations

from typing import Any

from soplib.tools.impact.rules import Change, change_kind


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
