"""The rules of the trace, as sphinx-needs is given them: each says what its type gives;
and a field an entry lacks, said to its author with what it means and what to write."""

from __future__ import annotations

from typing import cast

from soplib.checks.needs_messages import Trace, missing_property
from soplib.model.i18n import AUTHOR
from soplib.model.problems import Problem
from soplib.model.trace import FIELDS, SCHEMA_DEFINITIONS, _need_type


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


def test_a_missing_field_is_said_with_its_meaning_in_the_library_language(monkeypatch):
    monkeypatch.setitem(AUTHOR, "language", "hu")
    no_trace = cast(Trace, None)  # a catalog entry's field needs none
    assert missing_property("KPI_X", "metric", "definition", no_trace) == (
        Problem.MISSING_ENTRY_FIELD,
        "a(z) KPI_X mérőszám bejegyzésnek nincs ':definition:' sora (hogyan számítják a "
        "mérőszámot): írja be: ':definition: <képlet>'",
    )
    assert missing_property("KPI_X", "metric", "source", no_trace) == (
        Problem.MISSING_ENTRY_FIELD,
        "a(z) KPI_X mérőszám bejegyzésnek nincs ':source:' sora (a rendszer, amelyből az "
        "adatok származnak): írja be: ':source: <ezek egyike: ACD, WFM, QA, CRM, survey>'",
    )


def test_a_need_type_declares_its_own_fields_each_a_text_with_its_default():
    step = _need_type("step", "Step", "STEP_", "#DCE9F9", links={"x": {}})
    assert {key: step[key] for key in ("directive", "title", "prefix", "color", "links")} == {
        "directive": "step", "title": "Step", "prefix": "STEP_", "color": "#DCE9F9",
        "links": {"x": {}},
    }  # fmt: skip
    described = {f.name: f.description for f in FIELDS["step"]}
    text = {"nullable": True, "schema": {"type": "string"}}
    assert step["fields"]["qa_weight"] == {
        "description": described["qa_weight"], **text, "default": "1"}  # fmt: skip
    assert step["fields"]["qa_check"] == {"description": described["qa_check"], **text}
    assert list(step["fields"]) == list(described)
    assert "fields" not in _need_type("note", "Note", "NOTE_", "#FFFFFF")
