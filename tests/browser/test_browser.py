"""What people see, in a real browser (the fixtures are in conftest.py): every page loads,
the views' tables filter and sort, search finds, links land (diagrams: test_diagrams.py)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from browser.steps import assert_at_step


def test_every_page_loads_without_a_console_error(library, visit):
    outdir = Path(library.app.outdir)
    pages = [
        "index.html",
        *(str(p.relative_to(outdir)) for p in sorted(outdir.glob("views/*.html"))),
        *(str(p.relative_to(outdir)) for p in sorted(outdir.glob("roles/*.html"))),
        *(str(p.relative_to(outdir)) for p in sorted(outdir.glob("traceability/*.html"))),
    ]
    assert len(pages) >= 1 + 6 + 10 + 7
    for path in pages:
        visit.open(path)
        visit.page.wait_for_load_state("load")
    assert visit.errors == []
    assert visit.outside == []


def test_the_catalog_filter_narrows_the_list(visit):
    page = visit.open("views/catalog.html")
    rows = page.locator("table.sop-filterable tbody tr")
    total = rows.count()
    page.locator("input.sop-filter").fill("refund")
    expect(page.locator("table.sop-filterable tbody tr:visible")).to_have_count(1)
    assert "SOP-CC-009" in page.locator("table.sop-filterable tbody tr:visible").inner_text()
    page.locator("input.sop-filter").fill("")
    expect(page.locator("table.sop-filterable tbody tr:visible")).to_have_count(total)


def test_the_catalog_sorts_by_a_column(visit):
    page = visit.open("views/catalog.html")
    page.get_by_role("columnheader", name="Next review").click()
    dates = page.locator("table.sop-sortable tbody tr td:last-child").all_inner_texts()
    assert dates == sorted(dates)


def test_search_finds_the_sop_of_a_word_in_one_step(visit):
    page = visit.open("search.html?q=echo")
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=15_000)
    assert [link.get_attribute("href") for link in results.all()][0].startswith(
        "sops/inbound/answering-and-greeting.html"
    )


def test_search_in_the_hungarian_edition_finds_an_inflected_word(visitor, hungarian_site):
    visitor = visitor(hungarian_site)
    # 'panaszokat' (complaints, as an object) is not in the text; its stem 'panasz' is
    page = visitor.open("search.html?q=panaszokat")
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=15_000)
    found = [link.get_attribute("href") for link in results.all()]
    assert any(href.startswith("sops/customer-issues/complaint-handling.html") for href in found)
    assert visitor.errors == [] and visitor.outside == []


def test_a_role_page_link_lands_on_the_step(visit):
    page = visit.open("roles/ROLE_QA_LEAD.html")
    page.get_by_role("link", name="Step 4: Run the monthly calibration session").click()
    page.wait_for_url("**/sops/quality/qa-monitoring.html#STEP_QA_CALIBRATE")
    assert_at_step(page, "STEP_QA_CALIBRATE")


def test_two_clicks_from_the_landing_page_answer_the_common_questions(visit):
    page = visit.open("index.html")
    page.locator("article").get_by_role("link", name="Roles", exact=True).first.click()
    page.locator("article").get_by_role("link", name="Agent", exact=True).first.click()
    page.wait_for_url("**/roles/ROLE_AGENT.html")
    assert "Call-handling essentials" in page.locator("table.sop-table").first.inner_text()

    page = visit.open("index.html")
    page.locator("article").get_by_role("link", name="KPI catalog").first.click()
    page.wait_for_url("**/views/kpi-catalog.html")
    fcr = page.locator("tr", has=page.locator("#kpi-KPI_FCR"))
    assert "Step 5: Agree the reason for the call" in fcr.inner_text()


def test_search_works_from_disk(visitor, site_on_disk):
    reader = visitor(site_on_disk)
    page = reader.open("search.html?q=echo")
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=15_000)
    assert results.first.get_attribute("href").startswith("sops/inbound/answering-and-greeting")


def test_an_sop_page_fits_a_phone(browser, site):
    phone = browser.new_context(viewport={"width": 390, "height": 844})
    page = phone.new_page()
    for path in (
        "sops/inbound/answering-and-greeting.html",
        "sops/people/new-agent-onboarding.html",
        "sops/customer-issues/complaint-handling.html",
    ):
        page.goto(f"{site}/{path}")
        page.locator("html[data-sop-diagrams=ready]").wait_for(state="attached")
        width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], f"{path} scrolls sideways on a phone: {width}"
    phone.close()
