"""Flowcharts as graphs, step numbers and the trace diagram's code, without a build
(Mermaid's own parser runs under Node where a test reads a diagram)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

import pytest
from sphinx.environment import BuildEnvironment

from soplib.checks.flowcharts import box_lines, check_flowcharts
from soplib.diagrams import collect
from soplib.diagrams.describe import flowchart_boxes
from soplib.diagrams.mermaid import parse
from soplib.diagrams.trace_diagram import trace_chart
from soplib.model.outline import Diagram, Step, fence_line, step_numbers


def test_only_new_diagrams_are_parsed_again(monkeypatch):
    env = SimpleNamespace(sop_page_diagrams={"a": [Diagram(1, "flowchart TD\n A --> B")]})
    asked: list[list[Diagram]] = []

    def noted(diagrams: list[Diagram]) -> dict[str, dict[str, Any]]:
        asked.append(diagrams)
        return parse(diagrams)

    monkeypatch.setattr(collect, "parse", noted)
    first = collect.parse_library(cast(BuildEnvironment, env))
    env.sop_page_diagrams["b"] = [Diagram(3, "flowchart LR\n C --> D")]
    second = collect.parse_library(cast(BuildEnvironment, env))
    assert [[d.code for d in ds] for ds in asked] == [
        ["flowchart TD\n A --> B"],
        ["flowchart LR\n C --> D"],
    ]
    assert first.keys() < second.keys()


def graph(nodes: str, edges: list[tuple[str, str, str]]) -> dict:
    """A graph as Mermaid's parser returns it; 'D1?' is a decision."""
    boxes = [
        {"id": n.rstrip("?"), "shape": "diamond" if n.endswith("?") else "square", "label": n}
        for n in nodes.split()
    ]
    return {
        "kind": "flowchart-v2",
        "nodes": boxes,
        "edges": [{"from": a, "to": b, "label": text} for a, b, text in edges],
    }


def problems(chart: dict, steps: list[str]) -> list[tuple[str, str]]:
    code = "flowchart TD\n" + "\n".join(
        f"    {a} --> {b}" for a, b, _ in [(e["from"], e["to"], "") for e in chart["edges"]]
    )
    found = check_flowcharts([(Diagram(10, code), chart)], [Step(s, 1) for s in steps], "S")
    return [(f.problem.subtype, f.message.split(":")[0]) for f in found]


def test_a_loop_with_a_way_out_is_fine():
    chart = graph(
        "START A D1? B END",
        [
            ("START", "A", ""),
            ("A", "D1", ""),
            ("D1", "A", "retry"),
            ("D1", "B", "done"),
            ("B", "END", ""),
        ],
    )
    assert problems(chart, []) == []


def test_each_trap_is_reported_once_at_its_entry():
    chart = graph(
        "START D1? A B C END",
        [
            ("START", "D1", ""),
            ("D1", "A", "no"),
            ("A", "B", ""),
            ("B", "C", ""),
            ("C", "A", ""),
            ("D1", "END", "yes"),
        ],
    )
    assert problems(chart, []) == [
        ("flowchart_no_end", "from box A the flowchart never reaches an end")
    ]


def test_a_start_stuck_in_a_loop_is_reported_at_the_start():
    """The start and the box after it only lead to each other; the end cannot be
    reached (reported too): the trap is entered at the start itself."""
    chart = graph("START A END", [("START", "A", ""), ("A", "START", "")])
    assert problems(chart, []) == [
        ("flowchart_unreachable", "box END cannot be reached from the start, START"),
        ("flowchart_no_end", "from box START the flowchart never reaches an end"),
    ]


def test_step_numbers_follow_the_page():
    steps = [
        Step("S1", 1),
        Step("S2", 5),
        Step("S2A", 7, "S2"),
        Step("S2B", 9, "S2"),
        Step("S3", 12),
    ]
    assert step_numbers(steps) == {"S1": "1", "S2": "2", "S2A": "2.1", "S2B": "2.2", "S3": "3"}


NEEDS = {
    "STEP_A": {
        "id": "STEP_A",
        "title": 'Say "hello"',
        "type": "step",
        "responsible": ["ROLE_AGENT"],
        "metrics": ["KPI_AHT"],
        "training": ["TRN_X"],
    },
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


def test_a_flowchart_in_words_numbers_its_boxes_and_names_each_way_out():
    code = (
        "flowchart TD\n"
        "    A([Call comes in]) --> B{Caller&nbsp;known?}\n"
        "    B -- yes --> C[Greet by name<br>and #quot;welcome back#quot;]\n"
        "    B -- no --> D[Ask the name]\n"
        "    C --> E([End])\n"
        "    D --> E\n"
    )
    graph = parse([Diagram(1, code)])[Diagram(1, code).key]
    boxes = flowchart_boxes(graph)
    assert [(b.number, b.id, b.label, b.decision) for b in boxes] == [
        (1, "A", "Call comes in", False),
        (2, "B", "Caller known?", True),
        (3, "C", 'Greet by name and "welcome back"', False),
        (4, "D", "Ask the name", False),
        (5, "E", "End", False),
    ]
    assert [[(x.answer, x.to) for x in b.exits] for b in boxes] == [
        [("", 2)],
        [("yes", 3), ("no", 4)],
        [("", 5)],
        [("", 5)],
        [],
    ]


def findings(chart: dict, steps: list[str], code: str = "") -> list[tuple[int, str, str]]:
    """Each finding of one chart whose fence is on line 10 (its boxes one a line after the
    first, unless code says otherwise), with its line and whole message."""
    diagram = Diagram(10, code or "flowchart TD\n" + "\n".join(n["id"] for n in chart["nodes"]))
    found = check_flowcharts([(diagram, chart)], [Step(s, 1) for s in steps], "SOP-T-001")
    return [(f.line, f.problem.subtype, f.message) for f in found]


ANSWER, CLOSE = "STEP_ANSWER_THE_CALL", "STEP_CLOSE_THE_CALL"


def test_a_diagram_that_is_no_flowchart_is_said_and_its_steps_not_asked_for():
    chart = {"kind": "sequence", "nodes": [], "edges": []}
    assert findings(chart, [ANSWER]) == [(10, "flowchart_missing",
        "the diagram of SOP SOP-T-001 is a sequence diagram, not a flowchart: start it with "
        "'flowchart TD'")]  # fmt: skip


def test_a_step_the_chart_leaves_out_is_said_at_the_chart():
    chart = graph(f"{ANSWER} END", [(ANSWER, "END", "")])
    assert findings(chart, [ANSWER, CLOSE]) == [(10, "flowchart_missing_step",
        f"step {CLOSE} of SOP SOP-T-001 is not in its flowchart: add a box {CLOSE}[...] where "
        "it happens")]  # fmt: skip


UNKNOWN = "box {box} names no step of SOP SOP-T-001"


def test_a_box_naming_no_step_is_taken_for_the_one_step_left_out_however_unlike():
    box = "STEP_QQQQQQQQQQ"
    chart = graph(f"{ANSWER} {box}", [(ANSWER, box, "")])
    assert findings(chart, [ANSWER, CLOSE])[0] == (13, "flowchart_unknown_step",
        UNKNOWN.format(box=box) + f": is it {CLOSE}, which the chart leaves out? Rename "
        f"the box {CLOSE}, or add the step {box} to the SOP")  # fmt: skip


def test_a_box_somewhat_like_a_step_left_out_of_several_is_taken_for_it():
    chart = graph("STEP_CLS END", [("STEP_CLS", "END", "")])
    assert findings(chart, [ANSWER, CLOSE])[0][2] == (
        UNKNOWN.format(box="STEP_CLS") + f": is it {CLOSE}, which the chart leaves out? "
        f"Rename the box {CLOSE}, or add the step STEP_CLS to the SOP"
    )


def test_every_diagram_of_an_sop_is_checked_after_one_that_is_no_flowchart():
    other = (Diagram(5, "sequenceDiagram"), {"kind": "sequence"})
    chart = graph(f"{ANSWER} END", [(ANSWER, "END", "")])
    code = f"flowchart TD\n{ANSWER} --> END"
    found = check_flowcharts([other, (Diagram(10, code), chart)],
                             [Step(ANSWER, 1), Step(CLOSE, 2)], "S")  # fmt: skip
    assert [(f.line, f.problem.subtype) for f in found] == [
        (5, "flowchart_missing"), (5, "flowchart_missing_step")]  # fmt: skip


def test_a_box_not_found_in_the_code_is_said_at_the_diagram():
    chart = graph("START END LOST", [("START", "END", ""), ("LOST", "END", "")])
    assert findings(chart, [], code="flowchart TD\nSTART --> END")[0][:2] == (
        10,
        "flowchart_unreachable",
    )


def test_an_arrow_to_a_box_the_graph_does_not_list_is_followed_without_harm():
    chart = graph("START END", [("START", "END", ""), ("START", "GHOST", "")])
    assert findings(chart, []) == []


def test_a_box_naming_no_step_is_taken_for_the_closest_step_left_out():
    chart = graph("STEP_CLOSE_CALL END", [("STEP_CLOSE_CALL", "END", "")])
    assert findings(chart, [ANSWER, CLOSE])[0] == (12, "flowchart_unknown_step",
        UNKNOWN.format(box="STEP_CLOSE_CALL") + f": is it {CLOSE}, which the chart leaves "
        f"out? Rename the box {CLOSE}, or add the step STEP_CLOSE_CALL to the SOP")  # fmt: skip


def test_a_box_naming_no_step_is_taken_for_a_drawn_step_it_looks_like():
    chart = graph(f"{ANSWER} {CLOSE} STEP_CLOSE_THE_CAL", [(ANSWER, CLOSE, ""),
                  (CLOSE, "STEP_CLOSE_THE_CAL", "")])  # fmt: skip
    assert findings(chart, [ANSWER, CLOSE]) == [(14, "flowchart_unknown_step",
        UNKNOWN.format(box="STEP_CLOSE_THE_CAL") + f": did you mean {CLOSE}? Rename the box "
        f"{CLOSE}, or add the step STEP_CLOSE_THE_CAL to the SOP")]  # fmt: skip


def test_a_box_like_no_step_lists_the_steps():
    chart = graph(f"{ANSWER} {CLOSE} STEP_Q", [(ANSWER, CLOSE, ""), (CLOSE, "STEP_Q", "")])
    assert findings(chart, [ANSWER, CLOSE]) == [(14, "flowchart_unknown_step",
        UNKNOWN.format(box="STEP_Q") + f", whose steps are {ANSWER}, {CLOSE}: rename the box "
        "after one of them, or add the step STEP_Q to the SOP")]  # fmt: skip


@pytest.mark.parametrize(
    ("nodes", "edges", "expected"),
    [
        ("START D1? A END", [("START", "D1", ""), ("D1", "A", "yes"), ("D1", "END", " "),
                             ("A", "END", "")],
         (13, "flowchart_decision", "decision D1 has 1 labelled way(s) out: label at least "
          "two, like D1 -- yes --> ... and D1 -- no --> ...")),
        ("START A", [("START", "A", ""), ("A", "START", "")],
         (10, "flowchart_no_end", "the flowchart of SOP SOP-T-001 has no end: every box has "
          "an arrow out; end the procedure in a box with none, such as DONE([Call closed])")),
        ("START END LOST", [("START", "END", ""), ("LOST", "END", "")],
         (14, "flowchart_unreachable", "box LOST cannot be reached from the start, START: "
          "draw an arrow to it, or remove it")),
        ("START A B END", [("START", "A", ""), ("START", "END", ""), ("A", "B", ""),
                           ("B", "A", "")],
         (13, "flowchart_no_end", "from box A the flowchart never reaches an end: give the "
          "loop an arrow out to a box that ends the procedure")),
    ],
    ids=["decision", "no_end", "unreachable", "trapped"],
)  # fmt: skip
def test_a_flaw_of_a_chart_is_said_at_its_line_with_its_fix(nodes, edges, expected):
    assert findings(graph(nodes, edges), []) == [expected]


def test_a_box_is_found_where_it_is_written_not_in_labels_or_comments():
    code = ("flowchart TD\n%% STEP_A is in a comment\n  X[STEP_A in a label] -- STEP_A --> Y\n"
            '  Y -->|"STEP_A"| STEP_A\n')  # fmt: skip
    assert box_lines(code, ["X", "Y", "STEP_A"]) == {"X": 3, "Y": 3, "STEP_A": 4}


#: A page with two diagrams that start alike, and a line like a diagram's outside any.
PAGE_LINES = [
    "# Title",
    "",
    "```{mermaid}",  # 3
    ":caption: The calls",
    "",
    "flowchart TD",
    "  A-->B",
    "```",
    "flowchart TD",
    "```mermaid",  # 10
    "flowchart TD",
    "  C-->D",
    "```",
]


@pytest.mark.parametrize(
    ("code", "start", "line"),
    [
        ("flowchart TD\n  A-->B\n", 0, 3),  # its first line after the options
        ("flowchart TD\n  C-->D\n", 3, 10),  # the next diagram: searched from the last
        ("flowchart LR\n", 0, 0),  # no fence opens it
        ("sequenceDiagram\n", 0, 0),  # made by a directive, not written in the page
    ],
)
def test_a_diagram_is_found_at_the_fence_that_opens_it(code, start, line):
    assert fence_line(PAGE_LINES, code, start) == line


def test_a_diagrams_first_line_is_looked_for_in_the_three_lines_after_a_fence():
    options = ["```{mermaid}", ":caption: A", ":name: a", "", "flowchart TD", "```"]
    assert fence_line(options, "flowchart TD\n", 0) == 0
    assert fence_line(options[:1] + options[2:], "flowchart TD\n", 0) == 1
    before = ["flowchart LR", "```{mermaid}", "flowchart TD", "```"]
    assert fence_line(before, "flowchart LR\n", 0) == 0, "the line before is no code of it"


def test_an_empty_diagram_is_found_at_a_fence_with_nothing_after_it():
    assert fence_line(["Text", "```{mermaid}", "", "```"], " \n", 0) == 2
