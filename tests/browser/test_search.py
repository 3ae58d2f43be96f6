"""Search ranks the procedures first for the words a reader types (site/search.py)."""

from __future__ import annotations

import re

#: Words agents search for on a call.
READERS_WORDS = ["hold", "refund", "complaint", "callback", "escalation", "verify", "transfer",
                 "survey"]  # fmt: skip
#: An SOP page: sops/<area>/<page>.html, not an area's index nor a catalog.
SOP_PAGE = re.compile(r"sops/(?!catalog/)[^/]+/(?!index\.html)[^/#?]+\.html")


def results(visit, query: str) -> list[str]:
    """The addresses of the results of a search, in their order, once it has finished."""
    page = visit.open(f"search.html?q={query}")
    summary = page.locator("#search-results p.search-summary", has_text=re.compile(r"\w"))
    summary.wait_for(timeout=15_000)
    return [str(link.get_attribute("href")) for link in page.locator("ul.search li > a").all()]


def test_a_readers_word_finds_the_procedures_before_the_guide_and_the_views(visit):
    for query in READERS_WORDS:
        found = results(visit, query)
        is_sop = [bool(SOP_PAGE.match(href)) for href in found]
        assert is_sop[:3] == [True, True, True], (query, found[:5])
        assert is_sop == sorted(is_sop, reverse=True), f"{query}: every SOP before other pages"


def test_a_query_naming_a_page_finds_it_first(visit):
    assert results(visit, "authoring guide")[0] == "views/authoring-guide.html"
    assert results(visit, "KPI catalog")[0] == "views/kpi-catalog.html"
