"""Search by id: an SOP id (``SOP-CC-017``) or a step id (``STEP_CMP_TIER3``) typed into
the search box finds its page first, and a step's id its step.

Sphinx's search scores a match of an index entry (``addnodes.index``, what the ``index``
directive makes) far above text and titles, and links it to the entry's anchor. Each SOP
page gets an entry for its id and one for each of its steps' ids as it is written, so
the search index has them and the general index (``genindex``) does not grow with them.

The procedures come first in the results for a word (``search_scorer.js``, set as
``html_search_scorer`` unless ``conf.py`` sets one): an SOP found by a word in its text
ranks above the Authoring guide or a view with the word in a heading.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config

from ..model.records import sop_records

#: The search's scoring of results: the procedures first.
SCORER = Path(__file__).with_name("search_scorer.js")


def rank_procedures_first(app: Sphinx, config: Config) -> None:
    """Score search results with :data:`SCORER`, unless conf.py has a scorer of its own
    (Sphinx reads the file from the current folder: the path is absolute)."""
    if not config.html_search_scorer:
        config.html_search_scorer = str(SCORER)


def index_ids(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Give an SOP page index entries for its id (the page) and its steps' (each step)."""
    record = sop_records(app.env).get(docname)
    if record is None or app.builder.format != "html":
        return
    ids = [(str(record.meta["id"]), "")] if "id" in record.meta else []
    ids += [(step.id, step.id) for step in record.steps]
    entries = [("single", text, anchor, "main", None) for text, anchor in ids]
    doctree += addnodes.index(entries=entries)


def setup(app: Sphinx) -> None:
    app.connect("config-inited", rank_procedures_first)
    app.connect("doctree-resolved", index_ids)
