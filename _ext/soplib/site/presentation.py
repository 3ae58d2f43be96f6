"""How pages look and behave: numbered steps, step boxes that link to their step, and
Mermaid served from the site itself, so diagrams render on an intranet with no internet.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config

from ..diagrams.mermaid import BROWSER_BUILD
from ..model.i18n import _

STATIC = Path(__file__).parent / "static"
#: Where the site serves Mermaid from, under _static (conf.py: mermaid_use_local).
MERMAID_STATIC = Path("mermaid")


def add_static_path(app: Sphinx) -> None:
    app.config.html_static_path = [*app.config.html_static_path, str(STATIC)]


def theme_defaults(app: Sphinx, config: Config) -> None:
    """The library's icon, unless conf.py names another (browsers ask for one), and the
    search box's text in the site's language (a theme option, not one of its messages)."""
    if not config.html_favicon:
        config.html_favicon = str(STATIC / "favicon.svg")
    config.html_theme_options.setdefault("search_bar_text", _("Search the procedures…"))


def copy_mermaid(app: Sphinx, exception: Exception | None) -> None:
    """Put Mermaid's browser build (the module and the chunks it imports) in _static."""
    if exception or app.builder.format != "html" or not BROWSER_BUILD.is_dir():
        return  # without Mermaid installed, the build has already failed saying so
    target = Path(app.outdir) / "_static" / MERMAID_STATIC
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(BROWSER_BUILD / "mermaid.esm.min.mjs", target)
    shutil.copytree(
        BROWSER_BUILD / "chunks" / "mermaid.esm.min",
        target / "chunks" / "mermaid.esm.min",
        ignore=shutil.ignore_patterns("*.map"),
        dirs_exist_ok=True,
    )


def setup(app: Sphinx) -> None:
    app.connect("config-inited", theme_defaults)
    app.connect("builder-inited", add_static_path)
    app.connect("build-finished", copy_mermaid)
    for sheet in ("soplib.css", "soplib-diagrams.css", "soplib-views.css", "soplib-print.css"):
        app.add_css_file(sheet)
    for script in ("soplib.js", "soplib-diagrams.js", "soplib-print.js"):
        app.add_js_file(script, loading_method="defer")
