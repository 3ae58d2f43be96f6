"""KPI figures files: the CSV files operations export from the ACD, WFM, QA tool, CRM or
survey platform into the KPI folder (``data/kpi/``), read into figures (:mod:`.kpi`), and
what is wrong with them, at their line, said as an analyst would fix it.

A file's first line names its columns, in any order, capitals or not: ``period``,
``metric`` and ``value``, and ``team`` and ``site`` for figures per team or site. Each
line after it is one figure: the period a month written ``YYYY-MM``, the metric's id, the
value a number in the metric's unit (``78.4``: no unit, no % sign). Cells are separated
by commas, or by semicolons (as Excel saves CSV where the decimal mark is a comma), in
which case a value may have a decimal comma. Empty lines are skipped; a line with a
problem is left out.
"""

from __future__ import annotations

import csv
import datetime
import difflib
import re
from collections.abc import Callable, Collection

from .i18n import N_, say
from .kpi import Figure
from .problems import Finding, Problem

REQUIRED = ("period", "metric", "value")
OPTIONAL = ("team", "site")
COLUMNS = REQUIRED + OPTIONAL
PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
VALUE = re.compile(r"^[+-]?\d+(\.\d+)?$")
HOW_TO_WRITE = N_(
    "the first line names the columns, period,metric,value (and team and site for figures "
    "per team or site), and each line after it gives one figure, such as "
    "2026-10,KPI_FCR,78.4"
)


def read_figures(
    text: str,
    file: str,
    today: datetime.date,
    metrics: Collection[str],
    unknown_metric: Callable[[str], str],
) -> tuple[list[Figure], list[Finding]]:
    """The figures of a file's text, and its problems. A figure names one of metrics;
    unknown_metric says how to fix one that names another."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = next((n for n, line in enumerate(lines) if line.strip()), None)
    if first is None:
        empty = say("the file is empty: %(how)s", how=say(HOW_TO_WRITE))
        return [], [Finding(1, Problem.KPI_MISSING_COLUMN, empty)]
    delimiter = ";" if ";" in lines[first] and "," not in lines[first] else ","
    reading = _Reading(first + 1, today, metrics, unknown_metric, delimiter, file)
    header, problem = cells(lines[first], delimiter)
    if header is None:
        return [], [Finding(first + 1, Problem.KPI_MISSING_COLUMN, problem)]
    reading.read_header(header)
    if any(f.problem is Problem.KPI_MISSING_COLUMN for f in reading.findings):
        return [], reading.findings
    for number, line in enumerate(lines[first + 1 :], start=first + 2):
        if line.strip():
            reading.read_row(number, line)
    return reading.figures, reading.findings


def cells(line: str, delimiter: str) -> tuple[list[str] | None, str]:
    """The cells of a line, stripped; or None and why they cannot be read."""
    try:
        return [cell.strip() for cell in next(csv.reader([line], delimiter=delimiter))], ""
    except csv.Error as error:
        # Translators: error is Python's own description, in English.
        return None, say(
            "the line cannot be read as cells (%(error)s): %(how)s",
            error=error,
            how=say(HOW_TO_WRITE),
        )


class _Reading:
    """One file being read: its columns, and what was found so far."""

    def __init__(
        self,
        header_line: int,
        today: datetime.date,
        metrics: Collection[str],
        unknown_metric: Callable[[str], str],
        delimiter: str,
        file: str,
    ) -> None:
        self.header_line, self.today = header_line, today
        self.metrics, self.unknown_metric = metrics, unknown_metric
        self.delimiter, self.file = delimiter, file
        self.columns: dict[str, int] = {}
        self.width = 0
        self.figures: list[Figure] = []
        self.findings: list[Finding] = []

    def problem(self, line: int, problem: Problem, message: str) -> None:
        self.findings.append(Finding(line, problem, message))

    def read_header(self, header: list[str]) -> None:
        """The columns the first line names; each one unknown, twice or missing said."""
        self.width = len(header)
        if PERIOD.match(header[0].lstrip("\ufeff")):
            self.problem(
                self.header_line,
                Problem.KPI_MISSING_COLUMN,
                say(
                    "the first line holds a figure, not the names of the columns: add a "
                    "line above it naming them, period,metric,value"
                ),
            )
            return
        for place, cell in enumerate(header, start=1):
            name = cell.lstrip("\ufeff").casefold()
            if name in self.columns:
                self.problem(
                    self.header_line,
                    Problem.KPI_UNKNOWN_COLUMN,
                    say(
                        "the column '%(name)s' is named twice: remove one of the two and its cells",
                        name=name,
                    ),
                )
            elif name in COLUMNS:
                self.columns[name] = place - 1
            else:
                self.problem(
                    self.header_line, Problem.KPI_UNKNOWN_COLUMN, unknown_column(cell, place)
                )
        for name in REQUIRED:
            if name not in self.columns:
                self.problem(
                    self.header_line,
                    Problem.KPI_MISSING_COLUMN,
                    say(
                        "the file has no '%(name)s' column: add it to the first line: %(how)s",
                        name=name,
                        how=say(HOW_TO_WRITE),
                    ),
                )

    def read_row(self, number: int, line: str) -> None:
        """One figure, if its line gives one the build can use."""
        before = len(self.findings)
        row, problem = cells(line, self.delimiter)
        if row is None:
            self.problem(number, Problem.KPI_VALUE, problem)
            return
        if any(row[self.width :]):
            self.problem(
                number,
                Problem.KPI_UNKNOWN_COLUMN,
                say(
                    "the line has %(cells)d cells, but the first line names %(columns)d "
                    "columns: put a value that holds '%(delimiter)s' in double quotes, or "
                    "remove the extra cells",
                    cells=len(row),
                    columns=self.width,
                    delimiter=self.delimiter,
                ),
            )
        cell = {
            name: row[place] if place < len(row) else "" for name, place in self.columns.items()
        }
        period = self.period(number, cell["period"])
        metric = self.metric(number, cell["metric"])
        value = self.value(number, cell["value"])
        if len(self.findings) == before and period and metric and value is not None:
            team, site = cell.get("team", ""), cell.get("site", "")
            self.figures.append(Figure(period, metric, value, team, site, self.file, number))

    def period(self, number: int, period: str) -> str | None:
        if not PERIOD.match(period):
            said = (
                say("the period '%(period)s' is not a month written YYYY-MM", period=period)
                if period
                else say("the line gives no period")
            )
            self.problem(
                number,
                Problem.KPI_PERIOD,
                # Translators: said is "the period '…' is not a month…" or "the line gives no
                # period".
                say(
                    "%(said)s: write the month as YYYY-MM, such as 2026-10 for October 2026",
                    said=said,
                ),
            )
            return None
        if period > f"{self.today:%Y-%m}":
            self.problem(
                number,
                Problem.KPI_FUTURE_PERIOD,
                say(
                    "the period %(period)s has not begun (today is %(today)s): a figure is "
                    "for a month up to the current one; check the year and the month",
                    period=period,
                    today=self.today,
                ),
            )
            return None
        return period

    def metric(self, number: int, metric: str) -> str | None:
        if metric in self.metrics:
            return metric
        written = (
            say("'%(metric)s' is no metric of the catalog", metric=metric)
            if metric
            else say("the line names no metric")
        )
        # Translators: written is "'…' is no metric of the catalog" or "the line names no
        # metric"; fix says how to correct it.
        said = say("%(written)s: %(fix)s", written=written, fix=self.unknown_metric(metric))
        self.problem(number, Problem.KPI_UNKNOWN_METRIC, said)
        return None

    def value(self, number: int, value: str) -> float | None:
        written = value.replace(",", ".") if self.delimiter == ";" else value
        if VALUE.match(written):
            return float(written)
        mark = say("a point or a comma") if self.delimiter == ";" else say("a point")
        said = (
            say("the value '%(value)s' is not a number", value=value)
            if value
            else say("the line gives no value")
        )
        self.problem(
            number,
            Problem.KPI_VALUE,
            # Translators: said is "the value '…' is not a number" or "the line gives no
            # value"; mark is "a point" or "a point or a comma".
            say(
                "%(said)s: write the figure alone, in the metric's unit, with %(mark)s before "
                "its decimals and no unit or %% sign, such as 78.4 (or remove the line if "
                "there is no figure)",
                said=said,
                mark=mark,
            ),
        )
        return None


def unknown_column(name: str, place: int) -> str:
    if not name:
        return say(
            "column %(place)d of the first line has no name: name it, or remove its cells",
            place=place,
        )
    close = difflib.get_close_matches(name.casefold(), COLUMNS, n=1, cutoff=0.5)
    if close:
        return say(
            "'%(name)s' is not a column of KPI files: did you mean '%(close)s'? The columns "
            "are period, metric, value, team and site; remove any other, with its cells",
            name=name,
            close=close[0],
        )
    return say(
        "'%(name)s' is not a column of KPI files: The columns are period, metric, value, "
        "team and site; remove any other, with its cells",
        name=name,
    )


#: A figure's team and site, as a duplicate's message names them.
TEAM, SITE = N_("team %(name)s"), N_("site %(name)s")


def without_duplicates(figures: list[Figure]) -> tuple[list[Figure], list[tuple[str, Finding]]]:
    """The figures with each period, metric, team and site once (the first read kept),
    and each later one as a finding in its file."""
    first: dict[tuple[str, str, str, str], Figure] = {}
    found: list[tuple[str, Finding]] = []
    for figure in figures:
        if (earlier := first.setdefault(figure.key, figure)) is figure:
            continue
        parts = [
            say(label, name=value)
            for label, value in ((TEAM, figure.team), (SITE, figure.site))
            if value
        ]
        where = ", ".join(parts) if parts else say("the operation's total")
        place = (
            say("line %(line)d of %(file)s", line=earlier.line, file=earlier.file)
            if earlier.file != figure.file
            else say("line %(line)d", line=earlier.line)
        )
        # Translators: where is "the operation's total", or the team and the site; place
        # is "line <n>" or "line <n> of <file>".
        said = say(
            "%(metric)s for %(period)s (%(where)s) is already given on %(place)s: keep one "
            "of the two lines",
            metric=figure.metric,
            period=figure.period,
            where=where,
            place=place,
        )
        found.append((figure.file, Finding(figure.line, Problem.KPI_DUPLICATE, said)))
    return list(first.values()), found
