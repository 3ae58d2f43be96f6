"""The navigation shows the SOPs in force (:mod:`soplib.model.in_force`): a draft, an SOP
in review, one approved for a later date and a retired one are left out of the tables
of contents, those of the area pages and the site's menu, and the "previous" and "next"
links pass them by. They stay reachable from the catalog.

A table of contents keeps every page it was written with; each build lists again those
in force that day. When that set changes (a status, or an effective date come) every
page is written again, since every page carries the menu.

A page of the menu with no pages under it (a view, a catalog) has no section to
navigate: it has no sidebar, where the theme would draw an empty "Section Navigation".
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .freshness import changed
from .library import NOT_IN_FORCE

#: The attribute of a table of contents that keeps the entries it was written with.
WRITTEN_ENTRIES = "sop_written_entries"


def not_in_force(app: Sphinx) -> set[str]:
    """The SOP pages not in force today (worked out once per build: every page asks)."""
    return NOT_IN_FORCE.of(app)


def list_in_force(toctree: addnodes.toctree, hidden: set[str]) -> None:
    """Keep in a table of contents only the pages that are not hidden."""
    written = toctree.setdefault(WRITTEN_ENTRIES, list(toctree["entries"]))
    toctree["entries"] = [entry for entry in written if entry[1] not in hidden]


def prune_menus(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Prune the tables of contents the menus are made of; all pages to write again if
    what is in force changed since they were written."""
    hidden = not_in_force(app)
    for toc in env.tocs.values():
        for toctree in toc.findall(addnodes.toctree):
            list_in_force(toctree, hidden)
    return sorted(env.found_docs) if changed(app, "not in force", sorted(hidden)) else []


def prune_page(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Prune the tables of contents of a page before Sphinx draws them."""
    toctrees = list(doctree.findall(addnodes.toctree))
    if toctrees:
        hidden = not_in_force(app)
        for toctree in toctrees:
            list_in_force(toctree, hidden)


def pass_by_neighbours(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Lead a page's "previous" and "next" links past the pages not in force."""
    relations: dict[str, list[str | None]] = getattr(app.builder, "relations", {})
    hidden = not_in_force(app)
    for key, index in (("prev", 1), ("next", 2)):
        neighbour = relations.get(pagename, [None] * 3)[index]
        if neighbour not in hidden:
            continue
        while neighbour in hidden:
            neighbour = relations.get(neighbour, [None] * 3)[index]
        context[key] = neighbour and {
            "link": app.builder.get_relative_uri(pagename, neighbour),
            "title": app.builder.render_partial(app.env.titles[neighbour])["title"],  # type: ignore[attr-defined]
        }


def no_empty_sidebar(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """Leave out the sidebar of a page of the menu that has no pages under it: the
    theme's section navigation would be empty there (the theme then hides the sidebar on
    a wide screen, and keeps it as the menu on a narrow one)."""
    env = app.env
    on_menu = pagename in env.toctree_includes.get(app.config.root_doc, [])
    if on_menu and not env.toctree_includes.get(pagename):
        context["sidebars"] = []


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", pass_by_neighbours)
    app.connect("html-page-context", no_empty_sidebar)
    app.connect("env-updated", prune_menus)
    app.connect("doctree-resolved", prune_page)
