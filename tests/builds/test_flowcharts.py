"""Flowcharts against their steps, and every diagram read by Mermaid's own parser.

Each defect is built on a small project; the message is located at the Markdown line
where the offending box or line of the diagram is written.
"""

from __future__ import annotations

from typing import Any

import pytest
from sphinx_needs.data import SphinxNeedsData

from samples import FLOWCHART
from samples.defects import FLOWCHART_CASES, X
from soplib.diagrams import collect, mermaid
from soplib.diagrams.mermaid import parse
from soplib.diagrams.trace_diagram import HEADING, trace_chart
from soplib.model.outline import Diagram
from support.pages import text_of
from support.projects import build, touch, write_project


@pytest.mark.parametrize(("files", "expected"), FLOWCHART_CASES)
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


def test_a_missing_mermaid_install_fails_the_build_saying_how_to_fix_it(
    build_project, monkeypatch, tmp_path
):
    monkeypatch.setattr(mermaid, "NODE_MODULES", tmp_path / "node_modules")
    build = build_project({X: FLOWCHART})
    assert build.warnings_of("sop.") == [
        f"WARNING: Mermaid is not installed in {tmp_path}/node_modules: run make html, which "
        "installs it with npm ci [sop.mermaid_unavailable]"
    ]


def test_a_rebuild_parses_only_the_diagrams_that_changed(tmp_path, monkeypatch):
    asked: list[list[str]] = []

    def noted(diagrams: list[Diagram]) -> dict[str, dict[str, Any]]:
        asked.append([d.code for d in diagrams])
        return parse(diagrams)

    monkeypatch.setattr(collect, "parse", noted)
    other = FLOWCHART.replace("SOP-T-003", "SOP-T-004").replace("STEP_F_", "STEP_G_")
    srcdir = write_project(tmp_path / "project", {X: FLOWCHART, "sops/area/y.md": other})
    assert build(srcdir, tmp_path / "build").lines == []
    assert len(asked[-1]) == 2
    touch(srcdir / "sops/area/y.md", other.replace("[Answer]", "[Answer the call]"))
    assert build(srcdir, tmp_path / "build").lines == []
    assert [len(codes) for codes in asked] == [2, 1], "the unchanged diagram is not parsed again"


def test_every_trace_diagram_of_the_library_is_valid_mermaid(library):
    needs = SphinxNeedsData(library.app.env).get_needs_view()
    records = library.app.env.sop_records
    charts = [Diagram(0, trace_chart(record.steps, needs)) for record in records.values()]
    assert len(charts) == len(records) >= 18
    assert all("error" not in result for result in parse(charts).values())


def test_each_sop_page_shows_its_trace_diagram_with_every_step(library):
    for docname, record in library.app.env.sop_records.items():
        page = library.page(docname)
        trace = page[page.index(HEADING) :]
        assert trace.count('class="mermaid"') == 1
        assert all(f"{step.id}[" in trace for step in record.steps)


def test_a_flowchart_is_a_named_figure_with_its_steps_and_decisions_in_words(library):
    page = library.page("sops/customer-issues/complaint-handling")
    figure = page[page.index('<figure class="sop-diagram"') :]
    figure = figure[: figure.index("</figure>")]
    assert 'aria-label="Flowchart: Handling a complaint"' in figure
    assert 'aria-label="View the diagram full screen"' in figure
    words = text_of(figure[figure.index('<details class="sop-diagram-words">') :])
    assert words.startswith("The diagram in words Customer expresses dissatisfaction Then: 2.")
    assert (
        "Decision: Within agent authority? If “yes”: 4. Resolve on the call "
        "If “no”: 5. Team leader resolves"
    ) in words
    assert words.endswith("Complaint closed The procedure ends here.")
    assert '<a class="reference internal" href="#STEP_CMP_TIER3">' in figure


def test_the_trace_diagram_says_in_words_who_does_each_step_and_what_it_needs(library):
    page = library.page("sops/customer-issues/complaint-handling")
    figure = page[page.index('<figure class="sop-diagram sop-trace"') :]
    figure = figure[: figure.index("</figure>")]
    assert 'aria-label="Trace diagram: Handling a complaint"' in figure
    assert (
        "Step 3: Team leader resolves the complaint Who: Team leader "
        "Measured by: Complaint resolution time, Customer satisfaction (CSAT) "
        "Training: Handling complaints, Team-leader essentials"
    ) in text_of(figure)
