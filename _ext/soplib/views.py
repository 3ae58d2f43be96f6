"""The views people browse, generated from the SOPs and their trace.

Each view page holds a directive (``{sop-catalog}``, ``{sop-roles}``,
``{sop-training-matrix}``, ``{sop-kpi-catalog}``, ``{sop-traceability}``,
``{sop-review-schedule}``); it is filled in when the page is written, from the needs
of sphinx-needs and the SOP records. A page per role, "Role: <name>", is generated
from the catalog; each SOP page opens with its metadata. The view and role pages are
written again whenever anything they show has changed (:func:`views_shown`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from functools import cached_property
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective
from sphinx_needs.data import SphinxNeedsData

from .freshness import changed
from .library import SopRecord, sop_records
from .outline import step_numbers
from .reviews import review_status, today
from .store import DocumentStore
from .trace import FIELDS, STEP_LINKS

VIEW_PAGES = DocumentStore("sop_view_pages")
ROLE_PAGE = "roles/{}"
Cell = str | nodes.Node | Sequence[nodes.Node]


class sop_view(nodes.General, nodes.Element):
    """Where a view goes on its page, until the page is written."""


class ViewDirective(SphinxDirective):
    """A generated view: ``{sop-catalog}`` and the others of VIEWS."""

    def run(self) -> list[nodes.Node]:
        VIEW_PAGES.of(self.env)[self.env.docname] = True
        return [sop_view(view=self.name)]


class Library:
    """What the views read, and links relative to the page being written."""

    def __init__(self, app: Sphinx, pagename: str) -> None:
        self.app, self.env, self.page = app, app.env, pagename
        self.needs = SphinxNeedsData(self.env).get_needs_view()
        self.uris: dict[str, str] = {}

    @cached_property
    def records(self) -> dict[str, SopRecord]:
        """The SOP pages, in the order of their ids."""
        return dict(sorted(sop_records(self.env).items(),
                           key=lambda item: item[1].meta.get("id", item[0])))

    @cached_property
    def numbers(self) -> dict[str, str]:
        """Every step's number on its page (worked out only for the views that show it)."""
        return {step.id: number for record in self.records.values()
                for step, number in _numbered(record)}

    def of_type(self, kind: str) -> list[dict[str, Any]]:
        return sorted((n for n in self.needs.values() if n["type"] == kind),
                      key=lambda n: n["title"].casefold())

    def steps(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every step of the library with its SOP page, in the SOPs' and pages' order."""
        for docname, record in self.records.items():
            for step in record.steps:
                if step.id in self.needs:
                    yield docname, self.needs[step.id]

    def link(self, text: str, docname: str, anchor: str = "") -> nodes.reference:
        uri = self.uri(docname) + (f"#{anchor}" if anchor else "")
        return nodes.reference("", text, internal=True, refuri=uri)

    def uri(self, docname: str) -> str:
        """The address of a page, relative to the page being written."""
        if docname not in self.uris:
            self.uris[docname] = self.app.builder.get_relative_uri(self.page, docname)
        return self.uris[docname]

    def need(self, need_id: str) -> nodes.Node:
        need = self.needs.get(need_id)
        if need is None:
            return nodes.Text(need_id)
        if need["type"] == "role":
            return self.link(need["title"], ROLE_PAGE.format(need_id))
        return self.link(need["title"], need["docname"], need_id)

    def needs_list(self, ids: Sequence[str]) -> list[nodes.Node]:
        return joined([self.need(need_id) for need_id in ids])

    def step(self, docname: str, step: dict[str, Any]) -> nodes.reference:
        return self.link(f"Step {self.numbers.get(step['id'], '')}: {step['title']}", docname,
                         step["id"])

    def sop(self, docname: str) -> nodes.reference:
        meta = self.records[docname].meta
        return self.link(f"{meta.get('id', docname)} {meta.get('title', '')}".strip(), docname)

    def area(self, docname: str) -> str:
        index = docname.rsplit("/", 1)[0] + "/index"
        title = self.env.titles.get(index)
        return title.astext() if title else docname.split("/")[1]


def _numbered(record: SopRecord) -> list[tuple[Any, str]]:
    numbers = step_numbers(record.steps)
    return [(step, numbers[step.id]) for step in record.steps]


def joined(items: Sequence[nodes.Node], separator: str = ", ") -> list[nodes.Node]:
    together: list[nodes.Node] = []
    for index, item in enumerate(items):
        if index:
            together.append(nodes.Text(separator))
        together.append(item)
    return together


def table(headers: Sequence[str], rows: Sequence[Sequence[Cell]], classes: Sequence[str] = ()) -> nodes.table:
    """A docutils table of the headers and rows; a cell is text or inline nodes."""
    group = nodes.tgroup(cols=len(headers))
    group += [nodes.colspec(colwidth=1) for _ in headers]
    head, body = nodes.thead(), nodes.tbody()
    head += _row(headers)
    body += [_row(cells) for cells in rows]
    group += [head, body]
    return nodes.table("", group, classes=["sop-table", *classes])


def _row(cells: Sequence[Cell]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        paragraph = nodes.paragraph()
        if isinstance(cell, str):
            paragraph += nodes.Text(cell)
        elif isinstance(cell, nodes.Node):
            paragraph += cell
        else:
            paragraph += list(cell)
        row += nodes.entry("", paragraph)
    return row


SORTABLE = ("sop-sortable", "sop-filterable")


def approval(record: SopRecord) -> str:
    """Whether the content is the content last approved (make approve stamps it)."""
    stamp = record.meta.get("approved_fingerprint")
    if stamp is None:
        return "not stamped"
    return "as approved" if stamp == record.fingerprint else "changed since approval"


def catalog_view(lib: Library) -> list[nodes.Node]:
    rows = []
    for docname, record in lib.records.items():
        meta = record.meta
        rows.append([meta.get("id", ""), lib.link(meta.get("title", docname), docname),
                     lib.area(docname), meta.get("format", ""), meta.get("status", ""),
                     meta.get("version", ""), approval(record),
                     lib.need(meta["owner"]) if "owner" in meta else "",
                     str(meta.get("effective", "")), str(meta.get("next_review", ""))])
    return [table(["ID", "Title", "Area", "Format", "Status", "Version", "Approval", "Owner",
                   "Effective", "Next review"], rows, SORTABLE)]


def roles_view(lib: Library) -> list[nodes.Node]:
    steps = link_counts(lib, "responsible")
    rows = [[lib.need(role["id"]), role["description"] or "", str(steps[role["id"]])]
            for role in lib.of_type("role")]
    return [table(["Role", "What the role does", "Steps"], rows, SORTABLE)]


def link_counts(lib: Library, link: str) -> dict[str, int]:
    """How many steps name each catalog entry through a link."""
    counts: dict[str, int] = defaultdict(int)
    for _, step in lib.steps():
        for target in step[link]:
            counts[target] += 1
    return counts


def role_view(lib: Library, role: dict[str, Any]) -> list[nodes.Node]:
    """The page of one role: its steps by SOP, its trainings, records and metrics."""
    mine = [(docname, step) for docname, step in lib.steps() if role["id"] in step["responsible"]]
    section: list[nodes.Node] = [nodes.paragraph(text=role["description"] or "")]
    by_sop: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for docname, step in mine:
        by_sop[docname].append(step)
    section.append(nodes.rubric(text=f"Steps ({len(mine)}, in {len(by_sop)} SOPs)"))
    items = nodes.bullet_list()
    for docname, steps in by_sop.items():
        inner = nodes.bullet_list()
        inner += [nodes.list_item("", nodes.paragraph("", "", lib.step(docname, s))) for s in steps]
        items += nodes.list_item("", nodes.paragraph("", "", lib.sop(docname)), inner)
    section.append(items)
    section.append(nodes.rubric(text="Trainings needed: the onboarding checklist"))
    trainings = _distinct(t for _, step in mine for t in step["training"])
    section.append(table(["Training", "Delivery", "Duration", "Refresh", "Needed for"], [
        [lib.need(t), _field(lib, t, "delivery"), _field(lib, t, "duration"),
         _field(lib, t, "refresh_every"),
         joined([lib.sop(d) for d in _distinct(d for d, s in mine if t in s["training"])])]
        for t in trainings]))
    section.append(nodes.rubric(text="Records kept"))
    section.append(_list_or_none(lib, _distinct(r for _, s in mine for r in s["records"])))
    section.append(nodes.rubric(text="Measured by"))
    section.append(_list_or_none(lib, _distinct(m for _, s in mine for m in s["metrics"])))
    return section


def _list_or_none(lib: Library, ids: list[str]) -> nodes.Node:
    if not ids:
        return nodes.paragraph(text="None.")
    return nodes.paragraph("", "", *lib.needs_list(ids))


def _field(lib: Library, need_id: str, name: str) -> str:
    return str(lib.needs[need_id].get(name) or "") if need_id in lib.needs else ""


def _distinct(ids) -> list[str]:
    return list(dict.fromkeys(ids))


def training_matrix_view(lib: Library) -> list[nodes.Node]:
    roles = lib.of_type("role")
    via: dict[tuple[str, str], list[str]] = defaultdict(list)
    for docname, step in lib.steps():
        for training in step["training"]:
            for role in step["responsible"]:
                if docname not in via[training, role]:
                    via[training, role].append(docname)
    rows = []
    for training in lib.of_type("training"):
        cells: list[Cell] = [lib.need(training["id"]), training["delivery"] or "",
                             training["duration"] or "", training["refresh_every"] or ""]
        for role in roles:
            sops = via.get((training["id"], role["id"]), [])
            cells.append(joined([lib.link(lib.records[d].meta.get("id", d), d) for d in sops])
                         if sops else "")
        rows.append(cells)
    return [nodes.paragraph(text="A cell names the SOPs whose steps require the training of "
                                 "the role; an empty cell means the role does not need it."),
            table(["Training", "Delivery", "Duration", "Refresh", *(r["title"] for r in roles)],
                  rows, ["sop-matrix", "sop-filterable"])]


def kpi_catalog_view(lib: Library) -> list[nodes.Node]:
    measured: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    for docname, step in lib.steps():
        for metric in step["metrics"]:
            measured[metric].append((docname, step))
    rows = []
    for metric in lib.of_type("metric"):
        steps = measured.get(metric["id"], [])
        items = nodes.bullet_list()
        items += [nodes.list_item("", nodes.paragraph("", "", lib.sop(d), nodes.Text(": "),
                                                       lib.step(d, s))) for d, s in steps]
        target = nodes.target("", "", ids=[f"kpi-{metric['id']}"])
        rows.append([[target, lib.need(metric["id"])], metric["definition"] or "",
                     metric["unit"] or "", metric["target"] or "", metric["source"] or "",
                     [items]])
    return [table(["Metric", "Definition", "Unit", "Target", "Source", "Steps it measures"],
                  rows, ["sop-filterable"])]


def traceability_view(lib: Library) -> list[nodes.Node]:
    steps = list(lib.steps())
    traced = [s for _, s in steps if s["responsible"] and s["metrics"] and s["training"]]
    coverage = [f"Steps fully traced: {len(traced)} of {len(steps)}."]
    for kind, link in (("role", "responsible"), ("metric", "metrics"), ("training", "training"),
                       ("record", "records")):
        used = link_counts(lib, link)
        entries = lib.of_type(kind)
        coverage.append(f"{kind.capitalize()}s used: "
                        f"{sum(1 for e in entries if used[e['id']])} of {len(entries)}.")
    rows = [[lib.sop(d), lib.step(d, s), lib.needs_list(s["responsible"]),
             lib.needs_list(s["metrics"]), lib.needs_list(s["training"]),
             lib.needs_list(s["records"])] for d, s in steps]
    return [nodes.paragraph(text=" ".join(coverage), classes=["sop-coverage"]),
            table(["SOP", "Step", "Who", "Measured by", "Training", "Records"], rows,
                  ["sop-filterable"])]


def review_schedule_view(lib: Library) -> list[nodes.Node]:
    day = today(lib.app.config)
    dated = [(record.meta["next_review"], docname) for docname, record in lib.records.items()
             if "next_review" in record.meta]
    rows = []
    for due, docname in sorted(dated):
        meta = lib.records[docname].meta
        rows.append([str(due), lib.sop(docname), lib.need(meta["owner"]) if "owner" in meta
                     else "", str(meta.get("effective", "")), review_status(due, day)])
    return [nodes.paragraph(text=f"As of {day.isoformat()}."),
            table(["Next review", "SOP", "Owner", "Effective", "Status"], rows,
                  ["sop-filterable", "sop-reviews"])]


VIEWS: dict[str, Callable[[Library], list[nodes.Node]]] = {
    "sop-catalog": catalog_view,
    "sop-roles": roles_view,
    "sop-training-matrix": training_matrix_view,
    "sop-kpi-catalog": kpi_catalog_view,
    "sop-traceability": traceability_view,
    "sop-review-schedule": review_schedule_view,
}


def fill_views(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    placeholders = list(doctree.findall(sop_view))
    if placeholders:
        app.sop_views_written = True
        lib = Library(app, docname)
        for node in placeholders:
            node.replace_self(VIEWS[node["view"]](lib))


def metadata_header(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Open an SOP page with its status, version, owner, approver and dates."""
    record = sop_records(app.env).get(docname)
    title = doctree.next_node(nodes.section)
    if record is None or title is None:
        return
    lib, meta = Library(app, docname), record.meta
    facts: list[tuple[str, Cell]] = [
        ("ID", meta.get("id", "")), ("Status", meta.get("status", "")),
        ("Version", meta.get("version", "")), ("Approval", approval(record)),
        ("Owner", lib.need(meta["owner"]) if "owner" in meta else ""),
        ("Approver", lib.need(meta["approver"]) if "approver" in meta else ""),
        ("Effective", str(meta.get("effective", ""))),
        ("Next review", str(meta.get("next_review", ""))),
    ]
    header = nodes.container(classes=["sop-meta"])
    for label, value in facts:
        item = nodes.inline(classes=["sop-meta-item"])
        item += nodes.strong(text=f"{label}: ")
        item += value if isinstance(value, nodes.Node) else nodes.Text(str(value))
        header += item
    title.insert(1, header)


def role_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """A page "Role: <name>" for every role of the catalog."""
    if app.builder.format != "html" or not app.sop_views_written:
        return  # the role pages written before are up to date
    for role in Library(app, "index").of_type("role"):
        page = ROLE_PAGE.format(role["id"])
        body = nodes.container()
        body += role_view(Library(app, page), role)
        html = app.builder.render_partial(body)["fragment"]
        yield page, {"title": f"Role: {role['title']}",
                     "body": f"<h1>Role: {role['title']}</h1>\n{html}"}, "page.html"


def views_shown(app: Sphinx, env: BuildEnvironment) -> list[Any]:
    """All the views show: the SOPs' front matter, approval and step numbers; every
    need's title, page, links and catalog fields; the areas' titles; the date reviews
    are counted from. Worked out from what was read, before the write."""
    shown: list[Any] = [today(app.config).isoformat()]
    shown += [(docname, title.astext()) for docname, title in sorted(env.titles.items())
              if docname.endswith("/index")]
    for docname, record in sorted(sop_records(env).items()):
        shown.append((docname, sorted(record.meta.items()), approval(record),
                      sorted(step_numbers(record.steps).items())))
    links = [link.name for link in STEP_LINKS]
    for need_id, need in sorted(SphinxNeedsData(env).get_needs_mutable().items()):
        names = links if need["type"] == "step" else [f.name for f in FIELDS.get(need["type"], [])]
        shown.append((need_id, need["type"], need["title"], need["docname"],
                      [need[name] for name in names]))
    return shown


def rewrite_views(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The view pages, to write again if anything they show has changed since they were
    written (Sphinx also writes them, like any page, when the templates or settings change;
    the role pages are written whenever the view pages are)."""
    app.sop_views_written = False
    return list(VIEW_PAGES.of(env)) if changed(app, "views", views_shown(app, env)) else []


def setup(app: Sphinx) -> None:
    app.sop_views_written = True  # until a build finds the views up to date
    app.add_node(sop_view)
    for name in VIEWS:
        app.add_directive(name, ViewDirective)
    VIEW_PAGES.setup(app)
    app.connect("doctree-resolved", fill_views)
    app.connect("doctree-resolved", metadata_header)
    app.connect("html-collect-pages", role_pages)
    app.connect("env-get-updated", rewrite_views)
