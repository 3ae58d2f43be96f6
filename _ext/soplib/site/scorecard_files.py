"""A QA scorecard as files a QA tool or a spreadsheet imports, written beside its page:
``<SOP-ID>.json`` (for tools: fixed keys, numbers and booleans), ``<SOP-ID>.csv`` and the
calibration sheet ``<SOP-ID>-calibration.csv`` (for people: headings and yes/no in the
site's language).

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

from ..model.i18n import _
from ..model.scorecard import Scorecard
from .words import name

#: The three files of a scorecard, by what they hold: their names from the SOP's id.
FILES = {"json": "{}.json", "csv": "{}.csv", "calibration": "{}-calibration.csv"}
#: What starts a formula in a spreadsheet cell.
FORMULA = ("=", "+", "-", "@", "\t", "\r")


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


def scorecard_csv(card: Scorecard, language: str) -> str:
    return csv_text([headers(), *rows(card)], language)


def calibration_csv(card: Scorecard, count: int, language: str) -> str:
    """The calibration sheet: a column per analyst and one for the agreed score, empty to
    fill in, on each line and on two rows more: the call's score, and each analyst's
    variance (the difference between their score and the agreed one)."""
    blank = [""] * (count + 1)
    lines = [row + blank for row in rows(card)]
    totals = [["", "", "", "", "", label, "", "", *blank] for label in calibration_totals()]
    return csv_text([headers() + analysts(count), *lines, *totals], language)


def calibration_totals() -> list[str]:
    """The rows under a calibration sheet's lines."""
    return [_("Score (0 to 100)"), _("Variance: difference from the agreed score (points)")]


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
    writer.writerows([[f"'{c}" if c.startswith(FORMULA) else c for c in row] for row in table])
    return "\ufeff" + out.getvalue()


def write_files(folder: Path, card: Scorecard, count: int, language: str) -> None:
    """Write the three files of a scorecard into folder."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = {
        "json": scorecard_json(card),
        "csv": scorecard_csv(card, language),
        "calibration": calibration_csv(card, count, language),
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
