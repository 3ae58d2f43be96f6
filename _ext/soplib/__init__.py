"""soplib: the Sphinx extension of the call-center SOP library.

Its code is in layers, each a folder, and a layer uses only the layers before it in
:data:`LAYERS` (a test holds it to that):

- ``upstream``: fixes to pinned dependencies, until upstream makes them;
- ``model``: what an SOP and its trace are (settings, warnings, trace, front matter,
  outline, records, storage);
- ``diagrams``: Mermaid's own parser, the diagrams of every page, the trace diagram;
- ``checks``: every ``sop.*`` warning, of one page and across the library;
- ``site``: the generated views, the SOP page's header and steps, history, export, the
  Authoring guide, styles and scripts;
- ``tools``: the commands people run through ``make``.

A new check goes in ``checks/``, a new view in ``site/views/``, a new ``make`` command
in ``tools/``, a new need type in ``model/trace.py``.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from . import checks, diagrams, model, site, upstream

#: The layers, lowest first: each may use only those before it.
LAYERS = ("upstream", "model", "diagrams", "checks", "site", "tools")

#: Bump when the shape of what is kept on the build environment changes.
ENV_VERSION = 9


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinx_needs")
    upstream.setup(app)
    model.setup(app)
    diagrams.setup(app)
    checks.setup(app)
    site.setup(app)
    return {
        "version": "0.1",
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
