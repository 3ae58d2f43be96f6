"""Generated pages (the QA scorecards, the role pages, the area traceability matrices):
each made by a function of no arguments into its title and body, and written in the
theme's page like a document.

Sphinx writes the pages of ``html-collect-pages`` in its main process, one by one, after
the documents, even under ``-j``: at 1,000 SOPs, more than a thousand pages and a
quarter of the build. Under ``-j`` they are made and written here by forked processes
instead, split as Sphinx splits the documents (README, Performance). What decides which
pages to write (:mod:`soplib.site.freshness`) stays in the main process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from html import escape
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util.parallel import ParallelTasks, make_chunks

#: What makes a generated page: its title and its body.
PageMaker = Callable[[], tuple[str, list[nodes.Node]]]
Page = tuple[str, dict[str, Any], str]


def page(builder: StandaloneHTMLBuilder, name: str, title: str, body: list[nodes.Node]) -> Page:
    """A generated page: its title as its heading, over the body. The theme writes the
    title as HTML (in the breadcrumbs), as Sphinx gives it a page's: escaped."""
    html = builder.render_partial(nodes.container("", *body))["fragment"]
    heading = escape(title)
    return name, {"title": heading, "body": f"<h1>{heading}</h1>\n{html}"}, "page.html"


def write_pages(app: Sphinx, makers: Iterable[tuple[str, PageMaker]]) -> Iterator[Page]:
    """The pages for Sphinx to write; none under ``-j``, where they are written here, in
    parallel, when there are more pages than processes."""
    builder = app.builder
    assert isinstance(builder, StandaloneHTMLBuilder)
    todo = list(makers)
    if app.parallel > 1 and len(todo) > app.parallel:
        tasks = ParallelTasks(app.parallel)
        for chunk in make_chunks(todo, app.parallel):  # type: ignore[arg-type]
            tasks.add_task(write_chunk, (builder, chunk))
        tasks.join()
        return
    for name, make in todo:
        yield page(builder, name, *make())


def write_chunk(arguments: tuple[StandaloneHTMLBuilder, list[tuple[str, PageMaker]]]) -> None:
    """Make and write some of the pages, in a forked process."""
    builder, chunk = arguments
    for name, make in chunk:
        builder.handle_page(*page(builder, name, *make()))
