"""Flowcharts against their steps, and every diagram read by Mermaid's own parser.

Each defect is built on a small project; the message is located at the Markdown line
where the offending box or line of the diagram is written.
"""

from __future__ import annotations

from typing import Any

import pytest
from sphinx_needs.data import SphinxNeedsData

from samples import FLOWCHART
from samples.defects import FLOWCHART_CASES, MERMAID_SYNTAX_CASES, X, with_guide
from soplib.checks.mermaid_errors import explain
from soplib.diagrams import collect, mermaid
from soplib.diagrams.mermaid import parse
from soplib.diagrams.trace_diagram import HEADING, trace_chart
from soplib.model.outline import Diagram
from support.pages import text_of
from support.projects import Build, build, touch, write_project


@pytest.mark.parametrize(("files", "expected"), FLOWCHART_CASES)
def test_flowchart_defect_is_reported_where_it_is(build_project, files, expected):
    assert build_project(files).warnings_of("sop.") == expected


def test_a_diagram_on_any_page_is_read_by_mermaid(build_project):
    notes = "# Notes\n\nHow a call flows:\n\n```mermaid\nflowchart LR\n    A --> B(\n```\n"
    build = build_project({X: FLOWCHART, "sops/area/notes.md": notes})
    assert build.warnings_of("sop.") == [
        with_guide(
            "sops/area/notes.md:7: WARNING: Mermaid cannot read 'A --> B(' at '(' (column 12), "
            "never closed (it read on to the end of the diagram expecting label text or a closing "
            "parenthesis ')'): close it with ')' [sop.mermaid_syntax]"
        )
    ]


def syntax_pages() -> tuple[dict[str, str], dict[str, list[str]]]:
    """The MERMAID_SYNTAX_CASES as the pages of one project, and the warnings of each: ids
    made unique without changing their length, so that every message keeps its columns."""
    files, expected = {}, {}
    for letter, param in zip("FGIJKLMN", MERMAID_SYNTAX_CASES, strict=False):
        ((_, text),) = param.values[0].items()
        path = f"sops/area/{param.id}.md"

        def unique(text: str, path: str = path, letter: str = letter) -> str:
            text = text.replace("SOP-T-003", f"SOP-{letter}-003").replace(X, path)
            return text.replace("STEP_F_", f"STEP_{letter}_")

        files[path] = unique(text)
        expected[path] = [unique(line) for line in param.values[1]]
    return files, expected


SYNTAX_FILES, SYNTAX_EXPECTED = syntax_pages()


@pytest.fixture(scope="module")
def syntax_defects(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Every diagram of MERMAID_SYNTAX_CASES, each on its own page, built together once."""
    srcdir = write_project(tmp_path_factory.mktemp("syntax") / "project", SYNTAX_FILES)
    return build(srcdir, freshenv=True)


@pytest.mark.parametrize("page", list(SYNTAX_EXPECTED))
def test_mermaid_syntax_is_said_at_the_token_with_the_fix_that_fits(syntax_defects, page):
    shown = [line for line in syntax_defects.warnings_of("sop.") if line.startswith(page + ":")]
    assert shown == SYNTAX_EXPECTED[page]


#: Lines Mermaid cannot read for a bracket inside a label, and the box that the message
#: puts right.
BRACKETS_IN_LABELS = [
    ("D1{Is it (urgent)?} -- yes --> B", 'D1{"Is it (urgent)?"}'),
    ("A[Call back (later)] --> B", 'A["Call back (later)"]'),
    ("A[Call back later)] --> B", 'A["Call back later)"]'),
    ("A[Call back [later]] --> B", 'A["Call back [later]"]'),
    ("A[Call back (later] --> B", 'A["Call back (later"]'),
    ("A{{Is it (urgent)?}} --> B", 'A{{"Is it (urgent)?"}}'),
    ("DONE([End (now)])", 'DONE(["End (now)"])'),
    ("A[/Call (x)/] --> B", 'A[/"Call (x)"/]'),
    ("A --> B>Note (x)]", 'B>"Note (x)"]'),
    ('A[Say "hi" (politely)] --> B', 'A["Say #quot;hi#quot; (politely)"]'),
    ("A -->|yes (now)| B", '|"yes (now)"|'),
]


def test_the_quotes_a_syntax_message_suggests_make_mermaid_read_the_line():
    broken = [Diagram(0, f"flowchart TD\n    {line}") for line, _ in BRACKETS_IN_LABELS]
    errors = parse(broken)
    mended = []
    for diagram, (line, box) in zip(broken, BRACKETS_IN_LABELS, strict=True):
        where, message = explain(diagram.code, errors[diagram.key]["error"])
        assert (where, message.rsplit(": ", 1)[1]) == (2, box), message
        assert "put the label in double quotes" in message
        unquoted = box.replace('"', "").replace("#quot;", '"')
        mended.append(Diagram(0, f"flowchart TD\n    {line.replace(unquoted, box)}"))
    assert {key: result.get("error") for key, result in parse(mended).items()} == {
        diagram.key: None for diagram in mended
    }


def test_mermaid_lines_are_counted_as_the_author_wrote_them():
    """Mermaid drops comment lines, front matter, directives and some blank lines before it
    counts lines; the line and column of its errors are still the author's."""
    diagrams = {
        "comments": "%% who calls\nflowchart TD\n    %% the start\n    A --> B(x]",
        "front matter": "---\ntitle: Calls\n---\nflowchart TD\n    A --> B(x]",
        "directive": "%%{init: {'theme': 'dark'}}%%\nflowchart TD\n    A --> B(x]",
        "blank lines first": "\n\n  flowchart TD\n    A --> B(x]",
        "blank lines after }": "flowchart TD\n    D1{Ok?}\n\n\n    D1 --> B(x]",
        "windows line ends": "flowchart TD\r\n    A --> B(x]",
        "unrecognised": "flowchart TD\n    D1{Ok?}\n\n    D1 --> B @",
    }
    parsed = parse([Diagram(0, code) for code in diagrams.values()])
    found = {}
    for name, code in diagrams.items():
        error = parsed[Diagram(0, code).key]["error"]
        line = code.replace("\r\n", "\n").split("\n")[error["line"] - 1]
        found[name] = line[error["column"] - 1]
    assert found == dict.fromkeys(diagrams, "]") | {"unrecognised": "@"}


def test_a_missing_mermaid_install_fails_the_build_saying_how_to_fix_it(
    build_project, monkeypatch, tmp_path
):
    monkeypatch.setattr(mermaid, "NODE_MODULES", tmp_path / "node_modules")
    build = build_project({X: FLOWCHART})
    assert build.warnings_of("sop.") == [
        with_guide(
            f"WARNING: Mermaid is not installed in {tmp_path}/node_modules: run make html, which "
            "installs it with npm ci [sop.mermaid_unavailable]"
        )
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
