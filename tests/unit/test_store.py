"""What the extension keeps between a build's events: a slot, and a store per document."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

from soplib import upstream
from soplib.model.store import DocumentStore, Slot


def test_a_slot_makes_its_default_when_first_read_and_keeps_what_is_set():
    slot: Slot[list[str]] = Slot("sop_test_slot", list)
    owner = SimpleNamespace()
    slot.of(owner).append("a")
    assert owner.sop_test_slot == ["a"] and slot.of(owner) == ["a"]
    slot.set(owner, ["b"])
    assert slot.of(owner) == ["b"]


def test_a_document_store_forgets_a_page_read_again_and_merges_a_parallel_reads_pages(
    monkeypatch,
):
    monkeypatch.setattr(upstream, "PER_PAGE", set(upstream.PER_PAGE))
    store: DocumentStore[int] = DocumentStore("sop_test_store")
    assert "sop_test_store" in upstream.PER_PAGE
    env, other = cast(Any, SimpleNamespace()), cast(Any, SimpleNamespace())
    store.of(env).update({"a": 1, "b": 2})
    store.purge(cast(Any, None), env, "a")
    assert store.of(env) == {"b": 2}
    store.of(other).update({"c": 3, "d": 4})
    store.merge(cast(Any, None), env, {"c", "e"}, other)
    assert env.sop_test_store == {"b": 2, "c": 3}
