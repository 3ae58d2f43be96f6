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

from .kpi import Figure
from .problems import Finding, Problem

REQUIRED = ("period", "metric", "value")
OPTIONAL = ("team", "site")
COLUMNS = REQUIRED + OPTIONAL
PERIOD = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
VALUE = re.compile(r"^[+-]?\d+(\.\d+)?$")
EXAMPLE_PERIOD = "2026-10"
HOW_TO_WRITE = (
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
        return [], [Finding(1, Problem.KPI_MISSING_COLUMN, f"the file is empty: {HOW_TO_WRITE}")]
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
        return None, f"the line cannot be read as cells ({error}): {HOW_TO_WRITE}"


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
                "the first line holds a figure, not the names of the columns: add a "
                "line above it naming them, period,metric,value",
            )
            return
        for place, cell in enumerate(header, start=1):
            name = cell.lstrip("\ufeff").casefold()
            if name in self.columns:
                self.problem(
                    self.header_line,
                    Problem.KPI_UNKNOWN_COLUMN,
                    f"the column '{name}' is named twice: remove one of the two and its cells",
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
                    f"the file has no '{name}' column: add it to the first line: {HOW_TO_WRITE}",
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
                f"the line has {len(row)} cells, but the first line names "
                f"{self.width} columns: put a value that holds "
                f"'{self.delimiter}' in double quotes, or remove the extra cells",
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
                f"the period '{period}' is not a month written YYYY-MM"
                if period
                else "the line gives no period"
            )
            self.problem(
                number,
                Problem.KPI_PERIOD,
                f"{said}: write the month as YYYY-MM, such as {EXAMPLE_PERIOD} for October 2026",
            )
            return None
        if period > f"{self.today:%Y-%m}":
            self.problem(
                number,
                Problem.KPI_FUTURE_PERIOD,
                f"the period {period} has not begun (today is {self.today}): a "
                "figure is for a month up to the current one; check the year and "
                "the month",
            )
            return None
        return period

    def metric(self, number: int, metric: str) -> str | None:
        if metric in self.metrics:
            return metric
        written = (
            f"'{metric}' is no metric of the catalog" if metric else "the line names no metric"
        )
        self.problem(
            number, Problem.KPI_UNKNOWN_METRIC, f"{written}: {self.unknown_metric(metric)}"
        )
        return None

    def value(self, number: int, value: str) -> float | None:
        written = value.replace(",", ".") if self.delimiter == ";" else value
        if VALUE.match(written):
            return float(written)
        mark = "a point or a comma" if self.delimiter == ";" else "a point"
        said = f"the value '{value}' is not a number" if value else "the line gives no value"
        self.problem(
            number,
            Problem.KPI_VALUE,
            f"{said}: write the figure alone, in the metric's unit, with {mark} "
            "before its decimals and no unit or % sign, such as 78.4 (or remove "
            "the line if there is no figure)",
        )
        return None


def unknown_column(name: str, place: int) -> str:
    if not name:
        return f"column {place} of the first line has no name: name it, or remove its cells"
    close = difflib.get_close_matches(name.casefold(), COLUMNS, n=1, cutoff=0.5)
    hint = f"did you mean '{close[0]}'? " if close else ""
    return (
        f"'{name}' is not a column of KPI files: {hint}The columns are period, metric, value, "
        "team and site; remove any other, with its cells"
    )


def without_duplicates(figures: list[Figure]) -> tuple[list[Figure], list[tuple[str, Finding]]]:
    """The figures with each period, metric, team and site once (the first read kept),
    and each later one as a finding in its file."""
    first: dict[tuple[str, str, str, str], Figure] = {}
    found: list[tuple[str, Finding]] = []
    for figure in figures:
        if (earlier := first.setdefault(figure.key, figure)) is figure:
            continue
        where = (
            "the operation's total"
            if figure.is_total
            else ", ".join(
                f"{label} {value}"
                for label, value in (("team", figure.team), ("site", figure.site))
                if value
            )
        )
        place = f"line {earlier.line}" + (
            f" of {earlier.file}" if earlier.file != figure.file else ""
        )
        found.append(
            (
                figure.file,
                Finding(
                    figure.line,
                    Problem.KPI_DUPLICATE,
                    f"{figure.metric} for {figure.period} ({where}) is already given on {place}: "
                    "keep one of the two lines",
                ),
            )
        )
    return list(first.values()), found
