"""Our message catalogs: the template holds every message of the code, and every language
translates every message, with its placeholders, and nothing left fuzzy."""

from __future__ import annotations

import pytest
from babel.messages.pofile import read_po

from soplib.model.i18n import CATALOG, LOCALES, is_translated
from soplib.tools.translations import extract_messages

LANGUAGES = sorted(p.name for p in LOCALES.iterdir() if (p / "LC_MESSAGES").is_dir())


def read(path):
    with path.open(encoding="utf-8") as source:
        return read_po(source)


def test_the_template_has_every_message_of_the_code():
    in_code = {message.id for message in extract_messages() if message.id}
    in_template = {message.id for message in read(LOCALES / f"{CATALOG}.pot") if message.id}
    assert in_code == in_template, "run make translations, then translate what it added"


def test_the_languages_out_of_the_box():
    assert LANGUAGES == ["hu", "pt"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", [CATALOG, "sphinx"])
def test_every_message_is_translated_with_its_placeholders(language, name):
    template = read(LOCALES / f"{name}.pot")
    with (LOCALES / language / "LC_MESSAGES" / f"{name}.po").open(encoding="utf-8") as source:
        catalog = read_po(source, locale=language)
    assert not catalog.fuzzy, "the header is still marked fuzzy: the catalog is a draft"
    untranslated = [
        m.id for m in template if m.id and not ((t := catalog.get(m.id)) and is_translated(t))
    ]
    assert untranslated == []
    assert [(message.id, errors) for message, errors in catalog.check()] == []
