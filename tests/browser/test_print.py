"""An SOP printed from the browser, as Chromium's print dialog prints it: every section and
the revision history, each diagram starting where the text before it ends and breaking
only between rows of boxes, no navigation and no words about clicking, a controlled-copy
header and footer on every sheet, and dark text on white even from dark mode. Printed
over a web server and from disk (file://). The training matrix on sheets turned sideways
from its first."""

from __future__ import annotations

import datetime
import io
import runpy
import unicodedata

import pytest
from pypdf import PdfReader

from support.projects import REPO

COMPLAINTS = "sops/customer-issues/complaint-handling.html"
MATRIX = "views/training-matrix.html"
#: The boxes of the complaint-handling flowchart whose words are nowhere else on the page,
#: top to bottom.
BOXES = ["Customer expresses dissatisfaction", "Within agent authority?", "Customer accepts?",
         "Resolve on the call", "Confirm in writing and close", "Weekly root-cause review",
         "Complaint closed"]  # fmt: skip
#: Its steps' titles, which its trace diagram numbers.
STEPS = ["Listen, acknowledge and log the complaint", "Resolve it on the call",
         "Team leader resolves the complaint", "Complaints team investigates",
         "Confirm the outcome in writing and close the case",
         "Review the root causes every week"]  # fmt: skip
#: The text of the navigation around the page: the top bar, the sidebars, "on this page",
#: previous and next, the footer.
CHROME = ".bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .prev-next-footer, .bd-footer"


def printed(browser, address: str, dark: bool = False, path: str = COMPLAINTS) -> PdfReader:
    """A page, the complaint-handling SOP unless told, printed to PDF once its diagrams
    are drawn."""
    context = browser.new_context()
    try:
        page = context.new_page()
        if dark:
            page.emulate_media(color_scheme="dark")
        page.goto(f"{address}/{path}")
        page.locator("html[data-sop-diagrams=ready]").wait_for(state="attached", timeout=20_000)
        theme = page.evaluate("document.documentElement.dataset.theme")
        assert theme == ("dark" if dark else "light")
        data = page.pdf(outline=True, tagged=True, prefer_css_page_size=True)
    finally:
        context.close()
    return PdfReader(io.BytesIO(data))


def text_of(pdf: PdfReader) -> list[str]:
    """Each page's text, ligatures written out and runs of white space as one space."""
    return [
        " ".join(unicodedata.normalize("NFKC", page.extract_text()).split()) for page in pdf.pages
    ]


@pytest.fixture(scope="module", params=["http", "file"])
def printout(request, browser) -> list[str]:
    address = request.getfixturevalue("site" if request.param == "http" else "site_on_disk")
    return text_of(printed(browser, address))


@pytest.fixture(scope="module")
def navigation(browser, site) -> list[str]:
    """The lines of the navigation around the complaint page that its article does not hold."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{site}/{COMPLAINTS}")
    lines = page.evaluate(
        """(chrome) => {
          const article = document.querySelector("article").textContent;
          return [...document.querySelectorAll(chrome)]
            .flatMap((part) => part.textContent.split("\\n"))
            .map((line) => line.trim())
            .filter((line) => line.length > 3 && !article.includes(line));
        }""",
        CHROME,
    )
    context.close()
    return lines


def test_a_printed_sop_has_every_section_and_its_revision_history(printout):
    from soplib.site.history import HEADING

    whole = " ".join(printout)
    titles = [section["title"] for section in runpy.run_path(str(REPO / "conf.py"))["sop_sections"]]
    assert len(titles) == 9
    for title in [*titles, HEADING, "Contents"]:
        assert title in whole, f"{title!r} is not printed"
    assert "Review the root causes every week" in whole, "the last step is printed"
    assert 3 <= len(printout) <= 12, f"{len(printout)} pages"


def test_every_printed_sheet_says_which_sop_it_is_and_that_it_is_uncontrolled(printout):
    today = datetime.date.today().isoformat()
    for number, page in enumerate(printout, start=1):
        for expected in (
            "SOP-CC-003 Handling a complaint",
            "Version: 1.3.0 · Status: approved · Effective: 2026-09-01",
            "Uncontrolled when printed: check the library for the current version",
            f"Printed: {today}",
            f"Page {number} of {len(printout)}",
        ):
            assert expected in page, f"page {number} lacks {expected!r}"


def test_a_diagram_starts_where_the_text_before_it_ends_and_breaks_between_boxes(printout):
    def pages_with(text: str) -> list[int]:
        return [number for number, page in enumerate(printout) if text in page]

    # the flowchart follows the Procedure's introduction on its page, each box whole
    assert pages_with(BOXES[0]) == pages_with("The agent follows the chart on the call")
    assert [len(pages_with(box)) for box in BOXES] == [1] * len(BOXES)
    # the trace diagram's boxes of steps, whole, in order
    rows = [pages_with(f"{n}. {title}") for n, title in enumerate(STEPS, start=1)]
    assert [len(row) for row in rows] == [1] * 6 and rows == sorted(rows), rows


def test_no_sheet_but_the_last_is_left_a_third_empty(browser, site):
    pdf = printed(browser, site)
    lowest = []
    for page in pdf.pages:
        heights: list[float] = []
        height = float(page.mediabox.height)

        def text(shown: str, cm, tm, font, size, heights=heights, height=height) -> None:
            y = cm[3] * tm[5] + cm[5]  # where the text stands, from the sheet's bottom
            if shown.strip() and 70 < y < height - 70:  # not the running header or footer
                heights.append(y)

        page.extract_text(visitor_text=text)
        lowest.append(min(heights) / height)
    assert all(y < 1 / 3 for y in lowest[:-1]), [round(y, 2) for y in lowest]


def test_no_words_about_clicking_are_printed(printout):
    whole = " ".join(printout)
    assert "Each row is a step: on the left the roles that carry it out" in whole
    assert "Click a step to go to it." not in whole


def test_the_training_matrix_is_printed_sideways_from_its_first_sheet(browser, site):
    pdf = printed(browser, site, path=MATRIX)
    sizes = {(round(p.mediabox.width), round(p.mediabox.height)) for p in pdf.pages}
    assert sizes == {(842, 595)}, "every sheet A4 landscape"
    first = text_of(pdf)[0]
    assert "Which role needs which training" in first
    assert "Delivery Duration Refresh Agent" in first, "the matrix starts on the first sheet"


def test_no_navigation_is_printed(printout, navigation):
    assert "On this page" in navigation, "the navigation's text was read"
    whole = " ".join(printout)
    assert [line for line in navigation if line in whole] == []
    assert "⤢" not in whole, "the full-screen button is not printed"


def test_printed_from_dark_mode_the_text_is_dark(browser, site):
    pdf = printed(browser, site, dark=True)
    colours: dict[tuple[float, ...], str] = {}
    for page in pdf.pages:
        fill: list[tuple[float, ...]] = [(0.0, 0.0, 0.0)]  # the fill colour, saved by q

        def operator(op: bytes, args: list, cm, tm, fill=fill) -> None:
            if op == b"q":
                fill.append(fill[-1])
            elif op == b"Q" and len(fill) > 1:
                fill.pop()
            elif op == b"rg":
                fill[-1] = tuple(float(value) for value in args)
            elif op == b"g":
                fill[-1] = (float(args[0]),) * 3

        def text(shown: str, cm, tm, font, size, fill=fill) -> None:
            if shown.strip():
                colours.setdefault(fill[-1], shown.strip())

        page.extract_text(visitor_operand_before=operator, visitor_text=text)
    light = {colour: shown for colour, shown in colours.items() if luminance(colour) > 0.2}
    assert "Resolve every complaint" in " ".join(text_of(pdf)), "the text was read"
    assert light == {}, "text printed in light colours (colour: an example)"


def luminance(rgb: tuple[float, ...]) -> float:
    """WCAG's relative luminance of a colour of components 0 to 1."""
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_the_printed_copy_is_hidden_on_screen(visit):
    page = visit.open(COMPLAINTS)
    assert page.locator(".sop-print").count() == 1
    assert not page.locator(".sop-print").is_visible()
    assert page.locator(".sop-print").get_attribute("data-running-sop") == (
        "SOP-CC-003 Handling a complaint"
    )
