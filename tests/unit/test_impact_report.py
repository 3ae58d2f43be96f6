"""make impact's comparison and report, from the sample's two exports: no git, no build.

The sample (tests/samples/impact) is what the real command makes of every change its
tests make; tests/tools/test_impact.py checks that it still is.
"""

from __future__ import annotations

import json

from samples import IMPACT_SAMPLE, dumped
from soplib.model.worddiff import word_diff
from soplib.tools.codeowners import review_teams
from soplib.tools.impact.compare import compare, person, procedure_order, retraining
from soplib.tools.impact.markdown import LONG, NO_TEAM, _person, _shown, markdown, summary
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


def test_two_of_each_and_retraining_alone_are_said_so():
    two = report()
    two["steps"] = {kind: steps[:1] * 2 for kind, steps in two["steps"].items()}
    two["catalog"] = {kind: entries[:1] * 2 for kind, entries in two["catalog"].items()}
    two["retraining"] = [{**role, "brief": []} for role in two["retraining"] if role["retrain"]]
    text = summary(two)
    assert "Steps: 2 changed, 2 added and 2 removed." in text
    assert "Catalog entries: 2 added, 2 changed and 2 dropped." in text
    assert "Retrain: " in text and "Brief" not in text and "No one to retrain" not in text


def test_each_role_of_a_step_is_retrained_or_briefed_and_a_step_removed_never():
    found = retraining(
        {
            "sop_changes": {
                "SOP-N": {"change": "added", "steps": [{"id": "S1", "change": "added"}]},
                "SOP-C": {"change": "changed", "steps": [{"id": "S2", "change": "changed"},
                                                          {"id": "S3", "change": "removed"}]},
            },
            "versions": {"SOP-N": {"kind": "new", "editorial": False},
                         "SOP-C": {"kind": "minor", "editorial": False}},
        },
        {
            "S1": {"responsible": ["ROLE_A", "ROLE_B"], "training": ["T1"]},
            "S2": {"responsible": ["ROLE_A"], "training": ["T1", "T2"]},
            "S3": {"responsible": ["ROLE_C"], "training": ["T3"]},  # moved to another SOP
        },
        {"ROLE_A": "Agent"},
    )  # fmt: skip
    assert found == [
        {"role": "ROLE_A", "name": "Agent", "brief": [{"sop": "SOP-N", "steps": ["S1"]}],
         "retrain": [{"training": "T1", "steps": ["S2"]}, {"training": "T2", "steps": ["S2"]}]},
        {"role": "ROLE_B", "name": "ROLE_B", "brief": [{"sop": "SOP-N", "steps": ["S1"]}],
         "retrain": []},
    ]  # fmt: skip


def test_a_new_draft_is_briefed_as_a_draft_and_a_missing_version_said():
    draft = report()
    sop_id = next(s for s, c in draft["sop_changes"].items() if c["change"] == "added")
    draft["versions"][sop_id].update(status="draft", recommended_version=None, version=None)
    changed = next(s for s, c in draft["sop_changes"].items() if c["change"] == "changed")
    draft["versions"][changed]["version_at_base"] = None
    text = summary(draft)
    assert f"{sop_id} Answering a test call, as a draft at no version" in text
    assert f"{changed} Answering a test call: " in text and ", no version → " in text


def test_a_person_is_said_with_the_role_and_team_or_as_none_named():
    assert _person(None) == "none named"
    assert _person({"role": "ROLE_A", "name": "Agent", "team": "@cc/agents"}) == (
        "Agent (ROLE_A), team `@cc/agents`"
    )
    assert (
        _person({"role": "ROLE_A", "name": "Agent", "team": None}) == f"Agent (ROLE_A), {NO_TEAM}"
    )
