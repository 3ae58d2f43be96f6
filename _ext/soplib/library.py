"""The library of SOPs kept on the build environment, and the checks over all of it.

Each SOP page is checked when it is read; what is found is kept per document (purged
and merged, so parallel and incremental builds agree) and reported at the start of
every write, with the checks that need every page: so every build, incremental or
not, serial or parallel, reports every problem of the library.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx_needs.data import SphinxNeedsData

from .diagrams import parsed_diagrams, syntax_findings
from .flowcharts import check_flowcharts
from .formats import check_format
from .frontmatter import check_front_matter, fingerprint, is_sop, read_front_matter
from .mermaid import Diagram
from .outline import Outline, Part, Step, build_outline
from .problems import Finding, Problem, report
from .reviews import days_overdue, today
from .settings import SectionSpec
from .store import DocumentStore, source_text
from .structure import check_placeholders, check_sections


@dataclass
class SopRecord:
    """What the library knows of one SOP page."""

    meta: dict[str, Any] = field(default_factory=dict)  # the valid front matter fields
    lines: dict[str, int] = field(default_factory=dict)  # the line of each field
    findings: list[Finding] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)  # in the order of the page
    fingerprint: str = ""  # of the content, as read
    flowcharts: list[Diagram] = field(default_factory=list)  # those of its Procedure


SOPS = DocumentStore("sop_records")


def sop_records(env: BuildEnvironment) -> dict[str, SopRecord]:
    """The SOP pages of the library, by docname."""
    return SOPS.of(env)


def read_sop(app: Sphinx, doctree: nodes.document) -> None:
    """Check an SOP page as it is read, and keep what was found."""
    env = app.env
    docname = env.docname
    if not docname.startswith(app.config.sop_root + "/"):
        return
    text = source_text(env)
    front, findings = read_front_matter(text)
    if not is_sop(front, findings):
        return
    record = SopRecord(lines=front.lines, findings=findings, fingerprint=fingerprint(text))
    sop_records(env)[docname] = record
    if findings:  # the front matter could not be read; the page is not checked further
        return
    record.meta, field_findings = check_front_matter(front, app.config.sop_id_pattern)
    findings.extend(field_findings)
    checks = app.config.sop_checks
    if checks and record.meta.get("status", "draft") != "draft":
        findings.extend(check_placeholders(text.splitlines(), front.last_line,
                                           record.meta.get("id", docname)))
    spec = app.sop_section_spec
    if spec is not None:  # else the section list is unusable, reported as sop.config
        outline = build_outline(doctree, text.splitlines(), front.last_line, step_ids(env))
        if checks:
            findings.extend(check_body(outline, spec, record.meta, docname))
        record.steps = outline.all_steps()
        procedure = procedure_of(outline, spec)
        if procedure is not None and record.meta.get("format") == "flowchart":
            record.flowcharts = procedure.all_diagrams()


def step_ids(env: BuildEnvironment) -> Callable[[str], bool]:
    """Whether a need id, of the needs read so far, is a step."""
    needs = SphinxNeedsData(env).get_needs_mutable()
    return lambda need_id: need_id in needs and needs[need_id]["type"] == "step"


def check_body(
    outline: Outline, spec: SectionSpec, meta: dict[str, Any], docname: str
) -> Iterator[Finding]:
    """The sections of an SOP page, its steps, and its content against its format."""
    sop_id = meta.get("id", docname)
    yield from check_sections(outline, spec, sop_id)
    procedure = procedure_of(outline, spec)
    if procedure is not None and "format" in meta:
        yield from check_format(meta["format"], procedure, sop_id)


def procedure_of(outline: Outline, spec: SectionSpec) -> Part | None:
    """The (first) Procedure section of a page."""
    return next(
        (part for part in outline.sections if spec.canonical(part.title) == spec.procedure),
        None,
    )


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
                Finding(record.lines["id"], Problem.DUPLICATE_ID,
                        f"SOP id {sop_id} is already used by {other}: give this SOP "
                        "a new id")
            )
        elif sop_id:
            first_with_id[sop_id] = docname
        for key in ("owner", "approver"):
            role = record.meta.get(key)
            if role and (role not in needs or needs[role]["type"] != "role"):
                found.setdefault(docname, []).append(
                    Finding(record.lines[key], Problem.UNKNOWN_ROLE,
                            f"{key} {role} is not a role of the catalog: use the id of a "
                            "role defined with ```{role}, or add the role")
                )
    add_overdue_reviews(env, records, found)
    for need_id, need in needs.items():
        docname = need["docname"]
        if need["type"] == "step" and docname and docname not in records:
            found.setdefault(docname, []).append(
                Finding(need["lineno"] or 1, Problem.STEP_OUTSIDE_SOP,
                        f"step {need_id} is in a page that is not an SOP: move it into "
                        "the Procedure section of an SOP")
            )
    return found


def check_flowcharts_of(
    env: BuildEnvironment, parsed: dict[str, dict[str, Any]]
) -> dict[str, list[Finding]]:
    """The flowchart SOPs' charts against their steps (charts Mermaid could read)."""
    found: dict[str, list[Finding]] = {}
    for docname, record in sop_records(env).items():
        charts = [(d, parsed[d.key]) for d in record.flowcharts
                  if d.key in parsed and "error" not in parsed[d.key]]
        if charts:
            found[docname] = list(check_flowcharts(charts, record.steps,
                                                   record.meta.get("id", docname)))
    return found


def add_overdue_reviews(env: BuildEnvironment, records: dict[str, SopRecord],
                  found: dict[str, list[Finding]]) -> None:
    """Add a finding for each SOP past its review by more than the grace period."""
    day, grace = today(env.config), env.config.sop_review_grace_days
    for docname, record in records.items():
        due = record.meta.get("next_review")
        if due is None or days_overdue(due, day) <= grace:
            continue
        key = next(k for k in ("next_review", "review_every", "effective") if k in record.lines)
        found.setdefault(docname, []).append(
            Finding(record.lines[key], Problem.REVIEW_OVERDUE,
                    f"SOP {record.meta.get('id', docname)} was due for review on {due} "
                    f"({days_overdue(due, day)} days ago, {grace} allowed): review it and "
                    "approve it again with a new effective date")
        )


def report_findings(app: Sphinx, builder: Builder) -> None:
    """Report every finding of the library, in file and line order."""
    if not app.config.sop_checks:
        return
    env = app.env
    everything = check_library(env)
    if getattr(env, "sop_mermaid_unavailable", None):
        report(Finding(0, Problem.MERMAID_UNAVAILABLE, env.sop_mermaid_unavailable), None)
    parsed = parsed_diagrams(env)
    for found in (syntax_findings(env, parsed), check_flowcharts_of(env, parsed),
                  {docname: record.findings for docname, record in sop_records(env).items()}):
        for docname, findings in found.items():
            everything.setdefault(docname, []).extend(findings)
    for docname in sorted(everything):
        for finding in sorted(everything[docname], key=lambda f: (f.line, f.problem.subtype)):
            report(finding, docname)


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", read_sop)
    SOPS.setup(app)
    app.connect("write-started", report_findings)
