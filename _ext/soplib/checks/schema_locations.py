"""Give sphinx-needs' schema violations the file and line of the need they are about.

sphinx-needs 9.1 logs each violation as "Need 'ID' has schema violations: ..." with no
location (upstream: useblocks/sphinx-needs#1606). A filter on its logger looks the need
up and sets the location, so Sphinx prints ``file:line:`` like any other warning.
Remove this module once sphinx-needs locates the violations itself.
"""

from __future__ import annotations

import logging
import re

from sphinx.application import Sphinx
from sphinx_needs.data import SphinxNeedsData

from ..model.store import Slot

#: The logger sphinx_needs.schema.process logs through (Sphinx prefixes "sphinx.").
SCHEMA_LOGGER = "sphinx.sphinx_needs.schema.process"
NEED_ID = re.compile(r"Need '([^']+)' has schema")


class LocateSchemaViolations(logging.Filter):
    """Set the location of a schema violation to its need's file and line."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__()
        self.app = app

    def filter(self, record: logging.LogRecord) -> bool:
        match = NEED_ID.match(str(record.msg))
        if match and getattr(record, "location", None) is None:
            need = SphinxNeedsData(self.app.env).get_needs_view().get(match[1])
            if need is not None and need["docname"]:
                record.location = (need["docname"], need["lineno"])
        return True


#: The filter installed for this build, removed when it ends.
FILTER: Slot[LocateSchemaViolations | None] = Slot("sop_schema_filter", lambda: None)


def install(app: Sphinx) -> None:
    schema_filter = LocateSchemaViolations(app)
    FILTER.set(app, schema_filter)
    logging.getLogger(SCHEMA_LOGGER).addFilter(schema_filter)


def uninstall(app: Sphinx, exception: Exception | None) -> None:
    if schema_filter := FILTER.of(app):
        logging.getLogger(SCHEMA_LOGGER).removeFilter(schema_filter)


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", install)
    app.connect("build-finished", uninstall)
