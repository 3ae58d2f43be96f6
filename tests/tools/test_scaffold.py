"""make sop: a new SOP from its skeleton, in a temporary copy of the library."""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from samples import line_of
from soplib.tools.scaffold import new_sop
from support.projects import REPO, build, write_project

TODAY = datetime.date(2026, 11, 22)


@pytest.fixture
def library_copy(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    for name in ("sops", "views", "_templates"):
        shutil.copytree(REPO / name, root / name)
    for name in ("conf.py", "index.md"):
        shutil.copy(REPO / name, root / name)
    (root / "_ext").symlink_to(REPO / "_ext")
    return root


@pytest.mark.parametrize("sop_format", ["simple", "hierarchical", "flowchart"])
def test_a_new_sop_builds_as_a_draft_and_fails_as_approved(library_copy, tmp_path, sop_format):
    path = new_sop(
        library_copy,
        "Lost or stolen card",
        "customer-issues",
        sop_format,
        "ROLE_TEAM_LEADER",
        TODAY,
    )
    assert path == library_copy / "sops/customer-issues/lost-or-stolen-card.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith(
        f"---\nid: SOP-CC-021\ntitle: Lost or stolen card\nformat: {sop_format} "
    )
    assert "status: draft" in text and "version: 0.1.0" in text and "language:" not in text
    assert "effective: 2026-11-22" in text and "owner: ROLE_TEAM_LEADER" in text
    assert "STEP_CC021_FIRST" in text and "STEP_NEW_" not in text
    assert build(library_copy, tmp_path / "draft", freshenv=True).lines == []
    path.write_text(text.replace("status: draft", "status: approved"), encoding="utf-8")
    approved = build(library_copy, tmp_path / "approved", freshenv=True)
    placeholders = approved.warnings_of("sop.placeholder")
    assert placeholders and all(
        re.match(
            r"sops/customer-issues/lost-or-stolen-card\.md:\d+: WARNING: SOP SOP-CC-021 "
            r"still has the guidance <.+>: replace it with the SOP's own text \(only a draft "
            r"may keep it\) \(see \S+/views/authoring-guide\.html#warning-placeholder\) "
            r"\[sop\.placeholder\]$",
            line,
        )
        for line in placeholders
    )


def test_a_new_sop_is_listed_apart_until_it_is_in_force(library_copy, tmp_path):
    new_sop(
        library_copy, "Lost or stolen card", "customer-issues", "simple", "ROLE_TEAM_LEADER", TODAY
    )
    built = build(library_copy, tmp_path / "build", freshenv=True)
    assert "lost-or-stolen-card.html" not in built.page("sops/customer-issues/index")
    later = built.page("views/catalog").split('<p class="rubric">Not in force yet</p>')[1]
    assert 'href="../sops/customer-issues/lost-or-stolen-card.html"' in later
    assert "Draft: not in force" in built.page("sops/customer-issues/lost-or-stolen-card")


def test_unknown_area_format_and_owner_are_refused_together(library_copy):
    with pytest.raises(ValueError) as raised:
        new_sop(library_copy, "Lost card", "cards", "chart", "ROLE_NOBODY", TODAY)
    lines = str(raised.value).splitlines()
    assert lines[0] == (
        "AREA 'cards' is not an area: use one of compliance, customer-issues, "
        "governance, inbound, operations, people, quality"
    )
    assert lines[1] == "FORMAT 'chart' is not a format: use one of simple, hierarchical, flowchart"
    assert lines[2].startswith(
        "OWNER 'ROLE_NOBODY' is not a role of the catalog: use one of ROLE_AGENT, "
    )
    assert not list(library_copy.glob("sops/cards"))


def test_an_existing_file_is_never_overwritten(library_copy):
    target = library_copy / "sops/inbound/callbacks.md"
    before = target.read_text(encoding="utf-8")
    with pytest.raises(ValueError) as raised:
        new_sop(library_copy, "Callbacks", "inbound", "simple", "ROLE_TEAM_LEADER", TODAY)
    assert str(raised.value) == "sops/inbound/callbacks.md exists already: choose another TITLE"
    assert target.read_text(encoding="utf-8") == before


@pytest.fixture
def small_library(tmp_path: Path) -> Path:
    """A library of one area and the real catalogs, skeletons and settings."""
    area = "# Inbound calls\n\n```{toctree}\n:glob:\n\n*\n```\n"
    root = write_project(tmp_path / "small", {"sops/inbound/index.md": area})
    shutil.copytree(REPO / "_templates", root / "_templates")
    return root


def test_a_new_sop_in_hungarian_has_hungarian_titles_and_a_plain_file_name(small_library, tmp_path):
    path = new_sop(
        small_library,
        "Az ügyfél várakoztatása",
        "inbound",
        "flowchart",
        "ROLE_TEAM_LEADER",
        TODAY,
        "hu",
    )
    assert path == small_library / "sops/inbound/az-ugyfel-varakoztatasa.md"
    text = path.read_text(encoding="utf-8")
    assert "title: Az ügyfél várakoztatása\n" in text
    assert "\nlanguage: hu\n" in text, "an SOP in another language than the library's says so"
    assert re.findall(r"^## (.+)$", text, flags=re.M)[:4] == [
        "Cél", "Hatály", "Felelősség", "Eljárások"
    ]  # fmt: skip
    assert "D1 -- igen --> STEP_CC001_SECOND" in text
    assert build(small_library, tmp_path / "draft", freshenv=True).lines == []
    path.write_text(text.replace("status: draft", "status: approved"), encoding="utf-8")
    approved = build(small_library, tmp_path / "approved", freshenv=True)
    assert (
        f"sops/inbound/az-ugyfel-varakoztatasa.md:{line_of(text, '## Cél') + 2}: WARNING: SOP "
        "SOP-CC-001 still has the guidance <Miért van szükség az eljárásra, és milyen "
        "ered...>: replace it with the SOP's own text (only a draft may keep it) (see "
        f"{tmp_path}/approved/html/views/authoring-guide.html#warning-placeholder) "
        "[sop.placeholder]"
    ) in approved.lines


def test_a_title_yaml_would_misread_is_quoted(small_library):
    path = new_sop(
        small_library, "Reclamação: cliente em espera", "inbound", "simple",
        "ROLE_TEAM_LEADER", TODAY, "pt",
    )  # fmt: skip
    assert path.name == "reclamacao-cliente-em-espera.md"
    assert 'title: "Reclamação: cliente em espera"\n' in path.read_text(encoding="utf-8")
    assert "## Objetivo\n" in path.read_text(encoding="utf-8")


def test_a_language_without_skeletons_is_refused(small_library):
    with pytest.raises(ValueError) as raised:
        new_sop(small_library, "X", "inbound", "simple", "ROLE_TEAM_LEADER", TODAY, "de")
    assert str(raised.value) == (
        "LANG 'de' has no skeletons: use one of en, hu, pt, or add _templates/sop/de/ with "
        "a skeleton per format"
    )


@pytest.mark.parametrize(
    ("arguments", "language"), [([], ""), (["LANG=pt"], "pt")], ids=["shell", "command-line"]
)
def test_make_sop_takes_lang_from_its_command_line_not_the_shell(arguments, language):
    done = subprocess.run(
        ["make", "-n", "sop", "TITLE=x", "AREA=inbound", "FORMAT=simple",
         "OWNER=ROLE_AGENT", *arguments],
        cwd=REPO, capture_output=True, text=True, env={**os.environ, "LANG": "C.UTF-8"},
    )  # fmt: skip
    assert f'--lang "{language}"' in done.stdout, done.stdout + done.stderr
