"""The Atom feeds of What's new: the library's (``whats-new.xml``) and each role's
(``whats-new/<role id>.xml``), holding the entries their pages show, written into the
HTML output of each edition when a build that wrote the views ends. Each What's new page
names its feed in its head (``<link rel="alternate">``) as well as on the page. An entry
whose SOP's title, or whole page, an edition shows untranslated (or as written in another
language) has that language as its title's, or its content's, ``xml:lang``.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from ..model.dates import today
from ..model.i18n import _
from ..model.records import sop_records
from ..model.translations import shown_as_written
from .library import Library
from .recent_changes import (
    FEED_OF_PAGE,
    LIBRARY_FEED,
    ROLE_FEED,
    ROLE_WHATS_NEW,
    committed,
    uri_from,
)
from .views import FILLED, WRITTEN
from .views.whats_new import Entry, library_entries, role_entries, whats_new_title

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FEED_TYPE = "application/atom+xml"


def write_feeds(app: Sphinx, exception: Exception | None) -> None:
    """The library's feed, if a page shows its What's new, and every role's."""
    if exception is not None or not isinstance(app.builder, StandaloneHTMLBuilder):
        return
    if not WRITTEN.of(app):
        return  # the feeds written before are up to date, like the views
    # A feed's links are relative to its folder, as a page's there: Library(app, feed).
    page = FILLED.of(app).get("sop-whats-new")
    if page is not None:
        lib = Library(app, LIBRARY_FEED)
        write_feed(lib, page, app.env.titles[page].astext(), library_entries(lib))
    for role in Library(app, app.config.root_doc).of_type("role"):
        lib = Library(app, ROLE_FEED.format(role["id"]))
        page = ROLE_WHATS_NEW.format(role["id"])
        write_feed(lib, page, whats_new_title(role), role_entries(lib, role["id"]))


def write_feed(lib: Library, page: str, title: str, entries: list[Entry]) -> None:
    """An Atom 1.0 feed of the entries, at lib.page in the output folder; page is the page
    that shows the same."""
    config, language, path = lib.app.config, lib.app.config.language or "en", lib.page
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: language})
    _text(feed, "id", urn(config.project, language, path))
    _text(feed, "title", title)
    if entries:
        updated = max(committed(entry.recent) for entry in entries).isoformat()
    else:
        updated = f"{today(config).isoformat()}T00:00:00Z"
    _text(feed, "updated", updated)
    _text(_text(feed, "author"), "name", config.author or config.project)
    _link(feed, "self", Path(path).name, FEED_TYPE)
    _link(feed, "alternate", lib.uri(page), "text/html")
    for entry in entries:
        revision, docname = entry.recent.change.revision, entry.recent.docname
        record = sop_records(lib.env).get(docname)
        title_text = str(record.meta.get("title", "")) if record is not None else None
        item = _text(feed, "entry")
        _text(
            item, "id", urn(config.project, language, path, revision.commit, entry.recent.docname)
        )
        head = _text(item, "title", _words(entry.head))
        if written := shown_as_written(lib.app, docname, title_text):
            head.set(XML_LANG, written)  # the SOP's title, untranslated or in its own language
        _text(item, "updated", revision.time)
        _text(_text(item, "author"), "name", revision.author)
        _link(item, "alternate", lib.uri(entry.recent.docname), "text/html")
        lines = "".join(f"<li>{escape(_words(line))}</li>" for line in entry.steps)
        retraining = "".join(f"<p>{escape(_words(line))}</p>" for line in entry.retraining)
        content = _text(item, "content", f"<ul>{lines}</ul>{retraining}")
        content.set("type", "html")
        if written := shown_as_written(lib.app, docname):
            content.set(XML_LANG, written)  # its steps' titles, as the page shows them
    target = Path(lib.app.outdir) / path
    target.parent.mkdir(parents=True, exist_ok=True)
    ET.indent(feed)
    ET.ElementTree(feed).write(target, encoding="utf-8", xml_declaration=True)


def urn(*parts: str) -> str:
    """A permanent id, the same in every build, from what names the feed or entry."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "/".join(parts)).urn


def _text(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    element.text = text
    return element


def _link(parent: ET.Element, rel: str, href: str, kind: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}link", rel=rel, href=href, type=kind)


def _words(line: list[nodes.Node]) -> str:
    return nodes.paragraph("", "", *line).astext()


def feed_in_head(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """A What's new page names its feed in its head, for browsers and feed readers."""
    feed = FEED_OF_PAGE.of(app).get(pagename)
    if feed is not None:
        title, href = escape(_("Atom feed")), escape(uri_from(app, pagename, feed))
        link = f'<link rel="alternate" type="{FEED_TYPE}" title="{title}" href="{href}" />'
        context["metatags"] = f"{context.get('metatags') or ''}\n{link}"


def setup(app: Sphinx) -> None:
    ET.register_namespace("", ATOM)
    app.connect("html-page-context", feed_in_head)
    app.connect("build-finished", write_feeds)
