"""The fixes to pinned dependencies (soplib.upstream): each written for the versions
installed, each safe to apply twice, each left out (and said) on another version, and a
security fix that cannot apply stops the build."""

from __future__ import annotations

import dataclasses
import importlib
import logging
from collections import defaultdict
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, cast

import pytest

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class App:
    """As much of a Sphinx application as the fixes use: its listeners."""

    def __init__(self) -> None:
        self.events = SimpleNamespace(listeners=defaultdict(list))
        self.connected: list[tuple[str, Any]] = []

    def connect(self, event: str, handler: Any, priority: int = 500) -> None:
        self.connected.append((event, handler))


def app() -> Sphinx:
    return cast("Sphinx", App())


def replaced() -> dict[str, Any]:
    """What each fix has replaced: the original each replacement keeps."""
    from sphinx.environment import BuildEnvironment
    from sphinx.search import IndexBuilder
    from sphinx_needs.data import SphinxNeedsData

    owners = {
        "remove_doc": SphinxNeedsData,
        "LinkInfo": importlib.import_module("pydata_sphinx_theme.toctree"),
        "load": IndexBuilder,
        "prune": IndexBuilder,
        "__getstate__": BuildEnvironment,
    }
    return {name: getattr(owner, name).soplib_original for name, owner in owners.items()}


def test_every_fix_is_written_for_the_installed_versions():
    """An upgrade is a deliberate act: this names each fix that no longer applies."""
    from soplib.upstream import PATCHES, not_applied

    assert [not_applied(fix) for fix in PATCHES if fix.mismatches()] == []


def test_every_fix_names_what_it_waits_for():
    from soplib.upstream import PATCHES

    for fix in PATCHES:
        assert fix.upstream.startswith(("the README's upstream proposal '", "useblocks/",
                                        "sphinx-doc/")), fix.name  # fmt: skip


def test_applying_the_fixes_again_changes_nothing():
    from myst_parser.parsers import directives

    from soplib import upstream

    upstream.setup(app())
    first, errors = replaced(), directives.YAML_LOAD_ERRORS
    upstream.setup(app())
    upstream.setup(app())
    again = replaced()
    assert all(again[name] is first[name] for name in first)
    assert all(not hasattr(original, "soplib_original") for original in again.values())
    assert errors == directives.YAML_LOAD_ERRORS
    assert len(set(errors)) == len(errors)


def test_a_security_fix_that_cannot_apply_stops_the_build(monkeypatch):
    from sphinx.errors import ExtensionError

    from soplib import upstream

    (fix,) = [fix for fix in upstream.PATCHES if fix.security]
    newer = dataclasses.replace(fix, versions={"pydata-sphinx-theme": "0.0.1"})
    monkeypatch.setattr(upstream, "PATCHES", [newer])
    with pytest.raises(ExtensionError) as stopped:
        upstream.setup(app())
    installed = fix.versions["pydata-sphinx-theme"]
    assert str(stopped.value) == (
        "soplib's fix escape_header_links was written for pydata-sphinx-theme 0.0.1, but "
        f"pydata-sphinx-theme {installed} is installed; it waits for the README's upstream "
        "proposal 'pydata-sphinx-theme: header link titles escaped'. It keeps code out of "
        "readers' browsers, so the site is not built without it: install the pinned "
        "versions (make venv), or check that the new version fixes it and remove the fix "
        "from soplib/upstream.py"
    )


def test_a_fix_for_another_version_is_left_out_and_said(monkeypatch, caplog):
    from soplib import upstream

    applied: list[Any] = []
    fix = upstream.Patch(applied.append, {"sphinx": "1.0"}, "useblocks/sphinx-needs#1")
    monkeypatch.setattr(upstream, "PATCHES", [fix])
    with caplog.at_level(logging.INFO):
        upstream.setup(app())
    assert applied == []
    assert [record.getMessage() for record in caplog.records] == [
        "soplib's fix append was written for sphinx 1.0, but sphinx 9.0.4 is installed; it "
        "waits for useblocks/sphinx-needs#1"
    ]
