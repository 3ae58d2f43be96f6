"""What the generated parts of a page read (site.library): the SOPs in force and their
steps, the catalog's entries, names and links relative to the page, in a library of three
SOPs (one in force, one a draft, one retired) held in memory."""

from __future__ import annotations

import copy
import datetime
from types import SimpleNamespace
from typing import Any, cast

import pytest
from docutils import nodes

from soplib.model.outline import Step
from soplib.model.records import SopRecord
from soplib.site import library as site_library
from soplib.site.library import Library, approval, distinct, weigh_standings

NEEDS = {
    "STEP_A_ONE": {"id": "STEP_A_ONE", "type": "step", "title": "Greet", "docname": "sops/a/x",
                   "metrics": ["KPI_ASA", "KPI_FCR"], "responsible": ["ROLE_AGENT"]},
    "STEP_A_TWO": {"id": "STEP_A_TWO", "type": "step", "title": "Close", "docname": "sops/a/x",
                   "metrics": ["KPI_FCR"], "responsible": ["ROLE_AGENT", "ROLE_LEAD"]},
    "STEP_D_ONE": {"id": "STEP_D_ONE", "type": "step", "title": "Draft", "docname": "sops/a/d",
                   "metrics": ["KPI_ASA"], "responsible": ["ROLE_LEAD"]},
    "ROLE_AGENT": {"id": "ROLE_AGENT", "type": "role", "title": "Agent",
                   "docname": "sops/catalog/roles", "agent_facing": "yes"},
    "ROLE_LEAD": {"id": "ROLE_LEAD", "type": "role", "title": "lead",
                  "docname": "sops/catalog/roles", "agent_facing": "no"},
    "KPI_ASA": {"id": "KPI_ASA", "type": "metric", "title": "Speed", "docname": "", "unit": 0},
    "KPI_FCR": {"id": "KPI_FCR", "type": "metric", "title": "Resolution",
                "docname": "sops/catalog/metrics", "unit": "%"},
}  # fmt: skip
RECORDS = {
    "sops/a/x": SopRecord(meta={"id": "SOP-A-002", "title": "Calls", "status": "approved",
                                "effective": datetime.date(2026, 1, 1)},
                          steps=[Step("STEP_A_ONE", 10), Step("STEP_A_TWO", 20),
                                 Step("STEP_GONE", 30)]),
    "sops/a/d": SopRecord(meta={"id": "SOP-A-001", "title": "Draft", "status": "draft"},
                          steps=[Step("STEP_D_ONE", 10)]),
    "sops/b/r": SopRecord(meta={"title": "Old", "status": "retired"}),
}  # fmt: skip


class Title:
    def __init__(self, text: str) -> None:
        self.text = text

    def astext(self) -> str:
        return self.text


@pytest.fixture
def library(monkeypatch: pytest.MonkeyPatch) -> Library:
    """The library, its standings weighed on 2026-09-01, seen from sops/a/x."""
    monkeypatch.setattr(site_library, "SphinxNeedsData",
                        lambda env: SimpleNamespace(get_needs_view=lambda: NEEDS))  # fmt: skip
    titles = {"sops/a/index": Title("Area A")}
    config = SimpleNamespace(sop_today="2026-09-01", language="en", sop_source_language="")
    env = SimpleNamespace(sop_records=copy.deepcopy(RECORDS), titles=titles, config=config)
    builder = SimpleNamespace(get_relative_uri=lambda page, docname: f"{page}->{docname}")
    app = SimpleNamespace(env=env, builder=builder, config=config)
    weigh_standings(cast(Any, app), cast(Any, env))
    return Library(cast(Any, app), "sops/a/x")


def test_the_sops_are_in_the_order_of_their_ids_and_those_in_force_apart(library):
    assert list(library.records) == ["sops/a/d", "sops/a/x", "sops/b/r"]  # b/r has no id
    assert list(library.in_force) == ["sops/a/x"]
    assert library.in_force_step_ids == {"STEP_A_ONE", "STEP_A_TWO", "STEP_GONE"}
    assert {d: s.in_force for d, s in library.standings.items()} == {
        "sops/a/x": True, "sops/a/d": False, "sops/b/r": False}  # fmt: skip
    assert library.app.sop_not_in_force == {"sops/a/d", "sops/b/r"}


def test_the_steps_read_are_those_of_the_sops_in_force_that_the_trace_has(library):
    assert [(d, s["id"]) for d, s in library.steps()] == [
        ("sops/a/x", "STEP_A_ONE"), ("sops/a/x", "STEP_A_TWO")]  # fmt: skip
    assert library.link_counts("metrics") == {"KPI_ASA": 1, "KPI_FCR": 2}
    assert library.link_counts("responsible") == {"ROLE_AGENT": 2, "ROLE_LEAD": 1}


def test_the_entries_of_a_type_are_in_the_order_of_their_titles(library):
    assert [n["id"] for n in library.of_type("role")] == ["ROLE_AGENT", "ROLE_LEAD"]
    assert [n["id"] for n in library.of_type("metric")] == ["KPI_FCR", "KPI_ASA"]
    assert library.agent_facing == {"ROLE_AGENT": "Agent"}


@pytest.mark.parametrize(
    ("need", "name", "text"),
    [("KPI_FCR", "unit", "%"), ("KPI_ASA", "unit", ""), ("KPI_ASA", "owner", ""),
     ("KPI_NONE", "unit", "")],
)  # fmt: skip
def test_a_field_of_an_entry_is_text_or_nothing(library, need, name, text):
    assert library.field(need, name) == text


def reference(node: nodes.Node) -> tuple[str, str]:
    assert isinstance(node, nodes.reference) and node["internal"]
    return node.astext(), node["refuri"]


def test_an_entry_links_to_its_place_a_role_to_its_page_and_an_unknown_one_is_text(library):
    assert reference(library.need("KPI_FCR")) == (
        "Resolution", "sops/a/x->sops/catalog/metrics#KPI_FCR")  # fmt: skip
    assert reference(library.need("ROLE_LEAD")) == ("lead", "sops/a/x->roles/ROLE_LEAD")
    for plain in ("KPI_ASA", "KPI_NONE"):  # no page, or no such entry
        node = library.need(plain)
        assert isinstance(node, nodes.Text) and node.astext() == plain
    listed = library.needs_list(["ROLE_AGENT", "KPI_NONE", "KPI_FCR"])
    assert [node.astext() for node in listed] == [
        "Agent", ", ", "KPI_NONE", ", ", "Resolution"]  # fmt: skip
    assert library.needs_list([]) == []


def test_a_step_links_to_its_place_by_its_number_and_title(library):
    assert reference(library.step("sops/a/x", NEEDS["STEP_A_TWO"])) == (
        "Step 2: Close", "sops/a/x->sops/a/x#STEP_A_TWO")  # fmt: skip
    assert reference(library.link("Here", "sops/b/r")) == ("Here", "sops/a/x->sops/b/r")


def test_a_page_is_named_by_its_title_and_its_area_by_the_areas_index(library):
    library.env.titles["sops/a/x"] = Title("Calls, as shown")
    assert library.title("sops/a/x") == "Calls, as shown"
    assert library.title("sops/a/d") == "Draft"
    assert reference(library.sop("sops/a/x")) == (
        "SOP-A-002 Calls, as shown", "sops/a/x->sops/a/x")  # fmt: skip
    assert reference(library.sop("sops/b/r")) == ("sops/b/r Old", "sops/a/x->sops/b/r")
    assert library.area("sops/a/x") == "Area A"
    assert library.area("sops/b/r") == "b"
    assert library.written_title("sops/a/x") == "Calls"


def test_a_title_shown_in_another_language_is_marked_with_it(library):
    library.records["sops/a/d"].meta["language"] = "hu"
    library.app.sop_translation_status = {}
    assert library.title_link("sops/a/d")["classes"] == ["language-hu"]
    assert library.title_link("sops/a/x")["classes"] == []


def test_an_address_is_asked_of_the_builder_once(library):
    asked: list[str] = []

    def uri(page: str, docname: str) -> str:
        asked.append(docname)
        return docname + ".html"

    library.app.builder.get_relative_uri = uri
    assert [library.uri("sops/b/r"), library.uri("sops/b/r")] == ["sops/b/r.html"] * 2
    assert asked == ["sops/b/r"]


@pytest.mark.parametrize(
    ("stamp", "said"),
    [(None, "not stamped"), ("abc", "as approved"), ("abd", "changed since approval")],
)
def test_the_approval_says_whether_the_content_is_what_was_approved(stamp, said):
    meta = {} if stamp is None else {"approved_fingerprint": stamp}
    assert approval(SopRecord(meta=meta, fingerprint="abc")) == said


def test_distinct_keeps_the_first_order():
    assert distinct(["b", "a", "b", "c", "a"]) == ["b", "a", "c"]


def test_the_standings_are_weighed_on_the_builds_day(library):
    library.app.config.sop_today = "2025-12-31"  # before SOP-A-002 takes effect
    weigh_standings(library.app, library.env)
    assert library.app.sop_in_force_steps == set()
    assert library.app.sop_not_in_force == {"sops/a/x", "sops/a/d", "sops/b/r"}
    assert library.standings["sops/a/x"].state == "future"
