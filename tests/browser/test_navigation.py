"""The header, the menu and the sidebar, as readers see them in each edition, on a laptop
(1,280 px) and on a phone (390 px)."""

from __future__ import annotations

from pathlib import Path

import pytest

SOP = "sops/inbound/callbacks.html"
LAPTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(params=["en", "hu", "pt"])
def edition(request) -> str:
    """The address of an edition, served."""
    fixture = {"en": "site", "hu": "hungarian_site", "pt": "portuguese_site"}[request.param]
    return request.getfixturevalue(fixture)


def opened(browser, site: str, path: str, viewport: dict[str, int]):
    page = browser.new_context(viewport=viewport).new_page()
    page.goto(f"{site}/{path}")
    return page


def box(page, selector: str) -> dict[str, float]:
    """Where the first visible element of a selector is drawn."""
    found = page.locator(selector).locator("visible=true").first.bounding_box()
    assert found is not None, selector
    return found


def test_the_header_keeps_to_one_line_on_a_laptop(browser, edition):
    page = opened(browser, edition, SOP, LAPTOP)
    header = box(page, "header.bd-header")
    assert header["height"] <= 80, "the menu, the search and the language fit on one line"
    search = box(page, "header .navbar-header-items__end .search-button__button")
    assert search["y"] < header["y"] + header["height"] / 2


def test_on_a_phone_the_title_keeps_clear_of_the_search_button(browser, edition):
    page = opened(browser, edition, SOP, PHONE)
    title = box(page, "header .navbar-brand .logo__title")
    search = box(page, "header .navbar-persistent--mobile .search-button__button")
    assert title["x"] + title["width"] + 8 <= search["x"]
    assert search["x"] + search["width"] <= PHONE["width"]


def test_the_menu_names_each_page_once(browser, edition):
    page = opened(browser, edition, SOP, LAPTOP)
    names = page.locator("header .bd-navbar-elements").first.locator("a").all_text_contents()
    names = [" ".join(name.split()) for name in names]
    assert len(names) > 10 and len(set(names)) == len(names), names


def test_a_page_with_nothing_under_it_has_no_empty_sidebar(browser, site):
    for path in ("views/catalog.html", "views/roles.html", "sops/catalog/metrics.html"):
        page = opened(browser, site, path, LAPTOP)
        assert not page.locator("#pst-primary-sidebar").is_visible(), path
        assert box(page, "article.bd-article")["x"] < 300, f"{path}: the text takes its room"
    page = opened(browser, site, SOP, LAPTOP)
    assert page.locator("#pst-primary-sidebar nav.bd-docs-nav a").count() > 3, "SOPs keep it"


def test_a_page_has_one_viewport_tag(library):
    outdir = Path(library.app.outdir)
    for path in outdir.rglob("*.html"):
        if "_static" not in path.relative_to(outdir).parts:
            page = path.read_text(encoding="utf-8")
            assert page.count('name="viewport"') == 1, path.relative_to(outdir)
