"""The language switcher keeps the reader's place: the step they are on and what they
searched for, over http and from disk (soplib.js; the switcher is soplib.site.editions)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from browser.conftest import served

COMPLAINTS = "sops/customer-issues/complaint-handling.html"


@pytest.fixture(scope="module")
def editions(library, hungarian_edition, tmp_path_factory) -> Path:
    """The library with its Hungarian edition in hu/, as make html lays them out."""
    root = tmp_path_factory.mktemp("editions")
    for child in Path(library.app.outdir).iterdir():
        (root / child.name).symlink_to(child)
    (root / "hu").symlink_to(hungarian_edition)
    return root


@pytest.fixture(scope="module", params=["http", "file"])
def both_sites(request, editions) -> Iterator[str]:
    """The editions served over http, and opened from disk."""
    if request.param == "file":
        yield editions.as_uri()
    else:
        yield from served(editions)


def switch_to(page, language: str) -> None:
    page.locator(".bd-header .sop-editions summary").click()
    page.locator(f".bd-header .sop-editions a[hreflang={language}]").click()


def assert_near_step(page, step_id: str) -> None:
    """The page arrived at the step: it is near the top of the window, scrolled to."""
    page.wait_for_function(f"location.hash === '#{step_id}'")
    top = page.evaluate(f"document.getElementById('{step_id}').getBoundingClientRect().top")
    assert 0 <= top < 200 and page.evaluate("window.scrollY") > 500, f"{step_id} is at {top}"


def test_switching_language_keeps_the_step(visitor, both_sites):
    reader = visitor(both_sites)
    page = reader.open(f"{COMPLAINTS}#STEP_CMP_RESOLVE")
    switch_to(page, "hu")
    page.wait_for_url(f"**/hu/{COMPLAINTS}#STEP_CMP_RESOLVE")
    assert_near_step(page, "STEP_CMP_RESOLVE")
    assert page.locator("html").get_attribute("lang") == "hu"
    assert reader.errors == [] and reader.outside == []


def test_switching_language_keeps_a_step_followed_on_the_page(visitor, both_sites):
    reader = visitor(both_sites)
    page = reader.open(f"hu/{COMPLAINTS}")
    page.locator(".needs-id a[href='#STEP_CMP_RESOLVE']").click()
    switch_to(page, "en")
    page.wait_for_url(f"**/{COMPLAINTS}#STEP_CMP_RESOLVE")
    assert "/hu/" not in page.url
    assert_near_step(page, "STEP_CMP_RESOLVE")


def test_switching_language_keeps_the_search(visitor, both_sites):
    reader = visitor(both_sites)
    page = reader.open("search.html?q=refund")
    page.locator("#search-results ul.search li a").first.wait_for(timeout=15_000)
    switch_to(page, "hu")
    page.wait_for_url("**/hu/search.html?q=refund")
    page.locator("#search-results .search-summary").wait_for(timeout=15_000)
    assert page.locator(".bd-search-container input[name=q]").input_value() == "refund"
    assert reader.outside == []
