"""How far each page's translation is, read from its catalog (model.translations): what is
translated, which steps are behind and where, on catalogs in a temporary folder."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from babel.messages.catalog import Catalog

from soplib.model.records import SopRecord
from soplib.model.translatable import Message
from soplib.model.translations import (
    Status,
    known_languages,
    language_name,
    page_status,
    shown_as_written,
    translation_status,
)

MESSAGES = [
    Message("Answer the call", "STEP_T_ANSWER"),
    Message("Answer within three rings.", "STEP_T_ANSWER"),
    Message("Close the call", "STEP_T_CLOSE"),
    Message("Purpose", None),
]
PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Answer the call"
msgstr "Vegye fel a hívást"

msgid "Answer within three rings."
msgstr ""

#, fuzzy
msgid "Close the call"
msgstr "Zárja le"

msgid "Purpose"
msgstr "Cél"
"""


def catalog(*entries: tuple[str, str], fuzzy: bool = False, lineno: int = 0) -> Catalog:
    made = Catalog(fuzzy=fuzzy)
    for text, translation in entries:
        made.add(text, translation, lineno=lineno)
    return made


def test_a_page_not_translated_has_no_catalog_and_nothing_translated():
    status = page_status(MESSAGES, None, None)
    assert status == Status(None, 4, 0, ("STEP_T_ANSWER", "STEP_T_CLOSE"),
                            tuple(m.text for m in MESSAGES), True, 1, False)  # fmt: skip
    assert (status.exists, status.is_behind, status.share) == (False, False, 0.0)


def test_a_translation_names_the_steps_behind_and_its_first_line_behind():
    path = Path("locales/hu/LC_MESSAGES/sops/area/x.po")
    made = catalog(("Answer the call", "Vegye fel"), ("Answer within three rings.", ""),
                   ("Purpose", "Cél"), ("Close the call", ""), lineno=7)  # fmt: skip
    made["Close the call"].lineno = 0  # an entry without its line: line 1
    status = page_status(MESSAGES, made, path)
    missing = ("Answer within three rings.", "Close the call")
    assert status == Status(path, 4, 2, ("STEP_T_ANSWER", "STEP_T_CLOSE"), missing, False, 1,
                            False)  # fmt: skip
    assert (status.exists, status.is_behind, status.share) == (True, True, 0.5)


def test_the_first_line_behind_is_the_lowest_of_the_entries_behind():
    made = catalog(("Answer the call", ""), ("Purpose", ""), ("Close the call", "Zárja le"),
                   ("Answer within three rings.", "Három csengetésen."), lineno=9)  # fmt: skip
    made["Purpose"].lineno = 4
    status = page_status(MESSAGES, made, Path("x.po"))
    assert (status.line, status.behind, status.page_behind) == (4, ("STEP_T_ANSWER",), True)


def test_a_translation_of_every_message_is_not_behind_and_a_fuzzy_header_is_a_draft():
    whole = catalog(*((m.text, m.text.upper()) for m in MESSAGES), fuzzy=True)
    status = page_status(MESSAGES, whole, Path("x.po"))
    assert (status.translated, status.behind, status.missing, status.draft) == (4, (), (), True)
    assert (status.exists, status.is_behind, status.share) == (True, False, 1.0)
    empty = page_status([], catalog(), Path("x.po"))
    assert (empty.exists, empty.share, empty.draft) == (False, 1.0, False)


@pytest.fixture
def app(tmp_path: Path) -> Any:
    """A library written in English with a Hungarian catalog of sops/area/x, a page of
    sops/area/y without one, and a page outside the SOPs; translated into hu and pt."""
    po = tmp_path / "locales" / "hu" / "LC_MESSAGES" / "sops" / "area" / "x.po"
    po.parent.mkdir(parents=True)
    po.write_text(PO, encoding="utf-8")
    records = {"sops/area/x": SopRecord(), "sops/area/y": SopRecord(meta={"language": "pt"})}
    messages = {"sops/area/x": MESSAGES, "sops/area/y": MESSAGES[:1], "views/v": MESSAGES}
    env = SimpleNamespace(sop_records=records, sop_messages=messages)
    config = SimpleNamespace(locale_dirs=[str(tmp_path / "compiled"), "locales"],
                             sop_root="sops", sop_translations=["hu", "pt"], language="hu",
                             sop_source_language="en")  # fmt: skip
    return SimpleNamespace(env=env, config=config, srcdir=str(tmp_path))


def test_each_languages_status_of_each_page_is_read_from_its_catalog(app):
    status = translation_status(cast(Any, app))
    assert {language: list(pages) for language, pages in status.items()} == {
        "hu": ["sops/area/x", "sops/area/y"],
        "pt": ["sops/area/x"],  # y is written in Portuguese
    }
    x = status["hu"]["sops/area/x"]
    assert x.catalog == Path("locales/hu/LC_MESSAGES/sops/area/x.po")
    assert (x.translated, x.behind, x.line, x.draft) == (2, ("STEP_T_ANSWER", "STEP_T_CLOSE"),
                                                         8, False)  # fmt: skip
    assert status["hu"]["sops/area/y"].catalog is None
    assert status["pt"]["sops/area/x"].catalog is None
    assert translation_status(cast(Any, app)) is status, "read once per build"


def test_a_page_is_shown_as_written_where_its_edition_lacks_it(app):
    assert shown_as_written(cast(Any, app), "sops/area/x") is None  # translated, in part
    assert shown_as_written(cast(Any, app), "sops/area/x", "Answer within three rings.") == "en"
    assert shown_as_written(cast(Any, app), "sops/area/x", "Purpose") is None
    assert shown_as_written(cast(Any, app), "sops/area/y") == "pt"
    app.config.language = "pt"
    assert shown_as_written(cast(Any, app), "sops/area/y") is None  # its own language
    assert shown_as_written(cast(Any, app), "sops/area/x") == "en"


@pytest.mark.parametrize(
    ("code", "in_language", "name"),
    [("hu", None, "magyar"), ("pt", None, "português"), ("en", None, "English"),
     ("hu", "en", "Hungarian"), ("en", "hu", "angol"), ("xx", None, "xx"), ("", None, "")],
)  # fmt: skip
def test_a_language_is_named_as_a_sentence_has_it(code, in_language, name):
    assert language_name(code, in_language) == name


def test_the_languages_known_are_english_and_those_of_the_sites_words():
    assert known_languages() == ["en", "hu", "pt"]
