"""The skeletons make sop starts from: one per format in each language, with the section
titles conf.py gives that language, and the same steps in every language."""

from __future__ import annotations

import re
import runpy

import pytest

from support.projects import REPO

SKELETONS = REPO / "_templates" / "sop"
SECTIONS = runpy.run_path(str(REPO / "conf.py"))["sop_sections"]


def headings(text: str, level: str) -> list[str]:
    return re.findall(rf"^{level} (.+)$", text, flags=re.M)


@pytest.mark.parametrize("language", ["en", "hu", "pt"])
@pytest.mark.parametrize("sop_format", ["simple", "hierarchical", "flowchart"])
def test_a_skeleton_has_its_language_titles_and_the_english_steps(language, sop_format):
    text = (SKELETONS / language / f"{sop_format}.md").read_text(encoding="utf-8")
    english = (SKELETONS / "en" / f"{sop_format}.md").read_text(encoding="utf-8")
    titles = [entry.get("titles", {}).get(language, entry["title"]) for entry in SECTIONS]
    assert headings(text, "##") == titles
    assert len(headings(text, "###")) == len(headings(english, "###"))
    assert re.findall(r":\w+: .+", text) == re.findall(r":\w+: .+", english)
    assert re.findall(r"\bSTEP_\w+|\bD1\b", text) == re.findall(r"\bSTEP_\w+|\bD1\b", english)


def test_every_language_has_every_format():
    assert {
        p.parent.name: sorted(q.stem for q in p.parent.glob("*.md"))
        for p in SKELETONS.glob("*/simple.md")
    } == {  # fmt: skip
        language: ["flowchart", "hierarchical", "simple"] for language in ("en", "hu", "pt")
    }


def test_the_readme_lists_every_section_title_in_the_three_languages():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d) \| (.+?) \| (.+?) \| (.+?) \|", readme, flags=re.M)
    assert rows == [
        (str(number), entry["title"], entry["titles"]["hu"], entry["titles"]["pt"])
        for number, entry in enumerate(SECTIONS, start=1)
    ]
