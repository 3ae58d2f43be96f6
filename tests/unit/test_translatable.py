"""A page's words as messages of its catalog, and their translations put back
(model.translatable), on pages made in memory."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, NamedTuple, cast

import pytest
from docutils import frontend, nodes
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from sphinx_needs.nodes import Need
from sphinxcontrib.mermaid import mermaid

from soplib.model import translatable
from soplib.model.translatable import (
    ApplyMessages,
    MarkAsWritten,
    give_sources_text,
    in_front_matter,
    located,
    owner,
    sop_message,
)


def test_a_message_takes_the_translation_of_its_own_words_only():
    message = sop_message(original="Greet the caller.", need="STEP_T_GREET", field="title")
    assert message.extract_original_messages() == ["Greet the caller."]
    message.apply_translated_message("Answer the call.", "Vegye fel a hívást.")
    assert "translation" not in message
    message.apply_translated_message("Greet the caller.", "Köszöntse a hívót.")
    assert message["translation"] == "Köszöntse a hívót."
    message.preserve_original_messages()
    assert message["original"] == "Greet the caller."


class Page(NamedTuple):
    """A page made in memory and its parts."""

    document: nodes.document
    field_name: nodes.field_name
    field_text: nodes.paragraph  # of the front matter
    text: nodes.paragraph
    need: Need
    need_text: nodes.paragraph
    title: sop_message
    diagram: mermaid
    code: sop_message


def page() -> Page:
    """A page: front matter, a paragraph, a step with a paragraph and a message of its
    title, and a diagram with a message of its code."""
    document = new_document("x.md", frontend.get_default_settings(cast(Any, Parser)))
    document.settings.env = SimpleNamespace()
    name, field_text = nodes.field_name("id", "id"), nodes.paragraph("X", "X")
    front = nodes.field_list("", nodes.field("", name, nodes.field_body("", field_text)))
    text = nodes.paragraph("Call the customer.", "Call the customer.")
    need_text = nodes.paragraph("Greet them.", "Greet them.")
    title = sop_message(original="Greet", need="STEP_T_GREET", field="title")
    need = Need("", need_text, title, refid="STEP_T_GREET")
    code = sop_message(original="flowchart TD\nA-->B")
    diagram = mermaid("", code, code="flowchart TD\nA-->B")
    document += [front, text, need, diagram]
    return Page(document, name, field_text, text, need, need_text, title, diagram, code)


def needs_data(monkeypatch: pytest.MonkeyPatch, needs: dict[str, Any]) -> None:
    monkeypatch.setattr(translatable, "SphinxNeedsData",
                        lambda env: SimpleNamespace(get_needs_mutable=lambda: needs))  # fmt: skip


def test_what_is_front_matter_is_told_apart_from_the_page_text():
    made = page()
    assert in_front_matter(made.field_text)
    assert not in_front_matter(made.text)
    assert not in_front_matter(made.need_text)
    docinfo = nodes.docinfo("", nodes.paragraph("", "x"))
    nodes.section("", docinfo)
    assert in_front_matter(docinfo.children[0])
    nested = nodes.field_list("", nodes.paragraph("", "y"))
    nodes.section("", nested)
    assert not in_front_matter(nested.children[0]), "a field list inside the page is text"


def test_a_message_belongs_to_its_own_need_or_the_innermost_around_it():
    made = page()
    assert owner(made.text) is None
    assert owner(made.need_text) == "STEP_T_GREET"
    assert owner(made.title) == "STEP_T_GREET"
    assert owner(made.code) is None
    assert owner(Need("", nodes.paragraph("", "x")).children[0]) is None  # no id yet


def test_a_node_without_a_text_source_is_given_its_text():
    made = page()
    made.field_name.rawsource = cast(Any, 1)  # what MyST makes of the key 1: x
    give_sources_text(made.document)
    assert made.field_name.rawsource == "id"
    assert made.text.rawsource == "Call the customer."


def test_a_message_is_located_where_its_words_are():
    message = located(sop_message(original="Greet"), "/src/x.md", 12)
    assert (message.source, message.line) == ("/src/x.md", 12)


def test_the_translations_go_back_into_the_needs_and_the_diagrams(monkeypatch):
    needs = {"STEP_T_GREET": {"title": "Greet"}}
    needs_data(monkeypatch, needs)
    made = page()
    made.title["translation"] = "Köszöntse"
    made.code["translation"] = "flowchart TD\nA-->C"
    stray = sop_message(original="x", need="STEP_T_GONE", field="title", translation="y")
    made.document.append(nodes.paragraph("", "", stray))  # neither a need's nor a diagram's
    ApplyMessages(made.document).apply()
    assert needs == {"STEP_T_GREET": {"title": "Köszöntse"}}
    assert made.diagram["code"] == "flowchart TD\nA-->C"


def test_a_translation_missing_leaves_the_need_and_diagram_as_written(monkeypatch):
    needs = {"STEP_T_GREET": {"title": "Greet"}}
    needs_data(monkeypatch, needs)
    made = page()
    ApplyMessages(made.document).apply()
    assert needs == {"STEP_T_GREET": {"title": "Greet"}}
    assert made.diagram["code"] == "flowchart TD\nA-->B"


def test_what_the_locale_left_as_written_is_marked_and_each_need_knows_its_translated_fields():
    made = page()
    made.need_text["translated"] = True
    made.title["translation"] = "Köszöntse"
    made.need.extend([
        sop_message(original="Greets", need="STEP_T_GREET", field="summary", translated=True),
        sop_message(original="Greet", need="STEP_T_GREET", field="other"),
    ])  # fmt: skip
    MarkAsWritten(made.document).apply()
    assert made.text["as_written"] is True
    assert "as_written" not in made.need_text, "translated by the Locale transform"
    assert "as_written" not in made.title, "a message of a need is not text"
    assert made.need["translated_fields"] == ["title", "summary"]
    assert "as_written" not in made.field_text, "the front matter is no text of the page"
