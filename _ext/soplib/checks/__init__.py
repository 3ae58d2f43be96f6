"""The checks: every ``sop.*`` warning is found here. Pure functions over the model that
yield located findings (``fields``, ``structure``, ``formats``, ``flowcharts``,
``diagram_syntax``), pages not saved as UTF-8 (``encoding``), the page checked as it is
read (``page``), raw HTML and unsafe links on every page (``raw_html``, by the pure policy of
``html_policy``), the checks
across the library and the report of every finding (``library``), and sphinx-needs'
messages said in an author's words, at their file and line (``needs_messages``), a layout
no need can have (``need_layouts``), and the
KPI figures files and the reviews their figures trigger (``kpi``), and the pages that had
a problem, read again by the next build (``reread``).

May use: the model and the diagrams.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import encoding, kpi, library, need_layouts, needs_messages, page, raw_html, reread


def setup(app: Sphinx) -> None:
    encoding.setup(app)
    page.setup(app)
    library.setup(app)
    needs_messages.setup(app)
    need_layouts.setup(app)
    raw_html.setup(app)
    kpi.setup(app)
    reread.setup(app)
