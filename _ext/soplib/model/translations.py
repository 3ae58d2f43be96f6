"""How far each language's translation of each page is behind its source.

A library is written in its own language; ``sop_translations`` lists the languages it is
published in too. A page's translation into a language is its gettext catalog,
``locales/<language>/LC_MESSAGES/<docname>.po``. A message of the page that the catalog
leaves out, leaves empty or marks fuzzy (gettext's mark for a text that changed in the
source after it was translated) is behind: the edition shows it in the source language.
A catalog whose header is marked fuzzy is a draft: gettext's own mark for a catalog not
yet complete, which sphinx-intl gives every new one. An SOP may be written in another of
the library's languages (``language`` in its front matter): it has no translation into
its own language, its edition in that language shows the original.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from sphinx.application import Sphinx
from sphinx.config import Config

from .i18n import LOCALES, is_translated
from .records import sop_records
from .store import Slot
from .translatable import MESSAGES, Message


def source_language(config: Config) -> str:
    """The language the library is written in."""
    return str(config.sop_source_language or config.language or "en")


def known_languages() -> list[str]:
    """The languages the library knows: English, and each one the site has its words in
    (a folder of soplib's catalogs), which an SOP may be written in."""
    return sorted({"en", *(folder.parent.name for folder in LOCALES.glob("*/LC_MESSAGES"))})


def page_language(app: Sphinx, docname: str) -> str:
    """The language a page is written in: its SOP's own (``language`` in its front matter,
    an SOP written at a site in another language), else the library's."""
    record = sop_records(app.env).get(docname)
    written = record.meta.get("language") if record is not None else None
    return str(written or source_language(app.config))


def is_translation(config: Config) -> bool:
    """Whether this build is a translated edition of the library."""
    return source_language(config) != (config.language or "en")


def language_name(code: str, in_language: str | None = None) -> str:
    """A language's name as a sentence has it, in that language unless another is asked:
    'magyar', 'English', and in Hungarian 'angol'."""
    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name(in_language or code)
    except (ValueError, UnknownLocaleError):
        return code
    return name or code


@dataclass(frozen=True)
class Status:
    """One page's translation into one language."""

    catalog: Path | None  # the .po file, relative to the source folder; None: not translated
    total: int  # the page's messages
    translated: int
    behind: tuple[str, ...]  # the needs (steps, catalog entries) with a message behind
    missing: tuple[str, ...]  # the messages behind, as the source has them
    page_behind: bool  # a message outside any need (a heading, a paragraph, a diagram)
    line: int  # in the .po file, the first message behind (1 when the catalog lacks it)
    draft: bool

    @property
    def exists(self) -> bool:
        """Whether the page has a translation at all, even a partial one."""
        return self.catalog is not None and self.translated > 0

    @property
    def is_behind(self) -> bool:
        return self.exists and self.translated < self.total

    @property
    def share(self) -> float:
        return self.translated / self.total if self.total else 1.0


def page_status(messages: list[Message], catalog: Catalog | None, path: Path | None) -> Status:
    """How much of a page's messages a catalog translates, and which needs are behind."""
    translated = 0
    behind: dict[str, None] = {}
    missing: list[str] = []
    page_behind = False
    lines: list[int] = []
    for message in messages:
        entry = catalog.get(message.text) if catalog is not None else None
        if entry is not None and is_translated(entry):
            translated += 1
            continue
        missing.append(message.text)
        lines.append(entry.lineno or 1 if entry is not None else 1)
        if message.need:
            behind[message.need] = None
        else:
            page_behind = True
    return Status(
        catalog=path if catalog is not None else None,
        total=len(messages),
        translated=translated,
        behind=tuple(behind),
        missing=tuple(missing),
        page_behind=page_behind,
        line=min(lines, default=1),
        draft=catalog is not None and catalog.fuzzy,
    )


def catalog_of(app: Sphinx, language: str, docname: str) -> Path | None:
    """A page's catalog for a language, relative to the source folder, as Sphinx finds it."""
    for folder in app.config.locale_dirs:
        if Path(folder).is_absolute():
            continue  # soplib's own compiled catalogs
        path = Path(folder) / language / "LC_MESSAGES" / f"{docname}.po"
        if (Path(app.srcdir) / path).is_file():
            return path
    return None


def read_status(app: Sphinx) -> dict[str, dict[str, Status]]:
    """Every translated language's status of every page with messages under sop_root."""
    found: dict[str, dict[str, Status]] = {}
    pages = {
        docname: messages
        for docname, messages in MESSAGES.of(app.env).items()
        if docname.startswith(app.config.sop_root + "/")
    }
    for language in app.config.sop_translations:
        found[language] = {}
        for docname, messages in sorted(pages.items()):
            if page_language(app, docname) == language:
                continue  # written in this language: its edition shows the original
            path = catalog_of(app, language, docname)
            catalog = None
            if path is not None:
                with (Path(app.srcdir) / path).open(encoding="utf-8") as source:
                    catalog = read_po(source, locale=language)
            found[language][docname] = page_status(messages, catalog, path)
    return found


#: The status read in this build, once the pages are read (the catalogs may change between
#: builds while no page does).
STATUS: Slot[dict[str, dict[str, Status]] | None] = Slot("sop_translation_status", lambda: None)


def translation_status(app: Sphinx) -> dict[str, dict[str, Status]]:
    """language -> docname -> Status, read once per build after every page is read."""
    status = STATUS.of(app)
    if status is None:
        status = read_status(app)
        STATUS.set(app, status)
    return status


def shown_as_written(app: Sphinx, docname: str, text: str | None = None) -> str | None:
    """The language a page, or a text of it, is shown in when that is not the edition's:
    the language it is written in, when the edition has no translation of the page, or
    none of text (one of its messages); None when it is shown in the edition's."""
    written = page_language(app, docname)
    edition = app.config.language or "en"
    if written == edition:
        return None
    status = translation_status(app).get(edition, {}).get(docname)
    if status is None or not status.exists or (text is not None and text in status.missing):
        return written
    return None


def forget_status(app: Sphinx, *args: object) -> None:
    STATUS.set(app, None)


def setup(app: Sphinx) -> None:
    app.connect("env-before-read-docs", forget_status)
