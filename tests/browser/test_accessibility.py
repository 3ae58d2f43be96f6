"""Accessibility in the real browser: every page type passes axe-core (pinned in
package.json, injected by the test, never served by the site) with no serious or critical
violation, in light and dark mode; a step's head is a heading of the page's outline, so a
screen-reader user goes from step to step with the heading key; every control of ours
shows a focus ring a keyboard user sees."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from samples import SIMPLE, replace
from support.projects import REPO, build, write_project

from .conftest import served

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
MODES = ["light", "dark"]
#: The impacts that fail a page.
FAILING = {"serious", "critical"}
#: A page of each type, by what it is (and every view, added from the built site).
PAGES = {
    "landing page": "index.html",
    "area index": "sops/inbound/index.html",
    "simple SOP": "sops/inbound/answering-and-greeting.html",
    "hierarchical SOP": "sops/people/new-agent-onboarding.html",
    "flowchart SOP": "sops/customer-issues/complaint-handling.html",
    "catalog": "sops/catalog/roles.html",
    "role page": "roles/ROLE_AGENT.html",
    "search results": "search.html?q=complaint",
}
#: axe's violations of a page, each with the elements at fault.
RUN_AXE = """async (part) => (await axe.run(part ? document.querySelector(part) : document,
  { resultTypes: ["violations"] })).violations
  .map((v) => ({ rule: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({
    target: n.target.join(" "), html: n.html, fix: n.failureSummary.replace(/\\s+/g, " ") })) }))"""


def pages(outdir: Path) -> dict[str, str]:
    views = {f"view {p.stem}": f"views/{p.name}" for p in sorted(outdir.glob("views/*.html"))}
    assert "view authoring-guide" in views
    return PAGES | views


def ready(visit, path: str):
    """The page at path as a reader meets it: its diagrams drawn, its search results in."""
    page = visit.open(path)
    page.wait_for_load_state("load")
    if page.locator("pre.mermaid").count():
        visit.render_diagrams()
    if path.startswith("search.html"):
        page.locator("#search-results li").first.wait_for(timeout=15_000)
    return page


def violations(page, where: str, part: str = "") -> list[str]:
    """axe's serious and critical violations of the page (or of its part, a selector), a
    line per element at fault: the rule, its impact, the element's selector and its HTML,
    what to fix."""
    # evaluated, not added as a <script>: the page's policy stops a script in the page
    page.evaluate(AXE.read_text(encoding="utf-8"))
    return [
        f"{where}: {v['rule']} [{v['impact']}] {n['target']} {n['html'][:160]} {n['fix']}"
        for v in page.evaluate(RUN_AXE, part)
        if v["impact"] in FAILING
        for n in v["nodes"]
    ]


def in_mode(visit, mode: str):
    """The visit's page in the reader's light or dark setting, which the theme follows."""
    visit.page.emulate_media(color_scheme=mode)
    return visit


@pytest.mark.parametrize("mode", MODES)
def test_every_page_type_passes_axe(library, visit, mode):
    found = []
    for kind, path in pages(Path(library.app.outdir)).items():
        page = ready(in_mode(visit, mode), path)
        assert page.evaluate("document.documentElement.dataset.theme") == mode, path
        found += violations(page, f"{kind} ({path}, {mode})")
    assert found == [], "\n".join(["axe-core violations:", *found])


@pytest.mark.parametrize("mode", MODES)
def test_the_hungarian_edition_passes_axe_with_its_language_list_open(
    visitor, hungarian_site, mode
):
    visit = in_mode(visitor(hungarian_site), mode)
    page = ready(visit, PAGES["simple SOP"])
    page.locator(".bd-header .sop-editions summary").click()
    expect(page.locator(".bd-header .sop-editions li a").first).to_be_visible()
    assert violations(page, f"Hungarian simple SOP, {mode}") == []


@pytest.fixture(scope="module")
def draft_site(tmp_path_factory) -> Iterator[str]:
    """A draft, whose pages say on top and on each step that it is not in force."""
    draft = replace(SIMPLE, "status: approved", "status: draft")
    built = build(write_project(tmp_path_factory.mktemp("draft"), {"sops/area/x.md": draft}))
    yield from served(Path(built.app.outdir))


@pytest.mark.parametrize("mode", MODES)
def test_an_sop_not_in_force_passes_axe_with_its_notices(visitor, draft_site, mode):
    page = ready(in_mode(visitor(draft_site), mode), "sops/area/x.html")
    expect(page.locator("div.sop-standing")).to_have_text("Draft: not in force")
    expect(page.locator("p.sop-step-standing")).to_have_count(2)
    # the page around it is that of every SOP, which the test above checks
    assert violations(page, f"draft SOP, {mode}", "article") == []


def test_steps_are_headings_one_level_below_their_section(visit):
    page = visit.open(PAGES["flowchart SOP"])
    expect(page.get_by_role("heading", name="Procedure", level=2)).to_be_visible()
    first = "Step 1: Listen, acknowledge and log the complaint STEP_CMP_LISTEN"
    expect(page.get_by_role("heading", name=first, exact=True, level=3)).to_be_visible()
    steps = page.get_by_role("heading", name=re.compile(r"^Step \d+: "), level=3)
    assert steps.count() == page.locator("table.need").count() == 6
    assert page.locator("table.need[role=presentation]").count() == 6, "read as layout"

    page = visit.open(PAGES["hierarchical SOP"])
    expect(page.get_by_role("heading", name="Stage 2: Classroom", level=3)).to_be_visible()
    step = page.get_by_role("heading", name="Step 3: Deliver the induction", level=4)
    expect(step).to_be_visible()
    sub_step = page.get_by_role("heading", name="Step 3.1: Pass the induction", level=5)
    expect(sub_step).to_be_visible()

    page = visit.open(PAGES["catalog"])
    expect(page.get_by_role("heading", name="Role: Agent ROLE_AGENT", level=2)).to_be_visible()


#: Each control of ours, on a page that has it.
CONTROLS = {
    PAGES["simple SOP"]: [
        "div.sop-meta a",  # the SOP header's owner
        "table.need tr.meta a",  # a step's role
        "table.need .needs-id a",  # a step's own link
        ".bd-header .sop-editions summary",  # the language switcher
        ".bd-header .sop-editions li a",  # a language of its list
    ],
    "views/catalog.html": ["input.sop-filter", "table.sop-sortable th"],
}
#: The focused element's ring: its width, its colour, the colour it is drawn on, and the
#: box that cuts part of it off (a scrolling box it does not fit in), if any.
RING = """el => {
  const style = getComputedStyle(el);
  const width = style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth);
  const reach = width + parseFloat(style.outlineOffset);
  const r = el.getBoundingClientRect();
  let under = el.parentElement, background;
  while ((background = getComputedStyle(under).backgroundColor) === "rgba(0, 0, 0, 0)"
         && under.parentElement) under = under.parentElement;
  let cut = null;
  for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
    const b = box.getBoundingClientRect(), o = getComputedStyle(box);
    if (o.overflowX === "visible" && o.overflowY === "visible") continue;
    if (r.left - reach < b.left || r.top - reach < b.top ||
        r.right + reach > b.right || r.bottom + reach > b.bottom) cut = box.className;
  }
  return { width, color: style.outlineColor, background, cut };
}"""


def contrast(first: str, second: str) -> float:
    """WCAG's contrast ratio of two CSS colours, rgb(...) as the browser gives them."""

    def luminance(color: str) -> float:
        channels = [int(c) / 255 for c in re.findall(r"[\d.]+", color)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted([luminance(first), luminance(second)], reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("mode", MODES)
def test_every_control_of_ours_shows_a_focus_ring(visit, mode):
    faults = []
    for path, selectors in CONTROLS.items():
        page = in_mode(visit, mode).open(path)
        page.keyboard.press("Tab")  # from now on the focus is the keyboard's
        for selector in selectors:
            control = page.locator(selector).first
            if not control.is_visible():  # in the closed list of the summary just focused
                page.keyboard.press("Enter")
            control.focus()
            ring = control.evaluate(RING)
            ratio = contrast(ring["color"], ring["background"])
            if ring["width"] < 2 or ratio < 3 or ring["cut"]:
                faults.append(f"{path} {selector}: {ring}, contrast {ratio:.2f}")
    assert faults == []
