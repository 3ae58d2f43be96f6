"""The checks: every ``sop.*`` warning is found here. Pure functions over the model that
yield located findings (``fields``, ``structure``, ``formats``, ``flowcharts``,
``diagram_syntax``), pages not saved as UTF-8 (``encoding``), the page checked as it is
read (``page``), the checks across the library and the report of every finding
(``library``), and the file and line given to sphinx-needs' schema messages
(``schema_locations``).

May use: the model and the diagrams.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import encoding, library, page, schema_locations


def setup(app: Sphinx) -> None:
    encoding.setup(app)
    page.setup(app)
    library.setup(app)
    schema_locations.setup(app)
