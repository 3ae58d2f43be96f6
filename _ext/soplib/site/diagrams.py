"""Diagrams on the page, for every reader: each one a figure with an accessible name, a
full-screen button and the diagram in words; Mermaid served from the site as a classic
script, so diagrams render from a web server and from disk (``file://``) alike.

sphinxcontrib-mermaid reads the ```mermaid fences; its page script, an ES module, cannot
load over ``file://`` and needs inline script, so soplib writes the diagram's HTML and
runs Mermaid itself (``static/soplib-diagrams.js``).
"""

from __future__ import annotations

import shutil
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.writers.html5 import HTML5Translator
from sphinxcontrib.mermaid import mermaid

from ..diagrams.collect import parsed_diagrams
from ..diagrams.describe import Box, flowchart_boxes
from ..diagrams.mermaid import BROWSER_BUILD
from ..diagrams.trace_diagram import AFTER_STEP, TRACE_CLASS
from ..model.i18n import _
from ..model.outline import Diagram, step_numbers
from ..model.records import sop_records
from .library import Library
from .words import name

#: Mermaid's browser build that runs as a classic script, and where the site serves it.
MERMAID_SCRIPT = "mermaid.min.js"
MERMAID_STATIC = Path("mermaid")


class diagram_figure(nodes.General, nodes.Element):
    """A diagram with its accessible name (``label``): the mermaid node, then its words."""


class diagram_words(nodes.General, nodes.Element):
    """The diagram in words, folded under a ``summary`` line: made by the HTML writer,
    in the part of the write ``-j`` runs in parallel, from the chart its ``key`` names,
    or from the page's trace when it has none."""


def add_figures(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Put every diagram of an HTML page in a figure with its name and words."""
    if app.builder.format != "html":
        return
    env = app.env
    title = env.titles[docname].astext() if docname in env.titles else ""
    parsed = parsed_diagrams(env)
    for diagram in list(doctree.findall(mermaid)):
        if isinstance(diagram.parent, diagram_figure):
            continue
        summary = _("The diagram in words")
        if TRACE_CLASS in diagram["classes"]:
            label = _("Trace diagram: %(title)s") % {"title": title}
            words: diagram_words | None = diagram_words(summary=summary)
        else:
            key = Diagram(0, diagram["code"]).key
            flowchart = str(parsed.get(key, {}).get("kind", "")).startswith("flowchart")
            label = (_("Flowchart: %(title)s") if flowchart else _("Diagram: %(title)s")) % {
                "title": title
            }
            words = diagram_words(summary=summary, key=key) if flowchart else None
        figure = diagram_figure(label=label, classes=["sop-diagram", *diagram["classes"]])
        diagram.replace_self(figure)
        figure += diagram
        if words is not None:
            figure += words


def flowchart_words(lib: Library, boxes: list[Box]) -> list[nodes.Node]:
    """A flowchart as a numbered list: each box, and where it leads on which answer."""
    items = nodes.enumerated_list(enumtype="arabic")
    labels = {box.number: f"{box.number}. {box.label}" for box in boxes}
    for box in boxes:
        shown = _("Decision: %(question)s") % {"question": box.label} if box.decision else box.label
        text: nodes.Node = nodes.Text(shown)
        if box.id in lib.needs and lib.needs[box.id]["docname"] == lib.page:
            text = lib.link(shown, lib.page, box.id)
        head = nodes.paragraph("", "", text)
        ways = nodes.bullet_list()
        for exit_ in box.exits:
            target = labels[exit_.to]
            way = (
                _("If “%(answer)s”: %(box)s") % {"answer": exit_.answer, "box": target}
                if exit_.answer
                else _("Then: %(box)s") % {"box": target}
            )
            ways += nodes.list_item("", nodes.paragraph(text=way))
        if not box.exits:
            ways += nodes.list_item("", nodes.paragraph(text=_("The procedure ends here.")))
        items += nodes.list_item("", head, ways)
    return [items]


def trace_words(lib: Library) -> list[nodes.Node]:
    """The trace diagram as a list: each step (a link to it), who carries it out, what
    measures it and the training it needs (plain names: the step links them)."""
    record = sop_records(lib.env).get(lib.page)
    if record is None:
        return []
    numbers = step_numbers(record.steps)
    items = nodes.bullet_list()
    for step in record.steps:
        need = lib.needs.get(step.id)
        if need is None:
            continue
        label = _("Step %(number)s: %(title)s") % {
            "number": numbers[step.id],
            "title": need["title"],
        }
        lines = nodes.bullet_list()
        for field in ("responsible", *(field for field, _arrow in AFTER_STEP)):
            if need[field]:
                names = ", ".join(
                    lib.needs[t]["title"] if t in lib.needs else t for t in need[field]
                )
                line = _("%(label)s: ") % {"label": name("link", field)} + names
                lines += nodes.list_item("", nodes.paragraph(text=line))
        items += nodes.list_item(
            "", nodes.paragraph("", "", lib.link(label, lib.page, step.id)), lines
        )
    return [items]


def visit_figure(self: HTML5Translator, node: diagram_figure) -> None:
    full_screen = escape(_("View the diagram full screen"))  # Babel finds no _() in an f-string
    self.body.append(
        f'<figure class="{" ".join(node["classes"])}" aria-label="{escape(node["label"])}">'
        '<div class="sop-diagram-tools"><button type="button" class="sop-diagram-fullscreen" '
        f'aria-label="{full_screen}">⤢</button></div>'
    )


def depart_figure(self: HTML5Translator, node: diagram_figure) -> None:
    self.body.append("</figure>\n")


def visit_words(self: HTML5Translator, node: diagram_words) -> None:
    """The diagram's words, made now and written as the node's children; nothing when
    the diagram has none."""
    lib = Library(self.builder.app, self.builder.current_docname)
    if "key" in node:
        graph = parsed_diagrams(lib.env).get(node["key"], {})
        node[:] = flowchart_words(lib, flowchart_boxes(graph))
    else:
        node[:] = trace_words(lib)
    if not node.children:
        raise nodes.SkipNode
    summary = escape(node["summary"])
    self.body.append(f'<details class="sop-diagram-words"><summary>{summary}</summary>')


def depart_words(self: HTML5Translator, node: diagram_words) -> None:
    self.body.append("</details>")


def visit_mermaid(self: HTML5Translator, node: mermaid) -> None:
    """The diagram's code, which the page script gives to Mermaid to draw; marked with
    its language when the edition shows it untranslated (site/editions.py)."""
    written = [c.removeprefix("language-") for c in node["classes"] if c.startswith("language-")]
    lang = f' lang="{escape(written[0])}"' if written else ""
    self.body.append(f'<pre class="mermaid"{lang}>{self.encode(node["code"])}</pre>')
    raise nodes.SkipNode


def load_mermaid(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Mermaid on the pages that have a diagram, before the script that runs it."""
    if doctree is not None and doctree.next_node(mermaid) is not None:
        app.add_js_file(f"{MERMAID_STATIC}/{MERMAID_SCRIPT}", priority=400, loading_method="defer")


def copy_mermaid(app: Sphinx, builder: Builder) -> None:
    """Put Mermaid's browser build in _static before the pages are written, so that each
    page's link to it carries its checksum in a first build as in a rebuild."""
    if builder.format != "html" or not BROWSER_BUILD.is_dir():
        return  # without Mermaid installed, the build has already failed saying so
    target = Path(app.outdir) / "_static" / MERMAID_STATIC
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(BROWSER_BUILD / MERMAID_SCRIPT, target)


def setup(app: Sphinx) -> None:
    app.add_node(diagram_figure, html=(visit_figure, depart_figure))
    app.add_node(diagram_words, html=(visit_words, depart_words))
    app.add_node(mermaid, override=True, html=(visit_mermaid, None))
    app.connect("doctree-resolved", add_figures, priority=700)  # after the trace diagram
    app.connect("html-page-context", load_mermaid)
    app.connect("write-started", copy_mermaid)
