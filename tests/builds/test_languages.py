"""A library in Hungarian or Portuguese: every word the site generates is in its language.

The projects are written wholly in their language (an SOP, the catalogs, the view
pages), so an English word on their pages can only be one of ours: each message of our
catalogs (soplib.pot, and sphinx.pot for the theme) whose translation differs from it is
looked for, as a whole phrase, in the text a reader sees.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from soplib.model.i18n import LOCALES
from soplib.site.views import VIEWS
from support.projects import Build, build, write_project

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
TITLES = {
    "hu": ("Tesztkönyvtár", "Terület", "Nézet"),
    "pt": ("Biblioteca de teste", "Área", "Vista"),
}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\$\{\w+\}")


def library_in(language: str, root: Path) -> Build:
    """A small library written in the language, built in it."""
    library, area, view = TITLES[language]
    pages = {f"sops/catalog/{name}.md": (SAMPLES / language / f"{name}.md").read_text()
             for name in ("roles", "metrics", "trainings", "records")}  # fmt: skip
    pages["sops/area/x.md"] = (SAMPLES / language / "sop.md").read_text(encoding="utf-8")
    pages["sops/area/index.md"] = f"# {area}\n\n```{{toctree}}\n:glob:\n\n*\n```\n"
    for name in [*VIEWS, "sop-authoring-guide"]:
        pages[f"views/{name}.md"] = f"# {view}\n\n```{{{name}}}\n```\n"
    pages["index.md"] = f"# {library}\n\n```{{toctree}}\n:glob:\n\nsops/*/*\nviews/*\n```\n"
    overrides = {"language": language, "project": library, "html_title": library}
    return build(write_project(root, pages), root / "_build", confoverrides=overrides,
                 freshenv=True)  # fmt: skip


@pytest.fixture(scope="module", params=["hu", "pt"])
def translated(request, tmp_path_factory) -> tuple[str, Build]:
    language = request.param
    return language, library_in(language, tmp_path_factory.mktemp(language))


def visible_text(page: str) -> str:
    """What a reader sees or hears, but code: the text and the labels, not comments,
    scripts, diagram source, or code quoted in the Authoring guide (YAML values stay
    English by design)."""
    page = re.sub(r"<!--.*?-->|<script.*?</script>|<style.*?</style>|<pre.*?</pre>|<code.*?</code>",
                  " ", page, flags=re.S)  # fmt: skip
    labels = re.findall(r'(?:aria-label|title|placeholder|alt)="([^"]*)"', page)
    return html.unescape(" ".join([re.sub(r"<[^>]+>", " ", page), *labels]))


def english_phrases(language: str) -> dict[str, str]:
    """Each phrase of our messages that the language's catalogs translate differently,
    with the message it comes from (placeholders split a message into phrases, and a
    phrase of a message is two words at least)."""
    phrases = {}
    for name in ("soplib", "sphinx"):
        with (LOCALES / language / "LC_MESSAGES" / f"{name}.po").open(encoding="utf-8") as po:
            catalog = read_po(po, locale=language)
        for message in catalog:
            ids = [message.id] if isinstance(message.id, str) else list(message.id)
            strings = (
                [message.string] if isinstance(message.string, str) else list(message.string or ())
            )
            if not message.id or ids[0] in strings:
                continue
            for text in ids:
                for phrase in PLACEHOLDER.split(re.sub(r"`[^`]*`", "%(code)s", text)):
                    phrase = phrase.strip(" :.,()")
                    # a lone word between placeholders ('not', 'the') says nothing of where
                    # it comes from; a whole message of one word ('Step') does
                    fragment = phrase != text.strip(" :.,()") and " " not in phrase
                    if (
                        re.search(r"[A-Za-z]{3}", phrase)
                        and not fragment
                        and not any(phrase in s for s in strings)
                    ):
                        phrases[phrase] = text
    return phrases


def test_no_english_word_of_ours_is_on_an_sop_page_or_a_view(translated):
    language, built = translated
    assert built.lines == []
    pages = ["sops/area/x", "sops/catalog/roles", "sops/catalog/metrics", "roles/ROLE_AGENT",
             "traceability/area",
             *(f"views/{name}" for name in [*VIEWS, "sop-authoring-guide"])]  # fmt: skip
    phrases = english_phrases(language)
    assert len(phrases) > 150
    left = {
        page: sorted(phrase for phrase in phrases
                     if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text))
        for page in pages
        if (text := visible_text(built.page(page)))
    }  # fmt: skip
    assert left == {page: [] for page in pages}


def test_the_page_and_its_search_are_in_the_library_language(translated):
    language, built = translated
    page = built.page("sops/area/x")
    assert f'<html lang="{language}"' in page
    options = (built.app.outdir / "_static" / "documentation_options.js").read_text()
    assert f"LANGUAGE: '{language}'" in options
    index = (built.app.outdir / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(index.removeprefix("Search.setIndex(").removesuffix(")"))["terms"]
    # 'ügyfélnek' and 'clientes' (in the SOP's text) as the language's stemmer has them
    assert {"hu": "ügyfél", "pt": "client"}[language] in terms


def test_the_scripts_words_are_in_the_library_language(translated):
    language, built = translated
    script = (built.app.outdir / "_static" / "translations.js").read_text(encoding="utf-8")
    words = {"hu": ("A táblázat szűrése", "Keresési Eredmények"),
             "pt": ("Filtrar a tabela", "Resultados da Pesquisa")}[language]  # fmt: skip
    assert all(word in script.encode().decode("unicode_escape") for word in words)
    assert '<script src="../../_static/translations.js' in built.page("sops/area/x")
