"""needs.json, the library's integration point: the file every build writes beside its
pages imports into another sphinx-needs project with sphinx-needs' own ``needimport``,
each need once, with its fields and links, and no warning (README, "needs.json")."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

from support.projects import REPO, Build

#: What the importing project works out itself: where a need is written, that it is
#: imported, and the needs it is nested in (a sub-step follows its step there).
WORKED_OUT_BY_IMPORTER = {
    "docname",
    "lineno",
    "is_import",
    "sections",
    "section_name",
    "parent_need",
    "parent_needs",
    "parent_needs_back",
}


def needs_of(path: Path) -> dict[str, dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    needs: dict[str, dict[str, Any]] = data["versions"][data["current_version"]]["needs"]
    return needs


def documented_conf() -> str:
    """The importing project's conf.py, as the README gives it."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    conf = re.search(r"```python\n(# conf.py of the importing project\n.*?)```", readme, re.S)
    assert conf is not None, "the README gives no conf.py of an importing project"
    return conf[1].replace("/path/to/sop-library", str(REPO))


@pytest.fixture(scope="module")
def exported(library: Build) -> Path:
    return Path(library.app.outdir) / "needs.json"


@pytest.fixture(scope="module")
def imported(exported: Path, tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A new project, configured as the README says, importing the library's needs.json."""
    root = tmp_path_factory.mktemp("importer")
    (root / "conf.py").write_text(documented_conf(), encoding="utf-8")
    (root / "needs.json").write_bytes(exported.read_bytes())
    (root / "index.md").write_text(
        "# The SOP library's needs\n\n```{needimport} needs.json\n```\n", encoding="utf-8"
    )
    overrides = {"needs_build_json": True, "needs_reproducible_json": True}
    app = SphinxTestApp("html", srcdir=root, confoverrides=overrides, freshenv=True)
    try:
        app.build()
        return Build(app)
    finally:
        app.cleanup()


def test_the_library_writes_needs_json_with_every_need(library: Build, exported: Path):
    needs = needs_of(exported)
    assert len(needs) == 203
    assert {need["type"] for need in needs.values()} == {
        "step",
        "role",
        "metric",
        "training",
        "record",
    }


def test_every_need_of_needs_json_imports_with_no_warning(imported: Build, exported: Path):
    assert imported.text == ""
    assert sorted(needs_of(Path(imported.app.outdir) / "needs.json")) == sorted(needs_of(exported))


def test_every_need_arrives_with_its_fields_links_and_text(imported: Build, exported: Path):
    arrived = needs_of(Path(imported.app.outdir) / "needs.json")
    for need_id, need in needs_of(exported).items():
        kept = {key: value for key, value in need.items() if key not in WORKED_OUT_BY_IMPORTER}
        assert {key: arrived[need_id].get(key) for key in kept} == kept, need_id


def test_catalog_fields_are_not_sphinx_needs_own(exported: Path):
    needs = needs_of(exported)
    assert needs["ROLE_AGENT"]["summary"].startswith("Answers inbound calls")
    assert needs["ROLE_AGENT"]["content"] == ""
    assert needs["TRN_INDUCTION"]["length"] == "2 days"
    assert needs["KPI_ASA"]["definition"].startswith("Total time answered callers waited")
    assert "layout" not in needs["STEP_GREET_ANSWER"]


def test_a_step_s_text_leaves_out_its_sub_steps(exported: Path):
    needs = needs_of(exported)
    step, sub_step = needs["STEP_ONB_INDUCTION"], needs["STEP_ONB_KNOWLEDGE_CHECK"]
    assert sub_step["parent_need"] == "STEP_ONB_INDUCTION"
    assert step["content"] == (
        "On days 1 and 2, deliver the contact-center induction: the company and its\n"
        "customers, products and prices, data protection, health and safety, and how the\n"
        "SOP library is used."
    )
    assert sub_step["content"].startswith("At the end of day 2, the new agent takes")
