"""No script inline: every HTML page carries a Content-Security-Policy, first thing in
its head, that runs the site's own script files and nothing else, from a web server and
from disk (``file://``) alike.

The theme and Sphinx write a few scripts into the page itself. Each goes to a file:

- the theme's light or dark mode, set before the page is drawn: ``static/soplib-mode.js``,
  loaded from our ``layout.html`` (``templates/``), which reads the site's default mode
  from its ``data-default-mode``;
- the scripts registered with a body instead of a file (``app.add_js_file(None,
  body=...)``: the theme gives each page its name and whether search runs as one types):
  each body is written to ``_static/soplib-page-scripts/<digest>.js``, one file per
  distinct text, and the page loads that file in its place, with the same attributes
  and at the same priority;
- the theme's search page focused a field with a script of its own, which found the
  closed search dialog's field and did nothing: our ``search.html`` leaves it out.

The preview (``make serve``) is the one page that runs a script it did not load:
sphinx-autobuild appends to each page it serves a short inline script that reloads the
page when the site is built again. ``make serve`` gives the build the server's address
(``sop_live_reload``), and the pages of that build allow exactly that script, by the
hash of its text, and its connection back to the server; the published site allows
neither.

sphinx-needs' ``permalink.html`` (a redirect page with an inline script, which reads
``needs.json`` and which no page links to) is not written.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import os
from html import escape
from pathlib import Path
from typing import Any

import sphinx_needs.environment
from sphinx.application import Sphinx
from sphinx.builders.html._assets import _JavaScript
from sphinx.config import Config

TEMPLATES = Path(__file__).parent / "templates"


def policy(live_reload: str = "") -> str:
    """What a page may load and run; with the preview server's address, its reload
    script too."""
    scripts, connections = "'self'", "'self'"
    if live_reload:
        scripts += f" '{reload_script_hash(live_reload)}'"
        connections += f" ws://{live_reload}"
    return "; ".join(
        [
            # Everything comes from the site itself ('self', which Chromium also matches
            # for a page opened from disk: a file: page loads file: scripts); nothing from
            # elsewhere, so the site works on an intranet with no internet.
            "default-src 'self'",
            # The site's script files only: no inline script, no event handler attribute
            # (onclick=), no javascript: link, no eval (Mermaid needs none).
            f"script-src {scripts}",
            # 'unsafe-inline' for styles only: Mermaid writes a <style> into each diagram's
            # SVG and style attributes on its boxes, and the theme sets style attributes.
            # A style cannot run script.
            "style-src 'self' 'unsafe-inline'",
            # The theme's stylesheet draws form controls' marks as data: SVG images.
            "img-src 'self' data:",
            "object-src 'none'",
            # No <base> may send the page's relative links and scripts elsewhere.
            "base-uri 'none'",
            "form-action 'self'",
            *([f"connect-src {connections}"] if live_reload else []),
        ]
    )


def reload_script_hash(address: str) -> str:
    """The hash source of the reload script sphinx-autobuild appends to the pages it
    serves at address (``host:port``), from sphinx-autobuild's own text of it."""
    # imported here: only a preview build needs the preview server's package
    from sphinx_autobuild.middleware import web_socket_script

    element = web_socket_script(address)
    body = element[element.index(">") + 1 : element.rindex("</script>")]
    return "sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()


@functools.cache
def meta(live_reload: str = "") -> str:
    """The policy as the first element of the head after the character set and viewport
    (Sphinx's ``metatags``): every script after it is held to it."""
    content = escape(policy(live_reload), quote=False)
    return f'<meta http-equiv="Content-Security-Policy" content="{content}" />'


#: Where the scripts the build would have written into pages go, in _static.
PAGE_SCRIPTS = "soplib-page-scripts"


def script_file(outdir: Path, body: str) -> str:
    """A script's text as a file of _static (written once per distinct text); its path
    from the output folder."""
    name = f"{PAGE_SCRIPTS}/{hashlib.sha256(body.encode()).hexdigest()[:16]}.js"
    path = outdir / "_static" / name
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        # written whole under another name, then renamed: pages written in parallel
        # may ask for the same file
        partial = path.with_name(f"{path.name}.{os.getpid()}")
        partial.write_text(body, encoding="utf-8")
        partial.replace(path)
    return f"_static/{name}"


def without_inline_scripts(scripts: list[Any], outdir: Path) -> list[Any]:
    """The page's scripts, each inline one (a body, no file) replaced by its file."""
    kept = []
    for script in scripts:
        if isinstance(script, _JavaScript) and not script.filename:
            attributes = dict(script.attributes)
            body = attributes.pop("body", "") or ""
            if not body.strip():
                continue  # an empty script runs nothing
            script = _JavaScript(script_file(outdir, body), priority=script.priority, **attributes)
        kept.append(script)
    return kept


def page_policy(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The policy at the top of the page's head, and its scripts all files."""
    context["metatags"] = meta(app.config.sop_live_reload) + str(context.get("metatags") or "")
    if isinstance(context.get("script_files"), list):
        context["script_files"] = without_inline_scripts(context["script_files"], Path(app.outdir))


def add_templates(app: Sphinx, config: Config) -> None:
    """Our layout.html and search.html, which leave the theme's inline scripts out."""
    if str(TEMPLATES) not in map(str, config.templates_path):
        config.templates_path = [*config.templates_path, str(TEMPLATES)]


def without_permalink_page(app: Sphinx) -> None:
    """sphinx-needs' permalink.html is not written (nor left from an earlier build)."""
    for listener in list(app.events.listeners.get("env-updated", [])):
        if listener.handler is sphinx_needs.environment.install_permalink_file:
            app.disconnect(listener.id)
    page = Path(str(app.config.needs_permalink_file)).name
    if app.builder.format == "html" and Path(page).stem not in app.env.all_docs:
        (Path(app.outdir) / page).unlink(missing_ok=True)


def setup(app: Sphinx) -> None:
    app.connect("config-inited", add_templates)
    app.connect("builder-inited", without_permalink_page)
    # after the theme and every extension has added its scripts to the page
    app.connect("html-page-context", page_policy, priority=900)
