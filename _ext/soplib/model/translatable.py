"""The text of a page that Sphinx's gettext does not see on its own, made translatable, and
the messages of every page, kept with the step or catalog entry they belong to.

sphinx-needs keeps a need's title and fields as data, and a Mermaid diagram's code is an
attribute of its node: neither is a text node, so neither reaches the ``.pot`` files nor
their translations. Before Sphinx's Locale transform, each becomes a :class:`sop_message`
node (Sphinx's ``addnodes.translatable``) in the need or the diagram; after it, what was
translated is put back into the need's data and the diagram's code, so the step layout,
the views and the trace show the translated names, and the checks read the translated
chart. At the same moment, every message of the page is recorded in the source language
with the need it belongs to: :mod:`.translations` compares them with each language's
catalogs. Last, what the Locale transform left as written is marked, for the page to mark
with its language.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxTranslator
from sphinx.util.nodes import extract_messages
from sphinx_needs.data import SphinxNeedsData
from sphinx_needs.nodes import Need
from sphinxcontrib.mermaid import mermaid

from .store import DocumentStore
from .trace import FIELDS


class Message(NamedTuple):
    """A message of a page in the source language, and the need it belongs to, if any."""

    text: str
    need: str | None


MESSAGES: DocumentStore[list[Message]] = DocumentStore("sop_messages")


class sop_message(nodes.Invisible, nodes.Element, addnodes.translatable):
    """A need's title or field, or a diagram's code, as a message of the page's catalog."""

    def preserve_original_messages(self) -> None:
        """The original is kept in the node's 'original' from the start."""

    def apply_translated_message(self, original_message: str, translated_message: str) -> None:
        if original_message == self["original"]:
            self["translation"] = translated_message

    def extract_original_messages(self) -> Sequence[str]:
        return [self["original"]]


def translatable_fields(need_type: str) -> list[str]:
    """The fields of a need type that hold the author's words: the title, and the catalog
    fields that take free text (not those checked against a list or a pattern)."""
    return ["title", *(f.name for f in FIELDS.get(need_type, []) if f.allowed is None)]


class MarkMessages(SphinxTransform):
    """Before the Locale transform: a message node for every need's words and diagram, and
    the page's messages recorded in the source language."""

    default_priority = 15  # after Sphinx preserves its messages (10), before Locale (20)

    def apply(self, **kwargs: Any) -> None:
        give_sources_text(self.document)
        if not (self.config.sop_translations or self.app.builder.name == "gettext"):
            return  # a library published in its own language alone
        needs = SphinxNeedsData(self.env).get_needs_mutable()
        source = self.document["source"]
        for node in self.document.findall(Need):
            need = needs.get(node.get("refid", ""))
            if need is None:
                continue
            for field in translatable_fields(need["type"]):
                if value := need.get(field):
                    node += located(sop_message(original=str(value), need=need["id"],
                                                field=field), source, node.line)  # fmt: skip
        for diagram in self.document.findall(mermaid):
            diagram += located(sop_message(original=diagram["code"]), source, diagram.line)
        MESSAGES.of(self.env)[self.env.docname] = [
            Message(text, owner(node))
            for node, text in extract_messages(self.document)
            if not in_front_matter(node)
        ]


def give_sources_text(document: nodes.document) -> None:
    """Make the source of every node text. MyST 5.2 makes a front matter key that YAML
    reads as a number, a date or null (``1: x``) into a field name whose source is that
    value; Sphinx's message extraction, here and in its Locale transform, then stops at
    it with a TypeError. Its text is what the source should be."""
    for node in document.findall(nodes.Element):
        if not isinstance(node.rawsource, str):
            node.rawsource = node.astext()


def located(message: sop_message, source: str, line: int | None) -> sop_message:
    """The message at the file and line of what it translates (the catalog says where)."""
    message.source, message.line = source, line
    return message


def in_front_matter(node: nodes.Node) -> bool:
    """Whether a node is part of the front matter, which is metadata, not the page's text:
    MyST makes it a field list at the top of the page, which docutils later takes out
    as the page's docinfo (so the catalogs never hold it)."""
    parent: nodes.Node | None = node
    while parent is not None:
        if isinstance(parent, nodes.docinfo) or (
            isinstance(parent, nodes.field_list) and isinstance(parent.parent, nodes.document)
        ):
            return True
        parent = parent.parent
    return False


def owner(node: nodes.Node) -> str | None:
    """The need a message belongs to: its own, or the innermost one around it; or None."""
    if isinstance(node, sop_message):
        return str(node["need"]) if node.get("need") else None
    parent = node.parent
    while parent is not None and not isinstance(parent, Need):
        parent = parent.parent
    return str(parent["refid"]) if parent is not None and parent.get("refid") else None


class ApplyMessages(SphinxTransform):
    """After the Locale transform: translated words back into the needs and diagrams."""

    default_priority = 21

    def apply(self, **kwargs: Any) -> None:
        needs = SphinxNeedsData(self.env).get_needs_mutable()
        for node in self.document.findall(sop_message):
            if "translation" not in node:
                continue
            if node.get("need") in needs:
                needs[node["need"]][node["field"]] = node["translation"]
            elif isinstance(node.parent, mermaid):
                node.parent["code"] = node["translation"]


class MarkAsWritten(SphinxTransform):
    """After the Locale transform: each text it left as written (its catalog entry missing,
    empty or fuzzy) marked ``as_written``, and each need given the fields it translated
    (``translated_fields``), so the page can mark what is not in the edition's language
    with the language it is written in (site/editions.py)."""

    default_priority = 22

    def apply(self, **kwargs: Any) -> None:
        for node, _text in extract_messages(self.document):
            if isinstance(node, sop_message) or node.get("translated"):
                continue
            if not in_front_matter(node):
                node["as_written"] = True
        for need in self.document.findall(Need):
            need["translated_fields"] = [
                child["field"]
                for child in need.children  # translated, or the same in both languages
                if isinstance(child, sop_message)
                and ("translation" in child or child.get("translated"))
            ]


def skip(translator: SphinxTranslator, node: nodes.Element) -> None:
    raise nodes.SkipNode


def setup(app: Sphinx) -> None:
    hidden = (skip, None)
    app.add_node(sop_message, html=hidden, latex=hidden, text=hidden, man=hidden, texinfo=hidden)
    app.add_transform(MarkMessages)
    app.add_transform(ApplyMessages)
    app.add_transform(MarkAsWritten)
    MESSAGES.setup(app)
