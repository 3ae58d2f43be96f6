"""The header of each SOP page: under the title, a notice when the SOP is not in force
(:mod:`soplib.model.in_force`), then its id, status, version, approval, owner, approver,
effective date and next review; and what its printed copy adds, hidden on screen: the
texts of the running header and footer, a watermark when the SOP is not in force, and a
table of contents (``soplib-print.css`` and ``soplib-print.js``).
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator

from ..model.i18n import N_, _
from ..model.in_force import FUTURE, Standing
from ..model.outline import step_numbers
from ..model.records import SopRecord, sop_records
from .blocks import Cell
from .history import HEADING as HISTORY_HEADING
from .history import HISTORY_ID
from .library import Library, approval
from .need_layout import need_block
from .words import name

#: Across every printed sheet of an SOP approved for a later date.
NOT_YET = N_("Not in force yet")


class print_only(nodes.General, nodes.Element):
    """A block only paper shows, with ``data`` for the print script as data- attributes."""


def metadata_header(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Open an SOP page with its status, version, owner, approver and dates; on an HTML
    page, followed by what its printed copy adds."""
    record = sop_records(app.env).get(docname)
    title = doctree.next_node(nodes.section)
    if record is None or title is None:
        return
    lib, meta = Library(app, docname), record.meta
    standing = lib.standings[docname]
    facts: list[tuple[str, Cell]] = [
        (_("ID"), meta.get("id", "")),
        (_("Status"), name("status", meta.get("status", ""))),
        (_("Version"), meta.get("version", "")),
        (_("Approval"), approval(record)),
        (_("Owner"), lib.need(meta["owner"]) if "owner" in meta else ""),
        (_("Approver"), lib.need(meta["approver"]) if "approver" in meta else ""),
        (_("Effective"), str(meta.get("effective", ""))),
        (_("Next review"), str(meta.get("next_review", ""))),
    ]
    header = nodes.container(classes=["sop-meta"])
    for label, value in facts:
        item = nodes.inline(classes=["sop-meta-item"])
        item += nodes.strong(text=labelled(label, ""))
        item += value if isinstance(value, nodes.Node) else nodes.Text(str(value))
        header += item
    title.insert(1, header)
    if not standing.in_force:
        title.insert(1, notice(standing))
    if app.builder.format == "html":
        title.insert(title.index(header) + 1, printed_copy(lib, record, standing, title))


def notice(standing: Standing) -> nodes.container:
    """What an SOP not in force says first: "Draft: not in force", and the like."""
    text = nodes.paragraph("", "", nodes.strong(text=standing.label()))
    return nodes.container("", text, classes=["sop-standing", f"sop-standing-{standing.state}"])


def labelled(label: str, value: str) -> str:
    """'Version: 1.2.0', in the site's language."""
    return _("%(label)s: ") % {"label": label} + value


def printed_copy(
    lib: Library, record: SopRecord, standing: Standing, page: nodes.section
) -> print_only:
    """What paper adds to an SOP: which SOP, version and status each sheet is (running
    header), the status across every sheet of an SOP not in force, and the contents."""
    meta = record.meta
    status = str(meta.get("status", ""))
    state = [
        labelled(_("Version"), str(meta.get("version", ""))),
        labelled(_("Status"), name("status", status)),
        labelled(_("Effective"), str(meta.get("effective", ""))),
    ]
    running = {
        "running-sop": f"{meta.get('id', '')} {lib.title(lib.page)}".strip(),
        "running-state": " · ".join(state),
    }
    sheet = print_only(classes=["sop-print"], data=running)
    if not standing.in_force:
        mark = _(NOT_YET) if standing.state == FUTURE else name("status", status)
        sheet += nodes.paragraph(text=mark, classes=["sop-watermark"])
    sheet += contents(lib, record, page)
    return sheet


def contents(lib: Library, record: SopRecord, page: nodes.section) -> nodes.container:
    """The sections of the page, their stages and steps, and the revision history: links."""
    numbers = step_numbers(record.steps)
    steps_in: dict[int, list[str]] = {}  # id(section) -> its step ids, in the page's order
    for node in page.findall(nodes.target):  # each step's anchor, where the step is
        for step_id in node["ids"]:
            if step_id in numbers:
                steps_in.setdefault(id(enclosing_section(node)), []).append(step_id)

    written = {  # the steps whose title is shown in another language than the page's
        block["need_id"]: block["written_in"]
        for block in page.findall(need_block)
        if block.get("written_in") and "title" not in block["translated_fields"]
    }

    def entry(
        text: str | list[nodes.Node], anchor: str, section: nodes.section | None = None
    ) -> nodes.list_item:
        words = [nodes.Text(text)] if isinstance(text, str) else text
        uri = f"{lib.uri(lib.page)}#{anchor}"
        link = nodes.reference("", "", *words, internal=True, refuri=uri)
        classes = languages(section[0]) if section is not None else []
        item = nodes.list_item("", nodes.paragraph("", "", link, classes=classes))
        inner = nodes.bullet_list()
        for stage in subsections(section) if section is not None else []:
            inner += entry(stage[0].astext(), stage["ids"][0], stage)
        for step_id in steps_in.get(id(section), []) if section is not None else []:
            title = lib.needs[step_id]["title"] if step_id in lib.needs else step_id
            label = _("Step %(number)s: %(title)s") % {"number": numbers[step_id], "title": "\0"}
            before, _mark, after = label.partition("\0")
            marked = [f"language-{written[step_id]}"] if step_id in written else []
            inner += entry([nodes.Text(before), nodes.inline(text=title, classes=marked),
                            nodes.Text(after)], step_id)  # fmt: skip
        if inner.children:
            item += inner
        return item

    toc = nodes.bullet_list()
    toc += [entry(section[0].astext(), section["ids"][0], section) for section in subsections(page)]
    toc += entry(_(HISTORY_HEADING), HISTORY_ID)
    return nodes.container("", nodes.rubric(text=_("Contents")), toc, classes=["sop-print-toc"])


def languages(title: nodes.Node) -> list[str]:
    """The language class of a heading shown in another language than the page's."""
    classes: list[str] = title.get("classes", []) if isinstance(title, nodes.Element) else []
    return [name for name in classes if name.startswith("language-")]


def subsections(section: nodes.section) -> list[nodes.section]:
    return [child for child in section.children if isinstance(child, nodes.section)]


def enclosing_section(node: nodes.Node) -> nodes.section | None:
    parent = node.parent
    while parent is not None and not isinstance(parent, nodes.section):
        parent = parent.parent
    return parent


def visit_print_only(self: HTML5Translator, node: print_only) -> None:
    data = {f"data-{key}": value for key, value in node["data"].items()}
    self.body.append(self.starttag(node, "div", hidden="hidden", **data))


def depart_print_only(self: HTML5Translator, node: print_only) -> None:
    self.body.append("</div>\n")


def setup(app: Sphinx) -> None:
    app.add_node(print_only, html=(visit_print_only, depart_print_only))
    app.connect("doctree-resolved", metadata_header)
