"""The pages' Content-Security-Policy (soplib.site.csp): every page of every edition
carries it first in its head, holds no script of its own and no event handler attribute,
and works under it from a web server and from disk (file://): no violation, diagrams
drawn, search, the language list and the colour mode. And the policy holds: a script
put into a page does not run."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import expect

COMPLAINTS = "sops/customer-issues/complaint-handling.html"
#: A page of each kind, by what it is.
PAGES = {
    "flowchart SOP": COMPLAINTS,
    "view": "views/catalog.html",
    "search results": "search.html?q=complaint",
    "Authoring guide": "views/authoring-guide.html",
    "general index": "genindex.html",
}
CSP = 'meta[http-equiv="Content-Security-Policy"]'
#: Each violation of the policy the page reports, kept on the window (an init script
#: runs before the page's own, so no violation goes unseen).
WATCH = """
window.sopViolations = [];
document.addEventListener("securitypolicyviolation", (event) => window.sopViolations.push(
  `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} ` +
  `(${event.sourceFile}:${event.lineNumber})`));
"""
#: What of the page is script in the page: script elements without a file, and event
#: handler attributes (onclick=...).
INLINE = """() => [
  ...[...document.querySelectorAll("script:not([src])")].map((s) => s.outerHTML.slice(0, 120)),
  ...[...document.querySelectorAll("*")].flatMap((e) => [...e.attributes]
    .filter((a) => a.name.startsWith("on")).map((a) => `<${e.localName} ${a.name}=...>`)),
]"""
#: Whether the policy's element comes before every script, stylesheet and style of the
#: page, in its head.
FIRST = f"""() => {{
  const meta = document.querySelector('{CSP}');
  const before = [...document.querySelectorAll("script, link, style")].filter(
    (e) => meta.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_PRECEDING);
  return meta.parentElement === document.head && before.length === 0;
}}"""


def directives(policy: str) -> dict[str, list[str]]:
    """A policy's directives and their sources."""
    found = {}
    for directive in filter(None, (part.strip() for part in policy.split(";"))):
        name, *sources = directive.split()
        found[name] = sources
    return found


def watched(visit):
    """The visit, recording the policy's violations on every page it opens."""
    visit.context.add_init_script(script=WATCH)
    return visit


def violations(visit) -> list[str]:
    """The violations the open page reported, and the browser's messages about them."""
    reported = visit.page.evaluate("window.sopViolations || []")
    said = [error for error in visit.errors if "Content Security Policy" in error]
    return reported + said


def ready(visit, path: str):
    """The page at path, its diagrams drawn and its search results in."""
    page = visit.open(path)
    page.wait_for_load_state("load")
    if page.locator("pre.mermaid").count():
        visit.render_diagrams()
        assert page.locator("figure.sop-diagram pre.mermaid > svg").count() >= 1, path
    if path.startswith("search.html"):
        page.locator("#search-results ul.search li a").first.wait_for(timeout=15_000)
    return page


def assert_under_policy(visit, path: str) -> None:
    """The page has the policy first in its head, no script in the page, and works
    under it."""
    page = ready(visit, path)
    policy = page.locator(CSP).get_attribute("content")
    assert policy is not None, f"{path}: no Content-Security-Policy"
    found = directives(policy)
    assert found["script-src"] == ["'self'"], path
    assert found["object-src"] == ["'none'"] and found["base-uri"] == ["'none'"], path
    assert not {"'unsafe-inline'", "'unsafe-eval'"} & set(found.get("default-src", [])), path
    assert page.evaluate(FIRST), f"{path}: the policy is not first in the head"
    assert page.evaluate(INLINE) == [], f"{path}: script in the page"
    assert violations(visit) == [], path


@pytest.fixture(params=["http", "disk"])
def address(request) -> str:
    """The English site over http, and from disk."""
    return request.getfixturevalue("site" if request.param == "http" else "site_on_disk")


@pytest.fixture(params=["http", "disk"])
def hungarian_address(request) -> str:
    """The Hungarian edition over http, and from disk."""
    fixture = "hungarian_site" if request.param == "http" else "hungarian_on_disk"
    return request.getfixturevalue(fixture)


@pytest.fixture(params=["en", "hu"])
def edition(request) -> Path:
    """The output folder of the English site, and of the Hungarian edition."""
    if request.param == "en":
        return Path(request.getfixturevalue("library").app.outdir)
    return request.getfixturevalue("hungarian_edition")


class Scripts(HTMLParser):
    """What of a page is script in the page (script elements without a file, event
    handler attributes), its policy, and what comes before it."""

    def __init__(self) -> None:
        super().__init__()
        self.inline: list[str] = []
        self.policy: str | None = None
        self.before_policy: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        line = self.getpos()[0]
        if tag == "meta" and (named.get("http-equiv") or "").lower() == "content-security-policy":
            self.policy = named.get("content")
        if tag in {"script", "link", "style"} and self.policy is None:
            self.before_policy.append(f"<{tag}> at line {line}")
        if tag == "script" and not named.get("src"):
            self.inline.append(f"<script> at line {line}")
        self.inline += [
            f"<{tag} {name}=> at line {line}" for name, _ in attrs if name.startswith("on")
        ]


def test_every_page_built_carries_the_policy_and_no_script_inline(edition):
    # every page; _static holds the theme's template macros, not pages
    pages = sorted(p for p in edition.rglob("*.html") if "_static" not in p.parts)
    assert len(pages) >= 40
    problems = []
    for path in pages:
        scripts = Scripts()
        scripts.feed(path.read_text(encoding="utf-8"))
        where = path.relative_to(edition)
        if scripts.policy is None or "script-src 'self'" not in scripts.policy:
            problems.append(f"{where}: no Content-Security-Policy")
        problems += [f"{where}: {found} before the policy" for found in scripts.before_policy]
        problems += [f"{where}: script in the page: {found}" for found in scripts.inline]
    assert problems == []
    assert {"search.html", "genindex.html"} <= {p.name for p in pages}
    assert not (edition / "permalink.html").exists(), "sphinx-needs' page of inline script"


@pytest.mark.parametrize("kind", PAGES)
def test_every_kind_of_page_works_under_the_policy(visitor, address, kind):
    assert_under_policy(watched(visitor(address)), PAGES[kind])


def test_a_hungarian_page_works_under_the_policy_with_its_language_list(visitor, hungarian_address):
    """The Hungarian edition (built alone here, so its list leads to editions that are
    not beside it: the test follows no link out of it)."""
    visit = watched(visitor(hungarian_address))
    assert_under_policy(visit, COMPLAINTS)
    page = visit.page
    assert page.evaluate("document.documentElement.lang") == "hu"
    page.locator(".bd-header .sop-editions summary").click()
    english = page.locator(".bd-header .sop-editions a[hreflang=en]")
    expect(english).to_be_visible()
    assert english.get_attribute("href") == f"../../../{COMPLAINTS}"
    assert violations(visit) == []


def test_the_colour_mode_chosen_is_kept_under_the_policy(visitor, address):
    visit = watched(visitor(address))
    page = ready(visit, COMPLAINTS)
    page.locator(".bd-header button.theme-switch-button").click()
    page.locator(".bd-header button.theme-change-button[data-mode=dark]").click()
    expect(page.locator("html")).to_have_attribute("data-theme", "dark")
    page.reload()
    page.wait_for_load_state("load")
    assert page.evaluate(
        "[document.documentElement.dataset.mode, document.documentElement.dataset.theme]"
    ) == ["dark", "dark"]
    assert violations(visit) == []


def test_the_mode_is_set_by_our_file_in_the_head(visit):
    """The reader's mode comes from our file in the head (soplib-mode.js), not only from
    the theme's script at the end of the page: with that script blocked, it is set."""
    page = watched(visit).open(COMPLAINTS)
    page.evaluate("localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark')")
    page.route("**/pydata-sphinx-theme.js*", lambda route: route.abort())
    page.reload()
    page.wait_for_load_state("load")
    mode = "[document.documentElement.dataset.mode, document.documentElement.dataset.theme]"
    assert page.evaluate(mode) == ["dark", "dark"]
    assert violations(visit) == []


def test_a_script_put_into_the_page_does_not_run(visitor, address):
    visit = watched(visitor(address))
    page = ready(visit, COMPLAINTS)
    page.evaluate("""() => {
      const script = document.createElement("script");
      script.textContent = "window.sopInlineRan = true;";
      document.body.append(script);
      const button = document.createElement("button");
      button.id = "sop-injected";
      button.setAttribute("onclick", "window.sopHandlerRan = true;");
      button.textContent = "x";
      document.body.prepend(button);
    }""")
    page.locator("#sop-injected").click()
    page.wait_for_timeout(200)
    assert page.evaluate("[window.sopInlineRan, window.sopHandlerRan]") == [None, None]
    reported = " ".join(violations(visit))
    assert "script-src-elem blocked inline" in reported, "the script element"
    assert "script-src-attr blocked inline" in reported, "the onclick attribute"


#: A script file of the site (served by the test) that tries eval.
PROBE = """
const root = document.documentElement;
root.dataset.fileRan = "yes";
try {
  eval("root.dataset.evalRan = 'yes'");
} catch (error) {
  root.dataset.evalStopped = error.name;
}
"""


def test_a_page_served_with_a_script_in_it_does_not_run_it(visit):
    """A copy of an SOP page with a script written into it after the policy (as a
    template or a raw block of a page could), and a script file of the site that tries
    eval: the file runs, the script in the page and eval do not, the page reports both,
    and its diagrams are still drawn."""

    def with_scripts(route) -> None:
        html = route.fetch().text()
        assert "</article>" in html
        added = (
            "<script>document.documentElement.dataset.inlineRan = 'yes';</script>"
            '<script src="../../_static/sop-probe.js"></script>'
        )
        route.fulfill(body=html.replace("</article>", f"{added}</article>", 1),
                      content_type="text/html")  # fmt: skip

    page = watched(visit).page
    page.route(f"{visit.site}/{COMPLAINTS}", with_scripts)
    page.route("**/_static/sop-probe.js", lambda route: route.fulfill(
        body=PROBE, content_type="text/javascript"))  # fmt: skip
    visit.open(COMPLAINTS)
    assert visit.render_diagrams() >= 1
    ran = page.evaluate("({ ...document.documentElement.dataset })")
    assert ran.get("fileRan") == "yes", "a script file of the site runs"
    assert "inlineRan" not in ran and "evalRan" not in ran
    assert ran.get("evalStopped") == "EvalError"
    reported = " ".join(violations(visit))
    assert "script-src-elem blocked inline" in reported and "script-src blocked eval" in reported
