"""An SOP page, checked as it is read: its front matter, its sections, its steps and its
format. What is found is kept in the page's :class:`~soplib.model.records.SopRecord`
(and reported with the rest of the library by :mod:`.library`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx_needs.data import SphinxNeedsData

from ..model.frontmatter import fingerprint, folded_fingerprint, is_sop, read_front_matter
from ..model.outline import Outline, build_outline, section_texts
from ..model.problems import Finding
from ..model.records import SopRecord, sop_records
from ..model.settings import SectionSpec, sections
from ..model.step_changes import read_steps
from ..model.store import source_text
from .fields import check_front_matter
from .formats import check_format
from .structure import check_placeholders, check_sections


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
        findings.extend(
            check_placeholders(text.splitlines(), front.last_line, record.meta.get("id", docname))
        )
    spec = sections(app)
    if spec is not None:  # else the section list is unusable, reported as sop.config
        outline = build_outline(doctree, text.splitlines(), front.last_line, step_ids(env))
        if checks:
            findings.extend(check_body(outline, spec, record.meta, docname))
        record.steps = outline.all_steps()
        record.step_texts = {step.id: step.text for step in read_steps(text).values()}
        record.sections = {
            title: folded_fingerprint(section)
            for title, section in section_texts(outline, spec, text.splitlines()).items()
        }
        procedure = outline.section(spec, spec.procedure)
        if procedure is not None and record.meta.get("format") == "flowchart":
            record.flowcharts = procedure.all_diagrams()


def step_ids(env: BuildEnvironment) -> Callable[[str], bool]:
    """Whether a need id, of the needs read so far, is a step."""
    needs = SphinxNeedsData(env).get_needs_mutable()
    return lambda need_id: need_id in needs and needs[need_id]["type"] == "step"


def sop_language(meta: dict[str, Any]) -> str | None:
    """The language an SOP declares it is written in (front matter 'language'), if any:
    the section titles it is told to write are in it."""
    language = meta.get("language")
    return language if isinstance(language, str) and language else None


def check_body(
    outline: Outline, spec: SectionSpec, meta: dict[str, Any], docname: str
) -> Iterator[Finding]:
    """The sections of an SOP page, its steps, and its content against its format."""
    sop_id = meta.get("id", docname)
    yield from check_sections(outline, spec, sop_id, sop_language(meta))
    procedure = outline.section(spec, spec.procedure)
    if procedure is not None and "format" in meta:
        yield from check_format(meta["format"], procedure, sop_id)


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", read_sop)
