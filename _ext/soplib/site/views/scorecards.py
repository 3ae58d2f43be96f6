"""The QA scorecards (:mod:`soplib.model.scorecard`): the list of every SOP's scorecard
(``{sop-scorecards}``), and a page per SOP, "QA scorecard: <SOP>" (``scorecards/<SOP-ID>``):
the version, effective date and fingerprint it was made from, its lines, the calibration
sheet, and links to the same as CSV and JSON files beside it
(:mod:`soplib.site.scorecard_files`). The SOP page links to it.

Every SOP with something to score has a scorecard (:attr:`Scorecard.scorable`); the list
names the others. One not in force says so at the top, as its page does, so a reviewer
sees what a change does to the scorecard before it is approved; the list puts it apart,
and its JSON says ``"in_force": false``.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from functools import partial
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder

from ...model.i18n import _
from ...model.in_force import IN_FORCE
from ...model.records import sop_records
from ...model.scorecard import Scorecard, scorecard
from ..blocks import SORTABLE, Cell, joined, table
from ..freshness import changed
from ..header import labelled, notice
from ..library import Library
from ..pages import PageMaker
from ..scorecard_files import (
    FILES,
    analysts,
    calibration_totals,
    remove_others,
    results,
    write_files,
)
from ..words import name
from .catalog import LISTS

#: The generated page of each SOP's scorecard, by SOP id.
SCORECARD_PAGE = "scorecards/{}"
#: An SOP id that can name a page and files (the build reports any other).
PAGE_NAME = re.compile(r"\w[\w.-]*")


def scorecard_of(lib: Library, docname: str) -> Scorecard | None:
    """The scorecard of an SOP page; None if it has nothing to score, or its id cannot name
    a page."""
    record = lib.records[docname]
    if not PAGE_NAME.fullmatch(str(record.meta.get("id", ""))):
        return None
    in_force = lib.standings[docname].in_force
    card = scorecard(record, lib.written_title(docname), in_force, lib.needs, lib.agent_facing)
    return card if card.scorable else None


def scorecards_view(lib: Library) -> list[nodes.Node]:
    """Every scorecard: those of the SOPs in force, then the others, as the SOP catalog."""
    headers = [_("ID"), _("QA scorecard"), _("Status"), _("Version"), _("Effective"),
               _("Lines"), _("Critical lines")]  # fmt: skip
    shown: list[nodes.Node] = []
    cards = {docname: scorecard_of(lib, docname) for docname in lib.records}
    for states, heading in LISTS:
        rows: list[list[Cell]] = []
        for docname, card in cards.items():
            standing = lib.standings[docname]
            if standing.state not in states or card is None:
                continue
            status = name("status", card.status) if standing.in_force else standing.label()
            page = SCORECARD_PAGE.format(card.sop_id)
            rows.append([card.sop_id, lib.link(lib.title(docname), page), status, card.version,
                         card.effective, str(len(card.lines)), str(card.critical)])  # fmt: skip
        if rows:
            shown.append(nodes.rubric(text=_(heading)))
            shown.append(table(headers, rows, SORTABLE if IN_FORCE in states else []))
    ids = {docname: str(record.meta.get("id", "")) for docname, record in lib.records.items()}
    if nothing := [d for d, card in cards.items() if card is None and PAGE_NAME.fullmatch(ids[d])]:
        shown.append(nodes.rubric(text=_("No scorecard")))
        shown.append(
            nodes.paragraph(
                text=_(
                    "No step of these SOPs that an agent-facing role carries out has a "
                    "weight, so a call has nothing to be scored on:"
                )
            )
        )
        shown.append(nodes.paragraph("", "", *joined([lib.sop(d) for d in nothing])))
    return shown


def scorecard_title(lib: Library, docname: str) -> str:
    return _("QA scorecard: %(sop)s") % {"sop": lib.sop(docname).astext()}


def scorecard_view(
    lib: Library, docname: str, card: Scorecard, files: dict[str, str], count: int
) -> list[nodes.Node]:
    """The page of one scorecard: where its SOP stands, what it was made from, how to score,
    its files, its lines and the calibration sheet for count analysts."""
    standing = lib.standings[docname]
    body: list[nodes.Node] = [] if standing.in_force else [notice(standing)]
    facts = nodes.container(classes=["sop-meta"])
    for label, value in [
        (_("SOP"), lib.sop(docname)),
        (_("Version"), nodes.Text(card.version)),
        (_("Effective"), nodes.Text(card.effective)),
        (_("Fingerprint"), nodes.literal(text=card.fingerprint)),
        (_("Lines"), nodes.Text(str(len(card.lines)))),
        (_("Total weight"), nodes.Text(str(card.total_weight))),
    ]:
        facts += nodes.inline("", "", nodes.strong(text=labelled(label, "")), value,
                              classes=["sop-meta-item"])  # fmt: skip
    body.append(facts)
    body.append(
        nodes.paragraph(
            text=_(
                "Score monitored calls and mystery-shopper calls on these lines: each line "
                "met, missed, or not applicable (a branch of the procedure the call did not "
                "take). A line met earns its weight; the call scores the weight earned as a "
                "share of the weight of the lines that apply, from 0 to 100. A critical line "
                "missed fails the call: it scores 0. The lines are the steps of the SOP that "
                "an agent carries out, in their order, and change when the steps change."
            )
        )
    )
    links = [
        nodes.reference("", text, refuri=files[kind])
        for kind, text in (
            ("csv", _("Scorecard (CSV)")),
            ("json", _("Scorecard (JSON)")),
            ("calibration", _("Calibration sheet (CSV)")),
        )
    ]
    body.append(
        nodes.paragraph("", "", nodes.Text(labelled(_("Download"), "")), *joined(links, " · ")),
    )
    yes_no = {True: name("value", "yes"), False: name("value", "no")}
    rows: list[list[Cell]] = [
        [str(line.number), lib.link(_("Step %(number)s") % {"number": line.step_number},
                                    docname, line.step_id),
         line.behaviour, str(line.weight), yes_no[line.critical]]
        for line in card.lines
    ]  # fmt: skip
    headers = [_("Line"), _("Step"), _("Behaviour"), _("Weight"), _("Critical")]
    body.append(table(headers, rows))
    body.append(nodes.rubric(text=_("Calibration sheet")))
    body.append(
        nodes.paragraph(
            text=_(
                "Each analyst scores the same call alone, writing %(results)s in their "
                "column for each line; then the group agrees each line. An analyst's variance "
                "is the difference between their score and the agreed score, in points; the "
                "calibration variance is the average of the variances, either way. The "
                "calibration sheet (CSV) works them out as the results are written in."
            )
            % {"results": results()}
        )
    )
    blank = [""] * (count + 1)
    sheet: list[list[Cell]] = [
        [str(line.number), line.behaviour, str(line.weight), yes_no[line.critical], *blank]
        for line in card.lines
    ]
    sheet += [["", total, "", "", *blank] for total in calibration_totals()]
    sheet_headers = [_("Line"), _("Behaviour"), _("Weight"), _("Critical"), *analysts(count)]
    body.append(table(sheet_headers, sheet))
    return body


def scorecard_pages(app: Sphinx, every: bool) -> Iterator[tuple[str, PageMaker]]:
    """The scorecard pages to write, each with what makes its title and body and writes
    its files beside it: all when every is set (the pages around them were written
    again), else those whose scorecard changed since it was written."""
    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder):
        return
    count = app.config.sop_calibration_analysts
    everything = Library(app, "index")
    cards = {d: c for d in everything.records if (c := scorecard_of(everything, d)) is not None}
    remove_others(
        Path(builder.outdir) / posixpath.dirname(SCORECARD_PAGE),
        [card.sop_id for card in cards.values()],
        builder.out_suffix,
    )
    for docname, card in cards.items():
        page = SCORECARD_PAGE.format(card.sop_id)
        folder = posixpath.dirname(page)
        if (
            changed(app, f"scorecard {page}", (docname, card, count))
            or every
            or not (Path(builder.outdir) / folder / FILES["csv"].format(card.sop_id)).is_file()
        ):
            yield page, partial(scorecard_page, app, docname, card)


def scorecard_page(app: Sphinx, docname: str, card: Scorecard) -> tuple[str, list[nodes.Node]]:
    """A scorecard's page, its title and body, its files written beside it."""
    builder = app.builder
    count, language = app.config.sop_calibration_analysts, app.config.language or "en"
    page = SCORECARD_PAGE.format(card.sop_id)
    folder = posixpath.dirname(page)
    write_files(Path(builder.outdir) / folder, card, count, language)
    here = posixpath.dirname(builder.get_target_uri(page)) or "."
    files = {
        kind: posixpath.relpath(posixpath.join(folder, file.format(card.sop_id)), here)
        for kind, file in FILES.items()
    }
    lib = Library(app, page)
    return scorecard_title(lib, docname), scorecard_view(lib, docname, card, files, count)


def link_scorecard(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Add a link to its scorecard to an SOP page's header (site/header.py)."""
    if not isinstance(app.builder, StandaloneHTMLBuilder) or docname not in sop_records(app.env):
        return
    sop_id = str(sop_records(app.env)[docname].meta.get("id", ""))
    header = next((n for n in doctree.findall(nodes.container) if "sop-meta" in n["classes"]), None)
    if header is None:
        return
    lib = Library(app, docname)
    if scorecard_of(lib, docname) is None:
        return
    link = lib.link(_("QA scorecard"), SCORECARD_PAGE.format(sop_id))
    header += nodes.inline("", "", link, classes=["sop-meta-item"])
