"""Data kept per document on the build environment.

Purged when a document is read again and merged after a parallel read, so that
incremental and parallel builds know exactly what a full serial build knows.
Whatever is stored must pickle, as the environment does.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment


def source_text(env: BuildEnvironment) -> str:
    """The source of the document being read, read from disk once for every handler
    that needs it (Sphinx clears temp_data after each document)."""
    if "sop_source" not in env.temp_data:
        env.temp_data["sop_source"] = env.doc2path(env.docname).read_text(encoding="utf-8")
    return env.temp_data["sop_source"]


class DocumentStore:
    """A dict of docname -> data, kept on the environment under one attribute."""

    def __init__(self, attribute: str) -> None:
        self.attribute = attribute

    def of(self, env: BuildEnvironment) -> dict[str, Any]:
        if not hasattr(env, self.attribute):
            setattr(env, self.attribute, {})
        return getattr(env, self.attribute)

    def purge(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        self.of(env).pop(docname, None)

    def merge(self, app: Sphinx, env: BuildEnvironment, docnames: set[str],
              other: BuildEnvironment) -> None:
        theirs = self.of(other)
        self.of(env).update({d: theirs[d] for d in docnames if d in theirs})

    def setup(self, app: Sphinx) -> None:
        app.connect("env-purge-doc", self.purge)
        app.connect("env-merge-info", self.merge)
