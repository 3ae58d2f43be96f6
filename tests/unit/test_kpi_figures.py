"""KPI figures without Sphinx: thresholds and their boundaries, reading the CSV files and
what is wrong with them, the trend, the months missed in a row, the reviews they trigger,
the chart, and the sample figures' story."""

from __future__ import annotations

import datetime
import re
from types import SimpleNamespace
from typing import Any

import pytest

from soplib.checks import kpi as checks_kpi
from soplib.checks.kpi import KpiData, review_findings, unreadable
from soplib.model.kpi import (
    Figure,
    Threshold,
    Trigger,
    answered,
    missed_in_a_row,
    parse_threshold,
    series,
    trend,
    triggers,
)
from soplib.model.kpi_csv import read_figures, unknown_column, without_duplicates
from soplib.model.outline import Step
from soplib.model.problems import Finding, Problem
from soplib.model.records import SopRecord
from soplib.site.charts import Bound, Point, trend_svg
from soplib.tools import sample_kpi
from support.projects import REPO

TODAY = datetime.date(2026, 11, 15)
METRICS = ["KPI_ASA", "KPI_FCR"]


def read(text: str) -> tuple[list[Figure], list[str]]:
    """The figures of a file's text, and its findings as 'line: message [subtype]'."""
    figures, findings = read_figures(text, "data/kpi/x.csv", TODAY, METRICS, lambda m: "FIX")
    return figures, [f"{f.line}: {f.message} [{f.problem.subtype}]" for f in findings]


def monthly(metric: str, values: list[float], end: str = "2026-10") -> list[Figure]:
    """A figure a month, the last for end."""
    year, month = map(int, end.split("-"))
    last = year * 12 + month - 1
    first = last - len(values) + 1
    return [
        Figure(f"{(first + i) // 12:04d}-{(first + i) % 12 + 1:02d}", metric, value)
        for i, value in enumerate(values)
    ]


@pytest.mark.parametrize(
    ("text", "met", "missed"),
    [
        ("at least 75", [75, 75.01, 100], [74.99, 0]),
        ("at most 20", [20, 19.99, -5], [20.01, 100]),
        ("within 324 to 396", [324, 396, 360], [323.99, 396.01]),
        ("within 396 to 324", [324, 396], [400]),
        ("at most 0.5", [0.5, 0], [0.51]),
        ("at least -10", [-10, 5], [-10.5]),
    ],
)
def test_a_threshold_is_met_on_its_boundaries(text, met, missed):
    threshold = parse_threshold(text)
    assert threshold is not None
    assert [threshold.met(v) for v in met] == [True] * len(met)
    assert [threshold.met(v) for v in missed] == [False] * len(missed)


@pytest.mark.parametrize(
    "text", ["", None, "75% or more", "at least", "atleast 75", "within 1 to", "at least 7 5"]
)
def test_a_threshold_of_another_shape_is_none(text):
    assert parse_threshold(text) is None


@pytest.mark.parametrize(
    ("text", "read"),
    [("at least 75", "at least 75"), ("at most 0.50", "at most 0.5"),
     ("within 396 to 324", "within 324 to 396")],
)  # fmt: skip
def test_a_threshold_reads_as_it_is_written(text, read):
    threshold = parse_threshold(text)
    assert threshold is not None and threshold.text == read


def test_a_file_gives_its_figures_in_any_column_order_and_capitals():
    figures, problems = read(
        "\ufeffMetric,Period,VALUE,team\r\nKPI_FCR,2026-10,72.6,\r\n\r\nKPI_FCR,2026-10,70,Inbound\r\n"
    )
    assert problems == []
    assert figures == [
        Figure("2026-10", "KPI_FCR", 72.6, "", "", "data/kpi/x.csv", 2),
        Figure("2026-10", "KPI_FCR", 70.0, "Inbound", "", "data/kpi/x.csv", 4),
    ]


def test_a_file_of_semicolons_takes_a_decimal_comma():
    figures, problems = read("period;metric;value\n2026-10;KPI_FCR;72,6\n")
    assert problems == []
    assert [f.value for f in figures] == [72.6]


def test_each_problem_of_a_line_is_said_and_the_line_left_out():
    figures, problems = read(
        "period,metric,value\n"
        "Oct 2026,KPI_FRC,72.6%\n"
        "2026-12,KPI_FCR,70\n"
        ",,\n"
        "2026-10,KPI_FCR,1,2\n"
        "2026-09,KPI_FCR,77\n"
    )
    assert [f.period for f in figures] == ["2026-09"]
    assert problems == [
        "2: the period 'Oct 2026' is not a month written YYYY-MM: write the month as "
        "YYYY-MM, such as 2026-10 for October 2026 [kpi_period]",
        "2: 'KPI_FRC' is no metric of the catalog: FIX [kpi_unknown_metric]",
        "2: the value '72.6%' is not a number: write the figure alone, in the metric's unit, "
        "with a point before its decimals and no unit or % sign, such as 78.4 (or remove the "
        "line if there is no figure) [kpi_value]",
        "3: the period 2026-12 has not begun (today is 2026-11-15): a figure is for a month "
        "up to the current one; check the year and the month [kpi_future_period]",
        "4: the line gives no period: write the month as YYYY-MM, such as 2026-10 for "
        "October 2026 [kpi_period]",
        "4: the line names no metric: FIX [kpi_unknown_metric]",
        "4: the line gives no value: write the figure alone, in the metric's unit, with a "
        "point before its decimals and no unit or % sign, such as 78.4 (or remove the line "
        "if there is no figure) [kpi_value]",
        "5: the line has 4 cells, but the first line names 3 columns: put a value that holds "
        "',' in double quotes, or remove the extra cells [kpi_unknown_column]",
    ]


def test_the_current_month_is_no_future_one():
    assert read("period,metric,value\n2026-11,KPI_FCR,70\n")[1] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "",
            "1: the file is empty: the first line names the columns, period,metric,value (and "
            "team and site for figures per team or site), and each line after it gives one "
            "figure, such as 2026-10,KPI_FCR,78.4 [kpi_missing_column]",
        ),
        (
            "\n\nperiod,metric,amount,site\n",
            "3: 'amount' is not a column of KPI files: The columns are period, metric, value, "
            "team and site; remove any other, with its cells [kpi_unknown_column]",
        ),
        (
            "2026-10,KPI_FCR,72.6\n",
            "1: the first line holds a figure, not the names of the columns: add a line above "
            "it naming them, period,metric,value [kpi_missing_column]",
        ),
    ],
)
def test_a_file_without_its_columns_gives_no_figure(text, expected):
    figures, problems = read(text)
    assert figures == []
    assert problems[0] == expected


def test_a_column_spelled_wrong_is_said_with_the_closest():
    problems = read("period,metric,valeu\n")[1]
    assert problems == [
        "1: 'valeu' is not a column of KPI files: did you mean 'value'? The columns are "
        "period, metric, value, team and site; remove any other, with its cells "
        "[kpi_unknown_column]",
        "1: the file has no 'value' column: add it to the first line: the "
        "first line names the columns, period,metric,value (and team and site for figures "
        "per team or site), and each line after it gives one figure, such as "
        "2026-10,KPI_FCR,78.4 [kpi_missing_column]",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "period,metric,value\n",
        "period,metric,value\n2026-10,KPI_FCR,\x00\n",
        "period,metric,value\n2026-10,KPI_FCR," + "9" * 200_000 + "\n",
        'period,metric,value\n2026-10,"KPI_FCR,72\n',
        "period,metric,value\r2026-10,KPI_FCR,72\r",
        "period,metric,value\n2026-10,KPI_FCR,S\ufffdo Paulo\n",
        "period,metric,value\n2026-10,KPI_FCR,nan\n2026-10,KPI_FCR,1e3\n2026-10,KPI_FCR,inf\n",
    ],
    ids=["header only", "NUL", "huge cell", "open quote", "CR", "replaced byte", "not numbers"],
)
def test_no_file_makes_an_exception(text):
    figures, _problems = read(text)
    assert all(f.value == f.value and abs(f.value) < float("inf") for f in figures)


def test_a_duplicate_is_said_where_the_second_is_and_names_the_first():
    figures = [
        Figure("2026-10", "KPI_FCR", 72.6, file="data/kpi/crm.csv", line=4),
        Figure("2026-10", "KPI_FCR", 71.0, team="Inbound", file="data/kpi/crm.csv", line=5),
        Figure("2026-10", "KPI_FCR", 72.9, file="data/kpi/crm.csv", line=9),
        Figure("2026-10", "KPI_FCR", 70.0, team="Inbound", file="data/kpi/teams.csv", line=2),
    ]
    kept, found = without_duplicates(figures)
    assert kept == figures[:2]
    assert [(file, f.line, f.message) for file, f in found] == [
        (
            "data/kpi/crm.csv",
            9,
            "KPI_FCR for 2026-10 (the operation's total) is already given on line 4: keep "
            "one of the two lines",
        ),
        (
            "data/kpi/teams.csv",
            2,
            "KPI_FCR for 2026-10 (team Inbound) is already given on line 5 of "
            "data/kpi/crm.csv: keep one of the two lines",
        ),
    ]


def test_the_trend_is_the_last_12_months_and_leaves_gaps():
    thirteen = monthly("KPI_FCR", [float(v) for v in range(13)])
    assert [f.period for f in trend(thirteen)] == [f.period for f in thirteen[1:]]
    gapped = [f for f in thirteen if f.period != "2026-05"]
    assert len(trend(gapped)) == 11
    assert len(trend(monthly("KPI_FCR", [1.0, 2.0, 3.0]))) == 3
    assert trend([]) == []


def test_series_are_the_operations_totals_oldest_first():
    figures = [
        Figure("2026-10", "KPI_FCR", 1),
        Figure("2026-09", "KPI_FCR", 2),
        Figure("2026-10", "KPI_FCR", 3, team="Inbound"),
        Figure("2026-10", "KPI_ASA", 4),
    ]
    assert [f.value for f in series(figures, "KPI_FCR")] == [2, 1]


AT_LEAST_75 = Threshold("at least", low=75)


@pytest.mark.parametrize(
    ("values", "run"),
    [
        ([80, 74, 73, 72], 3),
        ([80, 74, 76, 72], 1),
        ([74, 73, 72, 75], 0),
        ([74], 1),
        ([], 0),
    ],
)
def test_the_months_missed_in_a_row_count_up_to_the_latest(values, run):
    assert len(missed_in_a_row(monthly("KPI_FCR", values), AT_LEAST_75)) == run


def test_a_month_with_no_figure_ends_the_run():
    figures = [f for f in monthly("KPI_FCR", [70, 70, 70, 70]) if f.period != "2026-09"]
    assert [f.period for f in missed_in_a_row(figures, AT_LEAST_75)] == ["2026-10"]


@pytest.mark.parametrize(("missed", "flagged"), [(2, False), (3, True), (4, True)])
def test_a_review_is_triggered_after_n_missed_periods_and_not_before(missed, flagged):
    figures = monthly("KPI_FCR", [80.0] * 5 + [70.0] * missed)
    found = triggers(figures, {"KPI_FCR": AT_LEAST_75}, periods=3)
    assert ("KPI_FCR" in found) is flagged
    if flagged:
        assert (found["KPI_FCR"].periods, found["KPI_FCR"].last) == (missed, "2026-10")


@pytest.mark.parametrize(
    ("effective", "months"),
    [
        # in force before the third month missed ended: the whole run counts
        ("2026-01-01", ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]),
        ("2026-07-31", ["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]),
        # a version after the review was called for: only its own months count
        ("2026-08-01", ["2026-08", "2026-09", "2026-10"]),
        ("2026-08-02", None),
        ("2026-11-20", None),
    ],
)
def test_a_new_version_after_the_review_answers_it_until_it_misses_too(effective, months):
    run = triggers(monthly("KPI_FCR", [80.0, 70, 70, 70, 70, 70, 70]), {"KPI_FCR": AT_LEAST_75}, 3)
    found = answered(run["KPI_FCR"], datetime.date.fromisoformat(effective), 3)
    assert (found and [f.period for f in found.missed]) == months


def chart(points: list[Point], bounds: list[Bound]) -> str:
    return trend_svg("c", "FCR, the last 12 months", "Figures: ...", points, 12, bounds, ("a", "b"))


def test_a_chart_draws_each_figure_met_or_missed_by_its_shape():
    points = [Point(place, 70.0 + place, place > 4) for place in range(12)]
    svg = chart(points, [Bound(75, "75%")])
    assert svg.count('class="sop-chart-met"') == 7
    assert svg.count('class="sop-chart-missed"') == 5
    assert svg.count('class="sop-chart-target"') == 1
    assert 'role="img" aria-labelledby="c-title" aria-describedby="c-desc"' in svg
    assert '<title id="c-title">FCR, the last 12 months</title>' in svg
    assert "<script" not in svg and "style=" not in svg
    assert not re.search(r"#[0-9a-fA-F]{3,6}\b", svg), "no fixed colour: the theme's"
    assert all(0 <= float(x) <= 240 for x in re.findall(r' c?x="([-\d.]+)"', svg))
    assert all(0 <= float(y) <= 92 for y in re.findall(r' c?y="([-\d.]+)"', svg))


def test_a_chart_joins_consecutive_months_only_and_shades_a_range():
    points = [Point(0, 350, True), Point(1, 360, True), Point(3, 330, True)]
    svg = chart(points, [Bound(324, "324"), Bound(396, "396")])
    assert svg.count("<polyline") == 1, "a gap after the second month"
    assert svg.count('class="sop-chart-band"') == 1
    assert svg.count('class="sop-chart-target"') == 2


def test_the_sample_figures_tell_their_story_the_same_every_time():
    catalog = (REPO / sample_kpi.CATALOG).read_text(encoding="utf-8")
    metrics = sample_kpi.catalog_metrics(catalog)
    assert len(metrics) == catalog.count("```{metric}"), "every metric has a threshold"
    assert all(threshold is not None for _source, threshold in metrics.values())
    figures = sample_kpi.sample(metrics, sample_kpi.END)
    assert figures == sample_kpi.sample(metrics, sample_kpi.END)
    assert sample_kpi.story_problems(figures, metrics) == []
    found = triggers(figures, {m: t for m, (_s, t) in metrics.items() if t}, periods=3)
    assert list(found) == ["KPI_FCR"]
    assert {f.period for f in figures} == set(sample_kpi.periods(sample_kpi.END))


def test_the_sample_files_are_the_ones_the_command_writes(tmp_path):
    catalog = (REPO / sample_kpi.CATALOG).read_text(encoding="utf-8")
    metrics = sample_kpi.catalog_metrics(catalog)
    written = sample_kpi.write(sample_kpi.sample(metrics, sample_kpi.END), metrics, tmp_path)
    for path in written:
        kept = REPO / sample_kpi.FOLDER / path.name
        assert kept.read_text(encoding="utf-8") == path.read_text(encoding="utf-8"), path.name


def test_a_kpi_file_the_build_cannot_read_is_said_with_the_systems_reason():
    finding = unreadable(PermissionError(13, "Permission denied"))
    assert finding == Finding(
        1,
        Problem.KPI_MISSING_COLUMN,
        "the file cannot be read (Permission denied), so none of its figures is shown: let "
        "the build read it, or remove it",
    )


def review_app(monkeypatch: pytest.MonkeyPatch, lines: dict[str, int], meta: dict) -> Any:
    """A build whose SOP x (its fields at lines, its steps A, B and C) is called for review
    by KPI_FCR, which steps A and C name."""
    needs = {"STEP_A": {"metrics": ["KPI_FCR", "KPI_ASA"]}, "STEP_B": {"metrics": ["KPI_ASA"]},
             "STEP_C": {"metrics": ["KPI_FCR"]}}  # fmt: skip
    monkeypatch.setattr(checks_kpi, "SphinxNeedsData",
                        lambda env: SimpleNamespace(get_needs_view=lambda: needs))  # fmt: skip
    steps = [Step("STEP_A", 10), Step("STEP_B", 20), Step("STEP_GONE", 25), Step("STEP_C", 30)]
    record = SopRecord(meta=meta, lines=lines, steps=steps)
    missed = tuple(Figure(f"2026-{month:02d}", "KPI_FCR", 70.0) for month in (8, 9, 10))
    trigger = Trigger("KPI_FCR", parse_threshold("at least 75"), missed)  # type: ignore[arg-type]
    return SimpleNamespace(env=SimpleNamespace(sop_records={"sops/area/x": record}),
                           sop_kpi=KpiData(reviews={"sops/area/x": [trigger]}))  # fmt: skip


@pytest.mark.parametrize(
    ("lines", "meta", "line", "sop"),
    [
        ({"id": 2, "review_every": 9, "next_review": 10}, {"id": "SOP-T-001"}, 10, "SOP-T-001"),
        ({"id": 2, "review_every": 9}, {"id": "SOP-T-001"}, 9, "SOP-T-001"),
        ({"id": 2}, {"id": "SOP-T-001"}, 2, "SOP-T-001"),
        ({}, {}, 1, "sops/area/x"),
    ],
)
def test_a_review_is_said_at_the_sops_review_field_naming_the_steps_the_metric_measures(
    monkeypatch, lines, meta, line, sop
):
    found = review_findings(review_app(monkeypatch, lines, meta))
    assert found == {
        "sops/area/x": [
            Finding(
                line,
                Problem.KPI_REVIEW,
                f"SOP {sop} is due for review: KPI_FCR missed its target (at least 75) in each of "
                "the last 3 periods, 2026-08 to 2026-10: review the steps it measures (STEP_A, "
                "STEP_C) with the metric's owner; the warning stops when KPI_FCR meets its "
                "target again, or when the SOP's reviewed version takes effect "
                "(sop_kpi_review_warning = False in conf.py turns it off)",
            )
        ]
    }


COLUMNS_ARE = (
    "The columns are period, metric, value, team and site; remove any other, with its cells"
)


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("", "column 3 of the first line has no name: name it, or remove its cells"),
        ("perod", f"'perod' is not a column of KPI files: did you mean 'period'? {COLUMNS_ARE}"),
        ("Teams", f"'Teams' is not a column of KPI files: did you mean 'team'? {COLUMNS_ARE}"),
        ("mtrc", f"'mtrc' is not a column of KPI files: did you mean 'metric'? {COLUMNS_ARE}"),
        ("xyz", f"'xyz' is not a column of KPI files: {COLUMNS_ARE}"),
        ("pd", f"'pd' is not a column of KPI files: did you mean 'period'? {COLUMNS_ARE}"),
    ],
)
def test_a_column_kpi_files_do_not_have_is_said_with_the_closest_one(name, said):
    assert unknown_column(name, 3) == said
