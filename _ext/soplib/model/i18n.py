"""The words the site generates, in the library's language (``language`` in conf.py).

Our words live in gettext catalogs beside the code, ``locales/<language>/LC_MESSAGES/``:
``soplib.po`` (our labels, headings, status and format names) and ``sphinx.po`` (the
theme's and Sphinx's words that their own catalogs lack in that language). When a build
starts they are compiled into its doctree folder and registered with Sphinx: ``soplib``
as a catalog of its own, ``sphinx`` behind Sphinx's own. Where Sphinx's catalog of a
language is thin, its richer sibling is used too (``pt``: Sphinx's ``pt_PT``). The words
of the pages' scripts, Sphinx's and ``soplib.js``'s, go to the page's ``translations.js``.

The messages the build and the ``make`` commands give authors are in the library's own
language (``sop_source_language``, else ``language``), whatever edition is being built,
so that the editions' builds say each problem alike: :func:`say`, from the same
``soplib.po``, compiled apart from the build's catalogs.

A fourth language is a folder ``locales/<language>/`` with the two ``.po`` files.
"""

from __future__ import annotations

import functools
import gettext
import io
import json
import os
import re
import sys
import tempfile
from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from docutils.languages import en as english
from sphinx import locale, package_dir
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

CATALOG = "soplib"
#: Our catalogs: soplib.pot, and <language>/LC_MESSAGES/{soplib,sphinx}.po.
LOCALES = Path(__file__).resolve().parents[1] / "locales"
SPHINX_LOCALES = Path(package_dir) / "locale"
#: Languages whose Sphinx catalog is nearly empty, and the fuller one Sphinx has.
SPHINX_CATALOG_OF = {"pt": "pt_PT"}


def _(message: str) -> str:
    """message in the build's language. Call it while pages are made, never at import:
    mark text defined at import with N_ and translate it where it is shown."""
    return locale.get_translator(CATALOG).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural message for count, in the build's language."""
    return locale.get_translator(CATALOG).ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark text for the catalog where it is defined; _ translates it where it is shown."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Mark a singular and plural message for the catalog where they are defined; say_n
    or ngettext chooses and translates them where they are shown."""
    return singular, plural


def author_language(config: Config) -> str:
    """The library's own language, the language of the messages to its authors: a
    translated edition's build is told it (sop_source_language)."""
    return str(getattr(config, "sop_source_language", "") or config.language or "en")


#: The language the messages to authors are in: the library's, set when a build or a
#: command starts (use_author_language).
AUTHOR = {"language": "en"}


def use_author_language(language: str) -> None:
    """Give the messages to authors in language from now on (English when we have no
    catalog of it)."""
    AUTHOR["language"] = language


def author_language_now() -> str:
    """The language the messages to authors are in now."""
    return AUTHOR["language"]


def say(message: str, **values: Any) -> str:
    """A message to an author, in the library's language, its named placeholders
    (``%(sop)s``) filled with values. Every message our checks and commands print is said
    through it, and ``make translations`` extracts it like ``_``."""
    text = author_translations(AUTHOR["language"]).gettext(message)
    return text % values if values else text


def say_n(singular: str, plural: str, count: int, **values: Any) -> str:
    """The singular or plural message to an author for count (``%(count)d`` is count)."""
    text = author_translations(AUTHOR["language"]).ngettext(singular, plural, count)
    return text % {"count": count, **values}


def author_translations(language: str) -> gettext.NullTranslations:
    """Our catalog of a language, compiled in memory (apart from the build's catalogs,
    which are in the build's language), again when its file changes."""
    folder = catalog_language(language)
    if folder is None:
        return gettext.NullTranslations()
    po = LOCALES / folder / "LC_MESSAGES" / f"{CATALOG}.po"
    return _compiled_translations(po, po.stat().st_mtime)


@functools.cache
def _compiled_translations(po: Path, mtime: float) -> gettext.GNUTranslations:
    with po.open(encoding="utf-8") as source:
        catalog = read_po(source)
    mo = io.BytesIO()
    write_mo(mo, catalog)
    mo.seek(0)
    return gettext.GNUTranslations(mo)


def catalog_language(language: str) -> str | None:
    """The folder of our catalogs for a language: 'pt' serves 'pt_PT' too; None for
    English, the language of the messages themselves, or a language we have no words in."""
    for candidate in (language, language.partition("_")[0]):
        if (LOCALES / candidate / "LC_MESSAGES").is_dir():
            return candidate
    return None


def note_catalog_dependency(env: BuildEnvironment) -> None:
    """Read the page being read again when our words in the build's language change (for
    words written into a page as it is read)."""
    language = env.config.language
    folder = catalog_language(language) if language else None
    if folder is not None:
        env.note_dependency(str(LOCALES / folder / "LC_MESSAGES" / f"{CATALOG}.po"))


def compiled(app: Sphinx) -> Path:
    """Where this build's catalogs are compiled: a folder of its doctree folder."""
    return Path(app.doctreedir) / "soplib-locales"


def compile_catalog(po: Path, mo: Path) -> None:
    """Compile po into mo if it is newer, writing the file whole (builds may share it)."""
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        return
    with po.open(encoding="utf-8") as source:
        catalog = read_po(source)
    mo.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=mo.parent, suffix=".mo")
    with os.fdopen(handle, "wb") as target:
        write_mo(target, catalog)
    os.replace(partial, mo)


def load_catalogs(app: Sphinx, config: Config) -> None:
    """Compile and register our catalogs for the build's language (English needs none:
    the messages are English)."""
    folder = catalog_language(config.language or "en")
    if folder is None:
        return
    target = compiled(app) / folder / "LC_MESSAGES"
    for po in sorted((LOCALES / folder / "LC_MESSAGES").glob("*.po")):
        compile_catalog(po, target / f"{po.stem}.mo")
    for catalog in (CATALOG, "sphinx"):
        app.add_message_catalog(catalog, compiled(app))
    if sibling := SPHINX_CATALOG_OF.get(folder):
        locale.init([SPHINX_LOCALES], sibling, "sphinx")
    provide_docutils_language(config.language)
    script = compiled(app) / config.language / "LC_MESSAGES" / "sphinx.js"
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(script_catalog(folder), encoding="utf-8")
    # Sphinx takes a language's translations.js from the first locale folder that has one.
    config.locale_dirs = [str(compiled(app)), *config.locale_dirs]


#: The words docutils writes itself (docutils.languages.en.labels), marked for our catalog.
DOCUTILS_LABELS = {
    "author": N_("Author"),
    "authors": N_("Authors"),
    "organization": N_("Organization"),
    "address": N_("Address"),
    "contact": N_("Contact"),
    "version": N_("Version"),
    "revision": N_("Revision"),
    "status": N_("Status"),
    "date": N_("Date"),
    "copyright": N_("Copyright"),
    "dedication": N_("Dedication"),
    "abstract": N_("Abstract"),
    "attention": N_("Attention!"),
    "caution": N_("Caution!"),
    "danger": N_("!DANGER!"),
    "error": N_("Error"),
    "hint": N_("Hint"),
    "important": N_("Important"),
    "note": N_("Note"),
    "tip": N_("Tip"),
    "warning": N_("Warning"),
    "contents": N_("Contents"),
}


def provide_docutils_language(language: str) -> None:
    """Give docutils a module for a language it has none of (it has neither hu nor pt):
    its English one, with the labels it writes from our catalog. Without it docutils
    writes those labels in English and warns that the language is not supported."""
    name = f"docutils.languages.{language.partition('_')[0].lower()}"
    try:
        import_module(name)
        return
    except ImportError:
        pass
    module = ModuleType(name)
    module.labels = {key: _(label) for key, label in DOCUTILS_LABELS.items()}  # type: ignore[attr-defined]
    module.bibliographic_fields = english.bibliographic_fields  # type: ignore[attr-defined]
    module.author_separators = english.author_separators  # type: ignore[attr-defined]
    sys.modules[name] = module


def read_catalog(path: Path) -> Catalog:
    if not path.is_file():
        return Catalog()
    with path.open(encoding="utf-8") as source:
        return read_po(source)


def is_translated(message: Message) -> bool:
    """Whether a catalog entry has its translation, every plural form of it, and is not fuzzy."""
    string = message.string
    done = bool(string) if isinstance(string, str) else bool(string) and all(string or ())
    return done and not message.fuzzy


#: What a plural rule may be made of: n, numbers, operators and parentheses.
PLURAL_RULE = re.compile(r"[n0-9\s()?:<>=!&|%+*/-]+")


def script_catalog(folder: str) -> str:
    """translations.js for a language: the words of Sphinx's scripts and of soplib.js,
    from our catalogs first, then Sphinx's own."""
    ours = [read_catalog(LOCALES / folder / "LC_MESSAGES" / f"{name}.po") for name in
            ("sphinx", CATALOG)]  # fmt: skip
    sphinx_folder = SPHINX_CATALOG_OF.get(folder, folder)
    theirs = read_catalog(SPHINX_LOCALES / sphinx_folder / "LC_MESSAGES" / "sphinx.po")
    wanted = [
        message.id
        for template in (SPHINX_LOCALES / "sphinx.pot", LOCALES / f"{CATALOG}.pot")
        for message in read_catalog(template)
        if message.id and any(file.endswith(".js") for file, _line in message.locations)
    ]
    words: dict[str, str | list[str]] = {}
    for msgid in wanted:
        for catalog in (*ours, theirs):
            message = catalog.get(msgid)
            if message is not None and is_translated(message):
                key = msgid if isinstance(msgid, str) else msgid[0]
                string = message.string
                words[key] = string if isinstance(string, str) else list(string or ())
                break
    # The rule of the language's plural forms (a C expression in n, from Babel's data,
    # which is also JavaScript) is written into the file as a function: Sphinx's
    # Documentation.addTranslations would compile it with new Function, which pages
    # forbid (soplib.site.csp), so the file sets what that would set itself.
    plural = Catalog(locale=folder).plural_expr
    if not PLURAL_RULE.fullmatch(plural):
        plural = "(n != 1)"
    return (
        "// The words of the pages' scripts in this language (soplib.model.i18n).\n"
        f"Object.assign(Documentation.TRANSLATIONS, {json.dumps(words, indent=1)});\n"
        f"Documentation.PLURAL_EXPR = (n) => Number({plural});\n"
        f"Documentation.LOCALE = {json.dumps(folder)};\n"
    )


def say_in_library_language(app: Sphinx, config: Config) -> None:
    use_author_language(author_language(config))


def setup(app: Sphinx) -> None:
    # Before the settings are read, which may already say something to the author.
    app.connect("config-inited", say_in_library_language, priority=400)
    app.connect("config-inited", load_catalogs)
