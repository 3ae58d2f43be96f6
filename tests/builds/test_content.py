"""The library itself: enough SOPs of each format in every area, complete catalogs whose
every entry a step uses, and no paragraph copied from one SOP into another."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from sphinx_needs.data import SphinxNeedsData

from soplib.model.trace import STEP_LINKS
from support.projects import REPO

AREAS = {
    "inbound",
    "customer-issues",
    "compliance",
    "quality",
    "people",
    "operations",
    "governance",
}


def test_at_least_18_sops_with_4_of_each_format(library):
    records = library.app.env.sop_records
    formats = Counter(record.meta["format"] for record in records.values())
    assert len(records) >= 18
    assert min(formats[f] for f in ("simple", "hierarchical", "flowchart")) >= 4


def test_every_area_has_sops(library):
    areas = {docname.split("/")[1] for docname in library.app.env.sop_records}
    assert areas == AREAS


def test_catalogs_are_large_enough(library):
    needs = SphinxNeedsData(library.app.env).get_needs_view()
    sizes = Counter(need["type"] for need in needs.values())
    assert sizes["role"] >= 10 and sizes["metric"] >= 12
    assert sizes["training"] >= 12 and sizes["record"] >= 10


def test_every_catalog_entry_is_used_by_a_step(library):
    needs = SphinxNeedsData(library.app.env).get_needs_view()
    used = {
        target
        for need in needs.values()
        if need["type"] == "step"
        for link in STEP_LINKS
        for target in need[link.name]
    }
    catalog = {
        need_id
        for need_id, need in needs.items()
        if need["type"] in {link.target for link in STEP_LINKS}
    }
    assert catalog - used == set()


def paragraphs(text: str) -> list[str]:
    """The prose paragraphs of an SOP: no front matter, headings, options or fences."""
    body = text.split("---", 2)[2]
    found = []
    for block in re.split(r"\n\s*\n", body):
        lines = [
            line
            for line in block.splitlines()
            if not re.match(r"\s*(#|:[a-z_]+:|`{3,}|-\s|\{doc\})", line)
        ]
        prose = " ".join(" ".join(lines).split())
        if len(prose) >= 80:
            found.append(prose)
    return found


def test_no_paragraph_is_copied_between_sops():
    where = defaultdict(set)
    for path in sorted(REPO.glob("sops/*/*.md")):
        if path.parent.name != "catalog" and path.name != "index.md":
            for paragraph in paragraphs(path.read_text(encoding="utf-8")):
                where[paragraph].add(path.name)
    copied = {p: files for p, files in where.items() if len(files) > 1}
    assert copied == {}


def test_the_landing_page_tells_each_reader_how_to_start(library):
    text = re.sub(r"<[^>]+>", "", library.page("index"))
    for reader in ("Agents and team leaders.", "Authors.", "Reviewers."):
        assert reader in text
