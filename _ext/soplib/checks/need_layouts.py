"""A step or entry given a layout the library does not have (``:layout: x``): sphinx-needs
would stop the build with a traceback when it lays the need out. It is reported as
``sop.invalid_entry_field`` at the need, and laid out as the others of its kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sphinx.application import Sphinx
from sphinx_needs.config import NeedsSphinxConfig

from ..model.i18n import say
from ..model.problems import Finding, Problem, report
from .needs_messages import kind_name

#: The layout of each kind of need, as conf.py's needs_fields gives it.
OWN_LAYOUT = {"step": "sop_step"}
ENTRY_LAYOUT = "sop_entry"


def mend_layouts(app: Sphinx, needs: Mapping[str, Any]) -> None:
    """Report each need whose layout is unknown, and give it its kind's."""
    known = NeedsSphinxConfig(app.config).layouts
    for need_id, need in needs.items():
        layout = need["layout"]
        if not layout or layout in known:
            continue
        kind = str(need["type"])
        # Translators: kind is step, role, metric, training or record.
        message = say(
            "%(kind)s %(id)s has ':layout: %(layout)s', which is no layout of the library: "
            "remove the line, and the %(kind)s is laid out as the others",
            kind=kind_name(kind),
            id=need_id,
            layout=layout,
        )
        report(Finding(need["lineno"] or 0, Problem.INVALID_ENTRY_FIELD, message), need["docname"])
        need["layout"] = OWN_LAYOUT.get(kind, ENTRY_LAYOUT)


def setup(app: Sphinx) -> None:
    app.connect("needs-before-sealing", mend_layouts)
