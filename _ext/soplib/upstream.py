"""Fixes to the pinned dependencies' performance, each until upstream makes it.

Each fix applies only to the version it was written and checked against
(requirements.txt); any other version is left as it is. They change how fast a page is
made, never what is on it: the site is the same with and without them.
"""

from __future__ import annotations

from importlib.metadata import version

from sphinx_needs.need_item import NeedItem, NeedLink


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
    add_backlinks_in_linear_time()
