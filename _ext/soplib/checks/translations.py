"""Translations that stay behind their source: ``sop.translation_outdated``.

When the text of an approved SOP changes, its translations are behind until a translator
catches up (:mod:`soplib.model.translations`). An agent who follows an outdated
translation of a compliance step breaks the rule the source was changed to enforce, so a
translation behind for longer than ``sop_translation_grace_days`` fails the build, located
in its catalog. It has been behind since the commit that brought into the SOP the oldest
text its translation lacks (and no earlier than the translation was first committed). A
draft translation (its catalog's header marked fuzzy) and a page not translated at all
are not held to it. Reported by the build of the library in its own language, which
knows every edition.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from sphinx.application import Sphinx

from ..model.dates import today
from ..model.i18n import author_language_now, say
from ..model.problems import Finding, Problem
from ..model.records import sop_records
from ..model.revisions import first_appearance, history
from ..model.translations import Status, is_translation, language_name, translation_status


def behind_since(app: Sphinx, source: str, status: Status) -> datetime.date | None:
    """Since when a translation is behind: the commit that brought into the source the
    oldest of the texts the translation lacks (no earlier than the translation's own first
    commit); None while neither the translation nor those texts are committed."""
    revisions = history(app)
    catalog = status.catalog.as_posix() if status.catalog else ""
    if revisions is None or not revisions.get(catalog):
        return None
    published = revisions[catalog][-1].time
    appeared = first_appearance(Path(app.srcdir), source, status.missing)
    times = [max(time, published) for time in appeared.values()]
    return datetime.date.fromisoformat(min(times)[:10]) if times else None


def lag_findings(app: Sphinx) -> list[tuple[Path, Finding]]:
    """A finding, in its catalog, for each approved SOP's translation behind too long."""
    config = app.config
    if is_translation(config):
        return []
    day, grace = today(config), config.sop_translation_grace_days
    records = sop_records(app.env)
    found = []
    for language, pages in translation_status(app).items():
        for docname, status in sorted(pages.items()):
            record = records.get(docname)
            if record is None or record.meta.get("status") != "approved":
                continue
            if not status.is_behind or status.draft or status.catalog is None:
                continue
            source = str(app.env.doc2path(docname, base=False))
            since = behind_since(app, source, status)
            if since is None or (day - since).days <= grace:
                continue
            behind = ", ".join(status.behind) or say("its headings and text")
            found.append((
                status.catalog,
                Finding(status.line, Problem.TRANSLATION_OUTDATED,
                        # Translators: behind lists the steps whose translation is behind.
                        say("the %(language)s translation of SOP %(sop)s has been behind its "
                            "source since %(since)s (%(days)d days, %(grace)d allowed; behind: "
                            "%(behind)s): run make translations, translate what is empty or "
                            "fuzzy in this file and remove the fuzzy marks",
                            language=language_name(language, author_language_now()),
                            sop=record.meta.get("id", docname), since=since,
                            days=(day - since).days, grace=grace, behind=behind)),
            ))  # fmt: skip
    return found
