"""Pages that show what other pages define, written again when that changes.

Sphinx writes a page again when its own source changes. An SOP page also shows the
names of the catalog entries its steps link to, and a catalog page the titles of the
steps that name its entries; so a renamed entry rewrites the SOP pages, and a renamed,
added or relinked step the catalog pages. Each check compares a digest of what is shown
with the one of the previous build, kept on the environment.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx_needs.data import SphinxNeedsData

from .library import sop_records
from .trace import STEP_LINKS


def changed(env: BuildEnvironment, key: str, shown: Any) -> bool:
    """Whether shown (anything with a stable repr) differs from the last build's."""
    if not hasattr(env, "sop_digests"):
        env.sop_digests = {}
    digests: dict[str, str] = env.sop_digests
    digest = hashlib.sha256(repr(shown).encode()).hexdigest()
    if digests.get(key) == digest:
        return False
    digests[key] = digest
    return True


def pages_showing_others(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The SOP pages if a catalog entry's name changed; the catalog pages if a step's."""
    needs = SphinxNeedsData(env).get_needs_mutable()  # as read, before the write
    entries = sorted((i, n["title"], n["docname"]) for i, n in needs.items() if n["type"] != "step")
    steps = sorted((i, n["title"], n["docname"], [n[link.name] for link in STEP_LINKS])
                   for i, n in needs.items() if n["type"] == "step")
    pages = []
    if changed(env, "catalog names", entries):
        pages += sop_records(env)
    if changed(env, "steps named", steps):
        pages += {docname for _, _, docname in entries if docname}
    return pages


def setup(app: Sphinx) -> None:
    app.connect("env-get-updated", pages_showing_others)
