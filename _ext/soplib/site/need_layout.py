"""How a step and a catalog entry read on their page, in the site's language.

A step: "Step 3: <title>", then a line each for who carries it out, what measures it,
the training it needs and the records it fills in, every name a link to its catalog
entry: a compact block an agent on a call can scan. A catalog entry: "Role: <name>",
its fields, how many steps name it, and those steps.

The head is a heading of the page's outline, one level below the section the need is
in and one more per need it is nested in (Procedure h2, its steps h3, their sub-steps
h4), so a screen-reader user goes from step to step with the heading key; the need's
table is marked as layout, so it is not read out as rows and cells.

Drawn by the HTML writer. sphinx-needs draws each need as a table of some twenty
docutils nodes, with its layout functions, in ``doctree-resolved``, which Sphinx runs in
the main process even under ``-j``, and every later transform walks those nodes. Here
each need's node is replaced before sphinx-needs sees it (HTML builders only) by a
``need_block`` that keeps the need's content and says what the writer needs: the need's
id, its heading level and its label. The writer draws the table around the content from
the need's data, in the part of the write that runs in parallel (README, Performance).
"""

from __future__ import annotations

from weakref import WeakKeyDictionary, proxy

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.writers.html5 import HTML5Translator
from sphinx_needs.data import SphinxNeedsData
from sphinx_needs.need_item import NeedItem
from sphinx_needs.nodes import Need

from ..model.i18n import _
from ..model.outline import step_numbers
from ..model.records import sop_records
from ..model.trace import FIELDS, STEP_LINKS, USED_BY, Field
from .library import Library
from .words import name, value_name

#: The deepest heading HTML has.
DEEPEST = 6
#: What closes the meta cell and opens the content cell; and what closes the need.
META_END = (
    '</div>\n</td>\n</tr>\n<tr class="need content row-odd"><td class="need content" colspan="1">'
)
NEED_END = "</td>\n</tr>\n</tbody>\n</table>\n</div>\n</div>\n"
#: The drawing of each page being written, by its writer.
DRAWINGS: WeakKeyDictionary[HTML5Translator, Drawing] = WeakKeyDictionary()


class need_block(nodes.General, nodes.Element):
    """A need, drawn by the HTML writer around its content: ``need_id``, ``level`` (of its
    heading) and ``label`` ('Step 3', 'Role'); when its words are in another language than
    the page's, ``written_in`` and the ``translated_fields`` (site/editions.py). Its first
    child is its ``need_meta``."""


class need_meta(nodes.General, nodes.Element):
    """Lines a page adds under a need's own (a translation behind its source,
    site/editions.py): ``nodes.line`` children."""


def replace_needs(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Replace every need node of an HTML page by a need_block, before sphinx-needs
    draws it; leave out the needs sphinx-needs leaves out (hidden, or another page's)."""
    found = list(doctree.findall(Need))
    if not found or app.builder.format != "html":
        return
    needs = SphinxNeedsData(app.env).get_needs_view()
    record = sop_records(app.env).get(docname)
    numbers = step_numbers(record.steps) if record else {}
    for node in found:  # outer needs first: a sub-step's parent is a need_block by then
        need = needs.get(node["ids"][0])
        if need is None:
            continue
        if need["hide"] or node.get("docname", need["docname"]) != need["docname"]:
            node.parent.remove(node)
            continue
        if need["type"] == "step":
            number = numbers.get(need["id"])
            label = _("Step %(number)s") % {"number": number} if number else name("type", "step")
        else:
            label = name("type", need["type"])
        level = heading_level(node)
        block = need_block(
            "", need_meta(), *node.children, need_id=need["id"], level=level, label=label
        )
        if node.get("written_in"):
            block["written_in"] = node["written_in"]
            block["translated_fields"] = node.get("translated_fields", [])
        node.replace_self(block)


def heading_level(node: nodes.Element) -> int:
    """One below the section the need is in, one more per need it is nested in."""
    depth = 0
    parent = node.parent
    while parent is not None:
        depth += isinstance(parent, nodes.section | need_block)
        parent = parent.parent
    return min(depth + 1, DEEPEST)


class Drawing:
    """The HTML of the needs of the page a writer is writing."""

    def __init__(self, writer: HTML5Translator) -> None:
        # Not the writer itself: DRAWINGS keeps a drawing while its writer lives, and a
        # drawing that held its writer would keep every page written alive to the end.
        self.writer: HTML5Translator = proxy(writer)
        self.lib = Library(writer.builder.app, writer.builder.current_docname)
        record = sop_records(self.lib.env).get(self.lib.page)
        standing = self.lib.standings[self.lib.page] if record else None
        self.standing = standing.label() if standing and not standing.in_force else ""

    @staticmethod
    def of(writer: HTML5Translator) -> Drawing:
        """The drawing of the writer's page, made once per page."""
        if writer not in DRAWINGS:
            DRAWINGS[writer] = Drawing(writer)
        return DRAWINGS[writer]

    def text(self, text: str) -> str:
        return self.writer.encode(text)

    def link(self, need_id: str) -> str:
        """The link to a need, by its title; its id alone when it has no page (a dead
        link, reported by sphinx-needs)."""
        target = self.lib.needs.get(need_id)
        if target is None or not target["docname"]:
            return self.text(need_id)
        uri = self.writer.attval(f"{self.lib.uri(target['docname'])}#{need_id}")
        return f'<a class="reference internal" href="{uri}">{self.text(target["title"])}</a>'

    def line(self, label: str, value: str, classes: str, language: str = "") -> str:
        """A line of the meta cell: its label, and its value (language: its lang attribute)."""
        prefix = self.text(_("%(label)s: ") % {"label": label})
        return f'<div class="line">{prefix}<span class="{classes}"{language}>{value}</span></div>\n'

    def opening(self, node: need_block) -> str:
        """The need's table up to its last meta line."""
        need = self.lib.needs[node["need_id"]]
        need_id, level = self.text(need["id"]), node["level"]
        layout = need["layout"] or "sop_entry"
        kind = "".join(str(need["type"]).split())
        head = (
            f'<h{level} class="line"><span class="needs_type_name"><strong>'
            f"{self.text(node['label'])}</strong></span>: <strong>"
            f'<span class="needs_title"{lang(node, "title")}>{self.text(need["title"])}</span>'
            "</strong> "
            f'<span class="needs-id"><a class="reference internal" href="#{need_id}">'
            f"{need_id}</a></span></h{level}>\n"
        )
        if need["type"] == "step":
            standing = (
                f'<p class="sop-step-standing"><strong>{self.text(self.standing)}</strong></p>\n'
                if self.standing
                else ""
            )
            lines = self.step_lines(need)
        else:
            standing, lines = "", self.entry_lines(need, node)
        return (
            '<div class="need_container docutils container">\n'
            '<div class="pst-scrollable-table-container"><table role="presentation" '
            f'class="need needs_grid_simple needs_layout_{layout} needs_style_none '
            f'needs_type_{kind} table" id="{need_id}">\n<tbody>\n'
            '<tr class="need head row-odd"><td class="need head">'
            f'<div class="needs_head line-block">\n{head}</div>\n</td>\n</tr>\n'
            f'<tr class="need meta row-even"><td class="need meta">{standing}'
            f'<div class="needs_meta line-block">\n{lines}'
        )

    def step_lines(self, need: NeedItem) -> str:
        return "".join(
            self.line(
                name("link", link.name),
                ", ".join(self.link(target) for target in need[link.name]),
                link.name,
            )
            for link in STEP_LINKS
            if need[link.name]
        )

    def field_line(self, field: Field, value: str, node: need_block) -> str:
        """A field of a catalog entry: the author's text, marked with its language if that
        is not the page's; or a token, named in the site's words."""
        language = lang(node, field.name) if field.allowed is None else ""
        return self.line(name("field", field.name), self.text(value_name(value)),
                         f"needs_{field.name}", language)  # fmt: skip

    def entry_lines(self, need: NeedItem, node: need_block) -> str:
        """The entry's fields, and the steps of the SOPs in force that name it."""
        lines = [
            self.field_line(f, str(value), node)
            for f in FIELDS.get(need["type"], [])
            if (value := need.get(f.name))
        ]
        shown = self.lib.in_force_step_ids
        named_by = {
            link.name: [s for s in need[f"{link.name}_back"] if s in shown]
            for link in STEP_LINKS
            if link.target == need["type"]
        }
        if need.get(USED_BY) is not None:
            count = len({s for steps in named_by.values() for s in steps})
            lines.append(self.line(_("Steps"), str(count), f"needs_{USED_BY}"))
        lines += [
            self.line(name("back_link", link), ", ".join(self.link(s) for s in steps), link)
            for link, steps in named_by.items()
            if steps
        ]
        return "".join(lines)


def lang(node: need_block, field: str) -> str:
    """The lang attribute of a need's field shown as written in another language, or ''."""
    if node.get("written_in") and field not in node["translated_fields"]:
        return f' lang="{node["written_in"]}"'
    return ""


def visit_need_block(self: HTML5Translator, node: need_block) -> None:
    self.body.append(Drawing.of(self).opening(node))


def depart_need_block(self: HTML5Translator, node: need_block) -> None:
    self.body.append(NEED_END)


def visit_need_meta(self: HTML5Translator, node: need_meta) -> None:
    pass


def depart_need_meta(self: HTML5Translator, node: need_meta) -> None:
    self.body.append(META_END)


def setup(app: Sphinx) -> None:
    app.add_node(need_block, html=(visit_need_block, depart_need_block))
    app.add_node(need_meta, html=(visit_need_meta, depart_need_meta))
    app.connect("doctree-resolved", replace_needs, priority=450)  # before sphinx-needs (500)
