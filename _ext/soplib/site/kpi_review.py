"""Reviews that follow the numbers, on the site: under the header of each SOP whose
metrics missed their targets ``sop_kpi_review_periods`` months in a row (the SOPs in
force, :mod:`soplib.checks.kpi`), a note "Review triggered by First-contact resolution: 3
periods below target", the metric named as readers know it, with the months, the latest
figure and the target. The review schedule, the SOP catalog and the landing page
(``{sop-kpi-alerts}``) say it with the same words.

The SOP pages are written again when the reviews change; the view pages when the
figures do (:func:`kpi_shown`, part of what the views show).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..checks.kpi import kpi_data
from ..model.i18n import _
from ..model.kpi import Trigger
from ..model.records import sop_records
from .change_note import is_header
from .freshness import changed
from .kpi_text import Numbers, missed_name, sample_note
from .library import Library
from .recent_changes import filled


def review_sentence(lib: Library, trigger: Trigger, detail: bool = False) -> list[nodes.Node]:
    """'Review triggered by First-contact resolution: 3 periods below target', the
    metric's name a link to its entry; with detail, the months, the latest figure and the
    target after it."""
    said = filled(
        _("Review triggered by %(metric)s: %(missed)s"),
        metric=lib.need(trigger.metric),
        missed=missed_name(trigger),
    )
    if not detail:
        return said
    numbers, unit = Numbers(lib.app), lib.field(trigger.metric, "unit")
    said_of = {
        "first": numbers.period(trigger.first),
        "last": numbers.period(trigger.last),
        "latest": numbers.value(trigger.missed[-1].value, unit),
        "target": numbers.threshold(trigger.threshold, unit),
    }
    months = (
        _("%(first)s to %(last)s; latest %(latest)s, target %(target)s")
        if trigger.periods > 1
        else _("%(last)s; latest %(latest)s, target %(target)s")
    ) % said_of
    return [*said, nodes.Text(f" ({months})")]


def add_review_note(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Say under an SOP page's header which of its metrics call for its review."""
    triggers = kpi_data(app).reviews.get(docname)
    page = doctree.next_node(nodes.section)
    if not triggers or page is None:
        return
    lib = Library(app, docname)
    note = nodes.container(classes=["sop-kpi-review"])
    note += [nodes.paragraph("", "", *review_sentence(lib, t, detail=True)) for t in triggers]
    note += sample_note(app)
    headers = [node for node in page.children if is_header(node)]
    page.insert(page.index(headers[0]) + 1 if headers else 1, note)


def kpi_shown(app: Sphinx) -> list[Any]:
    """What the views show of the figures: every figure, each threshold, the reviews."""
    data = kpi_data(app)
    return [
        app.config.sop_kpi_sample,
        [(f.period, f.metric, f.value, f.team, f.site) for f in data.figures],
        sorted((metric, t.text) for metric, t in data.thresholds.items()),
        reviews_shown(app),
    ]


def reviews_shown(app: Sphinx) -> list[Any]:
    """What the SOP pages show of the reviews triggered."""
    return [
        (docname, [(t.metric, t.periods, t.first, [f.value for f in t.missed]) for t in found])
        for docname, found in sorted(kpi_data(app).reviews.items())
    ]


def pages_with_reviews(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The SOP pages, to write again when the reviews their notes tell of are others."""
    shown = [app.config.sop_kpi_sample, reviews_shown(app)]
    return list(sop_records(env)) if changed(app, "kpi reviews", shown) else []


def setup(app: Sphinx) -> None:
    app.add_css_file("soplib-kpi.css")
    app.connect("doctree-resolved", add_review_note, priority=600)  # after the header
    app.connect("env-get-updated", pages_with_reviews)
