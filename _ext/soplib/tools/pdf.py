"""Write the library as PDFs: ``make pdf``.

Builds the library in its own language into ``_build/html`` (as ``make html`` builds that
edition), serves it on a free port of localhost and prints it through Debian's Chromium
into ``_build/pdf/``: each SOP as ``<SOP id>.pdf``, and for each role that carries steps
its handbook, ``handbook-<role id>.pdf``: the role's steps with their full text, by SOP
in the library's order, then the trainings they need (``handbook.js``). Every PDF has a
table of contents and bookmarks, and every sheet the running header and footer of the
printed page (``site/static/soplib-print.css``). Links to other pages of the site, which
a PDF cannot follow, are printed as plain text.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import Error as BrowserError
from playwright.sync_api import Page, sync_playwright

from ..site.export import EXPORT
from ..site.library import ROLE_PAGE
from .editions import build, editions

MISSING_CHROMIUM = "make pdf needs Chromium: install it with apt-get install chromium"
#: Assembles a role's handbook in its page (run in the browser).
HANDBOOK = (Path(__file__).parent / "handbook.js").read_text(encoding="utf-8")
#: Until every diagram of the page is drawn (site/static/soplib-diagrams.js says so).
DIAGRAMS_DRAWN = "() => document.documentElement.dataset.sopDiagrams === 'ready'"
#: A link to another page of the site becomes plain text; one to a part of this page, or
#: outside the site, stays.
UNLINK_SITE = """() => {
  for (const link of document.querySelectorAll("a[href]")) {
    const target = new URL(link.href);
    if (target.origin !== location.origin) continue;
    const here = target.pathname === location.pathname && target.hash;
    if (here) link.setAttribute("href", target.hash);
    else link.removeAttribute("href");
  }
}"""
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
TIMEOUT_MS = 60_000


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def served(site: Path) -> Iterator[str]:
    """The built site served on a free port of localhost, while the caller needs it."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def print_pdf(page: Page, path: Path) -> None:
    """The page as it prints, with its headings as bookmarks, in a PDF file."""
    page.evaluate("async () => { await document.fonts.ready; }")
    page.evaluate(UNLINK_SITE)
    path.write_bytes(page.pdf(prefer_css_page_size=True, outline=True, tagged=True))


def write_pdfs(site: Path, out: Path, chromium: str) -> list[Path]:
    """Print every SOP, and the handbook of every role with steps, from the built site."""
    library = json.loads((site / EXPORT).read_text(encoding="utf-8"))
    sops = sorted(library["sops"].items())
    steps: dict[str, dict[str, Any]] = library["steps"]
    roles = sorted({role for step in steps.values() for role in step["responsible"]})
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.pdf"):
        old.unlink()
    written: list[Path] = []
    with served(site) as address, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        for sop_id, sop in sops:
            page.goto(f"{address}/{sop['docname']}.html")
            page.wait_for_function(DIAGRAMS_DRAWN)
            written.append(out / f"{sop_id}.pdf")
            print_pdf(page, written[-1])
        for role in roles:
            shown = page.goto(f"{address}/{ROLE_PAGE.format(role)}.html")
            if shown is not None and shown.ok and page.evaluate(HANDBOOK, sorted(steps)):
                written.append(out / f"handbook-{role}.pdf")
                print_pdf(page, written[-1])
        browser.close()
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="make pdf", description=__doc__.splitlines()[0])
    parser.add_argument("--builddir", type=Path, default=Path("_build"))
    args, options = parser.parse_known_args(argv)
    chromium = shutil.which("chromium")
    if chromium is None:
        print(MISSING_CHROMIUM, file=sys.stderr)
        return 1
    root = Path.cwd()
    source, _translations = editions(root)
    if build(root, args.builddir, options, source, source) != 0:
        print("make pdf: the build found the problems above; no PDF was written.", file=sys.stderr)
        return 1
    out = args.builddir / "pdf"
    try:
        written = write_pdfs(args.builddir / "html", out, chromium)
    except BrowserError as error:
        reason = str(error).strip().splitlines()[0]
        print(
            f"make pdf: Chromium stopped while printing ({reason}); run make pdf again, "
            "and if it stops again, check that chromium starts on this machine",
            file=sys.stderr,
        )
        return 1
    handbooks = sum(path.name.startswith("handbook-") for path in written)
    print(f"{len(written) - handbooks} SOPs and {handbooks} role handbooks in {out}/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
