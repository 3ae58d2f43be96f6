"""How SOP pages look: the stylesheet that numbers the steps."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

STATIC = Path(__file__).parent / "static"


def add_static_path(app: Sphinx) -> None:
    app.config.html_static_path = [*app.config.html_static_path, str(STATIC)]


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", add_static_path)
    app.add_css_file("soplib.css")
