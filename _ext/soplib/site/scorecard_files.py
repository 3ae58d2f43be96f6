"""A QA scorecard as files a QA tool or a spreadsheet imports, written beside its page:
``<SOP-ID>.json`` (for tools: fixed keys, numbers and booleans), ``<SOP-ID>.csv`` and the
calibration sheet ``<SOP-ID>-calibration.csv`` (for people: headings and yes/no in the
site's language).

The CSV files are forms. The scorecard has a column for each line's result (met, missed,
n/a, in the site's language), a comment, the evaluator, the call's id and its date, and
a row that scores the call; the calibration sheet a column per analyst and the agreed
one, a row that scores each, a row of each analyst's variance and the calibration
variance. Each score is a formula of the results (:func:`score_formula`), written with
operators, whole numbers and cell references only: a function's name, such as SUM, is
translated by spreadsheets (SZUM in a Hungarian Excel), and a decimal point is a comma in
some languages, so either would not be read in every language.

The CSV files are UTF-8 with a byte-order mark, lines ending in CRLF (RFC 4180): Excel
for Windows reads a CSV file without the mark in the computer's legacy code page, which
turns every accented letter ("ő", "ç") into two wrong ones; with it, Excel, LibreOffice
and Google Sheets all read UTF-8. Their separator is the one Excel expects in the site's
language: a comma where decimals take a point (English), a semicolon where they take a
comma (Hungarian, Portuguese), as Windows sets its list separator. A cell that a
spreadsheet would run as a formula (starting with =, +, -, @) is written after an
apostrophe, which spreadsheets show as text.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

from babel.core import UnknownLocaleError
from babel.numbers import get_decimal_symbol

from ..model.i18n import N_, _
from ..model.scorecard import Line, Scorecard
from .words import name

#: The three files of a scorecard, by what they hold: their names from the SOP's id.
FILES = {"json": "{}.json", "csv": "{}.csv", "calibration": "{}-calibration.csv"}
#: What starts a formula in a spreadsheet cell.
FORMULA = ("=", "+", "-", "@", "\t", "\r")
#: The result of a line, as an evaluator writes it: met, missed, not applicable.
MET, MISSED, NOT_APPLICABLE = N_("met"), N_("missed"), N_("n/a")
#: The columns of both sheets before their results, lettered as spreadsheets letter them:
#: the weight of each line is in column G.
WEIGHT_COLUMN = "G"
#: The row of a sheet's first line (the headings are row 1).
FIRST_ROW = 2


class Formula(str):
    """A cell that is a formula of the sheet's own: written as it is, not as text."""


def scorecard_json(card: Scorecard) -> str:
    """The scorecard as JSON: the SOP's id, title, version, status, effective date and
    fingerprint, and its lines."""
    data = {
        "sop_id": card.sop_id,
        "title": card.title,
        "version": card.version,
        "status": card.status,
        "in_force": card.in_force,
        "effective": card.effective,
        "fingerprint": card.fingerprint,
        "total_weight": card.total_weight,
        "lines": [
            {
                "line": line.number,
                "step_id": line.step_id,
                "step_number": line.step_number,
                "behaviour": line.behaviour,
                "weight": line.weight,
                "critical": line.critical,
            }
            for line in card.lines
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def headers() -> list[str]:
    return [_("SOP"), _("Version"), _("Line"), _("Step ID"), _("Step"), _("Behaviour"),
            _("Weight"), _("Critical")]  # fmt: skip


def results() -> str:
    """The results a line takes, as listed to an evaluator: 'met, missed or n/a'."""
    return _("%(met)s, %(missed)s or %(na)s") % {
        "met": _(MET),
        "missed": _(MISSED),
        "na": _(NOT_APPLICABLE),
    }


def column(index: int) -> str:
    """The letters of a sheet's column, from 0: A, B... Z, AA..."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def score_formula(letter: str, lines: Sequence[Line]) -> Formula:
    """The score of the call whose results are in the column of letter, 0 to 100: the
    weight of the lines met as a share of the weight of the lines that apply (a line not
    yet filled in applies, and is not met), times 0 for each critical line missed. With
    every line n/a, the spreadsheet shows it cannot divide: there is no score."""
    met, missed, na = (f'"{_(word)}"' for word in (MET, MISSED, NOT_APPLICABLE))
    cells = [
        (f"{WEIGHT_COLUMN}{row}", f"{letter}{row}", line)
        for row, line in enumerate(lines, start=FIRST_ROW)
    ]
    earned = "+".join(f"{weight}*({result}={met})" for weight, result, _line in cells)
    applies = "+".join(f"{weight}*({result}<>{na})" for weight, result, _line in cells)
    gates = "".join(f"*({result}<>{missed})" for _weight, result, line in cells if line.critical)
    return Formula(f"=100*({earned})/({applies}){gates}")


def rows(card: Scorecard) -> list[list[str]]:
    """A row per line: the columns of :func:`headers`."""
    return [
        [card.sop_id, card.version, str(line.number), line.step_id, line.step_number,
         line.behaviour, str(line.weight), name("value", "yes" if line.critical else "no")]
        for line in card.lines
    ]  # fmt: skip


def analysts(count: int) -> list[str]:
    """The calibration sheet's columns: one per analyst, then the agreed score."""
    return [_("Analyst %(number)d") % {"number": n} for n in range(1, count + 1)] + [_("Agreed")]


def scorecard_csv(card: Scorecard) -> list[list[str]]:
    """The scorecard as a form: each line's result and comment to fill in, and the
    evaluator, call id and date of the call; its score under the lines."""
    form = [_("Result (%(results)s)") % {"results": results()}, _("Comment"), _("Evaluator"),
            _("Call ID"), _("Date")]  # fmt: skip
    result = column(len(headers()))
    blank = [""] * len(form)
    score = ["", "", "", "", "", _("Score (0 to 100)"), "", "", score_formula(result, card.lines)]
    return [headers() + form, *(row + blank for row in rows(card)), score + blank[1:]]


def calibration_csv(card: Scorecard, count: int) -> list[list[str]]:
    """The calibration sheet: a column per analyst and one for the agreed results, empty to
    fill in, on each line; under them each column's score, each analyst's variance (their
    score less the agreed one, in points) and the calibration variance (the average of the
    variances, either way)."""
    letters = [column(len(headers()) + n) for n in range(count + 1)]
    agreed, lines = letters[-1], len(card.lines)
    score_row, variance_row = FIRST_ROW + lines, FIRST_ROW + lines + 1
    scores = [score_formula(letter, card.lines) for letter in letters]
    variances = [Formula(f"={letter}{score_row}-{agreed}{score_row}") for letter in letters[:-1]]
    either_way = "+".join(
        f"{cell}*(({cell}>0)-({cell}<0))" for cell in (f"{x}{variance_row}" for x in letters[:-1])
    )
    average = Formula(f"=({either_way})/{count}")
    blank = [""] * (count + 1)
    label = ["", "", "", "", ""]
    score, variance, calibration = calibration_totals()
    return [
        headers() + analysts(count),
        *(row + blank for row in rows(card)),
        [*label, score, "", "", *scores],
        [*label, variance, "", "", *variances, ""],
        [*label, calibration, "", "", *blank[1:], average],
    ]


def calibration_totals() -> list[str]:
    """The rows under a calibration sheet's lines."""
    return [
        _("Score (0 to 100)"),
        _("Variance: difference from the agreed score (points)"),
        _("Calibration variance: the analysts' average difference, either way (points)"),
    ]


def separator(language: str) -> str:
    """The list separator Excel expects where the language is spoken."""
    try:
        comma_decimals = get_decimal_symbol(language.replace("-", "_")) == ","
    except (UnknownLocaleError, ValueError):
        comma_decimals = False
    return ";" if comma_decimals else ","


def csv_text(table: Iterable[Sequence[str]], language: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator(language), lineterminator="\r\n")
    writer.writerows(
        [
            [c if isinstance(c, Formula) or not c.startswith(FORMULA) else f"'{c}" for c in row]
            for row in table
        ]
    )
    return "\ufeff" + out.getvalue()


def write_files(folder: Path, card: Scorecard, count: int, language: str) -> None:
    """Write the three files of a scorecard into folder."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = {
        "json": scorecard_json(card),
        "csv": csv_text(scorecard_csv(card), language),
        "calibration": csv_text(calibration_csv(card, count), language),
    }
    for kind, text in texts.items():
        (folder / FILES[kind].format(card.sop_id)).write_bytes(text.encode("utf-8"))


def remove_others(folder: Path, sop_ids: Iterable[str], page_suffix: str) -> None:
    """Remove from folder the pages and files of scorecards that are no more (an SOP
    removed, or its id changed), so that no QA tool imports a scorecard of nothing."""
    names = [*FILES.values(), "{}" + page_suffix]
    kept = {name.format(sop_id) for sop_id in sop_ids for name in names}
    for path in folder.glob("*") if folder.is_dir() else []:
        if (
            path.is_file()
            and path.name not in kept
            and path.suffix in (".csv", ".json", page_suffix)
        ):
            path.unlink()
