"""Every build reports every problem, and a build after a failed one is still quick.

Sphinx, MyST and sphinx-needs warn about a page only while they read or write it, so a
rebuild that does not read a page again would say nothing of its problems. Instead of
throwing the environment away after a failure (and reading every page again), each page
that had a warning is noted, in the doctree folder, and read again by the next build:
that build reads those pages and the ones that changed, and reports all their problems
again. Our own checks report what they keep of every page on every build anyway.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.logging import NAMESPACE, get_node_location, is_suppressed_warning

#: The pages that had a problem in the last build, in the doctree folder.
PAGES_FILE = "soplib-pages-with-problems.json"

#: A warning's location as Sphinx writes it: a path, then ``:line`` if it has one.
LOCATION = re.compile(r"^(?P<path>.+?)(?::\d*)?$")


class PagesWithProblems(logging.Handler):
    """Notes the page of each warning the build shows (not those suppressed). It reads
    each record without changing it: Sphinx's own handlers write it."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__(logging.WARNING)
        self.app = app
        self.docnames: set[str] = set()

    def emit(self, record: logging.LogRecord) -> None:
        kind, subtype = getattr(record, "type", ""), getattr(record, "subtype", "")
        if is_suppressed_warning(kind, subtype, self.app.config.suppress_warnings):
            return
        if (docname := self.page_of(getattr(record, "location", None))) is not None:
            self.docnames.add(docname)

    def page_of(self, location: object) -> str | None:
        """The page a warning's location is in: (docname, line), a node, ``docname``
        or ``path:line``."""
        if isinstance(location, tuple):
            return str(location[0]) if location and location[0] else None
        env = getattr(self.app, "env", None)  # none yet while the settings are read
        if isinstance(location, nodes.Node):
            location = get_node_location(location)
        if env is None or not isinstance(location, str):
            return None
        if ":" not in location:
            return location if location in env.found_docs else None
        match = LOCATION.match(location)
        return env.path2doc(match["path"]) if match else None


def pages_file(app: Sphinx) -> Path:
    return Path(app.doctreedir) / PAGES_FILE


def pages_with_problems(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """The pages that had a problem in the last build, to be read again."""
    try:
        noted = json.loads(pages_file(app).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return sorted(set(noted) & env.found_docs - added - removed) if isinstance(noted, list) else []


def note_pages(handler: PagesWithProblems, app: Sphinx) -> None:
    """Keep the pages that had a problem in this build for the next one."""
    path = pages_file(app)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(sorted(handler.docnames)), encoding="utf-8")


def setup(app: Sphinx) -> None:
    handler = PagesWithProblems(app)
    # Sphinx removes every handler of its logger when the next application starts.
    logging.getLogger(NAMESPACE).addHandler(handler)
    app.connect("env-get-outdated", pages_with_problems)
    app.connect("build-finished", lambda app, exception: note_pages(handler, app))
