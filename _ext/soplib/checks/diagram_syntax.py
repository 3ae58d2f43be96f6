"""Diagrams Mermaid cannot read, on any page, reported at the line it stumbles on; and
Mermaid's parser itself missing, which leaves every diagram unchecked.
"""

from __future__ import annotations

from typing import Any

from sphinx.environment import BuildEnvironment

from ..diagrams.collect import mermaid_unavailable, page_diagrams
from ..model.outline import Diagram
from ..model.problems import Finding, Problem
from .mermaid_errors import explain


def syntax_findings(
    env: BuildEnvironment, parsed: dict[str, dict[str, Any]]
) -> dict[str, list[Finding]]:
    """A finding for each diagram Mermaid cannot read, at the line it stumbles on."""
    found: dict[str, list[Finding]] = {}
    for docname, diagrams in page_diagrams(env).items():
        for diagram in diagrams:
            error = parsed.get(diagram.key, {}).get("error")
            if error:
                found.setdefault(docname, []).append(syntax_finding(diagram, error))
    return found


def syntax_finding(diagram: Diagram, error: object) -> Finding:
    """Mermaid's reason, in words, at the line of the Markdown file where it stumbles (the
    opening fence when it cannot tell which line)."""
    said = error if isinstance(error, dict) else {"message": str(error)}
    line, message = explain(diagram.code, said)
    return Finding(diagram.line + line, Problem.MERMAID_SYNTAX, message)


def unavailable_finding(env: BuildEnvironment) -> Finding | None:
    """Why no diagram could be checked, if Mermaid's parser could not run."""
    why = mermaid_unavailable(env)
    return Finding(0, Problem.MERMAID_UNAVAILABLE, why) if why else None
