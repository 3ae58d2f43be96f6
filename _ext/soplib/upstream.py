"""Fixes to the pinned dependencies, each until upstream makes it.

Each fix is a :class:`Patch`, registered with :func:`patch`: the versions it was written
and checked against (requirements.txt), and the upstream issue or pull request it waits
for (or, where none is open yet, the proposal written up in the README's "Upstream
proposals"). It applies only to those versions, and applying it twice changes nothing:
each keeps what it replaced, and wraps that. With another version installed a fix is
left out and the build says so; a fix to what reaches a reader's browser (``security``)
that cannot apply stops the build instead. ``tests/unit/test_upstream.py`` fails, naming
the fixes, when an installed version is not the one a fix was written for: upgrading a
package is a deliberate act.

Those to performance change how fast a page is made, never what is on it: the site is
the same with and without them. The others change what the theme writes (the titles of
its header's links, escaped), what MyST reports (broken YAML), and which of
sphinxcontrib-mermaid's scripts a page loads.
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
from dataclasses import dataclass, field
from functools import cache
from html import escape
from importlib.metadata import PackageNotFoundError, version
from itertools import chain
from pathlib import Path
from typing import Any

import sphinxcontrib.mermaid
from docutils.nodes import Node
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment
from sphinx.environment.collectors.toctree import TocTreeCollector
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx_needs.api import get_needs_view
from sphinx_needs.data import SphinxNeedsData
from sphinx_needs.need_item import NeedItem, NeedLink
from sphinx_needs.schema import process
from sphinx_needs.schema.config import SeverityEnum

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Patch:
    """A fix to pinned dependencies: applied only to the versions it was written for."""

    apply: Callable[[Sphinx], None]
    #: the packages it changes, with the version it was written for
    versions: dict[str, str]
    #: the upstream issue or pull request it waits for, or the README's proposal
    upstream: str
    #: whether it keeps code from a page or a reader's browser: it must apply
    security: bool = False
    name: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", self.apply.__name__)

    def mismatches(self) -> dict[str, str]:
        """The packages installed in another version than the one it was written for:
        their installed version (or 'not installed')."""
        found = {}
        for package, pinned in self.versions.items():
            try:
                installed = version(package)
            except PackageNotFoundError:
                installed = "not installed"
            if installed != pinned:
                found[package] = installed
        return found


#: Every fix, in the order they are applied.
PATCHES: list[Patch] = []
#: Where a fix with no upstream issue yet is proposed.
PROPOSAL = "the README's upstream proposal "


def patch(
    versions: dict[str, str], upstream: str, security: bool = False
) -> Callable[[Callable[[Sphinx], None]], Callable[[Sphinx], None]]:
    """Register a fix for these versions of these packages."""

    def register(apply: Callable[[Sphinx], None]) -> Callable[[Sphinx], None]:
        PATCHES.append(Patch(apply, versions, upstream, security))
        return apply

    return register


def replace(owner: Any, name: str, make: Callable[[Any], Any]) -> None:
    """Set owner.name to make(its original): the original is kept on what replaces it, so
    a second application wraps the original again instead of the first wrapper."""
    current = getattr(owner, name)
    original = getattr(current, "soplib_original", current)
    replacement = make(original)
    replacement.soplib_original = original
    setattr(owner, name, replacement)


def not_applied(patch: Patch) -> str:
    """Why a fix is left out, in one line."""
    written = ", ".join(f"{package} {pinned}" for package, pinned in patch.versions.items())
    found = ", ".join(f"{package} {got}" for package, got in patch.mismatches().items())
    return (
        f"soplib's fix {patch.name} was written for {written}, but {found} is installed; "
        f"it waits for {patch.upstream}"
    )


def _append_backlink(self: NeedItem, link_type: str, backlink: str | NeedLink) -> None:
    """NeedItem.add_backlink without its search of the list for a duplicate."""
    self._backlinks[link_type].append(
        NeedLink.from_string(backlink) if isinstance(backlink, str) else backlink
    )


@patch({"sphinx-needs": "9.1.0"}, upstream=PROPOSAL + "'sphinx-needs: back links in linear time'")
def add_backlinks_in_linear_time(app: Sphinx) -> None:
    """sphinx-needs 9.1.0 searches a need's back links for a duplicate before adding one,
    so an entry that n steps name costs n * n / 2 comparisons: 12 million, 5 seconds of
    every build at 1,000 SOPs, where most steps name the agent role. Its one caller,
    build_backlinks, removes the duplicates of every back list right after (sort_backlinks),
    so appending alone gives the same lists."""
    NeedItem.add_backlink = _append_backlink  # type: ignore[method-assign]


@patch({"sphinx-needs": "9.1.0"}, upstream=PROPOSAL + "'sphinx-needs: no purge of new pages'")
def purge_only_pages_read_before(app: Sphinx) -> None:
    """sphinx-needs 9.1.0 removes a page's needs before the page is read again by looking
    at every need (SphinxNeedsData.remove_doc). Sphinx asks it for every page it reads,
    new ones too, so a full build of n pages looks at n * n / 2 needs: at 1,000 SOPs,
    about 7 seconds, at 5,000 nearly 3 minutes. A page Sphinx has not read before (not
    in env.all_docs, as Sphinx forgets a page only after this) has no needs and nothing
    else sphinx-needs keeps by page, so there is nothing to remove."""

    def only_read_before(remove_doc: Callable[..., None]) -> Callable[..., None]:
        def remove_doc_read_before(self: SphinxNeedsData, docname: str) -> None:
            if docname in self.env.all_docs:
                remove_doc(self, docname)

        return remove_doc_read_before

    replace(SphinxNeedsData, "remove_doc", only_read_before)


def _only_if_read_before(clear_doc: Callable[..., None]) -> Callable[..., None]:
    """A listener of env-purge-doc called only for a page read before."""

    def clear_doc_read_before(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        if docname in env.all_docs:
            clear_doc(app, env, docname)

    clear_doc_read_before.soplib_original = clear_doc  # type: ignore[attr-defined]
    return clear_doc_read_before


@patch({"sphinx": "9.0.4"}, upstream=PROPOSAL + "'Sphinx: no toctree purge of new pages'")
def forget_tocs_only_of_pages_read_before(app: Sphinx) -> None:
    """Sphinx 9.0.4's table-of-contents collector, asked to forget a page before it is
    read, looks through the pages that include each page (files_to_rebuild) for it,
    new pages too: n * n / 2 lookups in a full build, 15 seconds at 5,000 SOPs. A page
    not read before (not in env.all_docs) includes no page, so there is nothing to
    forget."""
    listeners = app.events.listeners["env-purge-doc"]
    for index, listener in enumerate(listeners):
        if isinstance(getattr(listener.handler, "__self__", None), TocTreeCollector):
            listeners[index] = listener._replace(handler=_only_if_read_before(listener.handler))


def ancestors(node: Node) -> Iterator[Node]:
    """The nodes a node is in, nearest first."""
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def _document_of(node: Node) -> Any:
    """The document a node belongs to, or None: its own, or its nearest parent's."""
    found = (getattr(each, "_document", None) for each in chain((node,), ancestors(node)))
    return next((document for document in found if document is not None), None)


@patch(
    {"docutils": "0.22.4"}, upstream=PROPOSAL + "'docutils: a node's document without exceptions'"
)
def find_documents_without_exceptions(app: Sphinx) -> None:
    """docutils 0.22.4 finds a node's document by asking its parent, recursively, and a
    node without a parent raises an AttributeError to say it has none. Every node added
    to another node asks: as every node of a page, and of every table and list the
    views make, is built before it is attached, almost all of those questions end in an
    exception, about a twentieth of a build. Walking up the parents gives the same
    answer without one."""
    Node.document = property(_document_of, Node.document.fset)  # type: ignore[method-assign, assignment, attr-defined]


@patch(
    {"pydata-sphinx-theme": "0.24.0"},
    upstream=PROPOSAL + "'pydata-sphinx-theme: header link titles escaped'",
    security=True,
)
def escape_header_links(app: Sphinx) -> None:
    """pydata-sphinx-theme 0.24.0 writes the links of its header (the pages of the
    root's table of contents) into every page by str.format, each page's title as the
    plain text of its title node: a title holding '<script>' (written as code, as
    escaped Markdown, or as raw HTML shown as text) would run in every page. Each link's
    title and address are escaped as it is made, as Sphinx escapes every other title.
    (Math in such a title is shown as its source.)"""
    toctree: Any = importlib.import_module("pydata_sphinx_theme.toctree")  # not typed

    def escaping(made: Callable[..., Any]) -> Callable[..., Any]:
        def escaped_link(*args: Any, **kwargs: Any) -> Any:
            link = made(*args, **kwargs)
            link.title = escape(link.title, quote=False)
            link.href = escape(link.href)
            return link

        return escaped_link

    replace(toctree, "LinkInfo", escaping)


@patch({"myst-parser": "5.2.0"}, upstream=PROPOSAL + "'MyST: every YAML error reported'")
def read_any_broken_yaml(app: Sphinx) -> None:
    """MyST 5.2.0 reads a page's front matter and a directive's YAML options with
    yaml.safe_load and reports the errors of its YAML_LOAD_ERRORS (YAMLError, ValueError,
    RecursionError) as "Malformed YAML"; a value whose tag asks for what it is not
    (`!!bool x`, `!!timestamp x`) makes PyYAML raise a KeyError or an AttributeError
    instead, which stopped the build with a traceback (found by tests/fuzz). With these
    errors too, MyST reports it like any broken YAML, and soplib locates it
    (sop.front_matter_syntax)."""
    from myst_parser.mdit_to_docutils import base
    from myst_parser.parsers import directives

    more = (KeyError, AttributeError, TypeError, IndexError)
    errors: Any = tuple(dict.fromkeys((*directives.YAML_LOAD_ERRORS, *more)))
    directives.YAML_LOAD_ERRORS = errors  # read by name when used (directives, config)
    base.YAML_LOAD_ERRORS = errors  # imported by name


@patch({"sphinx": "9.0.4"}, upstream=PROPOSAL + "'Sphinx: a rebuild keeps the index entries'")
def keep_index_entries_of_pages_not_written(app: Sphinx) -> None:
    """Sphinx 9.0.4's search index, loaded again for an incremental build, gets back each
    page's words and titles but not its index entries ("indexentries"), and only the
    pages written again feed theirs: after any rebuild, searching an SOP's id or a step's
    id (soplib.site.search) found only the pages of that rebuild first. The entries are
    read back as the index wrote them, so a rebuild writes the index a full build
    writes. Pruning the pages removed or written again prunes their entries too."""
    from sphinx.search import IndexBuilder

    def with_entries(load: Callable[..., None]) -> Callable[..., None]:
        def load_with_entries(self: IndexBuilder, stream: Any, format: Any) -> None:
            load(self, stream, format)
            stream.seek(0)
            formats = self.formats[format] if isinstance(format, str) else format
            frozen = formats.load(stream)
            docnames = frozen["docnames"]
            entries: dict[str, list[tuple[str, str, str]]] = {}
            for text, places in frozen.get("indexentries", {}).items():
                for doc, target, main in places:
                    entry = (text, target, "main" if main else "")
                    entries.setdefault(docnames[doc], []).append(entry)
            self._index_entries = {docname: sorted(found) for docname, found in entries.items()}

        return load_with_entries

    def pruning_entries(prune: Callable[..., None]) -> Callable[..., None]:
        def prune_with_entries(self: IndexBuilder, docnames: Any) -> None:
            prune(self, docnames)
            kept = set(docnames)
            self._index_entries = {d: e for d, e in self._index_entries.items() if d in kept}

        return prune_with_entries

    replace(IndexBuilder, "load", with_entries)
    replace(IndexBuilder, "prune", pruning_entries)


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


@patch(
    {"sphinx": "9.0.4", "sphinx-needs": "9.1.0"},
    upstream="sphinx-doc/sphinx#11448 (restructuring multiprocessing), and "
    + PROPOSAL
    + "'Sphinx: a reading process sends back what it read'",
)
def send_back_only_what_was_read(app: Sphinx) -> None:
    """Sphinx 9.0.4 reads the pages of a parallel build in processes forked from the
    build's, each of which sends back its whole environment, pickled: the pages the
    earlier processes read, merged before it was forked, as well as its own. The build
    unpickles each, in its one process, and merges the pages that process read. At
    1,000 SOPs that is about 15 environments of up to 32 MB: the pickling cost more
    than the parallel read saved, and at 5,000 it grows with the square of the library.
    A reading process sends back, of each dict by page and of sphinx-needs' needs (and
    their nodes), only what it read, which is all that is merged."""
    _BUILD_PROCESS["pid"] = os.getpid()
    app.connect("doctree-read", _note_read)

    def of_pages_read(getstate: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
        def getstate_of_pages_read(self: BuildEnvironment) -> dict[str, Any]:
            state = getstate(self)
            read = _READ_BY.get(os.getpid())
            if read is None or os.getpid() == _BUILD_PROCESS["pid"]:
                return state
            return _only_pages_read(state, read)

        return getstate_of_pages_read

    replace(BuildEnvironment, "__getstate__", of_pages_read)


@patch(
    {"sphinx": "9.0.4"}, upstream=PROPOSAL + "'Sphinx: forked processes freeze what they inherit'"
)
def keep_forked_processes_out_of_the_inherited_heap(app: Sphinx) -> None:
    """Sphinx 9.0.4 reads and writes the pages of a parallel build in processes forked
    from the build's, a process per chunk of pages, each inheriting the build's objects:
    the environment, hundreds of MB at 1,000 SOPs. Each process's garbage collector goes
    through all of them, again and again, and in touching each object copies its page
    of memory. A forked process keeps what it inherited out of its collections
    (gc.freeze); the build's own process collects as before. At 1,000 SOPs, with the
    environments sent back pruned, a -j build went from 133 to 121 s."""
    _freeze_in_forked_processes()


@cache  # once per process: a hook registered stays for every later fork
def _freeze_in_forked_processes() -> None:
    os.register_at_fork(after_in_child=gc.freeze)


def _freeze_what_was_read(app: Sphinx, env: BuildEnvironment) -> None:
    env._write_doc_doctree_cache.clear()  # each page read from its pickle as it is written
    gc.collect()
    gc.freeze()


def _unfreeze(app: Sphinx, exception: Exception | None) -> None:
    gc.unfreeze()


@patch(
    {"sphinx": "9.0.4"}, upstream=PROPOSAL + "'Sphinx: the pages read are let go before writing'"
)
def collect_around_what_was_read(app: Sphinx) -> None:
    """Python's garbage collector, at each full collection, goes through every object
    alive; in a build, most of them are the environment, alive to the end: at 1,000
    SOPs, 46 of a 202-second build went to 36 full collections. Once the pages are read,
    the environment is kept out of the collections (gc.freeze) to the end of the build.
    Sphinx 9.0.4 also keeps every page read in memory to the moment it is written; the
    pages are let go first, and each is read again from its pickle when written, so
    that the collector keeps nothing it would have freed: 202 to 192 s, and 459 to
    439 MiB."""
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


@patch({"sphinx-needs": "9.1.0"}, upstream="useblocks/sphinx-needs#1580")
def validate_changed_needs_only(app: Sphinx) -> None:
    """sphinx-needs 9.1.0 validates every need against every rule on every build, even
    when one step changed: at 1,000 SOPs, 5 of an incremental build's 17 seconds
    (upstream useblocks/sphinx-needs#1580). A need whose fields, links, back links and
    content are those it had when it last met the same rules meets them again, when the
    rules are all local (they read the need alone, as ours do); the others are validated
    as before.
    Its listener calls, in its place among the others, one that validates only those."""
    listeners = app.events.listeners["write-started"]
    for index, listener in enumerate(listeners):
        if listener.handler is process.process_schemas:
            listeners[index] = listener._replace(handler=_validate_changed_needs)


@patch(
    {"sphinxcontrib-mermaid": "2.1.1"},
    upstream=PROPOSAL + "'sphinxcontrib-mermaid: a page without its inline script'",
)
def without_mermaid_page_script(app: Sphinx) -> None:
    """sphinxcontrib-mermaid 2.1.1 writes into each page with a diagram a script of its
    own, an inline ES module, which the pages' policy would block (soplib.site.csp), and
    has no setting to leave it out: soplib draws the diagrams from a script file of its
    own (soplib.site.diagrams). Its listener is not called."""
    app.connect("builder-inited", _without_mermaid_page_script)


def _without_mermaid_page_script(app: Sphinx) -> None:
    for listener in list(app.events.listeners.get("html-page-context", [])):
        if listener.handler is sphinxcontrib.mermaid.install_js:
            app.disconnect(listener.id)


def setup(app: Sphinx) -> None:
    """Apply each fix written for the versions installed; say which are left out, and
    stop the build if one of them keeps code from a reader's browser."""
    for fix in PATCHES:
        if not fix.mismatches():
            fix.apply(app)
        elif fix.security:
            raise ExtensionError(
                f"{not_applied(fix)}. It keeps code out of readers' browsers, so the site "
                "is not built without it: install the pinned versions (make venv), or check "
                "that the new version fixes it and remove the fix from soplib/upstream.py"
            )
        else:
            logger.info(not_applied(fix))
