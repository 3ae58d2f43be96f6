"""The author's preview, ``make serve``: the page open in the browser shows a saved change
by itself, under the pages' Content-Security-Policy, with no violation."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from samples import SIMPLE, replace
from support.projects import make_environment, touch, with_make, write_project

from .test_csp import directives, violations, watched

#: How long the preview may take to build the small project, and to build it again.
BUILD_SECONDS = 180


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """make serve running on a small library: its folder and address."""
    root = with_make(write_project(tmp_path / "lib", {"sops/area/x.md": SIMPLE}))
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(["make", "serve", f"PORT={port}"], cwd=root, stdout=log,
                              stderr=subprocess.STDOUT, start_new_session=True,
                              env=make_environment())  # fmt: skip
    address = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + BUILD_SECONDS
        while True:
            try:
                urllib.request.urlopen(f"{address}/sops/area/x.html", timeout=5).close()
                break
            except OSError:
                assert server.poll() is None, (tmp_path / "serve.log").read_text()
                assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
                time.sleep(1)
        yield root, address
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()


def test_the_preview_shows_a_saved_change_by_itself(visitor, preview):
    root, address = preview
    visit = watched(visitor(address))
    page = visit.open("sops/area/x.html")
    step = page.locator("#STEP_T_ANSWER")
    expect(step).to_contain_text("Answer within three rings.")
    policy = directives(page.locator('meta[http-equiv="Content-Security-Policy"]')
                        .get_attribute("content") or "")  # fmt: skip
    assert policy["connect-src"] == ["'self'", f"ws://{address.removeprefix('http://')}"]
    assert len(policy["script-src"]) == 2 and policy["script-src"][1].startswith("'sha256-")

    sop = root / "sops" / "area" / "x.md"
    touch(sop, replace(SIMPLE, "Answer within three rings.", "Answer within two rings."))
    expect(step).to_contain_text("Answer within two rings.", timeout=BUILD_SECONDS * 1000)
    assert violations(visit) == []
