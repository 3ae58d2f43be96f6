"""The views people browse, generated from the SOPs and their trace: one module per view,
each a function from the :class:`~soplib.site.library.Library` to the nodes of its page.

A view page holds a directive (``{sop-catalog}`` and the others of :data:`VIEWS`),
filled in by the HTML writer as the page is written (so in parallel under ``-j``; the
search index leaves the views out, as they repeat what the SOPs say). A page per role,
"Role: <name>", is generated from the catalog, with its "What's new: <name>", and a page
per area, "Traceability matrix: <area>", with the traceability matrix, and a page per
SOP, "QA scorecard: <SOP>", with its files, whenever the scorecard changes
(:func:`generated_pages`). The view pages, and
these pages with them, are written again whenever anything they show has changed
(:func:`views_shown`). A new view: a module here, an entry in :data:`VIEWS`, and a page
in ``views/`` that holds its directive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective
from sphinx.writers.html5 import HTML5Translator
from sphinx_needs.data import SphinxNeedsData
from sphinx_needs.need_item import NeedItem

from ...model.dates import today
from ...model.i18n import _
from ...model.outline import step_numbers
from ...model.records import sop_records
from ...model.store import DocumentStore, Slot
from ...model.trace import FIELDS, STEP_LINKS
from ...model.translations import translation_status
from ..freshness import changed
from ..kpi_review import kpi_shown
from ..library import ROLE_PAGE, Library, approval
from ..pages import Page, PageMaker, write_pages
from ..recent_changes import ROLE_WHATS_NEW, recent_shown
from .catalog import catalog_view
from .kpi_alerts import kpi_alerts_view
from .kpi_catalog import kpi_catalog_view
from .review_schedule import review_schedule_view
from .roles import role_view, roles_view
from .scorecards import link_scorecard, scorecard_pages, scorecards_view
from .traceability import Area, area_traceability_view, areas, reading_order, traceability_view
from .training_matrix import training_matrix_view
from .translations import translation_status_view
from .whats_new import role_whats_new_view, whats_new_title, whats_new_view

VIEWS: dict[str, Callable[[Library], list[nodes.Node]]] = {
    "sop-catalog": catalog_view,
    "sop-roles": roles_view,
    "sop-training-matrix": training_matrix_view,
    "sop-kpi-catalog": kpi_catalog_view,
    "sop-kpi-alerts": kpi_alerts_view,
    "sop-traceability": traceability_view,
    "sop-review-schedule": review_schedule_view,
    "sop-translation-status": translation_status_view,
    "sop-whats-new": whats_new_view,
    "sop-scorecards": scorecards_view,
}

VIEW_PAGES: DocumentStore[bool] = DocumentStore("sop_view_pages")
#: Whether this build writes the view pages, and so the role pages with them.
WRITTEN: Slot[bool] = Slot("sop_views_written", lambda: True)
#: The page each view was written on in this build, by the view's directive.
FILLED: Slot[dict[str, str]] = Slot("sop_views_filled", dict)


class sop_view(nodes.General, nodes.Element):
    """Where a view goes on its page: made by the HTML writer, in the part of the write
    ``-j`` runs in parallel (by :func:`fill_views` for other builders)."""


class ViewDirective(SphinxDirective):
    """A generated view: ``{sop-catalog}`` and the others of VIEWS."""

    def run(self) -> list[nodes.Node]:
        VIEW_PAGES.of(self.env)[self.env.docname] = True
        return [sop_view(view=self.name)]


def fill_views(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Note the views a page shows; fill them in now for a builder other than HTML."""
    for node in list(doctree.findall(sop_view)):
        WRITTEN.set(app, True)
        FILLED.of(app)[node["view"]] = docname
        if app.builder.format != "html":
            node.replace_self(VIEWS[node["view"]](Library(app, docname)))


def visit_view(self: HTML5Translator, node: sop_view) -> None:
    """The view, made now and written as the node's children."""
    node[:] = VIEWS[node["view"]](Library(self.builder.app, self.builder.current_docname))


def depart_view(self: HTML5Translator, node: sop_view) -> None:
    """Nothing around the view."""


def generated_pages(app: Sphinx) -> Iterator[Page]:
    """The "QA scorecard: <SOP>" pages whose scorecard changed (all, with the view pages);
    a page "Role: <name>" for every role of the catalog, and its "What's new: <name>",
    written with the view pages; a page "Traceability matrix: <area>" for every area,
    written with the traceability matrix, which links to them."""
    if isinstance(app.builder, StandaloneHTMLBuilder):
        yield from write_pages(app, page_makers(app))


def page_makers(app: Sphinx) -> Iterator[tuple[str, PageMaker]]:
    """The generated pages to write, each with what makes it."""
    yield from scorecard_pages(app, every=WRITTEN.of(app))
    if not WRITTEN.of(app):
        return  # the pages written before are up to date
    for role in Library(app, "index").of_type("role"):
        yield ROLE_PAGE.format(role["id"]), partial(role_page, app, role)
        yield ROLE_WHATS_NEW.format(role["id"]), partial(role_whats_new_page, app, role)
    summary = FILLED.of(app).get("sop-traceability")
    if summary is None:
        return  # the area pages written before are up to date
    for area in areas(Library(app, summary)):
        yield area.page, partial(area_page, app, area, summary)


def role_page(app: Sphinx, role: NeedItem) -> tuple[str, list[nodes.Node]]:
    title = _("Role: %(name)s") % {"name": role["title"]}
    return title, role_view(Library(app, ROLE_PAGE.format(role["id"])), role)


def role_whats_new_page(app: Sphinx, role: NeedItem) -> tuple[str, list[nodes.Node]]:
    lib = Library(app, ROLE_WHATS_NEW.format(role["id"]))
    return whats_new_title(role), role_whats_new_view(lib, role)


def area_page(app: Sphinx, area: Area, summary: str) -> tuple[str, list[nodes.Node]]:
    title = _("Traceability matrix: %(area)s") % {"area": area.title}
    return title, area_traceability_view(Library(app, area.page), area, summary)


def views_shown(app: Sphinx, env: BuildEnvironment) -> list[Any]:
    """All the views show: the SOPs' front matter, titles, approval and step numbers;
    every need's title, page, links and fields; the areas' titles and order; the
    date reviews are counted from; the state of each translation; the commits What's new
    shows; the KPI figures and the reviews they trigger. Worked out from what was read,
    before the write."""
    shown: list[Any] = [today(app.config).isoformat(), recent_shown(app), kpi_shown(app)]
    records = sop_records(env)
    shown += [
        (docname, title.astext())
        for docname, title in sorted(env.titles.items())
        if docname.endswith("/index") or docname in records
    ]
    shown.append([docname for docname in reading_order(env) if docname.endswith("/index")])
    for docname, record in sorted(records.items()):
        shown.append(
            (
                docname,
                sorted(record.meta.items()),
                approval(record),
                sorted(step_numbers(record.steps).items()),
            )
        )
    links = [link.name for link in STEP_LINKS]
    for need_id, need in sorted(SphinxNeedsData(env).get_needs_mutable().items()):
        names = [*(links if need["type"] == "step" else []),
                 *(f.name for f in FIELDS.get(need["type"], []))]  # fmt: skip
        shown.append(
            (need_id, need["type"], need["title"], need["docname"], [need[name] for name in names])
        )
    shown += [
        (language, docname, s.exists, s.draft, s.translated, s.total, s.behind)
        for language, pages in sorted(translation_status(app).items())
        for docname, s in sorted(pages.items())
    ]
    return shown


def rewrite_views(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The view pages, to write again if anything they show has changed since they were
    written (Sphinx also writes them, like any page, when the templates or settings change;
    the role pages are written whenever the view pages are)."""
    WRITTEN.set(app, False)
    FILLED.set(app, {})
    return list(VIEW_PAGES.of(env)) if changed(app, "views", views_shown(app, env)) else []


def setup(app: Sphinx) -> None:
    WRITTEN.set(app, True)  # until a build finds the views up to date
    app.add_node(sop_view, html=(visit_view, depart_view))
    for name in VIEWS:
        app.add_directive(name, ViewDirective)
    VIEW_PAGES.setup(app)
    app.connect("doctree-resolved", fill_views)
    app.connect("doctree-resolved", link_scorecard, priority=510)  # after the SOP's header
    app.connect("html-collect-pages", generated_pages)
    app.connect("env-get-updated", rewrite_views)
