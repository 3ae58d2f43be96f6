"""What's new: the changes of the last ``sop_whats_new_days`` days, newest first, an entry
per SOP and commit: its date, SOP and version, a line per step changed ("Step 3 <title>:
reworded") and who must be retrained. The library's page lists the changes to every SOP
(one not in force says where it stands); the page of a role, "What's new: <name>", only
those to the steps the role carries out, in the SOPs in force. Each page links to its
Atom feed, which holds the same entries (:mod:`soplib.site.feed`).
"""

from __future__ import annotations

from typing import NamedTuple

from docutils import nodes
from sphinx_needs.need_item import NeedItem

from ...model.i18n import N_, _, ngettext
from ...model.step_changes import NEW, REMOVED, REWORDED, StepChange, retraining
from ..library import ROLE_PAGE, Library, distinct
from ..recent_changes import (
    FEED_OF_PAGE,
    LIBRARY_FEED,
    ROLE_FEED,
    Recent,
    filled,
    recent_changes,
    step_name,
    uri_from,
)

#: How a line names what changed in a step: its kind, or the link whose ids changed.
WHAT = {
    NEW: N_("new step"),
    REMOVED: N_("removed"),
    REWORDED: N_("reworded"),
    "responsible": N_("roles changed"),
    "metrics": N_("metrics changed"),
    "training": N_("trainings changed"),
    "records": N_("records changed"),
}


class Entry(NamedTuple):
    """A change as a What's new page and its feed show it: a line of heading, a line per
    step, and who must be retrained."""

    recent: Recent
    head: list[nodes.Node]
    steps: list[list[nodes.Node]]
    retraining: list[list[nodes.Node]]


def whats_new_view(lib: Library) -> list[nodes.Node]:
    days = lib.app.config.sop_whats_new_days
    intro = ngettext(
        "The changes of the last %(days)d day, newest first.",
        "The changes of the last %(days)d days, newest first.",
        days,
    )
    return drawn(lib, filled(intro, days=str(days)), library_entries(lib), LIBRARY_FEED)


def role_whats_new_view(lib: Library, role: NeedItem) -> list[nodes.Node]:
    """The page of a role: the changes to its steps in the SOPs in force."""
    days = lib.app.config.sop_whats_new_days
    intro = ngettext(
        "The changes of the last %(days)d day to the steps of %(role)s in the SOPs in "
        "force, newest first.",
        "The changes of the last %(days)d days to the steps of %(role)s in the SOPs in "
        "force, newest first.",
        days,
    )
    role_link = lib.link(role["title"], ROLE_PAGE.format(role["id"]))
    intro_nodes = filled(intro, days=str(days), role=role_link)
    return drawn(lib, intro_nodes, role_entries(lib, role["id"]), ROLE_FEED.format(role["id"]))


def whats_new_title(role: NeedItem) -> str:
    return _("What's new: %(name)s") % {"name": role["title"]}


def drawn(
    lib: Library, intro: list[nodes.Node], entries: list[Entry], feed: str
) -> list[nodes.Node]:
    """The introduction, a link to the feed, and the entries."""
    FEED_OF_PAGE.of(lib.app)[lib.page] = feed
    link = nodes.reference(
        "",
        _("Atom feed"),
        internal=True,
        refuri=uri_from(lib.app, lib.page, feed),
        classes=["sop-feed"],
    )
    shown: list[nodes.Node] = [nodes.paragraph("", "", *intro, nodes.Text(" "), link)]
    if not entries:
        return [*shown, nodes.paragraph(text=_("No changes."))]
    items = nodes.bullet_list(classes=["sop-whats-new"])
    for entry in entries:
        steps = nodes.bullet_list()
        steps += [nodes.list_item("", nodes.paragraph("", "", *line)) for line in entry.steps]
        item = nodes.list_item("", nodes.paragraph("", "", *entry.head), steps)
        item += [nodes.paragraph("", "", *line) for line in entry.retraining]
        items += item
    return [*shown, items]


def library_entries(lib: Library) -> list[Entry]:
    """Every change; one to an SOP not in force says where the SOP stands. Who must be
    retrained is said of a change to the steps of an SOP in force."""
    entries = []
    for recent in recent_changes(lib.app):
        head, standing = heading(lib, recent), lib.standings[recent.docname]
        if not standing.in_force:
            head += [nodes.Text(" "), nodes.emphasis(text=standing.label())]
        retrain = bool(recent.change.steps) and standing.in_force
        entries.append(
            Entry(
                recent,
                head,
                step_lines(lib, recent, recent.change.steps),
                library_retraining(lib, recent) if retrain else [],
            )
        )
    return entries


def role_entries(lib: Library, role: str) -> list[Entry]:
    """The changes to the steps a role carries out (before or after), in SOPs in force."""
    entries = []
    for recent in recent_changes(lib.app):
        steps = [step for step in recent.change.steps if role in step.roles]
        if steps and recent.docname in lib.in_force:
            lines = step_lines(lib, recent, steps)
            retrain = role_retraining(lib, recent, steps, role)
            entries.append(Entry(recent, heading(lib, recent), lines, [retrain]))
    return entries


def heading(lib: Library, recent: Recent) -> list[nodes.Node]:
    revision = recent.change.revision
    # Translators: the head of a change on What's new: "2026-09-29: SOP-CC-004 <its
    # title>, version 2.1.0"
    sentence = _("%(date)s: %(sop)s, version %(version)s")
    return filled(
        sentence, date=revision.date, sop=lib.sop(recent.docname), version=revision.version
    )


def step_lines(lib: Library, recent: Recent, steps: list[StepChange]) -> list[list[nodes.Node]]:
    """'Step 3 <title>: reworded, roles changed', a line per step."""
    if not steps:
        return [[nodes.Text(_("No step changed."))]]
    return [
        filled(
            # Translators: a step changed, then what changed: "Step 3 <its title>: reworded,
            # roles changed"
            _("%(step)s: %(changes)s"),
            step=step_name(lib, recent.docname, step),
            changes=", ".join(_(WHAT[what]) for what in step.what),
        )
        for step in steps
    ]


def library_retraining(lib: Library, recent: Recent) -> list[list[nodes.Node]]:
    """The roles to brief on a new SOP, or each role to retrain and in what."""
    change = recent.change
    if change.new:
        roles = distinct(
            r for step in change.steps if step.after for r in step.after.links["responsible"]
        )
        return [filled(_("Brief on the new SOP: %(roles)s."), roles=lib.needs_list(roles))]
    return [
        filled(
            _("%(role)s: retrain in %(trainings)s."),
            role=lib.need(role),
            trainings=lib.needs_list(trainings),
        )
        for role, trainings in retraining(change.steps, change.editorial).items()
    ] or [[nodes.Text(_("No retraining."))]]


def role_retraining(
    lib: Library, recent: Recent, steps: list[StepChange], role: str
) -> list[nodes.Node]:
    """Whether the role is briefed on a new SOP, retrained, or neither."""
    if recent.change.new:
        return [nodes.Text(_("Brief on the new SOP."))]
    trainings = retraining(steps, recent.change.editorial).get(role)
    if not trainings:
        return [nodes.Text(_("No retraining."))]
    return filled(_("Retrain in %(trainings)s."), trainings=lib.needs_list(trainings))
