"""The views on a phone and by search, in a real browser (the fixtures are in conftest.py):
no page scrolls sideways, the training matrix keeps its heading and first column in view
and its SOP ids whole, its role headings lead to the role pages, and searching an SOP's
or a step's id finds it first."""

from __future__ import annotations

from pathlib import Path

import pytest

PHONE = {"width": 390, "height": 844}
MATRIX = "table.sop-matrix"
#: The matrix's own scrolling box (the theme wraps every table in one).
BOX = f".pst-scrollable-table-container:has(> {MATRIX})"


def on_a_phone(visit, path: str):
    visit.page.set_viewport_size(PHONE)
    page = visit.open(path)
    page.wait_for_load_state("load")
    return page


def test_no_page_scrolls_sideways_on_a_phone(library, visit):
    outdir = Path(library.app.outdir)
    pages = [
        "index.html",
        *(str(p.relative_to(outdir)) for p in sorted(outdir.glob("views/*.html"))),
        "traceability/inbound.html",
        "roles/ROLE_AGENT.html",
    ]
    assert len(pages) >= 1 + 7 + 2
    wide = {}
    for path in pages:
        page = on_a_phone(visit, path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > page.evaluate("innerWidth"):
            wide[path] = width
    assert wide == {}
    assert visit.errors == []


#: The cell a reader sees near the top (or the left edge) of the matrix's box, below the
#: page's header: its tag, column and whether its background lets the cells under it show.
SEEN = """([selector, atLeft]) => {
    const box = document.querySelector(selector).getBoundingClientRect();
    const top = Math.max(box.top, document.querySelector("header").getBoundingClientRect().bottom);
    const bottom = Math.min(box.bottom, innerHeight);
    const [x, y] = atLeft ? [box.left + 10, (top + bottom) / 2]
                          : [box.left + box.width / 2, top + 10];
    const cell = document.elementFromPoint(x, y)?.closest("th, td");
    if (!cell) return [null, -1, true];
    const clear = /rgba\\(.*, 0\\)|transparent/.test(getComputedStyle(cell).backgroundColor);
    return [cell.tagName, cell.cellIndex, clear];
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_training_matrix_keeps_its_heading_and_first_column_in_view(visit, scheme):
    visit.page.emulate_media(color_scheme=scheme)
    page = on_a_phone(visit, "views/training-matrix.html")
    assert page.evaluate("document.documentElement.dataset.theme") == scheme
    box = page.locator(BOX)
    box.scroll_into_view_if_needed()
    area = box.bounding_box()
    assert area is not None
    page.mouse.move(area["x"] + area["width"] / 2, area["y"] + min(area["height"], 400) / 2)
    page.mouse.wheel(0, 3000)  # a reader scrolls down the matrix
    page.wait_for_timeout(500)
    heading = page.evaluate(SEEN, [BOX, False])
    assert heading[0] == "TH" and heading[2] is False, heading
    page.mouse.wheel(3000, 0)  # and then sideways
    page.wait_for_timeout(500)
    assert page.evaluate(SEEN, [BOX, False])[0] == "TH"
    first_column = page.evaluate(SEEN, [BOX, True])
    assert first_column[:2] == ["TD", 0] and first_column[2] is False, first_column
    assert page.evaluate("document.documentElement.scrollWidth <= innerWidth")


def test_an_sop_id_in_the_training_matrix_is_on_one_line(visit):
    page = on_a_phone(visit, "views/training-matrix.html")
    ids = page.locator(f"{MATRIX} tbody td:not(:first-child) a")
    assert ids.count() > 50
    lines = ids.evaluate_all("links => links.map(a => [a.textContent, a.getClientRects().length])")
    assert [text for text, count in lines if count != 1] == []
    alone = page.locator(f"{MATRIX} tbody tr", has_text="Business continuity drill")
    cell = alone.locator("td").nth(4)
    assert cell.inner_text() == "SOP-CC-017"
    height = cell.locator("p").evaluate("p => p.getBoundingClientRect().height")
    line = cell.locator("p").evaluate("p => parseFloat(getComputedStyle(p).lineHeight)")
    assert height < 1.5 * line


def test_a_role_heading_of_the_training_matrix_leads_to_the_same_trainings(visit):
    page = on_a_phone(visit, "views/training-matrix.html")
    column = page.evaluate(
        """() => {
        const table = document.querySelector("table.sop-matrix");
        const agent = [...table.tHead.rows[0].cells].findIndex(c => c.innerText === "Agent");
        const ids = (cell) => [...cell.querySelectorAll("a")].map(a => a.textContent);
        return Object.fromEntries([...table.tBodies[0].rows]
            .filter(row => ids(row.cells[agent]).length)
            .map(row => [row.cells[0].innerText, ids(row.cells[agent])]));
    }"""
    )
    assert len(column) > 5
    page.locator(f"{MATRIX} thead").get_by_role("link", name="Agent", exact=True).click()
    page.wait_for_url("**/roles/ROLE_AGENT.html")
    trainings = page.locator("table.sop-table").first.evaluate(
        """table => Object.fromEntries([...table.tBodies[0].rows].map(row => [
            row.cells[0].innerText,
            [...row.cells[row.cells.length - 1].querySelectorAll("a")]
                .map(sop => sop.textContent.split(" ")[0]),
        ]))"""
    )
    assert trainings == column


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("SOP-CC-017", "sops/operations/outage-contingency.html"),
        ("SOP-CC-003", "sops/customer-issues/complaint-handling.html"),
        ("STEP_CMP_TIER3", "sops/customer-issues/complaint-handling.html#STEP_CMP_TIER3"),
    ],
)
def test_searching_an_id_finds_its_page_first(visit, query, found):
    page = visit.open(f"search.html?q={query}")
    results = page.locator("#search-results ul.search li a")
    results.first.wait_for(timeout=15_000)
    assert results.first.get_attribute("href") == found
    results.first.click()
    page.wait_for_url(f"**/{found}")
    if "#" in found:  # the step itself is in the window
        top = page.evaluate(f"document.getElementById('{query}').getBoundingClientRect().top")
        assert 0 <= top < page.evaluate("innerHeight / 2")
    assert visit.errors == []
