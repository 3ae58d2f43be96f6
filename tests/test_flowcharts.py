"""Flowcharts against their steps, and every diagram read by Mermaid's own parser.

Each defect is built on a small project; the message is located at the Markdown line
where the offending box or line of the diagram is written.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from sphinx_needs.data import SphinxNeedsData

from conftest import build, touch, write_project
from samples import FLOWCHART, replace
from soplib.diagrams import collect, mermaid
from soplib.checks.flowcharts import check_flowcharts
from soplib.diagrams.mermaid import parse
from soplib.model.outline import Diagram
from soplib.model.outline import Step, step_numbers
from soplib.diagrams.trace_diagram import HEADING, trace_chart
from test_sop_checks import X, case

FENCE = "```mermaid"
RETRY = "    D1 -- no --> RETRY[Try again]\n    RETRY --> RETRY2[Wait]\n    RETRY2 --> RETRY\n"

CASES = [
    case("flowchart_renamed_step",
         replace(FLOWCHART, ":id: STEP_F_CLOSE", ":id: STEP_F_FINISH"),
         [(FENCE, "step STEP_F_FINISH of SOP SOP-T-003 is not in its flowchart: add a box "
           "STEP_F_FINISH[...] where it happens [sop.flowchart_missing_step]"),
          ("D1 -- yes --> STEP_F_CLOSE", "box STEP_F_CLOSE names no step of SOP SOP-T-003: "
           "is it STEP_F_FINISH, which the chart leaves out? [sop.flowchart_unknown_step]")]),
    case("flowchart_decision",
         replace(FLOWCHART, "D1 -- no --> STEP_F_ANSWER", "D1 --> STEP_F_ANSWER"),
         [("D1{Resolved?}", "decision D1 has 1 labelled way(s) out: label at least two, like "
           "D1 -- yes --> ... and D1 -- no --> ... [sop.flowchart_decision]")]),
    case("flowchart_unreachable",
         replace(FLOWCHART, "    STEP_F_CLOSE --> DONE", "    EXTRA[Orphan] --> DONE\n"
                 "    STEP_F_CLOSE --> DONE"),
         [("EXTRA[Orphan]", "box EXTRA cannot be reached from the start, START: draw an arrow "
           "to it, or remove it [sop.flowchart_unreachable]")]),
    case("flowchart_no_end",
         replace(FLOWCHART, "    D1 -- no --> STEP_F_ANSWER\n", RETRY),
         [("RETRY[Try again]", "from box RETRY the flowchart never reaches an end: give the "
           "loop an arrow out to a box that ends the procedure [sop.flowchart_no_end]")]),
    case("flowchart_without_any_end",
         replace(FLOWCHART, "STEP_F_CLOSE --> DONE([End])", "STEP_F_CLOSE --> STEP_F_ANSWER"),
         [(FENCE, "the flowchart of SOP SOP-T-003 has no end: every box has an arrow out; "
           "end the procedure in a box with none, such as DONE([Call closed]) "
           "[sop.flowchart_no_end]")]),
    case("mermaid_syntax",
         replace(FLOWCHART, "D1 -- no --> STEP_F_ANSWER", "D1 -- no --> [STEP_F_ANSWER"),
         [("D1 -- no --> [STEP_F_ANSWER", "Mermaid cannot read this line of the diagram: "
           "'D1 -- no --> [STEP_F_ANSWER': check that its brackets, quotes and arrows are "
           "complete [sop.mermaid_syntax]")]),
    case("flowchart_of_another_kind",
         FLOWCHART[: FLOWCHART.index("flowchart TD")] + "sequenceDiagram\n    Agent->>Caller: "
         "Hello\n" + FLOWCHART[FLOWCHART.index("```\n", FLOWCHART.index(FENCE)):],
         [(FENCE, "the diagram of SOP SOP-T-003 is a sequence diagram, not a flowchart: start "
           "it with 'flowchart TD' [sop.flowchart_missing]")]),
]


@pytest.mark.parametrize(("files", "expected"), CASES)
def test_flowchart_defect_is_reported_where_it_is(build_project, files, expected):
    assert build_project(files).warnings_of("sop.") == expected


def test_a_diagram_on_any_page_is_read_by_mermaid(build_project):
    notes = "# Notes\n\nHow a call flows:\n\n```mermaid\nflowchart LR\n    A --> B(\n```\n"
    build = build_project({X: FLOWCHART, "sops/area/notes.md": notes})
    assert build.warnings_of("sop.") == [
        "sops/area/notes.md:7: WARNING: Mermaid cannot read this line of the diagram: "
        "'A --> B(': check that its brackets, quotes and arrows are complete "
        "[sop.mermaid_syntax]"
    ]


def test_a_missing_mermaid_install_fails_the_build_saying_how_to_fix_it(build_project,
                                                                        monkeypatch, tmp_path):
    monkeypatch.setattr(mermaid, "NODE_MODULES", tmp_path / "node_modules")
    build = build_project({X: FLOWCHART})
    assert build.warnings_of("sop.") == [
        f"WARNING: Mermaid is not installed in {tmp_path}/node_modules: run make html, which "
        "installs it with npm ci [sop.mermaid_unavailable]"
    ]


def test_only_new_diagrams_are_parsed_again(monkeypatch):
    env = SimpleNamespace(sop_page_diagrams={"a": [Diagram(1, "flowchart TD\n A --> B")]})
    asked: list[list[Diagram]] = []
    monkeypatch.setattr(collect, "parse", lambda ds: asked.append(ds) or parse(ds))
    first = collect.parse_library(env)
    env.sop_page_diagrams["b"] = [Diagram(3, "flowchart LR\n C --> D")]
    second = collect.parse_library(env)
    assert [[d.code for d in ds] for ds in asked] == [["flowchart TD\n A --> B"],
                                                       ["flowchart LR\n C --> D"]]
    assert first.keys() < second.keys()


def test_a_rebuild_parses_only_the_diagrams_that_changed(tmp_path, monkeypatch):
    asked: list[list[str]] = []
    monkeypatch.setattr(collect, "parse",
                        lambda ds: asked.append([d.code for d in ds]) or parse(ds))
    other = FLOWCHART.replace("SOP-T-003", "SOP-T-004").replace("STEP_F_", "STEP_G_")
    srcdir = write_project(tmp_path / "project", {X: FLOWCHART, "sops/area/y.md": other})
    assert build(srcdir, tmp_path / "build").lines == []
    assert len(asked[-1]) == 2
    touch(srcdir / "sops/area/y.md", other.replace("[Answer]", "[Answer the call]"))
    assert build(srcdir, tmp_path / "build").lines == []
    assert [len(codes) for codes in asked] == [2, 1], "the unchanged diagram is not parsed again"


def graph(nodes: str, edges: list[tuple[str, str, str]]) -> dict:
    """A graph as Mermaid's parser returns it; 'D1?' is a decision."""
    boxes = [{"id": n.rstrip("?"), "shape": "diamond" if n.endswith("?") else "square",
              "label": n} for n in nodes.split()]
    return {"kind": "flowchart-v2", "nodes": boxes,
            "edges": [{"from": a, "to": b, "label": text} for a, b, text in edges]}


def problems(chart: dict, steps: list[str]) -> list[tuple[str, str]]:
    code = "flowchart TD\n" + "\n".join(f"    {a} --> {b}" for a, b, _ in
                                        [(e["from"], e["to"], "") for e in chart["edges"]])
    found = check_flowcharts([(Diagram(10, code), chart)], [Step(s, 1) for s in steps], "S")
    return [(f.problem.subtype, f.message.split(":")[0]) for f in found]


def test_a_loop_with_a_way_out_is_fine():
    chart = graph("START A D1? B END", [("START", "A", ""), ("A", "D1", ""),
                                         ("D1", "A", "retry"), ("D1", "B", "done"),
                                         ("B", "END", "")])
    assert problems(chart, []) == []


def test_each_trap_is_reported_once_at_its_entry():
    chart = graph("START D1? A B C END", [("START", "D1", ""), ("D1", "A", "no"),
                                          ("A", "B", ""), ("B", "C", ""), ("C", "A", ""),
                                          ("D1", "END", "yes")])
    assert problems(chart, []) == [
        ("flowchart_no_end", "from box A the flowchart never reaches an end")]


def test_step_numbers_follow_the_page():
    steps = [Step("S1", 1), Step("S2", 5), Step("S2A", 7, "S2"), Step("S2B", 9, "S2"),
             Step("S3", 12)]
    assert step_numbers(steps) == {"S1": "1", "S2": "2", "S2A": "2.1", "S2B": "2.2", "S3": "3"}


NEEDS = {
    "STEP_A": {"id": "STEP_A", "title": 'Say "hello"', "type": "step",
               "responsible": ["ROLE_AGENT"], "metrics": ["KPI_AHT"], "training": ["TRN_X"]},
    "ROLE_AGENT": {"id": "ROLE_AGENT", "title": "Agent", "type": "role"},
    "KPI_AHT": {"id": "KPI_AHT", "title": "AHT", "type": "metric"},
    "TRN_X": {"id": "TRN_X", "title": "Call handling", "type": "training"},
}


def test_trace_chart_draws_a_row_per_step():
    code = trace_chart([Step("STEP_A", 3)], NEEDS)
    assert code.splitlines()[7:15] == [
        "flowchart TB",
        '    subgraph row1[" "]',
        "        direction LR",
        '        STEP_A["1. Say #quot;hello#quot;"]',
        '        row1_r0["Agent"] --- STEP_A',
        '        STEP_A --> row1_metric0["AHT"]',
        '        STEP_A -.-> row1_training0["Call handling"]',
        "    end",
    ]
    assert "error" not in parse([Diagram(1, code)])[Diagram(1, code).key]


def test_every_trace_diagram_of_the_library_is_valid_mermaid(library):
    needs = SphinxNeedsData(library.app.env).get_needs_view()
    records = library.app.env.sop_records
    charts = [Diagram(0, trace_chart(record.steps, needs)) for record in records.values()]
    assert len(charts) == len(records) >= 18
    assert all("error" not in result for result in parse(charts).values())


def test_each_sop_page_shows_its_trace_diagram_with_every_step(library):
    for docname, record in library.app.env.sop_records.items():
        page = library.page(docname)
        trace = page[page.index(HEADING):]
        assert trace.count('class="mermaid"') == 1
        assert all(f"{step.id}[" in trace for step in record.steps)
