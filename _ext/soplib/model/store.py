"""Where the extension keeps what it knows between events of a build.

A :class:`Slot` is one value kept on a Sphinx object (the application, for one build;
the build environment, pickled with it between builds) under one attribute, named once
and typed. A :class:`DocumentStore` is a slot of data per document, purged when a
document is read again and merged after a parallel read, so that incremental and
parallel builds know exactly what a full serial build knows. Whatever the environment
keeps must pickle.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .. import upstream

T = TypeVar("T")


class Slot(Generic[T]):
    """A value kept on a Sphinx object under one attribute, made by default when first read."""

    def __init__(self, attribute: str, default: Callable[[], T]) -> None:
        self.attribute = attribute
        self.default = default

    def of(self, owner: object) -> T:
        if not hasattr(owner, self.attribute):
            setattr(owner, self.attribute, self.default())
        value: T = getattr(owner, self.attribute)
        return value

    def set(self, owner: object, value: T) -> None:
        setattr(owner, self.attribute, value)


class DocumentStore(Slot[dict[str, T]]):
    """A dict of docname -> data on the environment, kept right through purge and merge."""

    def __init__(self, attribute: str) -> None:
        super().__init__(attribute, dict)
        upstream.PER_PAGE.add(attribute)  # a parallel read sends back its own pages only

    def purge(self, app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        self.of(env).pop(docname, None)

    def merge(
        self, app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment
    ) -> None:
        theirs = self.of(other)
        self.of(env).update({d: theirs[d] for d in docnames if d in theirs})

    def setup(self, app: Sphinx) -> None:
        app.connect("env-purge-doc", self.purge)
        app.connect("env-merge-info", self.merge)


def source_text(env: BuildEnvironment) -> str:
    """The source of the document being read, read from disk once for every handler
    that needs it (Sphinx clears temp_data after each document), in the encoding Sphinx
    read it with."""
    if "sop_source" not in env.temp_data:
        path = env.doc2path(env.docname)
        env.temp_data["sop_source"] = path.read_text(encoding=env.settings["input_encoding"])
    return env.temp_data["sop_source"]  # type: ignore[no-any-return]
