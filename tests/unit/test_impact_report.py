"""make impact's comparison and report, from the sample's two exports: no git, no build.

The sample (tests/samples/impact) is what the real command makes of every change its
tests make; tests/tools/test_impact.py checks that it still is.
"""

from __future__ import annotations

import json

from samples import IMPACT_SAMPLE, dumped
from soplib.model.worddiff import word_diff
from soplib.tools.codeowners import review_teams
from soplib.tools.impact.compare import compare, person, procedure_order
from soplib.tools.impact.markdown import LONG, _shown, markdown, summary
from support.projects import REPO


def sample(name: str) -> str:
    return (IMPACT_SAMPLE / name).read_text(encoding="utf-8")


def report() -> dict:
    base, new = json.loads(sample("base.json")), json.loads(sample("new.json"))
    return compare(base, new, *review_teams(REPO))


def test_the_comparison_finds_each_change_the_command_reports():
    assert dumped(report()) == sample("report.json")


def test_the_report_says_each_change_as_the_command_prints_it():
    assert markdown(report(), "HEAD") == sample("report.md")


def test_one_of_each_change_and_nothing_to_fix_or_retrain_are_said_so():
    one = report()
    one["steps"] = {kind: steps[:1] for kind, steps in one["steps"].items()}
    one["catalog"] = {kind: entries[:1] for kind, entries in one["catalog"].items()}
    one["retraining"], one["errors"] = [], []
    text = summary(one)
    assert "Steps: 1 changed, 1 added and 1 removed." in text
    assert "Catalog entries: 1 added, 1 changed and 1 dropped." in text
    assert text.endswith("No one to retrain or brief. No problem found.")
    assert "Retrain" not in text and "Brief" not in text


def test_a_long_text_is_shown_in_a_block_that_says_how_much_changed():
    before, after = "word " * (LONG // 5), "word " * (LONG // 5) + "more words"
    changed = {"before": before, "after": after, "diff": word_diff(before, after)}
    assert _shown("text", changed, "SHOWN") == [
        "<details><summary>Text: 0 words removed, 2 added</summary>", "", "**Text:** SHOWN",
        "", "</details>",
    ]  # fmt: skip
    new = {"before": None, "after": "one " * LONG}
    assert _shown("title", new, "SHOWN")[0] == f"<details><summary>Title: {LONG} words</summary>"
    short = {"before": None, "after": "x" * LONG}
    assert _shown("text", short, "SHOWN") == ["**Text:** SHOWN"]
    one = {"before": "x" * LONG + " y", "after": "x" * LONG, "diff": word_diff("a b", "a")}
    assert (
        _shown("text", one, "S")[0] == "<details><summary>Text: 1 word removed, 0 added</summary>"
    )


def test_a_step_removed_first_stays_first_and_one_removed_later_follows_its_step():
    assert procedure_order(["A", "B", "C"], ["B"]) == ["A", "B", "C"]
    assert procedure_order(["A", "B", "C"], ["A", "D"]) == ["A", "B", "C", "D"]


def test_an_sop_or_a_role_the_catalogs_do_not_name_is_shown_by_its_id():
    base, new = json.loads(sample("base.json")), json.loads(sample("new.json"))
    sop_id = next(iter(new["sops"]))
    for library in (base, new):
        if sop_id in library["sops"]:
            del library["sops"][sop_id]["meta"]["title"]
    assert compare(base, new, {}, "")["titles"][sop_id] == sop_id
    assert person("ROLE_NOBODY", {}, {}) == {"role": "ROLE_NOBODY", "name": "ROLE_NOBODY",
                                              "team": None}  # fmt: skip


def test_a_metric_changed_but_not_in_its_target_asks_no_one_to_know():
    base, new = json.loads(sample("base.json")), json.loads(sample("new.json"))
    new["catalog"]["KPI_ABANDON_RATE"]["title"] = "Abandoned calls"
    changed = {entry["id"]: entry for entry in compare(base, new, {}, "")["catalog"]["changed"]}
    assert changed["KPI_ABANDON_RATE"] == {
        "id": "KPI_ABANDON_RATE", "type": "metric", "title": "Abandoned calls",
        "fields": {"title": {"before": "Abandonment rate", "after": "Abandoned calls"}},
    }  # fmt: skip
