"""Which SOPs are in force: the rule of document control, stated once.

An SOP is in force when it is approved and its effective date has come. Every other
SOP is still built, so that previews and links work, but its pages say it is not in
force, at the top and on each step, and it is kept off what agents read: the role
pages, the training matrix, the KPI catalog's step lists, the traceability matrix and
the area navigation. The catalog lists it apart. A retired SOP leaves the navigation
and stays reachable from the catalog. ``sop_unpublished`` in conf.py can leave SOPs of
some statuses out of the site altogether.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .frontmatter import sop_files
from .i18n import N_, _

#: The standings of an SOP, in the order the catalog lists them.
IN_FORCE, FUTURE, IN_REVIEW, DRAFT, RETIRED = "in-force", "future", "in-review", "draft", "retired"
STANDINGS = (IN_FORCE, FUTURE, IN_REVIEW, DRAFT, RETIRED)
#: What each standing is called on the page (FUTURE names its date).
LABELS = {
    IN_FORCE: N_("In force"),
    FUTURE: N_("Approved, in force from %(date)s: not in force yet"),
    IN_REVIEW: N_("In review: not in force"),
    DRAFT: N_("Draft: not in force"),
    RETIRED: N_("Retired: no longer in force"),
}


@dataclass(frozen=True)
class Standing:
    """Where an SOP stands on a given day."""

    state: str  # one of STANDINGS
    effective: datetime.date | None = None

    @property
    def in_force(self) -> bool:
        return self.state == IN_FORCE

    def label(self) -> str:
        """What a reader is told, in the site's language."""
        if self.state == FUTURE:
            assert self.effective  # standing() gives a future SOP its date
            return _(LABELS[FUTURE]) % {"date": self.effective.isoformat()}
        return _(LABELS[self.state])


def standing(meta: dict[str, Any], day: datetime.date) -> Standing:
    """Where an SOP with this (checked) front matter stands on day. An approved SOP with
    no valid effective date counts as in force: the build reports the date."""
    status, effective = meta.get("status"), meta.get("effective")
    if not isinstance(effective, datetime.date):
        effective = None
    if status == "retired":
        return Standing(RETIRED, effective)
    if status != "approved":
        return Standing(IN_REVIEW if status == "in-review" else DRAFT, effective)
    if effective is not None and effective > day:
        return Standing(FUTURE, effective)
    return Standing(IN_FORCE, effective)


def leave_out_unpublished(app: Sphinx, config: Config) -> None:
    """Leave out of the build the SOPs whose status ``sop_unpublished`` names."""
    if not config.sop_unpublished:
        return
    root = Path(app.srcdir)
    left_out = [
        path.relative_to(root).as_posix()
        for path, front in sop_files(root, f"{config.sop_root}/**/*.md")
        if front.values.get("status") in config.sop_unpublished
    ]
    config.exclude_patterns = [*config.exclude_patterns, *left_out]


def setup(app: Sphinx) -> None:
    app.connect("config-inited", leave_out_unpublished, priority=600)  # after the settings
