"""Fixes to the pinned dependencies' performance, each until upstream makes it.

Each fix applies only to the version it was written and checked against
(requirements.txt); any other version is left as it is. They change how fast a page is
made, never what is on it: the site is the same with and without them.
"""

from __future__ import annotations

import functools
from importlib.metadata import version

import jinja2
import sphinxcontrib.mermaid
from sphinx_needs.need_item import NeedItem, NeedLink


def compile_mermaid_templates_once() -> None:
    """sphinxcontrib-mermaid 2.1.1 compiles its three Jinja templates again for every page
    with a diagram, and every SOP page has one (its trace diagram). The templates are
    constants, so one compilation of each serves every page."""
    if (
        version("sphinxcontrib-mermaid") == "2.1.1"
        and sphinxcontrib.mermaid.Template is jinja2.Template
    ):
        sphinxcontrib.mermaid.Template = functools.lru_cache(maxsize=None)(jinja2.Template)


def _append_backlink(self: NeedItem, link_type: str, backlink: str | NeedLink) -> None:
    """NeedItem.add_backlink without its search of the list for a duplicate."""
    self._backlinks[link_type].append(
        NeedLink.from_string(backlink) if isinstance(backlink, str) else backlink
    )


def add_backlinks_in_linear_time() -> None:
    """sphinx-needs 9.1.0 searches a need's back links for a duplicate before adding one,
    so an entry that n steps name costs n * n / 2 comparisons: 12 million, 5 seconds of
    every build at 1,000 SOPs, where most steps name the agent role. Its one caller,
    build_backlinks, removes the duplicates of every back list right after (sort_backlinks),
    so appending alone gives the same lists."""
    if version("sphinx-needs") == "9.1.0":
        NeedItem.add_backlink = _append_backlink  # type: ignore[method-assign]


def setup() -> None:
    compile_mermaid_templates_once()
    add_backlinks_in_linear_time()
