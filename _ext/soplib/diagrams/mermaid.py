"""What Mermaid's own parser makes of diagrams: the browser's parser, run under Node
(``mermaid_parse.mjs``) on the pinned ``mermaid`` package in node_modules, so the build
and the page never disagree.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from ..model.i18n import say
from ..model.outline import Diagram

SCRIPT = Path(__file__).with_name("mermaid_parse.mjs")
NODE_MODULES = Path(__file__).resolve().parents[3] / "node_modules"
#: The browser build of Mermaid that the site serves, and the files it imports.
BROWSER_BUILD = NODE_MODULES / "mermaid" / "dist"


class MermaidUnavailable(Exception):
    """Mermaid's parser cannot run; the message says how to set it up."""


def parse(diagrams: list[Diagram]) -> dict[str, dict[str, Any]]:
    """Mermaid's reading of each diagram, by key: an error, or the flowchart's graph."""
    if not diagrams:
        return {}
    node = shutil.which("node")
    if node is None:
        raise MermaidUnavailable(
            say(
                "Node.js is not installed, so diagrams cannot be checked: install Node.js 18 "
                "or newer, then run make html"
            )
        )
    if not (NODE_MODULES / "mermaid").is_dir() or not (NODE_MODULES / "jsdom").is_dir():
        raise MermaidUnavailable(
            say(
                "Mermaid is not installed in %(folder)s: run make html, which installs it "
                "with npm ci",
                folder=NODE_MODULES,
            )
        )
    request = json.dumps([{"key": d.key, "code": d.code} for d in diagrams])
    done = subprocess.run(
        [node, str(SCRIPT)], input=request, capture_output=True, text=True, timeout=600
    )
    if done.returncode != 0:
        # Translators: error is what Node.js printed, in English.
        failed = say("Mermaid's parser failed to run: %(error)s", error=done.stderr.strip()[-500:])
        raise MermaidUnavailable(failed)
    parsed: dict[str, dict[str, Any]] = json.loads(done.stdout)
    return parsed
