"""make sop and make impact speak the library's language: a Hungarian library's author
is asked, refused and reported to in Hungarian."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from samples import replace
from support.projects import REPO, commit_library, write_project

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
X = "sops/area/x.md"


def hungarian(root: Path) -> Path:
    """The library's conf.py set to Hungarian."""
    conf = root / "conf.py"
    conf.write_text(
        replace(conf.read_text(encoding="utf-8"), 'language = "en"', 'language = "hu"'),
        encoding="utf-8",
    )
    return root


def run(root: Path, module: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", f"soplib.tools.{module}", *arguments],
        cwd=root,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(REPO / "_ext")},
    )


def test_make_sop_refuses_and_reports_in_the_library_language(tmp_path):
    area = "# Bejövő hívások\n\n```{toctree}\n:glob:\n\n*\n```\n"
    root = hungarian(write_project(tmp_path / "lib", {"sops/inbound/index.md": area}))
    shutil.copytree(REPO / "_templates", root / "_templates")
    refused = run(
        root, "scaffold", "--title", "Várakoztatás", "--area", "kartyak", "--format", "folyamat",
        "--owner", "ROLE_AGENT",
    )  # fmt: skip
    assert refused.returncode == 2
    assert refused.stderr.splitlines() == [
        "make sop: a(z) 'kartyak' (AREA) nem terület: ezek egyikét adja meg: inbound",
        "make sop: a(z) 'folyamat' (FORMAT) nem formátum: ezek egyikét adja meg: simple, "
        "hierarchical, flowchart",
    ]
    done = run(
        root, "scaffold", "--title", "Várakoztatás", "--area", "inbound", "--format", "simple",
        "--owner", "ROLE_AGENT",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "elkészült: sops/inbound/varakoztatas.md, piszkozatként. Cserélje le minden <...> "
        "sorát az SOP saját szövegére; a make serve írás közben mutatja.\n"
    )


HU = (SAMPLES / "hu" / "sop.md").read_text(encoding="utf-8")


def test_make_impact_reports_in_the_library_language(tmp_path):
    pages = {f"sops/catalog/{name}.md": (SAMPLES / "hu" / f"{name}.md").read_text()
             for name in ("roles", "metrics", "trainings", "records")}  # fmt: skip
    root = tmp_path / "repo"
    write_project(root, {})
    commit_library(root, {**pages, X: HU})
    hungarian(root)
    subprocess.run(["git", "commit", "-qam", "hu", "--author", "A <a@example.org>"], cwd=root,
                   check=True, env={**os.environ, "GIT_COMMITTER_NAME": "A",
                                    "GIT_COMMITTER_EMAIL": "a@example.org"})  # fmt: skip
    (root / X).write_text(
        replace(HU, "Három csengetésen belül", "Két csengetésen belül"), encoding="utf-8"
    )
    done = run(root, "impact", "--base", "HEAD", "--json", "impact.json")
    assert done.returncode == 1, done.stderr
    where = "SOP-T-003 (sops/area/x.md)"
    errors = [
        f"{where}: egy lépés szövege módosult (STEP_F_ANSWER), ami kisebb változás, de a "
        "verziója még mindig 1.0.0: írja be: `version: 1.1.0` (vagy, ha csak a megfogalmazás "
        "változott, `version: 1.0.1` és `editorial: true`)",
        f"{where}: a tartalma módosult, de az állapota még mindig approved, és nincs rögzítve "
        "a jóváhagyása (nincs `approved_fingerprint`): amíg felülvizsgálat alatt áll, írja "
        "be: `status: in-review`; a jóváhagyáshoz a jóváhagyó lefuttatja a `make approve "
        "SOP=SOP-T-003` parancsot, és a bélyegzőt a `status: approved` sorral együtt "
        "commitolja (a jóváhagyó commit)",
    ]
    assert json.loads((root / "impact.json").read_text())["errors"] == errors
    lines = done.stdout.splitlines()
    assert lines[0] == "## SOP-változásjelentés (a(z) `HEAD` változathoz képest)"
    assert lines[2].startswith("**Röviden:** Ez a változás: 1 SOP-t módosít (SOP-T-003 ")
    assert lines[2].endswith(" 2 hiba javítandó a jóváhagyás előtt.")
    assert "**2 hiba javítandó a jóváhagyás előtt:**" in lines
    assert [f"- {error}" for error in errors] == [line for line in lines if where in line]


def test_the_pre_commit_checks_speak_the_library_language(tmp_path):
    sop = replace(HU, "status: approved", "status: jóváhagyva")
    root = hungarian(write_project(tmp_path / "lib", {X: sop}))
    conf = root / "conf.py"
    conf.write_text(
        conf.read_text(encoding="utf-8") + '\nhtml_baseurl = "https://sops.example.org/"\n',
        encoding="utf-8",
    )
    checked = run(root, "precheck", X)
    assert checked.returncode == 1
    assert checked.stdout.splitlines() == [
        f"{X}:6: a(z) status mező értéke, 'jóváhagyva', nem állapot: ezek egyikét írja: "
        "draft, in-review, approved, retired (lásd: https://sops.example.org/views/"
        "authoring-guide.html#warning-unknown_status) [sop.unknown_status]"
    ]
