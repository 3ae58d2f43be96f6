"""Sample KPI figures: twelve months of made-up but plausible figures for every metric of
the catalog, so that the KPI catalog, its charts and the reviews they trigger can be seen
before operations export real ones. Written once, from a fixed seed (the same files every
run), one file per source system as operations would export them:
``data/kpi/sample-<source>.csv``.

The figures tell a story: most metrics meet their targets almost every month; first-contact
resolution (KPI_FCR) met its target until the last three months, and has missed it since,
so the SOPs it measures are flagged for review. The command checks that the figures it
writes still tell it. Set ``sop_kpi_sample = True`` in conf.py while the figures are
samples: the site then says so wherever it shows them.

``make kpi-sample`` (``END=YYYY-MM`` for another last month).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from pathlib import Path

from ..model.kpi import Figure, Threshold, missed_in_a_row, month_number, parse_threshold

SEED = 17
END = "2026-10"
MONTHS = 12
CATALOG = Path("sops/catalog/metrics.md")
FOLDER = Path("data/kpi")
#: Each metric's usual level and month-to-month spread, and the decimals it is given to.
LEVELS: dict[str, tuple[float, float, int]] = {
    "KPI_ASA": (16.0, 1.8, 0),
    "KPI_SERVICE_LEVEL": (83.5, 1.5, 1),
    "KPI_AHT": (352.0, 9.0, 0),
    "KPI_FCR": (78.2, 0.9, 1),
    "KPI_CSAT": (87.6, 1.0, 1),
    "KPI_QA_SCORE": (88.1, 1.2, 1),
    "KPI_ADHERENCE": (93.4, 0.6, 1),
    "KPI_COMPLAINT_RESOLUTION_TIME": (3.9, 0.4, 1),
    "KPI_TIME_TO_PROFICIENCY": (26.0, 2.0, 0),
    "KPI_EARLY_ATTRITION": (7.6, 1.2, 1),
    "KPI_ABANDON_RATE": (3.6, 0.5, 1),
    "KPI_NPS": (35.0, 3.0, 0),
    "KPI_OCCUPANCY": (84.0, 1.6, 1),
    "KPI_TRANSFER_RATE": (8.1, 0.7, 1),
    "KPI_CALLBACK_KEPT": (96.6, 0.8, 1),
    "KPI_ACW_TIME": (51.0, 3.0, 0),
    "KPI_COMPLIANCE_FAILURES": (0.3, 0.08, 2),
    "KPI_DETRACTOR_FOLLOWUP": (92.5, 1.3, 1),
    "KPI_CALIBRATION_VARIANCE": (3.6, 0.6, 1),
    "KPI_MYSTERY_SHOP_SCORE": (87.5, 1.5, 1),
    "KPI_TIME_TO_CONTINGENCY": (11.0, 1.5, 0),
    "KPI_HANDOFF_CONTEXT": (96.8, 0.7, 1),
    "KPI_REVIEWS_ON_TIME": (100.0, 0.0, 1),
}
#: First-contact resolution over the last three months: a slide below its 75% target.
FCR_SLIDE = (74.1, 73.2, 72.6)
#: The teams that first-contact resolution is also given for, by their share of the total.
TEAMS = {"Inbound": 1.02, "Customer care": 0.96}
STORY_METRIC, STORY_MONTHS = "KPI_FCR", 3


def catalog_metrics(text: str) -> dict[str, tuple[str, Threshold | None]]:
    """Each metric of the catalog's text: its source and its threshold."""
    found: dict[str, tuple[str, Threshold | None]] = {}
    for block in text.split("```{metric}")[1:]:
        metric = re.search(r"^:id:\s*(\S+)", block, re.M)
        source = re.search(r"^:source:\s*(.+)$", block, re.M)
        threshold = re.search(r"^:threshold:\s*(.+)$", block, re.M)
        if metric and source:
            found[metric[1]] = (source[1].strip(), parse_threshold(threshold and threshold[1]))
    return found


def periods(end: str, count: int = MONTHS) -> list[str]:
    """The count months up to end, oldest first."""
    last = month_number(end)
    return [f"{m // 12:04d}-{m % 12 + 1:02d}" for m in range(last - count + 1, last + 1)]


def sample(metrics: dict[str, tuple[str, Threshold | None]], end: str) -> list[Figure]:
    """Twelve months of figures of each metric, drawn from the seed."""
    draw = random.Random(SEED)
    months = periods(end)
    figures: list[Figure] = []
    for metric in sorted(metrics):
        level, spread, decimals = LEVELS.get(metric, (50.0, 2.0, 1))
        for index, period in enumerate(months):
            value = draw.gauss(level, spread)
            if metric == STORY_METRIC and index >= MONTHS - len(FCR_SLIDE):
                value = FCR_SLIDE[index - MONTHS + len(FCR_SLIDE)]
            if metric == "KPI_REVIEWS_ON_TIME":  # one SOP of fifteen late, now and then
                value = 100.0 if draw.random() > 0.15 else 100 * 14 / 15
            value = round(max(value, 0.0), decimals)
            figures.append(Figure(period, metric, value))
            if metric == STORY_METRIC:
                figures += [
                    Figure(period, metric, round(value * share, 1), team=team)
                    for team, share in TEAMS.items()
                ]
    return figures


def story_problems(
    figures: list[Figure], metrics: dict[str, tuple[str, Threshold | None]]
) -> list[str]:
    """How the figures fail to tell the story: a metric other than KPI_FCR missing its
    target three months running, or more than two months of twelve; KPI_FCR not missing
    exactly its last three."""
    problems = []
    for metric, (_source, threshold) in sorted(metrics.items()):
        totals = [f for f in figures if f.metric == metric and f.is_total]
        if threshold is None:
            problems.append(f"{metric} has no threshold in {CATALOG}")
            continue
        run = len(missed_in_a_row(totals, threshold))
        missed = sum(not threshold.met(f.value) for f in totals)
        if metric == STORY_METRIC and (run, missed) != (STORY_MONTHS, STORY_MONTHS):
            problems.append(f"{metric} misses {missed} months, {run} running, not the last 3")
        elif metric != STORY_METRIC and (run >= STORY_MONTHS or missed > 2):
            problems.append(f"{metric} misses {missed} months of 12, {run} running")
    return problems


def write(
    figures: list[Figure], metrics: dict[str, tuple[str, Threshold | None]], folder: Path
) -> list[Path]:
    """One file per source system, the operation's totals and the teams' figures."""
    written = []
    for source in sorted({source for source, _threshold in metrics.values()}):
        rows = [f for f in figures if metrics[f.metric][0] == source]
        lines = ["period,metric,value,team,site"]
        lines += [f"{f.period},{f.metric},{f.value:g},{f.team},{f.site}" for f in rows]
        path = folder / f"sample-{source.lower()}.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="make kpi-sample", description=__doc__.splitlines()[0])
    parser.add_argument("--end", default=END, help=f"the last month, YYYY-MM (default {END})")
    args = parser.parse_args(argv)
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", args.end):
        print(f"make kpi-sample: END={args.end} is not a month written YYYY-MM", file=sys.stderr)
        return 2
    metrics = catalog_metrics(CATALOG.read_text(encoding="utf-8"))
    figures = sample(metrics, args.end)
    if problems := story_problems(figures, metrics):
        print("make kpi-sample: the figures no longer tell their story:", file=sys.stderr)
        print("\n".join(f"  {p}" for p in problems), file=sys.stderr)
        return 1
    FOLDER.mkdir(parents=True, exist_ok=True)
    for path in write(figures, metrics, FOLDER):
        print(f"wrote {path}")
    print("These are sample figures: keep sop_kpi_sample = True in conf.py while they are.")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
