"""How pages look and behave: the library's stylesheets and scripts (``static/``), its
icon, and the search box's words."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from ..model.i18n import _

STATIC = Path(__file__).parent / "static"


def add_static_path(app: Sphinx) -> None:
    app.config.html_static_path = [*app.config.html_static_path, str(STATIC)]


def theme_defaults(app: Sphinx, config: Config) -> None:
    """The library's icon, unless conf.py names another (browsers ask for one), and the
    search box's text in the site's language (a theme option, not one of its messages)."""
    if not config.html_favicon:
        config.html_favicon = str(STATIC / "favicon.svg")
    config.html_theme_options.setdefault("search_bar_text", _("Search the procedures…"))


def setup(app: Sphinx) -> None:
    app.connect("config-inited", theme_defaults)
    app.connect("builder-inited", add_static_path)
    for sheet in ("soplib.css", "soplib-diagrams.css", "soplib-views.css", "soplib-print.css"):
        app.add_css_file(sheet)
    for script in ("soplib.js", "soplib-diagrams.js", "soplib-print.js"):
        app.add_js_file(script, loading_method="defer")
