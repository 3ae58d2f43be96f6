"""A QA scorecard in the browser: it passes axe-core in light and dark mode, and prints
whole, every line and the calibration sheet, with no navigation."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from .test_accessibility import MODES, in_mode, ready, violations
from .test_print import text_of

SCORECARD = "scorecards/SOP-CC-003.html"


@pytest.mark.parametrize("mode", MODES)
def test_a_scorecard_passes_axe(visit, mode):
    page = ready(in_mode(visit, mode), SCORECARD)
    assert violations(page, f"QA scorecard ({SCORECARD}, {mode})") == []


def test_a_scorecard_prints_whole(browser, site):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{site}/{SCORECARD}")
        printout = text_of(PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True))))
    finally:
        context.close()
    whole = " ".join(printout)
    for line in (
        "and opens a Complaint case during the call.",
        "or hands the call to the team leader.",
        "will be confirmed in writing within one business day.",
        "Calibration sheet",
        "Analyst 3",
        "Variance: difference from the agreed score (points)",
    ):
        assert whole.count(line) >= 1, f"{line!r} is not printed"
    assert "Search the procedures" not in whole and "Procedures" not in whole, "no navigation"
    assert len(printout) <= 3
