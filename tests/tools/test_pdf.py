"""make pdf on a small library, through the real Chromium: a PDF per SOP and a handbook
per role with steps, each with bookmarks; a draft's sheets marked as such; and, without
Chromium, one line saying how to install it."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from samples import FLOWCHART, HIERARCHICAL, SIMPLE, replace
from support.projects import INDEX, REPO, write_project

if shutil.which("chromium") is None and os.environ.get("CI") != "true":
    pytest.skip(
        "Chromium is not installed (apt-get install chromium): make pdf not tested",
        allow_module_level=True,
    )

#: A few SOPs use a few entries of the real catalogs: unused entries are not reported.
FEW_ENTRIES = "\nneeds_schema_definitions = trace.schema_definitions(every_entry_used=False)\n"


def make_pdf(root: Path, **env: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "soplib.tools.pdf", "--builddir", str(root / "_build")]
    environment = {**os.environ, "PYTHONPATH": str(REPO / "_ext"), **env}
    return subprocess.run(command, cwd=root, env=environment, capture_output=True, text=True)


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    """Three SOPs, the simple one a draft, printed by make pdf."""
    root = write_project(
        tmp_path_factory.mktemp("pdf") / "library",
        {
            "sops/area/simple.md": replace(SIMPLE, "status: approved", "status: draft"),
            "sops/area/hierarchical.md": HIERARCHICAL,
            "sops/area/flowchart.md": FLOWCHART,
            "views/roles.md": (REPO / "views" / "roles.md").read_text(encoding="utf-8"),
            "index.md": INDEX.replace("sops/*/*", "sops/*/*\nviews/*"),
        },
    )
    with (root / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(FEW_ENTRIES)
    (root / "_ext").symlink_to(REPO / "_ext")
    done = make_pdf(root)
    assert done.returncode == 0, done.stderr
    assert "3 SOPs and 2 role handbooks in" in done.stdout
    return root


def read(library: Path, name: str) -> PdfReader:
    return PdfReader(io.BytesIO((library / "_build" / "pdf" / name).read_bytes()))


def text_of(pdf: PdfReader) -> str:
    """The text of every page, ligatures written out, runs of white space as one space."""
    pages = (unicodedata.normalize("NFKC", page.extract_text()) for page in pdf.pages)
    return " ".join(" ".join(pages).split())


def titles(outline: list) -> list[str]:
    """The titles of a PDF's bookmarks, every level."""
    return [
        title
        for entry in outline
        for title in (titles(entry) if isinstance(entry, list) else [" ".join(entry.title.split())])
    ]


def children(outline: list) -> dict[str, list[str]]:
    """The titles of the bookmarks under each bookmark, by its title, every level."""
    under: dict[str, list[str]] = {}
    for index, entry in enumerate(outline):
        if isinstance(entry, list):
            under.update(children(entry))
        elif index + 1 < len(outline) and isinstance(outline[index + 1], list):
            inner = [e for e in outline[index + 1] if not isinstance(e, list)]
            under[" ".join(entry.title.split())] = [" ".join(e.title.split()) for e in inner]
    return under


def test_a_pdf_for_each_sop_and_for_each_role_with_steps(library):
    written = sorted(path.name for path in (library / "_build" / "pdf").iterdir())
    assert written == [
        "SOP-T-001.pdf",
        "SOP-T-002.pdf",
        "SOP-T-003.pdf",
        "handbook-ROLE_AGENT.pdf",
        "handbook-ROLE_TRAINER.pdf",
    ]
    for name in written:
        assert titles(read(library, name).outline), f"{name} has no bookmarks"
        assert "Contents" in text_of(read(library, name)), f"{name} has no table of contents"


def test_an_sop_pdf_is_the_printed_sop(library):
    pdf = read(library, "SOP-T-002.pdf")
    text = text_of(pdf)
    assert "SOP-T-002 Onboarding a test agent" in text
    assert "Version: 1.0.0 · Status: approved" in text
    assert f"Page 1 of {len(pdf.pages)}" in text
    assert "Uncontrolled when printed" in text
    assert {"Purpose", "Procedure", "Stage 1: Classroom", "Review and approval"} <= set(
        titles(pdf.outline)
    )
    assert "DRAFT" not in text


def test_a_draft_carries_its_status_across_every_sheet(library):
    pdf = read(library, "SOP-T-001.pdf")
    for number, page in enumerate(pdf.pages, start=1):
        assert "DRAFT" in page.extract_text(), f"page {number} of the draft is not marked"


def test_a_handbook_holds_the_roles_steps_by_sop_and_its_trainings(library):
    data = json.loads((library / "_build" / "html" / "library.json").read_text(encoding="utf-8"))
    pdf = read(library, "handbook-ROLE_AGENT.pdf")
    agent, under = text_of(pdf), children(pdf.outline)
    headings = []
    for sop_id in ("SOP-T-002", "SOP-T-003"):
        sop = data["sops"][sop_id]["meta"]
        headings.append(f"{sop_id} {sop['title']}")
        assert headings[-1] in agent and f"Version: {sop['version']}" in agent, headings[-1]
        steps = [data["steps"][step_id] for step_id in data["sops"][sop_id]["steps"]]
        mine = [step for step in steps if "ROLE_AGENT" in step["responsible"]]
        assert [title.split(": ", 1)[1] for title in under[headings[-1]]] == [
            step["title"] for step in mine
        ], "the SOP's steps of the role, under the SOP, in the order of its page"
        for step in mine:
            assert step["text"][:40] in agent, f"the text of {step['title']}"
    sops = next(titles for heading, titles in under.items() if heading.startswith("Steps ("))
    assert [sop for sop in sops if sop in headings] == headings, "in the library's order"
    trainings = "".join(agent[agent.rindex("Trainings needed") :].split())  # cells wrap
    for training in ("TRN_CALL_HANDLING", "TRN_INDUCTION"):
        assert "".join(data["catalog"][training]["title"].split()) in trainings, training
    trainer = text_of(read(library, "handbook-ROLE_TRAINER.pdf"))
    assert "Deliver the induction" in trainer
    assert "Pass the knowledge check" not in trainer, "a sub-step of another role's is left out"


def test_without_chromium_make_pdf_says_how_to_install_it(tmp_path):
    done = make_pdf(tmp_path, PATH=str(tmp_path))
    assert done.returncode == 1
    assert done.stderr == "make pdf needs Chromium: install it with apt-get install chromium\n"


def test_a_browser_that_stops_while_printing_is_one_line_not_a_traceback(
    tmp_path, monkeypatch, capsys
):
    from playwright.sync_api import Error

    from soplib.tools import pdf

    def stops(*args):
        raise Error("Target page, context or browser has been closed\nCall log: ...")

    monkeypatch.chdir(write_project(tmp_path / "lib", {"sops/area/x.md": SIMPLE}))
    monkeypatch.setattr(pdf, "build", lambda *args: 0)
    monkeypatch.setattr(pdf, "write_pdfs", stops)
    assert pdf.main(["--builddir", str(tmp_path / "_build")]) == 1
    assert capsys.readouterr().err == (
        "make pdf: Chromium stopped while printing (Target page, context or browser has been "
        "closed); run make pdf again, and if it stops again, check that chromium starts on "
        "this machine\n"
    )
