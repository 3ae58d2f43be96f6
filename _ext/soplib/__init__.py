"""soplib: the Sphinx extension of the call-center SOP library.

One module per concern: :mod:`.settings` (the ``sop_*`` settings), :mod:`.problems`
(the ``sop.*`` warnings), :mod:`.frontmatter`, :mod:`.outline`, :mod:`.structure` and
:mod:`.formats` (the checks of one page), :mod:`.library` (the library on the build
environment and the checks across pages), :mod:`.mermaid`, :mod:`.diagrams` and
:mod:`.flowcharts` (every diagram read by Mermaid's own parser; flowcharts against steps),
:mod:`.trace_diagram` (the generated trace diagram of each SOP), :mod:`.step_layout` (how
a step reads), :mod:`.views` and :mod:`.reviews` (the generated pages people browse, the
review schedule), :mod:`.freshness` (pages written again when what they show of other
pages changes), :mod:`.history`, :mod:`.export`, :mod:`.impact`, :mod:`.approve` and
:mod:`.codeowners` (history, change report, approvals, reviewers), :mod:`.store` (data
kept per document), :mod:`.trace` (the sphinx-needs data model, used from ``conf.py``),
:mod:`.schema_locations`, :mod:`.presentation`, and :mod:`.upstream` (fixes to the speed
of pinned dependencies).
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import (diagrams, export, freshness, guide, history, library, presentation,
               schema_locations, settings, step_layout, trace_diagram, upstream, views)

#: Bump when the shape of what is kept on the build environment changes.
ENV_VERSION = 6


def setup(app: Sphinx) -> dict[str, Any]:
    upstream.setup()
    app.setup_extension("sphinx_needs")
    settings.setup(app)
    library.setup(app)
    diagrams.setup(app)
    trace_diagram.setup(app)
    views.setup(app)
    freshness.setup(app)
    step_layout.setup(app)
    export.setup(app)
    history.setup(app)
    guide.setup(app)
    schema_locations.setup(app)
    presentation.setup(app)
    return {
        "version": "0.1",
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
