"""The pages a build had a problem on, noted for the next build to read again
(checks.reread), with the build's parts held in memory."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest
from docutils import nodes

from soplib.checks.reread import PAGES_FILE, PagesWithProblems, note_pages, pages_with_problems


@pytest.fixture
def app(tmp_path: Path) -> Any:
    """A build of the pages a and sops/b, which silences the warnings sop.placeholder."""
    docs = {"a": "/src/a.md", "sops/b": "/src/sops/b.md"}
    env = SimpleNamespace(found_docs=set(docs),
                          path2doc=lambda path: next((d for d, p in docs.items() if p == path),
                                                     None))  # fmt: skip
    config = SimpleNamespace(suppress_warnings=["sop.placeholder"])
    return SimpleNamespace(env=env, config=config, doctreedir=str(tmp_path / "doctrees"))


def node_at(source: str, line: int | None) -> nodes.Node:
    node = nodes.paragraph()
    node.source, node.line = source, line
    return node


@pytest.mark.parametrize(
    ("location", "page"),
    [
        (("sops/b", 12), "sops/b"),
        (("sops/b", None), "sops/b"),
        (("", 3), None),
        ((), None),
        ("/src/sops/b.md:12", "sops/b"),
        ("/src/sops/b.md:", "sops/b"),
        ("/src/a.md", None),  # a path without a line is no docname
        ("a", "a"),
        ("c", None),  # no page of the build
        ("/elsewhere/c.md:3", None),
        (node_at("/src/a.md", 4), "a"),
        (node_at("/src/a.md", None), "a"),
        (None, None),
        (12, None),
    ],
)
def test_a_warnings_page_is_read_from_its_location_in_any_form(app, location, page):
    assert PagesWithProblems(app).page_of(location) == page


def test_a_location_read_while_the_settings_are_read_has_no_page(app):
    del app.env
    handler = PagesWithProblems(app)
    assert handler.page_of("a") is None
    assert handler.page_of(("a", 3)) == "a"


def record(location: object, kind: str = "sop", subtype: str = "raw_html") -> logging.LogRecord:
    made = logging.LogRecord("sphinx", logging.WARNING, "", 0, "a warning", (), None)
    made.location, made.type, made.subtype = location, kind, subtype
    return made


def test_the_pages_of_the_warnings_shown_are_noted_for_the_next_build(app):
    handler = PagesWithProblems(app)
    assert handler.level == logging.WARNING
    handler.emit(record(("sops/b", 3)))
    handler.emit(record("a", subtype="placeholder"))  # silenced: not shown
    handler.emit(record(None))
    assert handler.docnames == {"sops/b"}
    handler.emit(record("/src/a.md:2", kind="", subtype=""))
    assert handler.docnames == {"a", "sops/b"}
    note_pages(handler, app)
    noted = Path(app.doctreedir) / PAGES_FILE
    assert json.loads(noted.read_text(encoding="utf-8")) == ["a", "sops/b"]


@pytest.mark.parametrize(
    ("noted", "again"),
    [
        ('["a", "sops/b", "gone", "new"]', ["a", "sops/b"]),  # new is added, gone removed
        ('{"a": 1}', []),
        ("not json", []),
        (None, []),
    ],
)
def test_the_pages_noted_are_read_again_unless_added_or_removed(app, noted, again):
    path = Path(app.doctreedir) / PAGES_FILE
    if noted is not None:
        path.parent.mkdir(parents=True)
        path.write_text(noted, encoding="utf-8")
    app.env.found_docs.add("new")
    found = pages_with_problems(cast(Any, app), app.env, {"new"}, {"sops/b"}, {"gone"})
    assert found == again
    if noted is not None and noted.startswith("["):
        assert pages_with_problems(app, app.env, {"a"}, set(), set()) == ["new", "sops/b"]
