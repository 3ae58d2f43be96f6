"""The catalogs a build compiles and registers, and the words of the pages' scripts."""

from __future__ import annotations

import gettext
import json
import os
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from babel.messages.catalog import Message

from soplib.model import i18n
from soplib.model.i18n import (
    LOCALES,
    SPHINX_LOCALES,
    author_language_now,
    compile_catalog,
    is_translated,
    note_catalog_dependency,
    provide_docutils_language,
    read_catalog,
    say,
    script_catalog,
    use_author_language,
)

PO = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Step"
msgstr "{word}"
"""


def script_words(text: str) -> dict[str, Any]:
    """The words a translations.js gives the pages' scripts."""
    words: dict[str, Any] = json.loads(text.partition("TRANSLATIONS, ")[2].partition(");\n")[0])
    return words


def translated(path: Path) -> dict[Any, Any]:
    """The translated entries of a catalog, by msgid."""
    return {m.id: m.string for m in read_catalog(path) if m.id and is_translated(m)}


def test_the_scripts_words_are_ours_first_then_sphinxs_own():
    words = script_words(script_catalog("pt"))
    ours = translated(LOCALES / "pt" / "LC_MESSAGES" / "soplib.po")
    theirs = translated(SPHINX_LOCALES / "pt_PT" / "LC_MESSAGES" / "sphinx.po")
    assert words["Diagram, full screen"] == ours["Diagram, full screen"]
    assert words["Search Results"] == theirs["Search Results"] != "Search Results"
    plural = "Search finished, found one page matching the search query."
    forms = translated(LOCALES / "pt" / "LC_MESSAGES" / "sphinx.po")
    assert words[plural] == list(next(s for i, s in forms.items() if i[0] == plural))
    assert words[plural][1].startswith("Pesquisa concluída: foram encontradas ${resultCount}")
    assert "Skip to main content" not in words  # a word of the templates, not of a script


def test_the_scripts_words_are_only_the_translated_ones():
    words = script_words(script_catalog("pl"))  # a language we have no catalogs of
    theirs = translated(SPHINX_LOCALES / "pl" / "LC_MESSAGES" / "sphinx.po")
    assert words and all(words[key] == theirs[key] for key in words if isinstance(key, str))
    assert "Diagram, full screen" not in words


@pytest.mark.parametrize(
    ("language", "rule"),
    [
        ("hu", "0"),
        ("pt", "(n != 1)"),
        ("pl", "(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)"),
    ],
)
def test_the_plural_rule_is_a_function_and_the_locale_is_set(language, rule):
    lines = script_catalog(language).splitlines()
    assert lines[-2:] == [
        f"Documentation.PLURAL_EXPR = (n) => Number({rule});",
        f'Documentation.LOCALE = "{language}";',
    ]


def test_a_plural_rule_that_is_not_arithmetic_is_never_written(monkeypatch):
    class Rule:
        def __init__(self, locale: str | None = None) -> None:
            self.plural_expr = "alert(1)"

        def get(self, msgid: str) -> None:
            return None

        def __iter__(self):
            return iter(())

    monkeypatch.setattr(i18n, "Catalog", Rule)
    assert "Number((n != 1));" in script_catalog("xx")
    assert "alert" not in script_catalog("xx")


def test_a_catalog_is_compiled_when_it_is_newer_than_its_compiled_file(tmp_path):
    po, mo = tmp_path / "soplib.po", tmp_path / "out" / "LC_MESSAGES" / "soplib.mo"
    po.write_text(PO.format(word="Lépés"), encoding="utf-8")
    compile_catalog(po, mo)
    with mo.open("rb") as compiled:
        assert gettext.GNUTranslations(compiled).gettext("Step") == "Lépés"
    assert [path.name for path in mo.parent.iterdir()] == ["soplib.mo"]

    mo.write_bytes(b"kept")  # newer than the catalog: left as it is
    compile_catalog(po, mo)
    assert mo.read_bytes() == b"kept"

    po.write_text(PO.format(word="Passo"), encoding="utf-8")
    os.utime(po, (mo.stat().st_mtime + 5, mo.stat().st_mtime + 5))
    compile_catalog(po, mo)
    with mo.open("rb") as compiled:
        assert gettext.GNUTranslations(compiled).gettext("Step") == "Passo"


def test_a_compiled_file_as_old_as_its_catalog_is_kept(tmp_path):
    po, mo = tmp_path / "soplib.po", tmp_path / "soplib.mo"
    po.write_text(PO.format(word="Lépés"), encoding="utf-8")
    mo.write_bytes(b"kept")
    os.utime(mo, (po.stat().st_mtime, po.stat().st_mtime))
    compile_catalog(po, mo)
    assert mo.read_bytes() == b"kept"


@pytest.mark.parametrize(
    ("message", "done"),
    [
        (Message("Step", "Lépés"), True),
        (Message("Step", ""), False),
        (Message("Step", "Lépés", flags=["fuzzy"]), False),
        (Message(("a step", "steps"), ("egy lépés", "lépések")), True),
        (Message(("a step", "steps"), ("egy lépés", "")), False),
        (Message(("a step", "steps"), ("", "")), False),
        (Message(("a step", "steps"), ()), False),
        (Message(("a step", "steps"), ("egy", "két"), flags=["fuzzy"]), False),
    ],
)
def test_an_entry_is_translated_when_every_form_is_written_and_it_is_not_fuzzy(message, done):
    assert is_translated(message) is done


def test_a_missing_catalog_reads_as_an_empty_one(tmp_path):
    assert [message.id for message in read_catalog(tmp_path / "none.po")] == [""]
    assert read_catalog(LOCALES / "hu" / "LC_MESSAGES" / "soplib.po").get("Step") is not None


def test_docutils_is_given_a_language_it_lacks_with_our_labels(monkeypatch):
    monkeypatch.delitem(sys.modules, "docutils.languages.xx", raising=False)
    provide_docutils_language("xx_Hant_YY")
    module = sys.modules.pop("docutils.languages.xx")
    assert module.labels["warning"] == "Warning"
    assert module.labels["danger"] == "!DANGER!"
    assert module.bibliographic_fields["author"] == "author"
    assert module.author_separators == [";", ","]


def test_a_language_docutils_has_is_left_to_docutils():
    from docutils.languages import de

    provide_docutils_language("de")
    assert sys.modules["docutils.languages.de"] is de


@pytest.mark.parametrize(
    ("language", "noted"),
    [
        ("hu", [str(LOCALES / "hu" / "LC_MESSAGES" / "soplib.po")]),
        ("pt_PT", [str(LOCALES / "pt" / "LC_MESSAGES" / "soplib.po")]),
        ("en", []),
        (None, []),
    ],
)
def test_a_page_is_read_again_when_our_words_in_its_language_change(language, noted):
    dependencies: list[str] = []
    env = SimpleNamespace(config=SimpleNamespace(language=language),
                          note_dependency=dependencies.append)  # fmt: skip
    note_catalog_dependency(cast(Any, env))
    assert dependencies == noted


def test_the_messages_to_authors_are_in_the_language_set_last():
    use_author_language("hu")
    assert author_language_now() == "hu"
    assert say("Step") == "Lépés"
    use_author_language("en")
    assert (author_language_now(), say("Step")) == ("en", "Step")


def test_a_builds_catalogs_are_compiled_into_its_doctree_folder(tmp_path):
    app = SimpleNamespace(doctreedir=str(tmp_path / "doctrees"))
    assert i18n.compiled(cast(Any, app)) == tmp_path / "doctrees" / "soplib-locales"


def test_a_catalog_is_compiled_beside_its_place_then_moved_there_whole(tmp_path, monkeypatch):
    po, mo = tmp_path / "soplib.po", tmp_path / "out" / "soplib.mo"
    po.write_text(PO.format(word="Lépés"), encoding="utf-8")
    moved: list[tuple[Path, Path]] = []
    replace = os.replace

    def move(src: str, dst: Path) -> None:
        moved.append((Path(src), Path(dst)))
        replace(src, dst)

    monkeypatch.setattr(os, "replace", move)
    compile_catalog(po, mo)
    assert [(src.parent, dst) for src, dst in moved] == [(mo.parent, mo)]
