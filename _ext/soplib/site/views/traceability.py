"""The traceability matrix, in two levels so that no page grows with the whole library:
the view's page gives the coverage of the library and of each area (its SOPs, steps and
the share fully traced), and links to a page per area, "Traceability matrix: <area>",
with every step of the area's SOPs and its roles, metrics, trainings and records.

An area is a folder of SOPs (``sops/<area>/``), titled by its ``index`` page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from babel.numbers import format_percent
from docutils import nodes
from sphinx.environment import BuildEnvironment
from sphinx_needs.need_item import NeedItem

from ...model.i18n import _
from ..blocks import Cell, table
from ..library import Library
from ..words import name

#: The generated traceability page of an area, by the area's folder below the SOPs' root.
AREA_PAGE = "traceability/{}"
LINKS = ("responsible", "metrics", "training", "records")


@dataclass
class Area:
    """A folder of SOPs: its title, and its steps with their SOP pages."""

    folder: str
    title: str
    sops: list[str] = field(default_factory=list)
    steps: list[tuple[str, NeedItem]] = field(default_factory=list)

    @property
    def page(self) -> str:
        return AREA_PAGE.format(self.folder.partition("/")[2] or self.folder)

    @property
    def traced(self) -> int:
        """How many of its steps are fully traced."""
        return sum(1 for _doc, step in self.steps if fully_traced(step))


def areas(lib: Library) -> list[Area]:
    """The areas of the library, in the order of the site's navigation."""
    found: dict[str, Area] = {}
    for docname in lib.in_force:
        folder = docname.rpartition("/")[0]
        if folder not in found:
            found[folder] = Area(folder, lib.area(docname))
        found[folder].sops.append(docname)
    for docname, step in lib.steps():
        found[docname.rpartition("/")[0]].steps.append((docname, step))
    order = {docname: place for place, docname in enumerate(reading_order(lib.env))}
    return sorted(found.values(), key=lambda area: order.get(f"{area.folder}/index", len(order)))


def reading_order(env: BuildEnvironment) -> list[str]:
    """The pages in the order the site's navigation gives them, from the landing page."""
    order: list[str] = []
    seen: set[str] = set()
    stack = [env.config.root_doc]
    while stack:
        docname = stack.pop()
        if docname not in seen:
            seen.add(docname)
            order.append(docname)
            stack.extend(reversed(env.toctree_includes.get(docname, [])))
    return order


def fully_traced(step: NeedItem) -> bool:
    """Whether a step names its roles, metrics and trainings."""
    return bool(step["responsible"] and step["metrics"] and step["training"])


def traced_figure(traced: int, count: int) -> str:
    return _("Steps fully traced: %(used)d of %(count)d.") % {"used": traced, "count": count}


def coverage(lib: Library, library_areas: list[Area]) -> str:
    """How many steps are fully traced, and how many entries of each catalog are used."""
    figures = [
        traced_figure(
            sum(a.traced for a in library_areas), sum(len(a.steps) for a in library_areas)
        )
    ]
    for message, kind, link in (
        (_("Roles used: %(used)d of %(count)d."), "role", "responsible"),
        (_("Metrics used: %(used)d of %(count)d."), "metric", "metrics"),
        (_("Trainings used: %(used)d of %(count)d."), "training", "training"),
        (_("Records used: %(used)d of %(count)d."), "record", "records"),
    ):
        counts, entries = lib.link_counts(link), lib.of_type(kind)
        used = sum(1 for entry in entries if counts[entry["id"]])
        figures.append(message % {"used": used, "count": len(entries)})
    return " ".join(figures)


def traceability_view(lib: Library) -> list[nodes.Node]:
    """The coverage of the library, and a row per area linking to the area's page."""
    locale = (lib.app.config.language or "en").replace("-", "_")
    library_areas = areas(lib)
    rows: list[list[Cell]] = [
        [
            lib.link(area.title, area.page),
            str(len(area.sops)),
            str(len(area.steps)),
            str(area.traced),
            format_percent(area.traced / len(area.steps) if area.steps else 1, locale=locale),
        ]
        for area in library_areas
    ]
    headers = [_("Area"), _("SOPs"), _("Steps"), _("Fully traced"), _("Share")]
    return [
        nodes.paragraph(text=coverage(lib, library_areas), classes=["sop-coverage"]),
        table(headers, rows, ["sop-trace-areas"]),
    ]


def area_traceability_view(lib: Library, area: Area, summary: str) -> list[nodes.Node]:
    """The page of an area: every step of its SOPs with its roles, metrics, trainings
    and records, under the area's coverage and a link back to the library's."""
    back = nodes.paragraph("", _("Coverage across the library:") + " ")
    back += lib.link(lib.env.titles[summary].astext(), summary)
    rows: list[list[Cell]] = [
        [lib.sop(d), lib.step(d, s), *(lib.needs_list(s[link]) for link in LINKS)]
        for d, s in area.steps
    ]
    headers = [_("SOP"), _("Step"), *(name("link", link) for link in LINKS)]
    return [
        back,
        nodes.paragraph(text=traced_figure(area.traced, len(area.steps)), classes=["sop-coverage"]),
        table(headers, rows, ["sop-filterable"]),
    ]
