"""Diagrams as every reader meets them, in the real browser: drawn from a web server and
from disk, a step's box a link by mouse and keyboard, in the steps' order, full screen in
a dialog that keeps the focus, text with 4.5:1 contrast and lines with 3:1 in light and
dark mode, inline and full screen, text no smaller than 12 px on a phone, and the trace
diagram's rows inside it."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser.steps import assert_at_step, step_box

from .test_accessibility import violations

COMPLAINTS = "sops/customer-issues/complaint-handling.html"
#: SOP-CC-009, whose flowchart is the widest of the library.
REFUNDS = "sops/customer-issues/refunds-and-goodwill.html"
PHONE = {"width": 390, "height": 844}
#: WCAG's contrast ratio of two colours as the browser gives them, and a box's or a
#: label's text (its last element with text), in the page.
RATIO = """
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
"""
#: The contrast of each box's and each arrow label's text against its background.
CONTRASTS = (
    "svg => {"
    + RATIO
    + """
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
)
#: In the full-screen dialog, against the dialog's background: each arrow label's text,
#: each arrow and each arrowhead.
ON_THE_DIALOG = (
    "dialog => {"
    + RATIO
    + """
  const background = getComputedStyle(dialog).backgroundColor;
  const texts = [...dialog.querySelectorAll("svg g.edgeLabel")].map(leaf).filter(Boolean)
    .map((text) => [text.textContent.trim(), ratio(getComputedStyle(text).color, background)]);
  const lines = [...dialog.querySelectorAll("svg :is(.flowchart-link, marker path)")]
    .map((line) => [line.id || line.closest("marker").id,
      ratio(getComputedStyle(line)[line.closest("marker") ? "fill" : "stroke"], background)]);
  return { texts, lines };
}"""
)
#: The size each text of the diagrams under root is drawn at on the screen, in CSS pixels:
#: its font size times the scale its drawing is shown at.
TEXT_SIZES = """root => [...root.querySelectorAll("svg foreignObject, svg text")]
  .flatMap((part) => {
  const m = part.getScreenCTM(), scale = Math.hypot(m.a, m.b);
  const texts = part.tagName === "text" ? [part] : [...part.querySelectorAll("*")]
    .filter((e) => !e.children.length && e.textContent.trim());
  return texts.map((t) => [t.textContent.trim(), parseFloat(getComputedStyle(t).fontSize) * scale]);
})"""
#: Each diagram of the page: the steps of its boxes in the order Tab reaches them, the
#: page's steps in their order, and the trace diagram's row frames that stick out of it.
ORDER = """() => [...document.querySelectorAll("figure.sop-diagram pre.mermaid > svg")]
  .map((svg) => {
  const edge = svg.getBoundingClientRect();
  const tabbed = [...svg.querySelectorAll("g.node[tabindex='0']")]
    .map((box) => box.id.replace(/^flowchart-|-\\d+$/g, ""));
  const steps = [...document.querySelectorAll("[id^=STEP_]")].map((step) => step.id)
    .filter((id) => tabbed.includes(id));
  const out = [...svg.querySelectorAll("g.cluster > rect")]
    .map((frame) => frame.getBoundingClientRect())
    .filter((r) => r.left < edge.left - 0.5 || r.right > edge.right + 0.5);
  return { tabbed, steps, out: out.length };
})"""


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


def drawn_in_mode(browser, address: str, mode: str):
    """A page opened in a browser set to light or dark mode, its diagrams drawn: the
    context (to close) and the page."""
    context = browser.new_context(color_scheme=mode)
    page = context.new_page()
    page.goto(address)
    page.locator("html[data-sop-diagrams=ready]").wait_for(state="attached", timeout=20_000)
    assert page.evaluate("document.documentElement.dataset.theme") == mode
    return context, page


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_diagram_text_has_enough_contrast(browser, site, mode):
    context, page = drawn_in_mode(browser, f"{site}/{COMPLAINTS}", mode)
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
    page.locator("pre.mermaid g.node", has_text="Open the script").click()
    page.wait_for_timeout(300)
    assert page.title() == title, "Mermaid runs no script of a diagram (securityLevel strict)"
    assert page.locator("pre.mermaid svg a[href^='javascript']").count() == 0


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_a_full_screen_diagram_has_contrast_in_light_and_dark_mode(browser, site, mode):
    context, page = drawn_in_mode(browser, f"{site}/{COMPLAINTS}", mode)
    page.get_by_role("button", name="View the diagram full screen").first.click()
    dialog = page.get_by_role("dialog", name="Diagram, full screen")
    expect(dialog).to_be_visible()
    boxes = dialog.locator("svg").evaluate(CONTRASTS)
    found = dialog.evaluate(ON_THE_DIALOG)
    assert len(found["texts"]) == 4 and len(found["lines"]) >= 12, found
    low = [(text, round(ratio, 2)) for text, ratio in boxes + found["texts"] if ratio < 4.5]
    assert low == [], f"text under 4.5:1 in {mode} mode"
    faint = [(line, round(ratio, 2)) for line, ratio in found["lines"] if ratio < 3]
    assert faint == [], f"arrows under 3:1 against the dialog in {mode} mode"
    context.close()


def test_on_a_phone_diagram_text_is_at_least_12_px_inline_and_full_screen(visit):
    page = visit.page
    page.set_viewport_size(PHONE)
    visit.open(REFUNDS)
    assert visit.render_diagrams() == 2, "the flowchart and the trace diagram"
    for figure in page.locator("figure.sop-diagram").all():
        name = figure.get_attribute("aria-label")
        sizes = figure.evaluate(TEXT_SIZES)
        assert len(sizes) >= 10, name
        small = [(text, round(size, 1)) for text, size in sizes if size < 11.99]
        assert small == [], f"{name}: text under 12 px on the page"
        frame = figure.locator("pre.mermaid")
        expect(frame).to_have_attribute("role", "region")
        expect(frame).to_have_attribute("aria-label", name)
        frame.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("f => f.scrollLeft > 0", arg=frame.element_handle())
        figure.get_by_role("button", name="View the diagram full screen").click()
        dialog = page.get_by_role("dialog", name="Diagram, full screen")
        sizes = dialog.evaluate(TEXT_SIZES)
        small = [(text, round(size, 1)) for text, size in sizes if size < 11.99]
        assert len(sizes) >= 10 and small == [], f"{name}: text under 12 px full screen"
        page.keyboard.press("Escape")
        expect(dialog).to_be_hidden()
    assert violations(page, "flowchart SOP on a phone") == []


def test_tab_follows_the_steps_and_the_trace_rows_are_inside_their_diagram(library, visit):
    pages = [
        path for path in pages_with_diagrams(Path(library.app.outdir)) if path.startswith("sops/")
    ]
    assert len(pages) == 20
    flowcharts = 0
    for path in pages:
        page = visit.open(path)
        visit.render_diagrams()
        diagrams = page.evaluate(ORDER)
        flowcharts += len(diagrams) - 1
        for diagram in diagrams:
            assert len(diagram["tabbed"]) >= 2, path
            assert diagram["tabbed"] == diagram["steps"], path
            assert diagram["out"] == 0, f"{path}: row frames past the diagram's right edge"
    assert flowcharts == 7


def test_the_keyboard_reaches_the_boxes_in_the_steps_order(visit):
    page = visit.open(COMPLAINTS)
    visit.render_diagrams()
    steps = ["LISTEN", "RESOLVE", "TIER2", "TIER3", "CONFIRM", "ROOT_CAUSE"]
    for figure in page.locator("figure.sop-diagram").all():
        figure.get_by_role("button", name="View the diagram full screen").focus()
        reached = []
        for _ in range(8):
            page.keyboard.press("Tab")
            focused = page.evaluate("document.activeElement.id")
            if focused.startswith("flowchart-STEP_CMP_"):
                reached.append(focused.split("_CMP_")[1].rsplit("-", 1)[0])
        assert reached == steps, figure.get_attribute("aria-label")
