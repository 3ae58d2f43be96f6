"""Mermaid's syntax errors said in an author's words, without a build: each error below is
what ``mermaid_parse.mjs`` returned for the diagram (Mermaid 11), Mermaid's message cut to
its first line."""

from __future__ import annotations

from typing import Any

import pytest

from soplib.checks.diagram_syntax import syntax_finding
from soplib.checks.mermaid_errors import (
    Opener,
    expected_words,
    explain,
    got_words,
    label_end,
    open_at,
    quoted_label,
)
from soplib.diagrams import mermaid
from soplib.model.i18n import AUTHOR
from soplib.model.outline import Diagram
from soplib.model.problems import Finding, Problem

IN_A_LABEL = ["SQE", "DOUBLECIRCLEEND", "PE", "-)", "STADIUMEND", "SUBROUTINEEND", "PIPE"]
IN_A_LABEL += ["CYLINDEREND", "DIAMOND_STOP", "TAGEND", "TRAPEND", "INVTRAPEND"]
IN_A_LABEL += ["UNICODE_TEXT", "TEXT", "TAGSTART"]
A_BOX = ["AMP", "COLON", "DOWN", "DEFAULT", "NUM", "COMMA", "NODE_STRING", "BRKT", "MINUS"]
A_BOX += ["MULT", "UNICODE_TEXT"]
AFTER_A_BOX = ["SEMI", "NEWLINE", "EOF", "AMP", "START_LINK", "LINK", "LINK_ID"]


def parse_error(line: int | None, column: int | None, token: str, got: str, expected: list[str]):
    return {
        "kind": "parse",
        "message": f"Parse error on line {line}:",
        "line": line,
        "column": column,
        "token": token,
        "got": got,
        "expected": expected,
        "from_line": None,
        "from_column": None,
    }


def said(body: str, error: dict[str, Any]) -> tuple[int, str]:
    return explain("flowchart TD\n" + body, error)


def test_parentheses_in_a_decision_are_quoted_in_the_fix():
    error = parse_error(2, 14, "(", "PS", IN_A_LABEL)
    assert said("    D1{Is it (urgent)?}", error) == (
        2,
        "Mermaid cannot read 'D1{Is it (urgent)?}' at '(' (column 14), where it expected "
        "label text or a closing brace '}', not an opening parenthesis '(': put the label in "
        'double quotes: D1{"Is it (urgent)?"}',
    )


def test_parentheses_in_a_box_are_quoted_in_the_fix():
    error = parse_error(2, 17, "(", "PS", IN_A_LABEL)
    assert said("    A[Call back (later)] --> B", error) == (
        2,
        "Mermaid cannot read 'A[Call back (later)] --> B' at '(' (column 17), where it "
        "expected label text or a closing bracket ']', not an opening parenthesis '(': put the "
        'label in double quotes: A["Call back (later)"]',
    )


def test_a_quote_inside_a_label_is_written_as_mermaid_reads_it():
    error = parse_error(2, 11, "hi", "STR", IN_A_LABEL)
    line, message = said('    A[Say "hi" (politely)]', error)
    assert message.endswith(
        'not the quoted text "hi": put the label in double quotes: '
        'A["Say #quot;hi#quot; (politely)"]'
    )


def test_a_bracket_where_a_box_should_start_asks_for_its_id():
    error = parse_error(2, 18, "[", "SQS", A_BOX)
    assert said("    D1 -- no --> [STEP_X", error) == (
        2,
        "Mermaid cannot read 'D1 -- no --> [STEP_X' at '[' (column 18), where it expected a box "
        "id, not an opening bracket '[': give the box an id before the '[' and close it with "
        "']', such as ID[STEP_X], or remove the '['",
    )


@pytest.mark.parametrize(
    ("body", "column", "closer", "expected"),
    [
        ("    D1{Resolved?\n    A-->B", 8, "}", "label text or a closing brace '}'"),
        ('    A["Hello]', 8, '"', "label text or a closing bracket ']'"),
        ("    A -->|yes B", 11, "|", "label text or a closing pipe '|'"),
        ("    DONE([End", 11, "])", "label text or a closing '])'"),
    ],
)
def test_a_label_never_closed_is_said_at_its_opening(body, column, closer, expected):
    line, message = said(body, parse_error(2, column, "", "EOF", IN_A_LABEL))
    first = body.splitlines()[0]
    opener = open_at(first, len(first))[-1]
    assert line == 2
    assert message == (
        f"Mermaid cannot read {first.strip()!r} at {opener.text!r} (column "
        f"{opener.column + 1}), never closed (it read on to the end of the diagram expecting "
        f"{expected}): close it with {closer!r}"
    )


def test_a_label_never_closed_is_said_where_it_opens_not_where_mermaid_stops():
    error = parse_error(4, 26, "([", "STADIUMSTART", IN_A_LABEL) | {"from_line": 2}
    body = "    A --> B[Close\n    B --> C\n    C --> DONE([End])"
    assert said(body, error) == (
        2,
        "Mermaid cannot read 'A --> B[Close' at '[' (column 12), never closed (it read the "
        "lines after it as its label, until an opening '([', where it expected label text or a "
        "closing bracket ']'): close it with ']'",
    )


def test_a_closer_of_another_shape_is_said_with_the_one_that_matches():
    error = parse_error(2, 14, ")", "PE", ["STADIUMEND", "TAGEND", "UNICODE_TEXT", "TEXT"])
    assert said("    DONE([End) --> B", error)[1] == (
        "Mermaid cannot read 'DONE([End) --> B' at ')' (column 14), where it expected label "
        "text or a closing '])', not a closing parenthesis ')': end the label with '])', which "
        "matches its '(['"
    )


def test_an_arrow_with_one_dash_is_said_with_the_arrows_mermaid_knows():
    error = parse_error(2, 7, "-", "MINUS", AFTER_A_BOX)
    assert said("    A -> B", error)[1] == (
        "Mermaid cannot read 'A -> B' at '-' (column 7), where it expected an arrow such as "
        "'-->' or the end of the line, not a single '-': write the arrow as '-->' (or '---', "
        "'-.->', '==>')"
    )


def test_an_arrow_to_nowhere_asks_for_the_box_it_leads_to():
    error = parse_error(2, 6, "", "EOF", ["PIPE", "TESTSTR", *A_BOX])
    assert said("    A --> ", error)[1] == (
        "Mermaid cannot read 'A -->' at its end (column 10), where it expected a box id or a "
        "label between pipes '|', not the end of the diagram: write the box the arrow leads "
        "to, such as A --> B"
    )


def test_end_as_a_box_id_is_said_as_the_word_that_closes_a_subgraph():
    statement = ["SEMI", "NEWLINE", "SPACE", "EOF", "subgraph", *A_BOX]
    error = parse_error(3, 5, "end ", "end", statement)
    assert said("    A-->B\n    end --> C", error) == (
        3,
        "Mermaid cannot read 'end --> C' at 'end' (column 5), where it expected a box id or the "
        "end of the line, not the word 'end', which closes a subgraph: write the box id another "
        "way, such as END or End",
    )


def test_a_subgraph_never_ended_is_said_at_the_last_line():
    error = parse_error(4, None, "", "EOF", ["SEMI", "NEWLINE", "end", *A_BOX])
    assert said("    subgraph S\n    A-->B", error) == (
        3,
        "Mermaid reached the end of the diagram after 'A-->B' still expecting a box id, the "
        "word 'end' or the end of the line: close each subgraph with a line 'end'",
    )


def test_text_mermaid_does_not_recognise_is_pointed_at():
    error = {"kind": "lexical", "message": "Lexical error on line 2. Unrecognized text."}
    assert said("    A --> B @", error | {"line": 2, "column": 13, "token": "@"}) == (
        2,
        "Mermaid cannot read 'A --> B @' at '@' (column 13), text it does not recognise there: "
        "remove it, or write it inside a box's label in double quotes",
    )
    assert said("    A => B", error | {"line": 2, "column": 7, "token": "="})[1].endswith(
        "at '=' (column 7), text it does not recognise there: write the arrow as '-->' (or "
        "'---', '-.->', '==>')"
    )


def test_a_diagram_without_a_type_is_said_at_its_first_line():
    error = {"kind": "type", "message": "No diagram type detected matching given configuration"}
    assert explain("\nflowchar TD\n  A-->B", error | {"line": 2}) == (
        2,
        "the first line of the diagram, 'flowchar TD', names no type of diagram Mermaid "
        "knows: start the diagram with its type, such as 'flowchart TD'",
    )
    assert explain("", error | {"line": None})[0] == 0


@pytest.mark.parametrize(
    "error",
    [
        {},
        {"message": "Parse error on line 2:\nsomething"},
        {"message": 42, "line": "2", "column": [], "expected": "SQE"},
        {"kind": "parse", "line": 2},
        {"kind": "parse", "line": 2, "column": 99, "token": None, "got": None},
        {"kind": "parse", "line": 2, "column": 3, "got": "PS", "expected": [None, 3]},
        {"kind": "parse", "line": 2, "column": 19, "got": "PS", "token": ""},
        {"kind": "parse", "line": 2, "column": 19, "got": "SQE", "token": " "},
        {"kind": "parse", "line": 2, "got": "EOF", "from_line": 9},
        {"kind": "parse", "line": 9, "column": 1, "got": "SQE", "from_line": 1},
        {"kind": "lexical", "line": 2},
        {"kind": "lexical", "line": 2, "column": 0, "token": ""},
        {"kind": "type"},
        {"kind": "other", "message": "", "line": -1},
        {"kind": "parse", "line": True, "column": True, "got": "WHATEVER", "token": "?"},
    ],
)
def test_an_error_with_missing_or_odd_fields_still_gives_a_located_message(error):
    line, message = explain("flowchart TD\n    A[x (y)] --> B", error)
    assert 0 <= line <= 2
    assert message.startswith(("Mermaid", "the first line")), message
    assert ": " in message and "Traceback" not in message


def test_the_old_form_of_an_error_is_still_said_at_its_line():
    line, message = explain("flowchart TD\n    A --> B(", {"message": "Parse error", "line": 2})
    assert (line, message) == (
        2,
        "Mermaid cannot read 'A --> B(' (Parse error): check that its brackets, quotes and "
        "arrows are complete",
    )


def test_mermaids_token_names_are_said_in_words():
    assert got_words("PS", "(") == "an opening parenthesis '('"
    assert got_words("SQE", "]") == "a closing bracket ']'"
    assert got_words("DIAMOND_STOP", "}") == "a closing brace '}'"
    assert got_words("NODE_STRING", "D") == "the text 'D'"
    assert got_words("EOF", "") == "the end of the diagram"
    assert got_words("ODD_TOKEN", "~") == "'~' (ODD_TOKEN)"
    assert got_words(None, None) == "something it did not expect"
    assert expected_words(IN_A_LABEL) == "label text or the label's closing bracket"
    assert expected_words(IN_A_LABEL, "}") == "label text or a closing brace '}'"
    assert expected_words(A_BOX) == "a box id"
    assert expected_words(AFTER_A_BOX) == "an arrow such as '-->' or the end of the line"
    assert expected_words(["+", "-", "ACTOR"]) == "'+', '-' or 'ACTOR'"
    assert expected_words([]) == ""


def test_labels_open_on_a_line_are_found_with_their_closers():
    assert open_at("    DONE([End", 13) == [Opener(8, "([")]
    assert open_at('    A["Hello]', 13) == [Opener(5, "["), Opener(6, '"')]
    assert open_at("    A -->|yes B", 15) == [Opener(9, "|")]
    assert open_at("    A[x (y)] --> B(z)", 21) == []
    assert open_at("    A --> B>Note", 16) == [Opener(11, ">")]
    assert [o.closer for o in open_at("A{{x ([y", 8)] == ["}}", "])"]


def test_a_label_is_quoted_up_to_its_own_closer():
    line = "    A[x (y)] --> B[z]"
    opener = Opener(5, "[")
    assert label_end(line, opener) == 11
    assert quoted_label(line, opener, 11) == 'A["x (y)"]'
    assert quoted_label("A -->|a (b)| B", Opener(5, "|"), 11) == '|"a (b)"|'


def test_a_missing_mermaid_install_is_said_in_the_library_language(monkeypatch, tmp_path):
    monkeypatch.setitem(AUTHOR, "language", "hu")
    monkeypatch.setattr(mermaid, "NODE_MODULES", tmp_path / "node_modules")
    with pytest.raises(mermaid.MermaidUnavailable) as unavailable:
        mermaid.parse([Diagram(0, "flowchart TD\n    A --> B")])
    assert str(unavailable.value) == (
        f"a Mermaid nincs telepítve ide: {tmp_path}/node_modules: futtassa a make html "
        "parancsot, amely az npm ci-vel telepíti"
    )


def test_a_reason_mermaid_gives_as_text_alone_is_said_at_the_diagrams_fence():
    finding = syntax_finding(Diagram(12, "flowchart TD\nA-->B\n"), "Lexical error somewhere")
    assert finding == Finding(
        12,
        Problem.MERMAID_SYNTAX,
        "Mermaid cannot read this diagram (Lexical error somewhere): check that its first "
        "line names a diagram type, such as 'flowchart TD', and that its brackets, quotes "
        "and arrows are complete",
    )


@pytest.mark.parametrize(
    ("line", "said_at"),
    [(None, 2), (0, 2), (1, 1), (3, 3), (4, 2)],
)
def test_a_diagram_of_no_known_type_is_said_at_the_line_mermaid_gives_or_its_first(line, said_at):
    code = "\nflowhcart TD\n  A-->B"
    assert explain(code, {"kind": "type", "line": line}) == (
        said_at,
        "the first line of the diagram, 'flowhcart TD', names no type of diagram Mermaid "
        "knows: start the diagram with its type, such as 'flowchart TD'",
    )


@pytest.mark.parametrize("code", ["", " \n\n  "])
def test_an_empty_diagram_is_said_to_be_empty(code):
    assert explain(code, {"kind": "type", "line": 1}) == (
        0,
        "the diagram is empty, so Mermaid finds no diagram type in it: write the diagram, "
        "starting with its type, such as 'flowchart TD'",
    )


@pytest.mark.parametrize(
    ("code", "expected", "said_at", "message"),
    [
        (
            "flowchart TD\n    A-->\n\n",
            ["SPACE"],  # nothing Mermaid names in words
            2,
            "Mermaid reached the end of the diagram after 'A-->': check that its brackets, "
            "quotes and arrows are complete",
        ),
        (
            "\n \n",
            [],
            0,
            "Mermaid reached the end of the diagram: check that its brackets, quotes and "
            "arrows are complete",
        ),
    ],
)
def test_the_end_of_a_diagram_is_said_after_its_last_written_line(code, expected, said_at, message):
    error = parse_error(None, None, "", "EOF", expected)
    assert explain(code, error) == (said_at, message)


REMOVE_IT = "remove it, or write it inside a box's label in double quotes"


@pytest.mark.parametrize(
    ("token", "column", "said"),
    [
        (None, 13, f" at '@' (column 13), text it does not recognise there: {REMOVE_IT}"),
        ("  @x", 13, f" at '@' (column 13), text it does not recognise there: {REMOVE_IT}"),
        ("->x", 9, " at '-' (column 9), text it does not recognise there: write the arrow as "
         "'-->' (or '---', '-.->', '==>')"),
        ("#x", 11, f" at '#' (column 11), text it does not recognise there: {REMOVE_IT}"),
        ("Xy", 11, f" at 'X' (column 11), text it does not recognise there: {REMOVE_IT}"),
        (None, 14, ", text it does not recognise (Lexical error on line 2. Unrecognized text.): "
         "check that its brackets, quotes and arrows are complete"),  # just past the end
        (None, 40, ", text it does not recognise (Lexical error on line 2. Unrecognized text.): "
         "check that its brackets, quotes and arrows are complete"),
        (None, None, ", text it does not recognise (Lexical error on line 2. Unrecognized "
         "text.): check that its brackets, quotes and arrows are complete"),
    ],
)  # fmt: skip
def test_text_mermaid_does_not_recognise_is_shown_where_it_can_be(token, column, said):
    error = {"kind": "lexical", "message": "Lexical error on line 2. Unrecognized text.",
             "line": 2, "column": column, "token": token}  # fmt: skip
    assert explain("flowchart TD\n    A --> B @", error) == (
        2,
        f"Mermaid cannot read 'A --> B @'{said}",
    )


def test_text_mermaid_does_not_recognise_nor_explain_is_said_without_its_reason():
    error = {"kind": "lexical", "message": "", "line": 2, "column": None, "token": None}
    assert explain("flowchart TD\n    A --> B @", error) == (
        2,
        "Mermaid cannot read 'A --> B @', text it does not recognise: check that its brackets, "
        "quotes and arrows are complete",
    )


@pytest.mark.parametrize(
    ("line", "opener", "quoted"),
    [
        ("    D1{Is it (urgent)?} --> B", Opener(6, "{"), 'D1{"Is it (urgent)?"}'),
        ("    A[/Take (card)/]", Opener(5, "["), 'A[/"Take (card)"/]'),  # a trapezoid
        ("    A[\\Take (card)\\]", Opener(5, "["), 'A[\\"Take (card)"\\]'),
        ("    A[/Take (card)\\]", Opener(5, "["), 'A[/"Take (card)"\\]'),
        ("    A[/Take (card)]", Opener(5, "["), 'A["/Take (card)"]'),  # not a trapezoid
        ("    A[Take (card)/]", Opener(5, "["), 'A["Take (card)/"]'),
        ("    A[/]", Opener(5, "["), 'A["/"]'),
        ('    A[Say "hello" (twice)]', Opener(5, "["), 'A["Say #quot;hello#quot; (twice)"]'),
        ("    ([Start (here)])", Opener(4, "(["), '(["Start (here)"])'),  # no id
        ("    A -->|yes (sure)| B", Opener(9, "|"), '|"yes (sure)"|'),
        ("    A --x|yes (sure)| B", Opener(9, "|"), '|"yes (sure)"|'),  # a cross arrow
        ("    A[//]", Opener(5, "["), 'A[/""/]'),
        ("    A[X marks/]", Opener(5, "["), 'A["X marks/"]'),
        ("    A[/TAX]", Opener(5, "["), 'A["/TAX"]'),
    ],
)
def test_a_label_is_quoted_as_mermaid_reads_it_whatever_it_holds(line, opener, quoted):
    end = label_end(line, opener)
    assert end is not None
    assert quoted_label(line, opener, end) == quoted


@pytest.mark.parametrize(
    ("line", "opener", "end"),
    [
        ('A["a ] b"] --> C', Opener(1, "["), 9),  # a closer inside quotes
        ("A[a (b]) c] --> C", Opener(1, "["), 10),  # a closer inside other brackets
        ('A[say "x"] --> C', Opener(1, "["), 9),
        ("A[a (b) c", Opener(1, "["), None),  # never closed
        ('A["never closed]', Opener(1, "["), None),
        ("A{a [b] {c} d}", Opener(1, "{"), 13),
        ('B -->|a "|" b| C', Opener(5, "|"), 13),
    ],
)
def test_a_label_ends_at_its_closer_outside_what_it_holds(line, opener, end):
    assert label_end(line, opener) == end


NEVER_CLOSED = "never closed (it read on to the end of the diagram expecting"


@pytest.mark.parametrize(
    ("body", "expected", "said"),
    [
        ("    A -- yes", ["LINK", "EDGE_TEXT"],
         "Mermaid cannot read 'A -- yes' at its end (column 13), where it expected the arrow's "
         "label or an arrow such as '-->', not the end of the diagram: end the arrow's label "
         "with '-->', such as A -- yes --> B"),
        ("    A -->", ["NODE_STRING", "AMP"],
         "Mermaid cannot read 'A -->' at its end (column 10), where it expected a box id, not "
         "the end of the diagram: write the box the arrow leads to, such as A --> B"),
        ("    A -->  ", ["SPACE"],
         "Mermaid cannot read 'A -->' at its end (column 10): check that its brackets, quotes "
         "and arrows are complete"),
        ("    A[Take (card", [],
         f"Mermaid cannot read 'A[Take (card' at '(' (column 12), {NEVER_CLOSED} more): close "
         "it with ')'"),
        ("    A[Take (card", ["SQE", "TEXT"],
         f"Mermaid cannot read 'A[Take (card' at '(' (column 12), {NEVER_CLOSED} label text or "
         "a closing parenthesis ')'): close it with ')'"),
        ("    A -->|yes", ["PIPE", "TEXT"],
         f"Mermaid cannot read 'A -->|yes' at '|' (column 10), {NEVER_CLOSED} label text or a "
         "closing pipe '|'): close it with '|'"),
        ('    A -->|yes "x', ["PIPE", "STR", "SQE"],
         f"Mermaid cannot read 'A -->|yes \"x' at '\"' (column 15), {NEVER_CLOSED} the label's "
         "closing bracket or quoted text): close it with '\"'"),
        ('    A -- "yes', ["PIPE", "STR", "SQE"],
         f"Mermaid cannot read 'A -- \"yes' at '\"' (column 10), {NEVER_CLOSED} the label's "
         "closing bracket or quoted text): close it with '\"'"),
    ],
)  # fmt: skip
def test_a_line_mermaid_reached_the_end_reading_is_said_with_what_it_lacks(body, expected, said):
    assert explain(f"flowchart TD\n{body}", parse_error(2, None, "", "EOF", expected)) == (2, said)


@pytest.mark.parametrize(
    ("body", "expected", "said"),
    [
        ("    A[Take (card\n    B --> C", ["SQE", "TEXT"],
         "Mermaid cannot read 'A[Take (card' at '(' (column 12), never closed (it read the "
         "lines after it as its label, until the arrow '-->', where it expected label text or a "
         "closing parenthesis ')'): close it with ')'"),
        ("    A[Take (card\n    B --> C", ["SPACE"],
         "Mermaid cannot read 'A[Take (card' at '(' (column 12), never closed (it read the "
         "lines after it as its label, until the arrow '-->'): close it with ')'"),
        ("    A -->|yes\n    B --> C", ["SPACE"],
         "Mermaid cannot read 'A -->|yes' at '|' (column 10), never closed (it read the lines "
         "after it as its label, until the arrow '-->'): close it with '|'"),
    ],
)  # fmt: skip
def test_a_label_never_closed_is_said_with_where_mermaid_stopped_reading_it(body, expected, said):
    error = parse_error(3, 7, "-->", "LINK", expected) | {"from_line": 2}
    assert explain(f"flowchart TD\n{body}", error) == (2, said)


@pytest.mark.parametrize(
    ("message", "reason"),
    [
        ("Parse error on line 2:\n...A -->\n---^", " (Parse error on line 2)"),
        ("\n  Error near X:  \nmore", " (Error near X)"),
        (": odd", " (: odd)"),
        ("", ""),
    ],
)
def test_mermaids_own_reason_is_its_first_line_without_its_colon(message, reason):
    error = {"kind": "parse", "message": message, "line": None}
    assert explain("flowchart TD", error) == (
        0,
        f"Mermaid cannot read this diagram{reason}: check that its first line names a diagram "
        "type, such as 'flowchart TD', and that its brackets, quotes and arrows are complete",
    )


@pytest.mark.parametrize(
    ("body", "column", "token", "got", "expected", "said"),
    [
        (
            '    A[Call back (later] --> B', 17, '(', 'PS', ['SQE', 'TEXT'],
            "Mermaid cannot read 'A[Call back (later] --> B' at '(' (column 17), where it "
            "expected label text or a closing bracket ']', not an opening parenthesis '(': "
            'put the label in double quotes: A["Call back (later"]'
        ),
        (
            '    A[Call back (later --> B', 17, '(', 'PS', ['SQE', 'TEXT'],
            "Mermaid cannot read 'A[Call back (later --> B' at '(' (column 17), where it "
            "expected label text or a closing bracket ']', not an opening parenthesis '(': "
            "put the label in double quotes and close it with ']'"
        ),
        (
            '    A[Call (back) later)] --> B', 24, ')', 'PE', ['SQE', 'TEXT'],
            "Mermaid cannot read 'A[Call (back) later)] --> B' at ')' (column 24), where "
            "it expected label text or a closing bracket ']', not a closing parenthesis "
            '\')\': put the label in double quotes: A["Call (back) later)"]'
        ),
        (
            '    A[Call "back" now] --> B', 12, 'back', 'STR', ['SQE', 'TEXT'],
            'Mermaid cannot read \'A[Call "back" now] --> B\' at \'"back"\' (column 12), '
            "where it expected label text or a closing bracket ']', not the quoted text "
            '"back": put the label in double quotes: A["Call #quot;back#quot; now"]'
        ),
        (
            '    A[Call back --> B', 16, '-->', 'LINK', ['SQE', 'TEXT'],
            "Mermaid cannot read 'A[Call back --> B' at '-->' (column 16), where it "
            "expected label text or a closing bracket ']', not the arrow '-->': check that "
            'its brackets, quotes and arrows are complete'
        ),
        (
            '    A --> (Later) --> B', 11, '(', 'PS', ['NODE_STRING'],
            "Mermaid cannot read 'A --> (Later) --> B' at '(' (column 11), where it "
            "expected a box id, not an opening parenthesis '(': give the box an id before "
            "the '(', such as ID(Later), or remove the '('"
        ),
        (
            '    A --> (Later --> B', 11, '(', 'PS', ['NODE_STRING'],
            "Mermaid cannot read 'A --> (Later --> B' at '(' (column 11), where it "
            "expected a box id, not an opening parenthesis '(': give the box an id before "
            "the '(' and close it with ')', such as ID(Later --> B), or remove the '('"
        ),
        (
            '    A --> "Later"', 11, 'Later', 'STR', ['NODE_STRING'],
            'Mermaid cannot read \'A --> "Later"\' at \'"Later"\' (column 11), where it '
            'expected a box id, not the quoted text "Later": give the box an id before its '
            'quoted label, such as ID["Later"]'
        ),
        (
            '    A - B', 7, '-', 'MINUS', ['LINK', 'SEMI'],
            "Mermaid cannot read 'A - B' at '-' (column 7), where it expected an arrow "
            "such as '-->' or the end of the line, not a single '-': write the arrow as "
            "'-->' (or '---', '-.->', '==>')"
        ),
        (
            '    A B', 7, 'B', 'NODE_STRING', ['LINK', 'SEMI'],
            "Mermaid cannot read 'A B' at 'B' (column 7), where it expected an arrow such "
            "as '-->' or the end of the line, not the text 'B': join the boxes with an "
            "arrow such as '-->'"
        ),
        (
            '    A --> B ;;', 14, ';', 'SEMI', ['SPACE'],
            "Mermaid cannot read 'A --> B ;;' at ';' (column 14), where it found the end "
            'of the line: check that its brackets, quotes and arrows are complete'
        ),
        (
            '    A --> B ;;', None, '', 'SEMI', ['SPACE'],
            "Mermaid cannot read 'A --> B ;;', where it found the end of the line: check "
            'that its brackets, quotes and arrows are complete'
        ),
        (
            '    A --> (', 11, '', 'PS', ['NODE_STRING'],
            "Mermaid cannot read 'A --> (' at column 11, where it expected a box id, not "
            "an opening parenthesis '(': give the box an id before the '(' and close it "
            "with ')', such as ID(...), or remove the '('"
        ),
        (
            '    A[Call back (later] --> B', None, '(', 'PS', ['SQE', 'TEXT'],
            "Mermaid cannot read 'A[Call back (later] --> B', where it expected label text "
            "or a closing bracket ']', not an opening parenthesis '(': check that its "
            'brackets, quotes and arrows are complete'
        ),
        (
            '    A[Call back (later] --> B[x]', 17, '(', 'PS', ['SQE', 'TEXT'],
            "Mermaid cannot read 'A[Call back (later] --> B[x]' at '(' (column 17), where "
            "it expected label text or a closing bracket ']', not an opening parenthesis "
            '\'(\': put the label in double quotes: A["Call back (later"]'
        ),
        (
            '    A[x] --> B[Call back (later] --> C', 26, '(', 'PS', ['SQE', 'TEXT'],
            "Mermaid cannot read 'A[x] --> B[Call back (later] --> C' at '(' (column 26), "
            "where it expected label text or a closing bracket ']', not an opening "
            'parenthesis \'(\': put the label in double quotes: B["Call back (later"]'
        ),
        (
            '    A[Call (x]) y] --> B', 12, '(', 'PS', ['SQE', 'TEXT'],
            "Mermaid cannot read 'A[Call (x]) y] --> B' at '(' (column 12), where it "
            "expected label text or a closing bracket ']', not an opening parenthesis '(': "
            'put the label in double quotes: A["Call (x]) y"]'
        ),
        (
            '    A[Call `back` now] --> B', 12, '`back`', 'MD_STR', ['SQE', 'TEXT'],
            'Mermaid cannot read \'A[Call `back` now] --> B\' at \'"`back`"\' (column 12), '
            "where it expected label text or a closing bracket ']', not the quoted text "
            '"`back`": put the label in double quotes: A["Call `back` now"]'
        ),
        (
            '    A --> `Later`', 11, '`Later`', 'MD_STR', ['NODE_STRING'],
            'Mermaid cannot read \'A --> `Later`\' at \'"`Later`"\' (column 11), where it '
            'expected a box id, not the quoted text "`Later`": give the box an id before '
            'its quoted label, such as ID["`Later`"]'
        ),
        (
            '    A["Call (later] --> B', 13, '(', 'PS', ['SQE', 'TEXT'],
            'Mermaid cannot read \'A["Call (later] --> B\' at \'(\' (column 13), where it '
            "expected label text or a closing bracket ']', not an opening parenthesis '(': "
            'put the label in double quotes: A["#quot;Call (later"]'
        ),
    ],
)  # fmt: skip
def test_a_token_mermaid_did_not_expect_is_said_with_the_fix_for_it(
    body, column, token, got, expected, said
):
    error = parse_error(2, column, token, got, expected)
    assert explain(f"flowchart TD\n{body}", error) == (2, said)


@pytest.mark.parametrize(
    ("got", "token", "said"),
    [
        ('EOF', 'x', 'the end of the diagram'),
        ('NEWLINE', '\n', 'the end of the line'),
        ('NODE_STRING', 'B', "the text 'B'"),
        ('TEXT', 'call', "the text 'call'"),
        ('UNICODE_TEXT', 'é', "the text 'é'"),
        ('EDGE_TEXT', 'yes', "the text 'yes'"),
        ('NODE_STRING', '', 'a box id or text'),
        ('STR', 'Later', 'the quoted text "Later"'),
        ('MD_STR', '`x`', 'the quoted text "`x`"'),
        ('LINK', '-->', "the arrow '-->'"),
        ('START_LINK', '--', "the arrow '--'"),
        ('LINK', '', "an arrow such as '-->'"),
        ('end', 'end', "the word 'end', which closes a subgraph"),
        ('PS', '(', "an opening parenthesis '('"),
        ('WEIRD', '@', "'@' (WEIRD)"),
        ('WEIRD', '', "'WEIRD'"),
        (None, '@', "'@'"),
        (None, None, 'something it did not expect'),
    ],
)  # fmt: skip
def test_what_mermaid_found_instead_is_said_in_words(got, token, said):
    assert got_words(got, token) == said
