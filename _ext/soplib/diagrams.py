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

from .mermaid import Diagram, MermaidUnavailable, find_diagrams, parse
from .problems import Finding, Problem
from .store import DocumentStore, source_text


DIAGRAMS = DocumentStore("sop_page_diagrams")


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
    env.sop_mermaid_unavailable = None
    if not app.config.sop_checks:
        return []
    try:
        parse_library(env)
    except MermaidUnavailable as error:
        env.sop_mermaid_unavailable = str(error)
    return []  # no page needs reading again


def parsed_diagrams(env: BuildEnvironment) -> dict[str, dict[str, Any]]:
    """Mermaid's reading of each diagram, by key, as parse_new_diagrams left it."""
    return getattr(env, "sop_parsed_diagrams", {})


def parse_library(env: BuildEnvironment) -> dict[str, dict[str, Any]]:
    """Mermaid's reading of every diagram of the library, by diagram key."""
    cache: dict[str, dict[str, Any]] = getattr(env, "sop_parsed_diagrams", {})
    wanted = {d.key: d for diagrams in page_diagrams(env).values() for d in diagrams}
    cache = {key: cache[key] for key in wanted if key in cache}
    cache.update(parse([d for key, d in wanted.items() if key not in cache]))
    env.sop_parsed_diagrams = cache
    return cache


def syntax_findings(env: BuildEnvironment, parsed: dict[str, dict[str, Any]]) -> dict[str, list[Finding]]:
    """A finding for each diagram Mermaid cannot read, at the line it stumbles on."""
    found: dict[str, list[Finding]] = {}
    for docname, diagrams in page_diagrams(env).items():
        for diagram in diagrams:
            error = parsed.get(diagram.key, {}).get("error")
            if error:
                found.setdefault(docname, []).append(syntax_finding(diagram, error))
    return found


def syntax_finding(diagram: Diagram, error: dict[str, Any]) -> Finding:
    code_lines = diagram.code.splitlines()
    line = error.get("line")
    if line and 0 < line <= len(code_lines):
        return Finding(diagram.line + line, Problem.MERMAID_SYNTAX,
                       f"Mermaid cannot read this line of the diagram: "
                       f"{code_lines[line - 1].strip()!r}: check that its brackets, quotes "
                       "and arrows are complete")
    first = str(error.get("message", "")).splitlines()[0] if error.get("message") else ""
    return Finding(diagram.line, Problem.MERMAID_SYNTAX,
                   f"Mermaid cannot read this diagram ({first}): check that its first line "
                   "names a diagram type, such as 'flowchart TD'")


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", read_diagrams)
    DIAGRAMS.setup(app)
    app.connect("env-updated", parse_new_diagrams)
