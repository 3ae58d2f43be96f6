"""Fixes to the pinned dependencies, each until upstream makes it.

Each fix applies only to the version it was written and checked against
(requirements.txt); any other version is left as it is. Those to performance change how
fast a page is made, never what is on it: the site is the same with and without them.
One is to what the theme writes: the titles of its header's links, escaped.
"""

from __future__ import annotations

import importlib
from html import escape
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from sphinx_needs.need_item import NeedItem, NeedLink


def _append_backlink(self: NeedItem, link_type: str, backlink: str | NeedLink) -> None:
    """NeedItem.add_backlink without its search of the list for a duplicate."""
    self._backlinks[link_type].append(
        NeedLink.from_string(backlink) if isinstance(backlink, str) else backlink
    )


def add_backlinks_in_linear_time() -> None:
    """sphinx-needs 9.1.0 searches a need's back links for a duplicate before adding one,
    so an entry that n steps name costs n * n / 2 comparisons: 12 million, 5 seconds of
    every build at 1,000 SOPs, where most steps name the agent role. Its one caller,
    build_backlinks, removes the duplicates of every back list right after (sort_backlinks),
    so appending alone gives the same lists."""
    if version("sphinx-needs") == "9.1.0":
        NeedItem.add_backlink = _append_backlink  # type: ignore[method-assign]


def escape_header_links() -> None:
    """pydata-sphinx-theme 0.24.0 writes the links of its header (the pages of the
    root's table of contents) into every page by str.format, each page's title as the
    plain text of its title node: a title holding '<script>' (written as code, as
    escaped Markdown, or as raw HTML shown as text) would run in every page. Each link's
    title and address are escaped as it is made, as Sphinx escapes every other title.
    (Math in such a title is shown as its source.)"""
    try:
        if version("pydata-sphinx-theme") != "0.24.0":
            return
    except PackageNotFoundError:
        return
    toctree: Any = importlib.import_module("pydata_sphinx_theme.toctree")  # not typed
    if getattr(toctree.LinkInfo, "soplib_escaped", False):
        return
    made = toctree.LinkInfo

    def escaped_link(*args: Any, **kwargs: Any) -> Any:
        link = made(*args, **kwargs)
        link.title = escape(link.title, quote=False)
        link.href = escape(link.href)
        return link

    escaped_link.soplib_escaped = True  # type: ignore[attr-defined]
    toctree.LinkInfo = escaped_link


def read_any_broken_yaml() -> None:
    """MyST 5.2.0 reads a page's front matter and a directive's YAML options with
    yaml.safe_load and reports the errors of its YAML_LOAD_ERRORS (YAMLError, ValueError,
    RecursionError) as "Malformed YAML"; a value whose tag asks for what it is not
    (`!!bool x`, `!!timestamp x`) makes PyYAML raise a KeyError or an AttributeError
    instead, which stopped the build with a traceback (found by tests/fuzz). With these
    errors too, MyST reports it like any broken YAML, and soplib locates it
    (sop.front_matter_syntax)."""
    if version("myst-parser") != "5.2.0":
        return
    from myst_parser.mdit_to_docutils import base
    from myst_parser.parsers import directives

    errors: Any = (*directives.YAML_LOAD_ERRORS, KeyError, AttributeError, TypeError, IndexError)
    directives.YAML_LOAD_ERRORS = errors  # read by name when used (directives, config)
    base.YAML_LOAD_ERRORS = errors  # imported by name


def keep_index_entries_of_pages_not_written() -> None:
    """Sphinx 9.0.4's search index, loaded again for an incremental build, gets back each
    page's words and titles but not its index entries ("indexentries"), and only the
    pages written again feed theirs: after any rebuild, searching an SOP's id or a step's
    id (soplib.site.search) found only the pages of that rebuild first. The entries are
    read back as the index wrote them, so a rebuild writes the index a full build
    writes. Pruning the pages removed or written again prunes their entries too."""
    if version("sphinx") != "9.0.4":
        return
    from sphinx.search import IndexBuilder

    load = IndexBuilder.load

    def load_with_entries(self: IndexBuilder, stream: Any, format: Any) -> None:
        load(self, stream, format)
        stream.seek(0)
        frozen = (self.formats[format] if isinstance(format, str) else format).load(stream)
        docnames = frozen["docnames"]
        entries: dict[str, list[tuple[str, str, str]]] = {}
        for text, places in frozen.get("indexentries", {}).items():
            for doc, target, main in places:
                entries.setdefault(docnames[doc], []).append((text, target, "main" if main else ""))
        self._index_entries = {docname: sorted(found) for docname, found in entries.items()}

    prune = IndexBuilder.prune

    def prune_with_entries(self: IndexBuilder, docnames: Any) -> None:
        prune(self, docnames)
        kept = set(docnames)
        self._index_entries = {d: e for d, e in self._index_entries.items() if d in kept}

    IndexBuilder.load = load_with_entries  # type: ignore[method-assign]
    IndexBuilder.prune = prune_with_entries  # type: ignore[method-assign]


def setup() -> None:
    add_backlinks_in_linear_time()
    keep_index_entries_of_pages_not_written()
    read_any_broken_yaml()
    escape_header_links()
