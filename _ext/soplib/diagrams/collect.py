"""The Mermaid diagrams of every page, kept on the build environment and parsed once.

Each page's diagrams are recorded as it is read (purged and merged like the SOPs).
When reading is done, and before the environment is saved, the diagrams not parsed
before are parsed in one run of Mermaid's parser, and what it made of each is kept by
content: an incremental build parses only new or changed diagrams.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinxcontrib.mermaid import mermaid

from ..model.outline import Diagram, find_diagrams
from ..model.store import DocumentStore, Slot, source_text
from .mermaid import MermaidUnavailable, parse

DIAGRAMS: DocumentStore[list[Diagram]] = DocumentStore("sop_page_diagrams")
#: Mermaid's reading of each diagram of the library, by diagram key.
PARSED: Slot[dict[str, dict[str, Any]]] = Slot("sop_parsed_diagrams", dict)
#: Why Mermaid's parser could not run in this build, if it could not.
UNAVAILABLE: Slot[str | None] = Slot("sop_mermaid_unavailable", lambda: None)


def page_diagrams(env: BuildEnvironment) -> dict[str, list[Diagram]]:
    """The diagrams of each page that has any, by docname."""
    return DIAGRAMS.of(env)


def read_diagrams(app: Sphinx, doctree: nodes.document) -> None:
    env = app.env
    if doctree.next_node(mermaid) is None:
        return
    lines = source_text(env).splitlines()
    page_diagrams(env)[env.docname] = [diagram for _, diagram in find_diagrams(doctree, lines)]


def parse_new_diagrams(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Parse what was not parsed before; keep why, if Mermaid's parser cannot run."""
    UNAVAILABLE.set(env, None)
    if not app.config.sop_checks:
        return []
    try:
        parse_library(env)
    except MermaidUnavailable as error:
        UNAVAILABLE.set(env, str(error))
    return []  # no page needs reading again


def parsed_diagrams(env: BuildEnvironment) -> dict[str, dict[str, Any]]:
    """Mermaid's reading of each diagram, by key, as parse_new_diagrams left it."""
    return PARSED.of(env)


def mermaid_unavailable(env: BuildEnvironment) -> str | None:
    """Why no diagram could be parsed in this build, or None."""
    return UNAVAILABLE.of(env)


def parse_library(env: BuildEnvironment) -> dict[str, dict[str, Any]]:
    """Mermaid's reading of every diagram of the library, by diagram key."""
    cache = PARSED.of(env)
    wanted = {d.key: d for diagrams in page_diagrams(env).values() for d in diagrams}
    cache = {key: cache[key] for key in wanted if key in cache}
    cache.update(parse([d for key, d in wanted.items() if key not in cache]))
    PARSED.set(env, cache)
    return cache


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", read_diagrams)
    DIAGRAMS.setup(app)
    app.connect("env-updated", parse_new_diagrams)
