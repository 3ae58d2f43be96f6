"""Pages that show what other pages define, written again when that changes.

Sphinx writes a page again when its own source changes. An SOP page also shows the
names of the catalog entries its steps link to, and a catalog page the titles of the
steps that name its entries; so a renamed entry rewrites the SOP pages, and a renamed,
added or relinked step the catalog pages (the view pages work the same way). Each check
compares a digest of what the pages show with the one of the last build that wrote
them all, kept beside them in the output folder: a build that fails or is stopped
leaves it as it was, so the next build writes those pages again.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx_needs.data import SphinxNeedsData

from ..model.records import sop_records
from ..model.store import Slot
from ..model.trace import STEP_LINKS

DIGESTS = ".soplib-digests.json"
#: What the pages written in this build show, by key, saved when the build ends well.
SHOWN: Slot[dict[str, str]] = Slot("sop_digests", dict)


#: What the pages in the output folder show, by key, as the last build that wrote them
#: all saved it: read once per build.
WRITTEN: Slot[dict[str, str] | None] = Slot("sop_digests_written", lambda: None)


def changed(app: Sphinx, key: str, shown: Any) -> bool:
    """Whether shown (anything with a stable repr) differs from what the pages in the
    output folder show."""
    digest = hashlib.sha256(repr(shown).encode()).hexdigest()
    SHOWN.of(app)[key] = digest
    written = WRITTEN.of(app)
    if written is None:
        path = Path(app.outdir) / DIGESTS
        written = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        WRITTEN.set(app, written)
    return written.get(key) != digest


def save_digests(app: Sphinx, exception: Exception | None) -> None:
    """Keep what the pages now show, once they are all written."""
    if exception is None and (digests := SHOWN.of(app)):
        (Path(app.outdir) / DIGESTS).write_text(json.dumps(digests), encoding="utf-8")
    WRITTEN.set(app, None)


def pages_showing_others(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """The SOP pages if a catalog entry's name changed, or whether a role is agent-facing
    (which SOPs link to a QA scorecard); the catalog pages if a step's name changed."""
    needs = SphinxNeedsData(env).get_needs_mutable()  # as read, before the write
    entries = sorted(
        (i, n["title"], n["docname"], n["agent_facing"])  # whether SOPs have a QA scorecard
        for i, n in needs.items()
        if n["type"] != "step"
    )
    steps = sorted(
        (i, n["title"], n["docname"], [n[link.name] for link in STEP_LINKS])
        for i, n in needs.items()
        if n["type"] == "step"
    )
    pages: list[str] = []
    if changed(app, "catalog names", entries):
        pages += sop_records(env)
    if changed(app, "steps named", steps):
        pages += {entry[2] for entry in entries if entry[2]}
    return pages


def setup(app: Sphinx) -> None:
    SHOWN.set(app, {})
    app.connect("env-get-updated", pages_showing_others)
    app.connect("build-finished", save_digests)
