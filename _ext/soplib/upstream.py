"""Fixes to the pinned dependencies, each until upstream makes it.

Each fix applies only to the version it was written and checked against
(requirements.txt); any other version is left as it is. Those to performance change how
fast a page is made, never what is on it: the site is the same with and without them.
One is to what the theme writes: the titles of its header's links, escaped.
"""

from __future__ import annotations

import copy
import gc
import hashlib
import importlib
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from html import escape
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from docutils.nodes import Node
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors.toctree import TocTreeCollector
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


def _only_if_read_before(clear_doc: Callable[..., None]) -> Callable[..., None]:
    """A listener of env-purge-doc called only for a page read before."""

    def clear_doc_read_before(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        if docname in env.all_docs:
            clear_doc(app, env, docname)

    return clear_doc_read_before


def forget_tocs_only_of_pages_read_before(app: Sphinx) -> None:
    """Sphinx 9.0.4's table-of-contents collector, asked to forget a page before it is
    read, looks through the pages that include each page (files_to_rebuild) for it,
    new pages too: n * n / 2 lookups in a full build, 15 seconds at 5,000 SOPs. A page
    not read before (not in env.all_docs) includes no page, so there is nothing to
    forget."""
    if version("sphinx") != "9.0.4":
        return
    listeners = app.events.listeners["env-purge-doc"]
    for index, listener in enumerate(listeners):
        if isinstance(getattr(listener.handler, "__self__", None), TocTreeCollector):
            listeners[index] = listener._replace(handler=_only_if_read_before(listener.handler))


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


#: The environment's attributes that hold a dict by page, which Sphinx merges after a
#: parallel read from the pages each reading process read: its collectors' largest, and
#: the extension's own (:class:`soplib.model.store.DocumentStore` adds each).
PER_PAGE = {"tocs", "toc_num_entries", "metadata", "titles", "longtitles"}
#: The pages each process has read, by process id; and the process that runs the build.
_READ_BY: dict[int, set[str]] = {}
_BUILD_PROCESS = {"pid": os.getpid()}


def _note_read(app: Sphinx, doctree: Node) -> None:
    _READ_BY.setdefault(os.getpid(), set()).add(app.env.docname)


def _only_pages_read(state: dict[str, Any], read: set[str]) -> dict[str, Any]:
    """The pickled state of a reading process's environment, with only what it read."""
    for name in PER_PAGE & state.keys():
        whole = state[name]
        pruned = state[name] = copy.copy(whole)  # a defaultdict stays one
        pruned.clear()
        pruned.update((page, value) for page, value in whole.items() if page in read)
    if "_needs_all_needs" in state:
        needs = state["_needs_all_needs"]
        kept = {i: need for i, need in needs.items() if need["docname"] in read}
        state["_needs_all_needs"] = kept
        nodes = state.get("_needs_all_nodes", {})
        state["_needs_all_nodes"] = {i: node for i, node in nodes.items() if i in kept}
    return state


def send_back_only_what_was_read(app: Sphinx) -> None:
    """Sphinx 9.0.4 reads the pages of a parallel build in processes forked from the
    build's, each of which sends back its whole environment, pickled: the pages the
    earlier processes read, merged before it was forked, as well as its own. The build
    unpickles each, in its one process, and merges the pages that process read. At
    1,000 SOPs that is about 15 environments of up to 32 MB: the pickling cost more
    than the parallel read saved, and at 5,000 it grows with the square of the library.
    A reading process sends back, of each dict by page and of sphinx-needs' needs (and
    their nodes), only what it read, which is all that is merged."""
    if version("sphinx") != "9.0.4" or version("sphinx-needs") != "9.1.0":
        return
    _BUILD_PROCESS["pid"] = os.getpid()
    app.connect("doctree-read", _note_read)
    if getattr(BuildEnvironment.__getstate__, "soplib_pruned", False):
        return
    getstate = BuildEnvironment.__getstate__

    def getstate_of_pages_read(self: BuildEnvironment) -> dict[str, Any]:
        state = getstate(self)
        read = _READ_BY.get(os.getpid())
        if read is None or os.getpid() == _BUILD_PROCESS["pid"]:
            return state
        return _only_pages_read(state, read)

    getstate_of_pages_read.soplib_pruned = True  # type: ignore[attr-defined]
    BuildEnvironment.__getstate__ = getstate_of_pages_read  # type: ignore[method-assign]


@cache  # once per process: a hook registered stays for every later fork
def keep_forked_processes_out_of_the_inherited_heap() -> None:
    """Sphinx 9.0.4 reads and writes the pages of a parallel build in processes forked
    from the build's, a process per chunk of pages, each inheriting the build's objects:
    the environment, hundreds of MB at 1,000 SOPs. Each process's garbage collector goes
    through all of them, again and again, and in touching each object copies its page
    of memory. A forked process keeps what it inherited out of its collections
    (gc.freeze); the build's own process collects as before. At 1,000 SOPs, with the
    environments sent back pruned, a -j build went from 133 to 121 s."""
    if version("sphinx") == "9.0.4":
        os.register_at_fork(after_in_child=gc.freeze)


def _freeze_what_was_read(app: Sphinx, env: BuildEnvironment) -> None:
    env._write_doc_doctree_cache.clear()  # each page read from its pickle as it is written
    gc.collect()
    gc.freeze()


def _unfreeze(app: Sphinx, exception: Exception | None) -> None:
    gc.unfreeze()


def collect_around_what_was_read(app: Sphinx) -> None:
    """Python's garbage collector, at each full collection, goes through every object
    alive; in a build, most of them are the environment, alive to the end: at 1,000
    SOPs, 46 of a 202-second build went to 36 full collections. Once the pages are read,
    the environment is kept out of the collections (gc.freeze) to the end of the build.
    Sphinx 9.0.4 also keeps every page read in memory to the moment it is written; the
    pages are let go first, and each is read again from its pickle when written, so
    that the collector keeps nothing it would have freed: 202 to 192 s, and 459 to
    439 MiB."""
    if version("sphinx") == "9.0.4":
        app.connect("env-updated", _freeze_what_was_read, priority=999)  # after the rest
        app.connect("build-finished", _unfreeze)


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
    send_back_only_what_was_read(app)
    forget_tocs_only_of_pages_read_before(app)
    keep_forked_processes_out_of_the_inherited_heap()
    collect_around_what_was_read(app)
    purge_only_pages_read_before()
    find_documents_without_exceptions()
    add_backlinks_in_linear_time()
    keep_index_entries_of_pages_not_written()
    read_any_broken_yaml()
    escape_header_links()
