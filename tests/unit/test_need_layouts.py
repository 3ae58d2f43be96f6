"""A step or entry given a layout the library does not have (checks.need_layouts): said at
the need, and laid out as the others of its kind."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

import pytest

from soplib.checks import need_layouts
from soplib.model.problems import Finding, Problem


@pytest.fixture
def reported(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Finding, str]]:
    said: list[tuple[Finding, str]] = []
    monkeypatch.setattr(
        need_layouts, "report", lambda finding, docname: said.append((finding, docname))
    )
    layouts: dict[str, Any] = {"sop_step": {}, "sop_entry": {}, "clean": {}}
    monkeypatch.setattr(
        need_layouts, "NeedsSphinxConfig", lambda config: SimpleNamespace(layouts=layouts)
    )
    return said


def need(kind: str, layout: str, lineno: int | None = 7) -> dict[str, Any]:
    return {"type": kind, "layout": layout, "lineno": lineno, "docname": "sops/area/x"}


def test_a_layout_the_library_does_not_have_is_said_and_replaced_by_its_kinds(reported):
    needs = {"STEP_A": need("step", "big"), "ROLE_A": need("role", "x", None),
             "KPI_A": need("metric", "clean"), "KPI_B": need("metric", "")}  # fmt: skip
    need_layouts.mend_layouts(cast(Any, SimpleNamespace(config=None)), needs)
    assert [(n["layout"]) for n in needs.values()] == ["sop_step", "sop_entry", "clean", ""]
    assert [(f.line, f.problem, f.message, d) for f, d in reported] == [
        (7, Problem.INVALID_ENTRY_FIELD, "step STEP_A has ':layout: big', which is no layout "
         "of the library: remove the line, and the step is laid out as the others",
         "sops/area/x"),
        (0, Problem.INVALID_ENTRY_FIELD, "role ROLE_A has ':layout: x', which is no layout "
         "of the library: remove the line, and the role is laid out as the others",
         "sops/area/x"),
    ]  # fmt: skip
