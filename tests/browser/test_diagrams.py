"""Diagrams as every reader meets them, in the real browser: drawn from a web server and
from disk, a step's box a link by mouse and keyboard, full screen in a dialog that keeps
the focus, and text with 4.5:1 contrast in light and dark mode."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser.steps import assert_at_step, step_box

COMPLAINTS = "sops/customer-issues/complaint-handling.html"
#: The contrast of each box's and each arrow label's text against its background, by
#: WCAG's formula, worked out in the page from the colours the browser draws.
CONTRASTS = """svg => {
  const rgb = (text) => text.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => c.map((v) => v / 255)
    .map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4))
    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => {
    const [hi, lo] = [lum(rgb(a)), lum(rgb(b))].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const leaf = (g) =>
    [...g.querySelectorAll("p, span, text")].filter((e) => e.textContent.trim()).pop();
  const found = [];
  for (const box of svg.querySelectorAll("g.node")) {
    const shape = box.querySelector("rect, polygon, path");
    const text = leaf(box);
    if (shape && text) found.push([text.textContent.trim(),
      ratio(getComputedStyle(text).color, getComputedStyle(shape).fill)]);
  }
  for (const label of svg.querySelectorAll("g.edgeLabel")) {
    const text = leaf(label);
    if (text) found.push([text.textContent.trim(),
      ratio(getComputedStyle(text).color, getComputedStyle(text).backgroundColor)]);
  }
  return found;
}"""


def pages_with_diagrams(outdir: Path) -> list[str]:
    return sorted(
        str(p.relative_to(outdir))
        for p in outdir.rglob("*.html")
        if 'class="mermaid"' in p.read_text(encoding="utf-8")
    )


def test_every_diagram_of_the_site_renders_from_disk(library, visitor, site_on_disk):
    reader = visitor(site_on_disk)
    pages = pages_with_diagrams(Path(library.app.outdir))
    assert len(pages) >= 20
    for path in pages:
        page = reader.open(path)
        assert reader.render_diagrams() == page.locator("pre.mermaid").count() >= 1, path
        assert page.locator("pre.mermaid > svg g.node").count() >= 2, path
        assert page.get_by_text("Syntax error").count() == 0, path
    assert reader.errors == []
    assert reader.outside == [], "the site must not load anything from the internet"


def test_from_disk_a_step_box_goes_to_its_step_and_full_screen_opens(visitor, site_on_disk):
    reader = visitor(site_on_disk)
    page = reader.open(COMPLAINTS)
    reader.render_diagrams()
    box = step_box(page, "STEP_CMP_TIER3")
    box.scroll_into_view_if_needed()
    box.click()
    assert_at_step(page, "STEP_CMP_TIER3")
    page.get_by_role("button", name="View the diagram full screen").first.click()
    expect(page.get_by_role("dialog", name="Diagram, full screen")).to_be_visible()
    assert reader.errors == []


def test_clicking_a_step_box_in_full_screen_closes_it_and_goes_to_the_step(visit):
    page = visit.open(COMPLAINTS)
    visit.render_diagrams()
    page.get_by_role("button", name="View the diagram full screen").first.click()
    dialog = page.get_by_role("dialog", name="Diagram, full screen")
    step_box(dialog, "STEP_CMP_LISTEN").click()
    assert_at_step(page, "STEP_CMP_LISTEN")
    expect(dialog).to_be_hidden()
    assert page.locator("figure.sop-diagram pre.mermaid > svg").count() == 2, "back in place"


def test_the_keyboard_goes_from_a_flowchart_box_to_its_step(visit):
    page = visit.open(COMPLAINTS)
    visit.render_diagrams()
    page.get_by_role("button", name="View the diagram full screen").first.focus()
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused == "Listen, acknowledge and log", "the first step box is next after the button"
    assert page.evaluate("document.activeElement.getAttribute('role')") == "link"
    ring = "getComputedStyle(document.activeElement.querySelector('rect')).strokeWidth"
    assert page.evaluate(ring) == "4px", "the focused box is drawn with a thick border"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == (
        "Team leader resolves"
    )
    page.keyboard.press("Enter")
    assert_at_step(page, "STEP_CMP_TIER2")
    assert page.evaluate("document.activeElement.id") == "STEP_CMP_TIER2", "focus on the step"


def test_the_full_screen_dialog_holds_the_focus_and_gives_it_back(visit):
    page = visit.open(COMPLAINTS)
    visit.render_diagrams()
    button = page.get_by_role("button", name="View the diagram full screen").first
    button.focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_role("dialog", name="Diagram, full screen")
    expect(dialog).to_be_visible()
    inside = "document.activeElement.closest('dialog.sop-diagram-dialog') !== null"
    for _ in range(8):
        assert page.evaluate(inside), "the focus stays in the dialog"
        page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert page.evaluate("document.activeElement.classList.contains('sop-diagram-fullscreen')")


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_diagram_text_has_enough_contrast(browser, site, mode):
    context = browser.new_context(color_scheme=mode)
    page = context.new_page()
    page.goto(f"{site}/{COMPLAINTS}")
    page.locator("html[data-sop-diagrams=ready]").wait_for(state="attached", timeout=20_000)
    assert page.evaluate("document.documentElement.dataset.theme") == mode
    for index, svg in enumerate(page.locator("pre.mermaid > svg").all()):
        assert svg.evaluate("s => getComputedStyle(s).filter") == "none", "not dimmed"
        contrasts = svg.evaluate(CONTRASTS)
        assert len(contrasts) >= 10, index
        low = [(text, round(ratio, 2)) for text, ratio in contrasts if ratio < 4.5]
        assert low == [], f"diagram {index} in {mode} mode"
    context.close()


def test_the_trace_diagram_links_each_step(visit):
    page = visit.open("sops/people/new-agent-onboarding.html")
    visit.render_diagrams()
    trace = page.locator("figure.sop-trace")
    expect(trace.locator('g.node[id*="flowchart-STEP_"]')).to_have_count(10, timeout=15_000)
    box = step_box(trace, "STEP_ONB_SIGNOFF")
    box.scroll_into_view_if_needed()
    box.click()
    assert_at_step(page, "STEP_ONB_SIGNOFF")


def test_a_script_link_in_a_diagram_does_nothing(build_project, visitor):
    notes = (
        "# Notes\n\n```mermaid\nflowchart TD\n    A[Open the script] --> B[Done]\n"
        "    click A href \"javascript:document.title='ran'\"\n```\n"
    )
    built = build_project({"sops/area/notes.md": notes})
    reader = visitor(Path(built.app.outdir).as_uri())
    page = reader.open("sops/area/notes.html")
    reader.render_diagrams()
    title = page.title()
    page.locator("g.node", has_text="Open the script").click()
    page.wait_for_timeout(300)
    assert page.title() == title, "Mermaid runs no script of a diagram (securityLevel strict)"
    assert page.locator("pre.mermaid svg a[href^='javascript']").count() == 0
