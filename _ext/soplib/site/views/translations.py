"""The translation status: for each SOP and each language it is published in, the share
of its text translated, and the steps whose translation is behind the source."""

from __future__ import annotations

from babel.numbers import format_percent
from docutils import nodes

from ...model.i18n import _
from ...model.translations import Status, language_name, translation_status
from ..blocks import Cell, table
from ..editions import edition_uri
from ..library import Library


def state(status: Status) -> str:
    if not status.exists:
        return _("not translated")
    if status.draft:
        return _("draft")
    return _("behind the source") if status.is_behind else _("up to date")


def translation_status_view(lib: Library) -> list[nodes.Node]:
    languages = translation_status(lib.app)
    if not languages:
        return [nodes.paragraph(text=_("This library is published in its own language only."))]
    locale = lib.app.config.language or "en"
    rows: list[list[Cell]] = []
    for docname in lib.records:
        for language, pages in languages.items():
            status = pages.get(docname)
            if status is None:
                continue
            uri = edition_uri(lib.app, lib.page, language, docname)
            rows.append([
                lib.sop(docname),
                nodes.reference("", language_name(language).capitalize(), refuri=uri),
                format_percent(status.share, locale=locale.replace("-", "_")),
                state(status),
                ", ".join(status.behind) if status.is_behind else "",
            ])  # fmt: skip
    headers = [_("SOP"), _("Language"), _("Translated"), _("State"), _("Steps behind")]
    return [table(headers, rows, ["sop-filterable", "sop-translations"])]
