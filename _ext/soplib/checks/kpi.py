"""KPI figures: the CSV files of the KPI folder (``sop_kpi_folder``, ``data/kpi/``), read
once per build in the main process when every page has been read (the metrics' ids and
thresholds are known then), each problem reported at its file and line; and the reviews
the figures trigger: each SOP in force whose steps name a metric that missed its
threshold in the last ``sop_kpi_review_periods`` months in a row (unless a version that
took effect since answered the review, :func:`soplib.model.kpi.answered`), reported as
``sop.kpi_review`` at the SOP's front matter when ``sop_kpi_review_warning`` is on.

What was read is kept for the build (:func:`kpi_data`) for the site to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx_needs.data import SphinxNeedsData

from ..model.dates import today
from ..model.i18n import say
from ..model.in_force import standing
from ..model.kpi import Figure, Threshold, Trigger, answered, parse_threshold, triggers
from ..model.kpi_csv import read_figures, without_duplicates
from ..model.problems import Finding, Problem, report, report_in_file
from ..model.records import sop_records
from ..model.store import Slot
from ..model.trace import NEEDS_PREFIX
from .encoding import not_utf8
from .needs_messages import Trace, closest, did_you_mean


@dataclass
class KpiData:
    """The figures of this build and what follows from them."""

    figures: list[Figure] = field(default_factory=list)
    thresholds: dict[str, Threshold] = field(default_factory=dict)
    #: the metrics that missed their threshold long enough, by metric id
    triggers: dict[str, Trigger] = field(default_factory=dict)
    #: the SOPs in force that those metrics call for review, by docname
    reviews: dict[str, list[Trigger]] = field(default_factory=dict)
    #: the problems of the files, each in its file
    findings: list[tuple[Path, Finding]] = field(default_factory=list)


KPI: Slot[KpiData] = Slot("sop_kpi", KpiData)


def kpi_data(app: Sphinx) -> KpiData:
    """The figures read in this build, and the reviews they trigger."""
    return KPI.of(app)


def read_kpi(app: Sphinx, env: BuildEnvironment) -> None:
    """Read every file of the KPI folder, and work out the reviews the figures trigger."""
    needs = SphinxNeedsData(env).get_needs_mutable()
    metrics = sorted(i for i, need in needs.items() if need["type"] == "metric")
    catalog = Trace(env, None).catalog_of("metric")

    def unknown_metric(written: str) -> str:
        hint = did_you_mean(closest(written, metrics, NEEDS_PREFIX["metric"])) if written else ""
        if hint:
            return say(
                "%(hint)s Correct the id, or, if it is a new metric, add it to %(catalog)s first",
                hint=hint,
                catalog=catalog,
            )
        return say(
            "write the id of a metric of %(catalog)s (its :id: line), or add the metric there "
            "first",
            catalog=catalog,
        )

    data = KpiData()
    root, day = Path(app.srcdir), today(app.config)
    folder = root / str(app.config.sop_kpi_folder)
    paths: dict[str, Path] = {}
    for path in sorted(p for p in folder.glob("*.csv") if p.is_file()) if folder.is_dir() else []:
        name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        paths[name] = path
        try:
            raw = path.read_bytes()
        except OSError as error:
            data.findings.append((path, unreadable(error)))
            continue
        if encoding := not_utf8(raw):
            data.findings.append((path, encoding))
        text = raw.decode("utf-8-sig", errors="replace")
        read, found = read_figures(text, name, day, metrics, unknown_metric)
        data.figures += read
        data.findings += [(path, finding) for finding in found]
    data.figures, duplicates = without_duplicates(data.figures)
    data.findings += [(paths[name], finding) for name, finding in duplicates]
    data.thresholds = {
        metric: threshold
        for metric in metrics
        if (threshold := parse_threshold(needs[metric].get("threshold"))) is not None
    }
    periods = app.config.sop_kpi_review_periods
    data.triggers = triggers(data.figures, data.thresholds, periods)
    for docname, record in sorted(sop_records(env).items()):
        in_force = standing(record.meta, day)
        if not in_force.in_force:
            continue
        named = [m for s in record.steps if s.id in needs for m in needs[s.id]["metrics"]]
        calling = [data.triggers[m] for m in dict.fromkeys(named) if m in data.triggers]
        if in_force.effective is not None:
            calling = [a for t in calling if (a := answered(t, in_force.effective, periods))]
        if calling:
            data.reviews[docname] = calling
    KPI.set(app, data)


def unreadable(error: OSError) -> Finding:
    return Finding(
        1,
        Problem.KPI_MISSING_COLUMN,
        say(
            "the file cannot be read (%(why)s), so none of its figures is shown: let the build "
            "read it, or remove it",
            why=error.strerror,
        ),
    )


def review_findings(app: Sphinx) -> dict[str, list[Finding]]:
    """A sop.kpi_review finding for each metric calling an SOP in force for review."""
    env = app.env
    found: dict[str, list[Finding]] = {}
    needs = SphinxNeedsData(env).get_needs_view()
    for docname, reviews in kpi_data(app).reviews.items():
        record = sop_records(env)[docname]
        key = next((k for k in ("next_review", "review_every", "id") if k in record.lines), None)
        sop_id = record.meta.get("id", docname)
        findings = []
        for trigger in reviews:
            steps = [
                s.id
                for s in record.steps
                if s.id in needs and trigger.metric in needs[s.id]["metrics"]
            ]
            findings.append(
                Finding(
                    record.lines[key] if key else 1,
                    Problem.KPI_REVIEW,
                    say(
                        "SOP %(sop)s is due for review: %(metric)s missed its target "
                        "(%(target)s) in each of the last %(periods)d periods, %(first)s to "
                        "%(last)s: review the steps it measures (%(steps)s) with the metric's "
                        "owner; the warning stops when %(metric)s meets its target again, or "
                        "when the SOP's reviewed version takes effect (sop_kpi_review_warning "
                        "= False in conf.py turns it off)",
                        sop=sop_id,
                        metric=trigger.metric,
                        target=trigger.threshold.text,
                        periods=trigger.periods,
                        first=trigger.first,
                        last=trigger.last,
                        steps=", ".join(steps),
                    ),
                )
            )
        found[docname] = findings
    return found


def report_kpi(app: Sphinx, builder: Builder) -> None:
    """Report the problems of the KPI files and, if asked for, the reviews triggered."""
    if not app.config.sop_checks:
        return
    for path, finding in sorted(kpi_data(app).findings, key=lambda f: (f[0], f[1].line)):
        report_in_file(finding, path)
    if app.config.sop_kpi_review_warning:
        for docname, findings in sorted(review_findings(app).items()):
            for finding in findings:
                report(finding, docname)


def setup(app: Sphinx) -> None:
    app.connect("env-updated", read_kpi, priority=450)  # before the views use it
    app.connect("write-started", report_kpi)
