"""The CSV files of a QA scorecard, as spreadsheets open them: the separator Excel expects
in the site's language, no cell of the text a spreadsheet would run as a formula, and the
sheets' own formulas, which score a call as the README says."""

from __future__ import annotations

import re

import pytest

from soplib.model.scorecard import Line, Scorecard
from soplib.site.scorecard_files import (
    Formula,
    calibration_csv,
    column,
    csv_text,
    score_formula,
    separator,
)


def test_the_separator_is_a_semicolon_where_decimals_take_a_comma():
    languages = ("en", "en_GB", "hu", "pt", "pt_BR", "de", "xx")
    assert [separator(language) for language in languages] == [",", ",", ";", ";", ";", ";", ","]


def test_the_file_starts_with_a_byte_order_mark_and_its_lines_end_in_crlf():
    assert csv_text([["Kérdés", "ç"], ["1", "2"]], "hu") == "\ufeffKérdés;ç\r\n1;2\r\n"


def test_a_cell_a_spreadsheet_would_run_is_written_as_text():
    written = csv_text([['=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)", "Agent: =ok"]], "en")
    assert written == '\ufeff"\'=HYPERLINK(""http://x"")",\'+1,\'-1,\'@SUM(A1),Agent: =ok\r\n'


LINES = (
    Line(1, "STEP_A", "1", "Asks for two identifiers", 3, True),
    Line(2, "STEP_B", "2", "Offers a callback", 1, False),
    Line(3, "STEP_C", "3", "Confirms the outcome", 2, False),
)


def worked_out(formula: str, results: list[str], others: dict[str, int] | None = None) -> float:
    """The formula as a spreadsheet works it out, the results written in column I: its
    cells' values put in (weights in G, from row 2), = and <> compared, ^ raised."""
    values: dict[str, int | str] = {
        f"G{row}": line.weight for row, line in enumerate(LINES, start=2)
    }
    values |= {f"I{row}": result for row, result in enumerate(results, start=2)}
    values |= others or {}
    operators = {"<>": "!=", "=": "==", "^": "**"}
    expression = re.sub(r"<>|=|\^", lambda m: operators[m[0]], formula.removeprefix("="))
    expression = re.sub(r"\b[A-Z]+[0-9]+\b", lambda m: repr(values.get(m[0], "")), expression)
    return float(eval(expression))  # the formula: operators, numbers, strings and cells


def test_a_call_scores_the_weight_met_as_a_share_of_the_weight_that_applies():
    formula = score_formula("I", LINES)
    assert formula.startswith("=") and not re.search(r"[A-Z]{2,}\(|\.", formula), "no function"
    assert worked_out(formula, ["met", "met", "met"]) == 100
    assert worked_out(formula, ["met", "n/a", "missed"]) == 60  # 3 of 3 + 2
    assert worked_out(formula, ["met", "", "met"]) == pytest.approx(100 * 5 / 6), "blank: applies"
    assert worked_out(formula, ["missed", "met", "met"]) == 0, "a critical line missed"
    with pytest.raises(ZeroDivisionError):
        worked_out(formula, ["n/a", "n/a", "n/a"])  # no score: the spreadsheet says #DIV/0!


def test_the_calibration_variance_is_the_average_difference_either_way():
    rows = calibration_csv(Scorecard("S", "T", "1.0.0", "approved", True, "", "", LINES), 2)
    average = rows[-1][-1]
    assert average == "=(I6*((I6>0)-(I6<0))+J6*((J6>0)-(J6<0)))/2"
    assert worked_out(average, [], {"I6": -10, "J6": 4}) == 7


def test_the_formulas_are_written_as_formulas_and_the_text_as_text():
    written = csv_text([[Formula('=G2*(I2="met")'), '=G2*(I2="met")']], "hu")
    assert written == '\ufeff"=G2*(I2=""met"")";"\'=G2*(I2=""met"")"\r\n'


def test_columns_are_lettered_as_spreadsheets_letter_them():
    assert [column(n) for n in (0, 8, 25, 26, 27, 51, 52)] == [
        "A", "I", "Z", "AA", "AB", "AZ", "BA"
    ]  # fmt: skip
