"""What every browser test shares: Debian's Chromium driven by Playwright, the built
library served on localhost, and a page that records console errors and blocks every
request outside localhost.

Without Chromium the browser tests are skipped, with one line saying why; under CI
(CI=true) a missing browser fails them instead.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = shutil.which("chromium")
IN_CI = os.environ.get("CI") == "true"
LOCAL = {"127.0.0.1", "localhost"}

if CHROMIUM is None and not IN_CI:
    pytest.skip(
        "Chromium is not installed (apt-get install chromium): browser tests skipped",
        allow_module_level=True,
    )


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def site(library) -> Iterator[str]:
    """The built library, served on a free port of localhost."""
    yield from served(Path(library.app.outdir))


@pytest.fixture(scope="session")
def hungarian_site(hungarian_edition) -> Iterator[str]:
    """The library's Hungarian edition, served."""
    yield from served(hungarian_edition)


@pytest.fixture(scope="session")
def portuguese_site(portuguese_edition) -> Iterator[str]:
    """The library's Portuguese edition, served."""
    yield from served(portuguese_edition)


@pytest.fixture(scope="session")
def hungarian_on_disk(hungarian_edition) -> str:
    """The library's Hungarian edition as a reader opens it from a shared drive."""
    return hungarian_edition.as_uri()


def served(outdir: Path) -> Iterator[str]:
    """A folder served on a free port of localhost, while the caller needs it."""
    handler = functools.partial(QuietHandler, directory=str(outdir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if CHROMIUM is None:
        pytest.fail(
            "CI=true but Chromium is not installed: .ci/run installs it (apt-get install chromium)"
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        yield chromium
        chromium.close()


class Visit:
    """A browser page that records console errors and any request leaving localhost."""

    def __init__(self, browser, site: str) -> None:
        self.site = site
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.context = browser.new_context(viewport={"width": 1200, "height": 900})
        self.context.route("**/*", self._only_local)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _only_local(self, route) -> None:
        address = urlparse(route.request.url)
        if address.scheme == "file" or address.hostname in LOCAL:
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def open(self, path: str):
        self.page.goto(f"{self.site}/{path}")
        return self.page

    def render_diagrams(self) -> int:
        """Wait until Mermaid has drawn every diagram of the page; how many it drew."""
        self.page.locator("html[data-sop-diagrams=ready]").wait_for(
            state="attached", timeout=20_000
        )
        return self.page.locator("pre.mermaid > svg").count()


@pytest.fixture
def visit(browser, site) -> Iterator[Visit]:
    """A browser page on the built library."""
    visitor = Visit(browser, site)
    yield visitor
    visitor.context.close()


@pytest.fixture(scope="session")
def site_on_disk(library) -> str:
    """The built library as a reader opens it from a shared drive: a file:// address."""
    return Path(library.app.outdir).as_uri()


@pytest.fixture
def visitor(browser) -> Iterator[Callable[[str], Visit]]:
    """Opens browser pages on another site (a URL), closed after the test."""
    opened: list[Visit] = []

    def open_site(site: str) -> Visit:
        opened.append(Visit(browser, site))
        return opened[-1]

    yield open_site
    for visit in opened:
        visit.context.close()
