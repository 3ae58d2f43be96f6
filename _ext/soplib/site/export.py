"""The library as data: after every build, ``library.json`` in the output folder holds
each SOP's metadata and fingerprint, the fingerprints of its sections (by canonical
title) and of its flowcharts, each step's own text (not its sub-steps'), links and QA
scorecard line, and each catalog entry's title and the fields of
:data:`~soplib.model.trace.FIELDS` it gives. The change report
(:mod:`soplib.tools.impact`) compares two of them.

Beside it, an HTML build writes ``needs.json``, sphinx-needs' exchange file, for another
sphinx-needs project to import. A step's content there is its own text: a sub-step is a
need of its own, which names its step (``parent_need``), so that an import creates it once.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx_needs.config import NeedsSphinxConfig
from sphinx_needs.data import SphinxNeedsData
from sphinx_needs.filter_common import filter_needs_view
from sphinx_needs.needsfile import NeedsList
from sphinx_needs.nodes import Need

from ..model.frontmatter import folded_fingerprint
from ..model.records import sop_records
from ..model.scorecard import critical, weight
from ..model.step_changes import own_content
from ..model.trace import FIELDS, STEP_LINKS

EXPORT = "library.json"


def library_data(app: Sphinx) -> dict[str, Any]:
    needs = SphinxNeedsData(app.env).get_needs_view()
    sops, steps = {}, {}
    for docname, record in sorted(sop_records(app.env).items()):
        sop_id = record.meta.get("id", docname)
        sops[sop_id] = {
            "docname": docname,
            "fingerprint": record.fingerprint,
            "meta": {key: str(value) for key, value in record.meta.items()},
            "steps": [step.id for step in record.steps],
            "sections": record.sections,
            "flowcharts": [folded_fingerprint(diagram.code) for diagram in record.flowcharts],
        }
        for step in record.steps:
            need = needs.get(step.id)
            if need is not None:
                steps[step.id] = {
                    "sop": sop_id,
                    "title": need["title"],
                    "text": (
                        record.step_texts[step.id]
                        if step.id in record.step_texts
                        else " ".join(need["content"].split())
                    ),
                    **{link.name: list(need[link.name]) for link in STEP_LINKS},
                    "qa_check": str(need.get("qa_check") or ""),
                    "qa_weight": weight(need),
                    "qa_critical": critical(need),
                }
    catalog = {
        need_id: {
            "type": need["type"],
            "title": need["title"],
            **{f.name: str(need[f.name]) for f in FIELDS.get(need["type"], []) if need.get(f.name)},
        }
        for need_id, need in needs.items()
        if need["type"] != "step"
    }
    return {"sops": sops, "steps": steps, "catalog": catalog}


def own_step_content(app: Sphinx, doctree: nodes.document) -> None:
    """Leave the sub-steps' blocks out of the content of each step of the page read (its
    text on the page is already parsed)."""
    needs = SphinxNeedsData(app.env).get_needs_mutable()
    for node in doctree.findall(Need):
        need = needs.get(node["ids"][0]) if node["ids"] else None
        if need is not None and need["type"] == "step":
            need.set_content(replace(need.content, content=own_content(need["content"])))


def export_library(app: Sphinx, exception: Exception | None) -> None:
    if exception is None:
        path = Path(app.outdir) / EXPORT
        # compact: json's fast (C) encoder does not indent
        path.write_text(json.dumps(library_data(app), sort_keys=True), encoding="utf-8")


def export_needs(app: Sphinx, exception: Exception | None) -> None:
    """needs.json, as sphinx-needs' ``needs`` builder writes it (its ``needs_build_json``
    would make that builder after any build, and Sphinx refuses it after a gettext one)."""
    if exception is None and app.builder.format == "html":
        config = NeedsSphinxConfig(app.config)
        needs = SphinxNeedsData(app.env).get_needs_view()
        needs_list = NeedsList(app.env, app.outdir, app.srcdir)
        for need in filter_needs_view(needs, config, config.builder_filter):
            needs_list.add_need(app.config.version, need)
        needs_list.write_json()


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", own_step_content)
    app.connect("build-finished", export_library)
    app.connect("build-finished", export_needs)
