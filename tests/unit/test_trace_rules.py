"""The rules of the trace, as sphinx-needs is given them: each says what its type gives."""

from __future__ import annotations

from soplib.model.trace import SCHEMA_DEFINITIONS


def test_the_rules_say_what_each_type_gives():
    messages = {rule["id"]: rule["message"] for rule in SCHEMA_DEFINITIONS["schemas"]}
    assert messages["step"] == (
        "a step gives ':responsible: ROLE_...', ':metrics: KPI_...' "
        "and ':training: TRN_...', and its id starts with STEP_"
    )
    assert messages["metric"] == (
        "a metric gives ':definition: <formula>', ':unit: <%, seconds, points...>', ':target: "
        "<the value aimed for>' and ':source: <one of ACD, WFM, QA, CRM, survey>', and its id "
        "starts with KPI_; a step names it in :metrics:, or it leaves the catalog"
    )
