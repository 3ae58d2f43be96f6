"""The site: what the build adds to the pages people read. The generated views (one
module per view in ``views/``), the SOP page's header, how steps and catalog entries
read (``need_layout``), the revision history; the menus, which list the SOPs in force
(``navigation``); the names of the library's tokens in the site's language (``words``);
what the views read (``library``) and draw with (``blocks``); pages written again when
what they show changes (``freshness``); the library exported as data (``export``), each
QA scorecard as CSV and JSON files (``scorecard_files``); the
Authoring guide (``guide``); diagrams as figures with their words, Mermaid served from
the site (``diagrams``); SOP and step ids found first by search (``search``); styles and
scripts (``presentation``, ``static/``); the pages' Content-Security-Policy, with no
script inline (``csp``); what changed lately (``recent_changes``, shown by the What's
new view), said at the top of a changed SOP (``change_note``) and in Atom feeds
(``feed``); KPI figures in words (``kpi_text``) and charts (``charts``), and the reviews
they trigger, said under the header of each SOP concerned (``kpi_review``).

May use: the model, the diagrams and the checks.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import (
    change_note,
    csp,
    diagrams,
    editions,
    export,
    feed,
    freshness,
    guide,
    header,
    history,
    kpi_review,
    library,
    navigation,
    need_layout,
    presentation,
    search,
    views,
)


def setup(app: Sphinx) -> None:
    views.setup(app)
    header.setup(app)
    freshness.setup(app)
    need_layout.setup(app)
    library.setup(app)
    navigation.setup(app)
    export.setup(app)
    history.setup(app)
    change_note.setup(app)
    kpi_review.setup(app)
    feed.setup(app)
    guide.setup(app)
    presentation.setup(app)
    diagrams.setup(app)
    editions.setup(app)
    search.setup(app)
    csp.setup(app)
