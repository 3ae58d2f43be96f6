"""Fixes to the pinned dependencies, each until upstream makes it.

Each fix applies only to the version it was written and checked against
(requirements.txt); any other version is left as it is. Those to performance change how
fast a page is made, never what is on it: the site is the same with and without them.
One is to what the theme writes: the titles of its header's links, escaped.
"""

from __future__ import annotations

import hashlib
import importlib
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from html import escape
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from docutils.nodes import Node
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx_needs.api import get_needs_view
from sphinx_needs.data import SphinxNeedsData
from sphinx_needs.need_item import NeedItem, NeedLink
from sphinx_needs.schema import process
from sphinx_needs.schema.config import SeverityEnum


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


def purge_only_pages_read_before() -> None:
    """sphinx-needs 9.1.0 removes a page's needs before the page is read again by looking
    at every need (SphinxNeedsData.remove_doc). Sphinx asks it for every page it reads,
    new ones too, so a full build of n pages looks at n * n / 2 needs: at 1,000 SOPs,
    about 7 seconds, at 5,000 nearly 3 minutes. A page Sphinx has not read before (not
    in env.all_docs, as Sphinx forgets a page only after this) has no needs and nothing
    else sphinx-needs keeps by page, so there is nothing to remove."""
    if version("sphinx-needs") != "9.1.0":
        return
    remove_doc = SphinxNeedsData.remove_doc

    def remove_doc_read_before(self: SphinxNeedsData, docname: str) -> None:
        if docname in self.env.all_docs:
            remove_doc(self, docname)

    SphinxNeedsData.remove_doc = remove_doc_read_before  # type: ignore[method-assign]


def _document_of(node: Node | None) -> Any:
    """The document a node belongs to, or None: its own, or its nearest parent's."""
    while node is not None:
        if (found := getattr(node, "_document", None)) is not None:
            return found
        node = node.parent
    return None


def find_documents_without_exceptions() -> None:
    """docutils 0.22.4 finds a node's document by asking its parent, recursively, and a
    node without a parent raises an AttributeError to say it has none. Every node added
    to another node asks: as every node of a page, and of every table and list the
    views make, is built before it is attached, almost all of those questions end in an
    exception, about a twentieth of a build. Walking up the parents gives the same
    answer without one."""
    if version("docutils") != "0.22.4":
        return
    Node.document = property(_document_of, Node.document.fset)  # type: ignore[method-assign, assignment, attr-defined]


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


#: Where the needs found valid are kept between builds, with the rules they met.
VALID_NEEDS = "soplib-valid-needs.json"


def _fingerprint(need: NeedItem) -> str:
    """A digest of everything a need holds: its fields, links, back links and content."""
    return hashlib.blake2b(repr(list(need.items())).encode(), digest_size=12).hexdigest()


def _reported(findings: list[Any]) -> bool:
    """Whether a need's findings are reported: those of severity none are successes."""
    return any(finding["severity"] != SeverityEnum.none for finding in findings)


@contextmanager
def _validating_only(todo: set[str], warned: set[str]) -> Iterator[None]:
    """The two validations of process_schemas given only the needs in todo; the ids of
    the needs they warn of are added to warned."""
    names = ("validate_field_link_schemas", "validate_type_schema")
    originals = {name: getattr(process, name) for name in names}

    def only_todo(validate: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
        def validated(config: Any, schema: Any, needs: Any, *args: Any, **kwargs: Any) -> Any:
            found = validate(config, schema, needs.filter_ids(todo), *args, **kwargs)
            warned.update(need_id for need_id, of_need in found.items() if _reported(of_need))
            return found

        return validated

    for name, validate in originals.items():
        setattr(process, name, only_todo(validate))
    try:
        yield
    finally:
        for name, validate in originals.items():
            setattr(process, name, validate)


def _validate_changed_needs(app: Sphinx, builder: Builder) -> None:
    """process_schemas, validating only the needs that changed since they were last
    found valid under the same rules; the others cannot have become invalid."""
    config, data = app.config, SphinxNeedsData(app.env)
    local = all(set(rule["validate"]) == {"local"} for rule in data.get_resolved_schemas())
    if not (local and config.needs_schema_validation_enabled) or config.needs_schema_debug_active:
        process.process_schemas(app, builder)
        return
    rules = repr((data.get_schema(), data.get_resolved_schemas()))
    rules = hashlib.blake2b(rules.encode(), digest_size=12).hexdigest()
    path = Path(app.doctreedir) / VALID_NEEDS
    kept = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    valid: dict[str, str] = kept.get("needs", {}) if kept.get("rules") == rules else {}
    prints = {need_id: _fingerprint(need) for need_id, need in get_needs_view(app).items()}
    todo = {need_id for need_id, digest in prints.items() if valid.get(need_id) != digest}
    warned: set[str] = set()
    with _validating_only(todo, warned):
        process.process_schemas(app, builder)
    valid = {need_id: digest for need_id, digest in prints.items() if need_id not in warned}
    path.write_text(json.dumps({"rules": rules, "needs": valid}), encoding="utf-8")


def validate_changed_needs_only(app: Sphinx) -> None:
    """sphinx-needs 9.1.0 validates every need against every rule on every build, even
    when one step changed: at 1,000 SOPs, 5 of an incremental build's 17 seconds
    (upstream useblocks/sphinx-needs#1580). A need whose fields, links, back links and
    content are those it had when it last met the same rules meets them again, when the
    rules are all local (they read the need alone, as ours do); the others are validated
    as before.
    Its listener calls, in its place among the others, one that validates only those."""
    if version("sphinx-needs") != "9.1.0":
        return
    listeners = app.events.listeners["write-started"]
    for index, listener in enumerate(listeners):
        if listener.handler is process.process_schemas:
            listeners[index] = listener._replace(handler=_validate_changed_needs)


def setup(app: Sphinx) -> None:
    validate_changed_needs_only(app)
    purge_only_pages_read_before()
    find_documents_without_exceptions()
    add_backlinks_in_linear_time()
    keep_index_entries_of_pages_not_written()
    read_any_broken_yaml()
    escape_header_links()
