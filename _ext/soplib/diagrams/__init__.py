"""Diagrams: Mermaid's own parser run from the build (``mermaid``, with its Node script
``mermaid_parse.mjs``), the diagrams of every page collected and parsed once per build
(``collect``), and the trace diagram drawn on each SOP page (``trace_diagram``).

May use: the model.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import collect, trace_diagram


def setup(app: Sphinx) -> None:
    collect.setup(app)
    trace_diagram.setup(app)
