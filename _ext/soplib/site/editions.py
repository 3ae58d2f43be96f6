"""The editions of a library: the language switcher on every page, and what a translated
edition tells its reader about a page that is not translated, or is behind its source.

``make html`` builds the library in its own language into ``_build/html/`` and, for each
language of ``sop_translations``, an edition into ``_build/html/<language>/``
(:mod:`soplib.tools.editions`). Every page links to itself in every edition. In a
translated edition, an SOP or catalog page with no translation says so; one whose
translation is behind its source says so at its top and at each step or catalog entry
that is behind, with a link to the same place in the source edition. What a page shows in
another language than its edition's is marked with that language. An SOP may be written in
another language than the library's (``language: hu``): its own edition shows it as the
original, the others as a page written in that language.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx_needs.nodes import Need
from sphinxcontrib.mermaid import mermaid

from ..model.i18n import _
from ..model.records import sop_records
from ..model.translatable import sop_message
from ..model.translations import (
    Status,
    is_translation,
    language_name,
    page_language,
    source_language,
    translation_status,
)
from .need_layout import need_block, need_meta

TEMPLATES = Path(__file__).parent / "templates"


def edition_uri(app: Sphinx, pagename: str, language: str, target: str, anchor: str = "") -> str:
    """The address of page target in the edition of a language, from pagename in this one."""
    to_root = app.builder.get_relative_uri(pagename, app.config.root_doc)
    top = posixpath.dirname(to_root)
    top = f"{top}/" if top else ""
    if is_translation(app.config):
        top += "../"
    folder = "" if language == source_language(app.config) else f"{language}/"
    return f"{top}{folder}{app.builder.get_target_uri(target)}" + (f"#{anchor}" if anchor else "")


def page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The editions of this page, for the sop-editions template of the top bar; in a
    translated edition, the site's title as its landing page is titled there."""
    languages = [source_language(app.config), *app.config.sop_translations]
    if len(languages) < 2:
        return
    home = app.env.titles.get(app.config.root_doc)
    if is_translation(app.config) and home is not None:
        context["docstitle"] = home.astext()
    current = app.config.language or "en"
    context["sop_editions_label"] = _("This page in another language")
    context["sop_editions"] = [
        {
            "code": code,
            "name": language_name(code).capitalize(),
            "url": edition_uri(app, pagename, code, pagename),
            "current": code == current,
        }
        for code in languages
    ]


def source_link(app: Sphinx, docname: str, anchor: str = "") -> nodes.reference:
    """'the source': a link to the same page, or step, in the library's own language."""
    uri = edition_uri(app, docname, source_language(app.config), docname, anchor)
    return nodes.reference("", _("the source"), refuri=uri)


def with_link(message: str, link: nodes.reference) -> list[nodes.Node]:
    """A translated message with its %(link)s placeholder replaced by a link."""
    before, _marker, after = message.partition("%(link)s")
    return [nodes.Text(before), link, nodes.Text(after)]


def page_note(app: Sphinx, docname: str, status: Status) -> nodes.Element | None:
    """What the top of a translated page says of its translation, if anything."""
    source = language_name(page_language(app, docname), app.config.language)
    if not status.exists:
        text = _("This page has not been translated yet: it is shown as written, in %(language)s.")
        note = nodes.note()
        note += nodes.paragraph(text=text % {"language": source})
        return note
    if not status.is_behind:
        return None
    record = sop_records(app.env).get(docname)
    if record is not None:
        message = _(
            "This translation is behind the source, version %(version)s: follow %(link)s."
        ) % {"version": record.meta.get("version", ""), "link": "%(link)s"}
    else:
        message = _("This translation is behind the source: follow %(link)s.")
    warning = nodes.warning(classes=["sop-behind"])
    warning += nodes.paragraph("", "", *with_link(message, source_link(app, docname)))
    return warning


def mark_translation(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """On a translated edition: say at the top of an SOP or catalog page that it is not
    translated or is behind, and at each step or catalog entry that is behind."""
    if not is_translation(app.config):
        return
    status = translation_status(app).get(app.config.language or "en", {}).get(docname)
    title = doctree.next_node(nodes.section)
    if status is None or title is None:
        return
    if (note := page_note(app, docname, status)) is not None:
        title.insert(1, note)
    behind = set(status.behind)
    for block in doctree.findall(need_block):
        if block["need_id"] not in behind:
            continue
        link = source_link(app, docname, block["need_id"])
        message = _("Behind the source: follow %(link)s.")
        meta = block[0]
        assert isinstance(meta, need_meta)
        meta += nodes.line("", "", *with_link(message, link), classes=["sop-behind"])


def mark_languages(app: Sphinx, doctree: nodes.document) -> None:
    """Mark each text of the page shown in another language than the edition's (not
    translated, or an SOP written in another language) with the language it is written
    in: its paragraph, title or list item gets a ``lang`` attribute (docutils writes the
    class ``language-hu`` so), a step's title and fields theirs (need_layout.py). A screen
    reader then reads it in that language's voice (WCAG 3.1.2)."""
    written = page_language(app, app.env.docname)
    if written == (app.config.language or "en"):
        return
    for node in doctree.findall(nodes.Element):
        if node.get("as_written"):
            node["classes"].append(f"language-{written}")
    for need in doctree.findall(Need):
        need["written_in"] = written
    for diagram in doctree.findall(mermaid):
        code = [child for child in diagram.children if isinstance(child, sop_message)]
        if any("translation" not in c and not c.get("translated") for c in code):
            diagram["classes"].append(f"language-{written}")  # its labels (site/diagrams.py)


def add_switcher(app: Sphinx, config: Config) -> None:
    """The switcher's template, in the top bar, when the library has editions."""
    config.templates_path = [*config.templates_path, str(TEMPLATES)]
    if config.sop_translations:
        config.html_theme_options.setdefault(
            "navbar_end", ["sop-editions", "theme-switcher", "navbar-icon-links"]
        )


def setup(app: Sphinx) -> None:
    app.connect("config-inited", add_switcher)
    app.connect("html-page-context", page_context)
    app.connect("doctree-read", mark_languages, priority=600)  # after the SOP's record (500)
    app.connect("doctree-resolved", mark_translation, priority=700)  # after the need layout
