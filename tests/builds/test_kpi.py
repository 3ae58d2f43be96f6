"""KPI figures in a build: each problem of a CSV file at its file and line, the KPI
catalog's latest figures and charts, and the reviews the figures trigger on the SOP page,
the review schedule, the SOP catalog and the landing page; in small projects (the real
library's figures are tested with the rest of it, in test_library.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from samples import SIMPLE, line_of
from samples.defects import with_guide
from soplib.model.problems import Problem
from support.pages import row_html, row_of, text_of
from support.projects import REPO, Build, build, touch, write_project

X = "sops/area/x.md"
TODAY = "2026-11-15"
VIEWS = {
    f"views/{name}.md": (REPO / "views" / f"{name}.md").read_text(encoding="utf-8")
    for name in ("kpi-catalog", "review-schedule", "catalog")
}
INDEX = (
    "# Test\n\nTo review first:\n\n```{sop-kpi-alerts}\n```\n\n"
    "```{toctree}\n:glob:\n\nsops/*/*\nviews/*\n```\n"
)
HEADER = "period,metric,value,team,site\n"
#: KPI_FCR for 13 months, 75 (on the boundary) met, the last three missed; KPI_ASA for 4,
#: the last two missed; KPI_AHT per team only.
FIGURES = (
    HEADER
    + "".join(
        f"{period},KPI_FCR,{value},,\n"
        for period, value in zip(
            ["2025-10", "2025-11", "2025-12"] + [f"2026-{m:02d}" for m in range(1, 11)],
            [78, 77.5, 79, 76, 75, 78, 77, 79, 80, 78.5, 74.9, 73.1, 72.6],
            strict=True,
        )
    )
    + (
        "2026-07,KPI_ASA,18,,\n2026-08,KPI_ASA,20,,\n2026-09,KPI_ASA,21,,\n2026-10,KPI_ASA,22,,\n"
        "2026-10,KPI_AHT,350,Inbound,\n2026-10,KPI_AHT,401,Customer care,\n"
    )
)
BROKEN = (
    "period,metric,value,team,queue\n"
    "2026-10,KPI_FRC,72.6,,\n"
    "2026-10,KPI_FCR,72.6%,,\n"
    "Oct 2026,KPI_ASA,18,,\n"
    "2027-01,KPI_ASA,18,,\n"
    "2026-10,KPI_CSAT,88,,\n"
    "2026-10,KPI_CSAT,89,,\n"
    "2026-10,KPI_CSAT,1,2,3,4\n"
)
FILES = {
    "data/kpi/figures.csv": FIGURES,
    "data/kpi/broken.csv": BROKEN,
    "data/kpi/empty.csv": "",
    "data/kpi/header.csv": "period,metric,value\n",
    "data/kpi/nocolumn.csv": "period,metric\n2026-10,KPI_FCR\n",
}
HOW_TO_WRITE = (
    "the first line names the columns, period,metric,value (and team and site for figures "
    "per team or site), and each line after it gives one figure, such as 2026-10,KPI_FCR,78.4"
)
EXPECTED = [
    "data/kpi/broken.csv:1: WARNING: 'queue' is not a column of KPI files: The columns are "
    "period, metric, value, team and site; remove any other, with its cells "
    "[sop.kpi_unknown_column]",
    "data/kpi/broken.csv:2: WARNING: 'KPI_FRC' is no metric of the catalog: did you mean "
    "KPI_FCR? Correct the id, or, if it is a new metric, add it to sops/catalog/metrics.md "
    "first [sop.kpi_unknown_metric]",
    "data/kpi/broken.csv:3: WARNING: the value '72.6%' is not a number: write the figure "
    "alone, in the metric's unit, with a point before its decimals and no unit or % sign, "
    "such as 78.4 (or remove the line if there is no figure) [sop.kpi_value]",
    "data/kpi/broken.csv:4: WARNING: the period 'Oct 2026' is not a month written YYYY-MM: "
    "write the month as YYYY-MM, such as 2026-10 for October 2026 [sop.kpi_period]",
    "data/kpi/broken.csv:5: WARNING: the period 2027-01 has not begun (today is 2026-11-15): "
    "a figure is for a month up to the current one; check the year and the month "
    "[sop.kpi_future_period]",
    "data/kpi/broken.csv:7: WARNING: KPI_CSAT for 2026-10 (the operation's total) is already "
    "given on line 6: keep one of the two lines [sop.kpi_duplicate]",
    "data/kpi/broken.csv:8: WARNING: the line has 6 cells, but the first line names 5 "
    "columns: put a value that holds ',' in double quotes, or remove the extra cells "
    "[sop.kpi_unknown_column]",
    "data/kpi/cp1252.csv:2: WARNING: the file is not saved as UTF-8: byte 0xE9 on line 2 is "
    "not a UTF-8 character (an editor set to Windows-1250 or Windows-1252 saves accented "
    "letters so); save the file as UTF-8 and write the letter again [sop.encoding]",
    f"data/kpi/empty.csv:1: WARNING: the file is empty: {HOW_TO_WRITE} [sop.kpi_missing_column]",
    "data/kpi/nocolumn.csv:1: WARNING: the file has no 'value' column: add it to the first "
    f"line: {HOW_TO_WRITE} [sop.kpi_missing_column]",
    f"{X}:{line_of(SIMPLE, 'review_every')}: WARNING: SOP SOP-T-001 is due for review: "
    "KPI_FCR missed its target (at least 75) in each of the last 3 periods, 2026-08 to "
    "2026-10: review the steps it measures (STEP_T_CLOSE) with the metric's owner; the "
    "warning stops when KPI_FCR meets its target again, or when the SOP's reviewed version "
    "takes effect (sop_kpi_review_warning = False in conf.py turns it off) [sop.kpi_review]",
]
FLAG = "Review triggered by First-contact resolution (FCR): 3 periods below target"
DETAIL = "(Aug 2026 to Oct 2026; latest 72.6%, target at least 75%)"
SAMPLE = (
    "Sample figures: these figures are made up to show how the library uses them; they are "
    "not the operation's results."
)


def project(root: Path, figures: dict[str, str], **overrides: object) -> Build:
    """SIMPLE, the KPI catalog, review schedule and SOP catalog, a landing page with the
    flagged SOPs, the KPI files, and one in Windows-1252; built on TODAY."""
    write_project(root, {X: SIMPLE, **VIEWS, "index.md": INDEX, **figures})
    cp1252 = HEADER + "2026-10,KPI_NPS,41,,Lisboa Sé\n"
    (root / "data" / "kpi" / "cp1252.csv").write_bytes(cp1252.encode("cp1252"))
    overrides = {"sop_today": TODAY, "sop_kpi_review_warning": True, **overrides}
    return build(root, freshenv=True, confoverrides=overrides)


@pytest.fixture(scope="module")
def flagged(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """KPI_FCR missed its target in the last three months, with every kind of bad file."""
    return project(tmp_path_factory.mktemp("kpi"), FILES)


@pytest.fixture(scope="module")
def quiet(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """KPI_FCR missed its target in the last two months; every KPI warning silenced, and
    reviews after 0 months asked for."""
    figures = FIGURES.replace("2026-08,KPI_FCR,74.9", "2026-08,KPI_FCR,76")
    silenced = [f"sop.{p.subtype}" for p in Problem if p.subtype.startswith("kpi_")]
    return project(
        tmp_path_factory.mktemp("quiet"),
        {**FILES, "data/kpi/figures.csv": figures},
        suppress_warnings=[*silenced, "sop.encoding"],
        sop_kpi_review_periods=0,
    )


def test_each_problem_of_a_kpi_file_is_reported_where_it_is(flagged):
    assert flagged.warnings_of("sop.") == [with_guide(line) for line in EXPECTED]
    assert (flagged.app.outdir / "views" / "kpi-catalog.html").is_file(), "the site is written"


def test_the_kpi_catalog_shows_the_latest_figure_against_the_target(flagged):
    html = flagged.page("views/kpi-catalog")
    fcr = row_of(html, 'id="kpi-KPI_FCR"')
    assert "72.6% in Oct 2026: missed (target at least 75%)" in fcr
    assert re.search(
        r"^First-contact resolution \(FCR\) .+ Unit: %; Source: CRM 75% or more "
        r"72\.6% in Oct 2026",
        fcr,
    ), "five columns, the unit and source under the definition"
    assert "22 seconds in Oct 2026: missed (target at most 20 seconds)" in row_of(
        html, 'id="kpi-KPI_ASA"'
    )
    assert (
        "No total; per team or site: Customer care: 401 seconds in Oct 2026: missed (target "
        "within 324 to 396 seconds); Inbound: 350 seconds in Oct 2026: met (target "
        "within 324 to 396 seconds)"
    ) in row_of(html, 'id="kpi-KPI_AHT"').replace(" ;", ";")
    assert "No figures" in row_of(html, 'id="kpi-KPI_OCCUPANCY"')
    assert SAMPLE in text_of(html)


def points(row: str) -> tuple[int, int]:
    """How many points of a row's chart met the target, and how many missed it."""
    return row.count('class="sop-chart-met"'), row.count('class="sop-chart-missed"')


def test_a_chart_shows_the_last_12_months_or_fewer(flagged):
    html = flagged.page("views/kpi-catalog")
    fcr = row_html(html, 'id="kpi-KPI_FCR"')
    assert points(fcr) == (9, 3), "12 of 13 months, 75 on the boundary met"
    assert "<desc" in fcr and "Oct 2026: 72.6%, missed. Target: at least 75%." in fcr
    assert points(row_html(html, 'id="kpi-KPI_ASA"')) == (2, 2), "20 on the boundary met"
    assert "<svg" not in row_html(html, 'id="kpi-KPI_AHT"'), "no total, no chart"


def test_an_sop_whose_metric_missed_n_periods_says_so_under_its_header(flagged):
    html = flagged.page("sops/area/x")
    assert html.index('class="sop-meta') < html.index("sop-kpi-review") < html.index('id="purpose"')
    note = re.search(r'<div class="sop-kpi-review.*?</div>', html, re.S)
    assert note is not None
    assert text_of(note[0]) == f"{FLAG} {DETAIL} {SAMPLE}", (
        "the metric by its name, and no build command a reader does not know"
    )
    assert "KPI_ASA" not in note[0], "two periods missed are not enough"


def test_the_review_schedule_and_the_catalog_say_which_metric_calls_for_review(flagged):
    schedule = row_of(flagged.page("views/review-schedule"), "SOP-T-001")
    assert schedule.endswith(FLAG)
    assert f"2027-09-01 {FLAG}" in row_of(flagged.page("views/catalog"), "SOP-T-001")


def test_the_landing_page_lists_the_sops_flagged(flagged):
    alerts = re.search(r'<ul class="sop-kpi-alerts.*?</ul>', flagged.page("index"), re.S)
    assert alerts is not None
    assert text_of(alerts[0]) == f"SOP-T-001 Answering a test call: {FLAG} {DETAIL}"


def test_the_metric_catalog_shows_the_threshold(flagged):
    assert "Threshold: at least 75" in text_of(flagged.page("sops/catalog/metrics"))


def test_no_review_before_n_periods_and_every_kpi_warning_can_be_silenced(quiet):
    assert quiet.warnings_of("sop.") == [
        with_guide(
            "WARNING: conf.py: sop_kpi_review_periods 0 is not a number of months of 1 or "
            "more; 3 are used [sop.config]"
        )
    ]
    assert "sop-kpi-review" not in quiet.page("sops/area/x")
    assert (
        "No SOP is flagged for review: no metric of the SOPs in force has missed its target "
        "3 periods in a row."
    ) in text_of(quiet.page("index"))
    assert FLAG not in text_of(quiet.page("views/review-schedule"))


def test_a_new_month_of_figures_reaches_the_pages_in_a_rebuild(tmp_path):
    root = write_project(tmp_path / "project", {X: SIMPLE, **VIEWS, "index.md": INDEX})
    (root / "data" / "kpi").mkdir(parents=True)
    (root / "data" / "kpi" / "figures.csv").write_text(FIGURES, encoding="utf-8")
    overrides = {"sop_today": TODAY}
    first = build(root, tmp_path / "build", confoverrides=overrides)
    assert FLAG in text_of(first.page("sops/area/x")) and FLAG in text_of(first.page("index"))
    touch(root / "data" / "kpi" / "november.csv", HEADER + "2026-11,KPI_FCR,76,,\n")
    again = build(root, tmp_path / "build", confoverrides=overrides)
    assert again.lines == []
    for page in ("sops/area/x", "index", "views/review-schedule", "views/catalog"):
        assert FLAG not in text_of(again.page(page)), page
    assert "76% in Nov 2026: met" in row_of(again.page("views/kpi-catalog"), 'id="kpi-KPI_FCR"')


def test_a_version_in_force_since_the_review_was_called_for_answers_it(tmp_path):
    """With reviews after one month missed, a version in force from October counts October
    only; one in force from November, after the review was called for, answers it."""
    figures = {"data/kpi/figures.csv": FIGURES}
    root = write_project(tmp_path / "project", {X: SIMPLE, **VIEWS, "index.md": INDEX, **figures})
    overrides = {"sop_today": TODAY, "sop_kpi_review_periods": 1}

    def reviewed(effective: str) -> Build:
        sop = SIMPLE.replace("version: 1.0.0", "version: 1.1.0")
        touch(root / X, sop.replace("effective: 2026-09-01", f"effective: {effective}"))
        return build(root, tmp_path / "build", confoverrides=overrides)

    october = reviewed("2026-10-01")
    flag = "Review triggered by First-contact resolution (FCR): 1 period below target"
    note = f"{flag} (Oct 2026; latest 72.6%, target at least 75%)"
    assert note in text_of(october.page("sops/area/x"))
    assert note in text_of(october.page("index"))
    november = reviewed("2026-11-02")
    for page in ("sops/area/x", "index", "views/review-schedule", "views/catalog"):
        assert "Review triggered" not in text_of(november.page(page)), page
    fcr = row_of(november.page("views/kpi-catalog"), 'id="kpi-KPI_FCR"')
    assert "72.6% in Oct 2026: missed" in fcr, "the metric still missed its target"
