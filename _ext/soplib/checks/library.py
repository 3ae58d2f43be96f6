"""The checks across the library, and the report of every problem found.

What each page's read found is kept per document (:mod:`soplib.model.records`), so it
is reported again at the start of every write, with the checks that need every page:
duplicate ids, unknown roles, overdue reviews, steps outside an SOP, flowcharts against
their steps, diagrams Mermaid cannot read. So every build, incremental or not, serial
or parallel, reports every problem of the library.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx_needs.data import SphinxNeedsData

from ..diagrams.collect import parsed_diagrams
from ..model.dates import days_overdue, today
from ..model.i18n import say
from ..model.problems import Finding, Problem, report, report_in_file
from ..model.records import SopRecord, sop_records
from ..model.trace import NEEDS_PREFIX
from .diagram_syntax import syntax_findings, unavailable_finding
from .flowcharts import check_flowcharts
from .needs_messages import Trace, closest, did_you_mean
from .raw_html import raw_html_findings
from .translations import lag_findings


def did_you_mean_role(written: str, env: BuildEnvironment) -> str:
    """The fix for an owner or approver that is no role: the closest roles' ids."""
    trace = Trace(env, None)
    hint = did_you_mean(closest(written, trace.ids_of("role"), NEEDS_PREFIX["role"]))
    if hint:
        return say(
            "%(hint)s If it is a new role, add it to %(catalog)s",
            hint=hint,
            catalog=trace.catalog_of("role"),
        )
    return say("use the id of a role defined with ```{role}, or add the role")


def check_library(env: BuildEnvironment) -> dict[str, list[Finding]]:
    """The findings that need every page: duplicate SOP ids, unknown roles, stray steps."""
    records = sop_records(env)
    needs = SphinxNeedsData(env).get_needs_view()
    found: dict[str, list[Finding]] = {}
    first_with_id: dict[str, str] = {}
    for docname in sorted(records):
        record = records[docname]
        sop_id = record.meta.get("id")
        if sop_id and sop_id in first_with_id:
            other = env.doc2path(first_with_id[sop_id], base=False)
            found.setdefault(docname, []).append(
                Finding(
                    record.lines["id"],
                    Problem.DUPLICATE_ID,
                    say(
                        "SOP id %(sop)s is already used by %(other)s: give this SOP a new id",
                        sop=sop_id,
                        other=other,
                    ),
                )
            )
        elif sop_id:
            first_with_id[sop_id] = docname
        for key in ("owner", "approver"):
            role = record.meta.get(key)
            if role and (role not in needs or needs[role]["type"] != "role"):
                found.setdefault(docname, []).append(
                    Finding(
                        record.lines[key],
                        Problem.UNKNOWN_ROLE,
                        # Translators: field is owner or approver; fix says what to do.
                        say(
                            "%(field)s %(role)s is not a role of the catalog: %(fix)s",
                            field=key,
                            role=role,
                            fix=did_you_mean_role(role, env),
                        ),
                    )
                )
    add_overdue_reviews(env, records, found)
    for need_id, need in needs.items():
        need_docname = need["docname"]
        if need["type"] == "step" and need_docname and need_docname not in records:
            found.setdefault(need_docname, []).append(
                Finding(
                    need["lineno"] or 1,
                    Problem.STEP_OUTSIDE_SOP,
                    say(
                        "step %(step)s is in a page that is not an SOP: move it into the "
                        "Procedure section of an SOP",
                        step=need_id,
                    ),
                )
            )
    return found


def check_flowcharts_of(
    env: BuildEnvironment, parsed: dict[str, dict[str, Any]]
) -> dict[str, list[Finding]]:
    """The flowchart SOPs' charts against their steps (charts Mermaid could read)."""
    found: dict[str, list[Finding]] = {}
    for docname, record in sop_records(env).items():
        charts = [
            (d, parsed[d.key])
            for d in record.flowcharts
            if d.key in parsed and "error" not in parsed[d.key]
        ]
        if charts:
            found[docname] = list(
                check_flowcharts(charts, record.steps, record.meta.get("id", docname))
            )
    return found


def add_overdue_reviews(
    env: BuildEnvironment, records: dict[str, SopRecord], found: dict[str, list[Finding]]
) -> None:
    """Add a finding for each approved SOP past its review by more than the grace period
    (a draft or an SOP in review is being reviewed; a retired one is not reviewed again)."""
    day, grace = today(env.config), env.config.sop_review_grace_days
    for docname, record in records.items():
        due = record.meta.get("next_review")
        if (
            due is None
            or days_overdue(due, day) <= grace
            or record.meta.get("status") != "approved"
        ):
            continue
        key = next(k for k in ("next_review", "review_every", "effective") if k in record.lines)
        found.setdefault(docname, []).append(
            Finding(
                record.lines[key],
                Problem.REVIEW_OVERDUE,
                say(
                    "SOP %(sop)s was due for review on %(due)s (%(days)d days ago, %(grace)d "
                    "allowed): review it and approve it again with a new effective date",
                    sop=record.meta.get("id", docname),
                    due=due,
                    days=days_overdue(due, day),
                    grace=grace,
                ),
            )
        )


def report_findings(app: Sphinx, builder: Builder) -> None:
    """Report every finding of the library, in file and line order."""
    if not app.config.sop_checks:
        return
    env = app.env
    everything = check_library(env)
    if unavailable := unavailable_finding(env):
        report(unavailable, None)
    parsed = parsed_diagrams(env)
    for found in (
        syntax_findings(env, parsed),
        check_flowcharts_of(env, parsed),
        {docname: record.findings for docname, record in sop_records(env).items()},
        raw_html_findings(env),
    ):
        for docname, findings in found.items():
            everything.setdefault(docname, []).extend(findings)
    for docname in sorted(everything):
        for finding in sorted(everything[docname], key=lambda f: (f.line, f.problem.subtype)):
            report(finding, docname)
    for catalog, finding in lag_findings(app):
        report_in_file(finding, Path(app.srcdir) / catalog)


def setup(app: Sphinx) -> None:
    app.connect("write-started", report_findings)
