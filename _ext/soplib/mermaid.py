"""Mermaid diagrams: where they are in the source, and what Mermaid's own parser makes
of them. The parser is the browser's, run under Node (mermaid_parse.mjs) on the pinned
``mermaid`` package in node_modules, so the build and the page never disagree.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any, NamedTuple

from docutils import nodes
from sphinxcontrib.mermaid import mermaid

SCRIPT = Path(__file__).with_name("mermaid_parse.mjs")
NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
#: The browser build of Mermaid that the site serves, and the files it imports.
BROWSER_BUILD = NODE_MODULES / "mermaid" / "dist"
FENCE = re.compile(r"^\s*(```+|~~~+|:::+)\s*\{?mermaid\}?\s*$")


class Diagram(NamedTuple):
    """A diagram: the source line of its opening fence, and its code."""

    line: int
    code: str

    @property
    def key(self) -> str:
        return hashlib.sha1(self.code.encode()).hexdigest()


class MermaidUnavailable(Exception):
    """Mermaid's parser cannot run; the message says how to set it up."""


def find_diagrams(doctree: nodes.document, source_lines: list[str]) -> list[tuple[mermaid, Diagram]]:
    """The mermaid nodes of a page, each with its diagram located in the source."""
    found, start = [], 0
    for node in doctree.findall(mermaid):
        line = fence_line(source_lines, node["code"], start)
        start = line or start
        found.append((node, Diagram(line, node["code"])))
    return found


def fence_line(source_lines: list[str], code: str, start: int) -> int:
    """The 1-based line of the fence that opens this code, searching from line start;
    0 when it is not written in the page (a diagram made by a directive)."""
    first = code.strip().splitlines()[0].strip() if code.strip() else ""
    for index in range(start, len(source_lines)):
        if FENCE.match(source_lines[index]) and any(
            line.strip() == first for line in source_lines[index + 1: index + 4]
        ):
            return index + 1
    return 0


def parse(diagrams: list[Diagram]) -> dict[str, dict[str, Any]]:
    """Mermaid's reading of each diagram, by key: an error, or the flowchart's graph."""
    if not diagrams:
        return {}
    node = shutil.which("node")
    if node is None:
        raise MermaidUnavailable("Node.js is not installed, so diagrams cannot be checked: "
                                 "install Node.js 18 or newer, then run make html")
    if not (NODE_MODULES / "mermaid").is_dir() or not (NODE_MODULES / "jsdom").is_dir():
        raise MermaidUnavailable(f"Mermaid is not installed in {NODE_MODULES}: run make html, "
                                 "which installs it with npm ci")
    request = json.dumps([{"key": d.key, "code": d.code} for d in diagrams])
    done = subprocess.run([node, str(SCRIPT)], input=request, capture_output=True, text=True,
                          timeout=600)
    if done.returncode != 0:
        raise MermaidUnavailable(f"Mermaid's parser failed to run: {done.stderr.strip()[-500:]}")
    return json.loads(done.stdout)
