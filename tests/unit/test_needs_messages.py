"""What a sphinx-needs message is about, read from its page: the directive on its line, the
ids the page's entries share, and the id to suggest (checks.needs_messages)."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest

from soplib.checks import needs_messages
from soplib.checks.needs_messages import (
    RULES,
    VIOLATION,
    SayInOurWords,
    Trace,
    closest,
    did_you_mean,
    id_like,
    misplaced_field,
    schema_violation,
    suggested_id,
)

PAGE = """\
---
id: SOP-T-001
---

```{role} Night agent
:id: ROLE_NIGHT_AGENT
```

```{role} Night lead
:id: ROLE_NIGHT_LEAD
```

```{step} Close the call
:id: STEP_CMP_CLOSE
```
"""


def trace(tmp_path: Path, text: str, line: int | None, needs: dict[str, Any] | None = None,
          encoding: str = "utf-8") -> Trace:  # fmt: skip
    """A trace of a message at line of a page holding text (no line: a message without a
    place), in a build whose needs are those given."""
    page = tmp_path / "x.md"
    page.write_bytes(text.encode(encoding))
    env = SimpleNamespace(doc2path=lambda docname, base=True: page,
                          settings={"input_encoding": "utf-8-sig"})  # fmt: skip
    found = Trace(cast(Any, env), ("sops/area/x", line) if line is not None else None)
    found.needs = needs or {}
    return found


@pytest.mark.parametrize(
    ("line", "directive"),
    [
        (5, ("role", "Night agent")),
        (13, ("step", "Close the call")),
        (1, ("step", "")),  # no directive on the line: a step, of no title
        (0, ("step", "")),
        (len(PAGE.splitlines()), ("step", "")),
        (len(PAGE.splitlines()) + 1, ("step", "")),
        (None, ("step", "")),
    ],
)
def test_the_directive_is_read_on_the_messages_line(tmp_path, line, directive):
    assert trace(tmp_path, PAGE, line).directive() == directive


def test_the_first_and_last_lines_are_read_too(tmp_path):
    text = "```{role} First\n:id: ROLE_FIRST\n```\n\n```{metric} Last"
    assert trace(tmp_path, text, 1).directive() == ("role", "First")
    assert trace(tmp_path, text, 5).directive() == ("metric", "Last")
    assert trace(tmp_path, text, 0).directive() == ("step", ""), "line 0 is no line"


def test_a_page_saved_with_a_byte_order_mark_is_read_as_sphinx_reads_it(tmp_path):
    text = "```{role} First\n:id: ROLE_FIRST\n```\n"
    assert trace(tmp_path, text, 1, encoding="utf-8-sig").directive() == ("role", "First")


def test_a_page_that_cannot_be_read_has_no_lines(tmp_path):
    found = trace(tmp_path, PAGE, 5)
    (tmp_path / "x.md").unlink()
    assert found.source_lines() == []
    assert found.directive() == ("step", "")


def test_an_id_the_build_does_not_have_is_taken_for_a_step(tmp_path):
    found = trace(tmp_path, PAGE, 5, {"ROLE_NIGHT_AGENT": {"type": "role"}})
    assert found.kind_of("ROLE_NIGHT_AGENT") == "role"
    assert found.kind_of("ROLE_NOBODY") == "step"


@pytest.mark.parametrize(
    ("kind", "prefix"),
    [("role", "ROLE_NIGHT_"), ("step", "STEP_CMP_"), ("metric", "KPI_")],
)
def test_the_prefix_most_ids_of_a_kind_share_on_the_page(tmp_path, kind, prefix):
    assert trace(tmp_path, PAGE, 5).sibling_prefix(kind) == prefix


def test_a_prefix_fewer_than_half_the_ids_share_is_not_the_pages(tmp_path):
    ids = ["ROLE_QA_ANALYST", "ROLE_QA_LEAD", "ROLE_AGENT", "ROLE_TRAINER", "ROLE_OPS_MANAGER"]
    catalog = "".join(f"```{{role}} R\n:id: {i}\n```\n" for i in ids)
    assert trace(tmp_path, catalog, 1).sibling_prefix("role") == "ROLE_"
    half = "".join(f"```{{role}} R\n:id: {i}\n```\n" for i in ids[:4])
    assert trace(tmp_path, half, 1).sibling_prefix("role") == "ROLE_QA_"
    steps = "".join(f":id: STEP_{i}\n" for i in ["A_1", "A_2", "A_3", "B_1"])
    assert trace(tmp_path, steps, 1).sibling_prefix("step") == "STEP_A_", "the most common"


@pytest.mark.parametrize(
    ("title", "taken", "suggested"),
    [
        ("Night shift cover", [], "ROLE_NIGHT_SHIFT_COVER"),  # the prefix's words once
        ("Cover of the weekend night shift", [], "ROLE_NIGHT_COVER_OF_THE"),
        ("Night agent", ["ROLE_NIGHT_AGENT"], "ROLE_NIGHT_AGENT_2"),
        ("Night agent", ["ROLE_NIGHT_AGENT", "ROLE_NIGHT_AGENT_2"], "ROLE_NIGHT_AGENT_3"),
        ("Night shift cover", ["ROLE_NIGHT_SHIFT_COVER"], "ROLE_NIGHT_SHIFT_COVER_2"),
        ("Éjszakai ügyeletes", [], "ROLE_NIGHT_EJSZAKAI_UGYELETES"),
        ("", [], "ROLE_NIGHT_NAME"),
        ("Night", [], "ROLE_NIGHT_NAME"),
    ],
)
def test_the_id_suggested_is_the_pages_prefix_and_the_titles_words_no_other_has(
    tmp_path, title, taken, suggested
):
    found = trace(tmp_path, PAGE, 5, {need: {"type": "role"} for need in taken})
    assert suggested_id("role", title, found) == suggested


@pytest.mark.parametrize(
    ("word", "candidates", "prefix", "found"),
    [
        ("KPI_AS", ["KPI_ASA", "KPI_NPS", "KPI_AHT"], "KPI_", ["KPI_ASA"]),
        ("kpi_asa", ["KPI_ASA", "KPI_NPS"], "KPI_", ["KPI_ASA"]),  # capitals or not
        ("KPI_HOLD", ["KPI_AHT", "KPI_ASA"], "KPI_", []),
        ("KPI_HOLD", ["KPI_AHT", "KPI_ASA"], "", ["KPI_AHT"]),  # the prefix alike
        ("ABCD", ["ABCE", "ABCF", "ABDE", "ABCX", "WXYZ"], "", ["ABDE", "ABCX", "ABCF"]),
        ("ABCDEFGH", ["ABCDEFGX", "ABCDXXXX"], "", ["ABCDEFGX"]),  # none far behind the best
        ("A", [], "", []),
        ("ABC", ["ABCXYZW"], "", ["ABCXYZW"]),  # 0.6 alike: close enough
        ("ABCDEFGHIJKLMNOPQRST", ["ABCDEFGHIJKLMNOPQRST", "ABCDEFGHIJKLMNOPQXYZ"], "",
         ["ABCDEFGHIJKLMNOPQRST", "ABCDEFGHIJKLMNOPQXYZ"]),  # 0.85 alike: not far behind 1
    ],
)  # fmt: skip
def test_the_closest_ids_are_at_most_three_near_the_best(word, candidates, prefix, found):
    assert closest(word, candidates, prefix) == found


@pytest.mark.parametrize(
    ("names", "said"),
    [
        ([], ""),
        (["KPI_ASA"], "did you mean KPI_ASA?"),
        (["KPI_ASA", "KPI_AHT"], "did you mean KPI_ASA or KPI_AHT?"),
        (["A", "B", "C"], "did you mean A, B or C?"),
    ],
)
def test_did_you_mean_lists_the_names_as_a_sentence(names, said):
    assert did_you_mean(names) == said


@pytest.mark.parametrize(
    ("written", "prefix", "fixed"),
    [
        ("step-t5-close", "STEP_", "STEP_T5_CLOSE"),
        ("KPI_T6_CLOSE", "STEP_", "STEP_T6_CLOSE"),  # another kind's prefix, dropped
        ("night-agent", "ROLE_", "ROLE_NIGHT_AGENT"),
        ("Éjszakai ügyelet", "ROLE_", "ROLE_EJSZAKAI_UGYELET"),
        ("step_", "STEP_", "STEP_NAME"),
        ("--", "KPI_", "KPI_NAME"),
    ],
)
def test_an_id_not_written_as_ids_are_is_written_again_of_its_words(written, prefix, fixed):
    assert id_like(written, prefix) == fixed


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Field 'threshold' is not declared on need type 'role' and cannot be set in need "
         "'ROLE_X'", "':threshold:' is a field of a metric, not of a role, so ROLE_X ignores "
         "it: remove the line"),
        ("Link type 'metrics' is not declared on need type 'role' and cannot be set in need "
         "'ROLE_X'", "':metrics:' is a field of a step, not of a role, so ROLE_X ignores it: "
         "remove the line"),
        ("Field 'nothing' is not declared on need type 'role' and cannot be set in need "
         "'ROLE_X'", None),  # of no kind: sphinx-needs says so itself
    ],
)  # fmt: skip
def test_a_field_of_another_kind_names_the_kind_that_has_it(tmp_path, text, said):
    pattern, rewrite = next(rule for rule in RULES if rule[1] is misplaced_field)
    match = pattern.match(text)
    assert match is not None
    found = rewrite(match, trace(tmp_path, PAGE, 5))
    assert (found[1] if found else None) == said


def violation(need: str, path: str, message: str, field: str | None = None) -> re.Match[str]:
    """A schema violation as sphinx-needs says it."""
    text = (
        f"Need '{need}' has schema violations:\n  Severity:       violation\n"
        + (f"  Field:          {field}\n" if field else "")
        + f"  Need path:      {need}\n  Schema path:    {path}\n  Schema message: {message}\n"
    )
    found = VIOLATION.match(text)
    assert found is not None
    return found


NEEDS = {
    "STEP_T_CLOSE": {"type": "step", "qa_critical": "yess", "qa_weight": "11"},
    "KPI_X": {"type": "metric", "unit": "parsecs"},
    "ROLE_X": {"type": "role", "agent_facing": "yess"},
}


@pytest.mark.parametrize(
    ("match", "said"),
    [
        (violation("KPI_X", "metric > local > properties > steps > minItems",
                   "[] should be non-empty", "steps"),
         "metric KPI_X is named by no step: name it in the ':metrics:' of the steps it belongs "
         "to, or remove it from the catalog"),
        (violation("ROLE_X", "role > local > required", '"summary" is a required property'),
         "role ROLE_X has no ':summary:' line (what the role does, in a sentence): add "
         "':summary: <one sentence>'"),
        (violation("ROLE_X", "role > local > properties > id > pattern", "does not match",
                   "id"),
         "the id ROLE_X of this role does not start with ROLE_: write ':id: ROLE_X'"),
        (violation("STEP_T_CLOSE", "step > local > properties > qa_critical > enum",
                   "'yess' is not one of ['yes', 'no']", "qa_critical"),
         "step STEP_T_CLOSE has ':qa_critical: yess', which the build cannot use: did you "
         "mean yes? Write yes or no, or leave the line out for no"),
        (violation("ROLE_X", "role > local > properties > agent_facing > enum",
                   "'yess' is not one of ['yes', 'no']", "agent_facing"),
         "role ROLE_X has ':agent_facing: yess', which the build cannot use: did you mean yes? "
         "Write one of yes, no"),
        (violation("KPI_X", "metric > local > properties > layout > enum", "not one of",
                   "layout"), None),  # no field of the library's: sphinx-needs' own words
        (violation("KPI_GONE", "metric > local > required", '"unit" is a required property'),
         None),  # a need the build does not have
    ],
)  # fmt: skip
def test_a_schema_violation_is_said_for_the_field_that_broke_the_rule(tmp_path, match, said):
    found = schema_violation(match, trace(tmp_path, PAGE, 5, NEEDS))
    assert (found[1] if found else None) == said


@pytest.mark.parametrize(
    ("location", "need_id", "located"),
    [
        (None, "STEP_T_CLOSE", ("sops/area/x", 36)),  # at the need
        (("sops/area/y", 3), "STEP_T_CLOSE", ("sops/area/y", 3)),  # kept
        (None, "STEP_T_GONE", None),  # no such need
        (None, "ROLE_X", None),  # a need of no page
    ],
)
def test_a_violation_without_a_place_is_placed_at_its_need(monkeypatch, location, need_id,
                                                           located):  # fmt: skip
    needs = {"STEP_T_CLOSE": {"docname": "sops/area/x", "lineno": 36},
             "ROLE_X": {"docname": None, "lineno": None}}  # fmt: skip
    monkeypatch.setattr(needs_messages, "needs_of", lambda env: needs)
    record = logging.LogRecord("sphinx", logging.WARNING, "", 0, "a message", (), None)
    if location is not None:
        record.location = location
    SayInOurWords(cast(Any, SimpleNamespace(env=None))).locate(record, need_id)
    assert getattr(record, "location", None) == located
