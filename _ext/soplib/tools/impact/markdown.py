"""The change report as a pull-request comment, in GitHub Markdown: a summary a reviewer
reads first, the problems to fix, then what is approved: each SOP with its versions and
status, who approves it, and its steps changed (word by word), added and removed; the
catalog entries; who is retrained or briefed. The library's text is escaped: a step's
text shows as written and cannot add markup or HTML to the comment.
"""

from __future__ import annotations

import html
import re
from typing import Any

from ...checks.needs_messages import kind_name as entry_kind
from ...model.i18n import N_, Nn_, say, say_n
from ...model.worddiff import Piece, counts
from .rules import kind_name, listed

#: A text longer than this, in characters, is shown in a block the reader opens.
LONG = 300
#: What Markdown reads as markup in running text; '_' only at the edge of a word.
MARKUP = re.compile(r"[\\`*\[\]|~$]|(?<!\w)_|_(?!\w)")
#: How the report heads each SOP, by what happened to it.
HEADS = {
    "added": N_("new"),
    "changed": N_("changed"),
    "status_changed": N_("status changed"),
    "retired": N_("retired"),
    "removed": N_("removed"),
}
#: What the report says of a role that has no git host team.
NO_TEAM = N_("no team: add the role to `sop_role_teams` in conf.py")
#: Each kind of link of a step, as the report names it.
LINK_NAMES = {
    "responsible": N_("Roles"),
    "metrics": N_("Metrics"),
    "training": N_("Trainings"),
    "records": N_("Records"),
}
#: How the report heads a step, by what happened to it.
STEP_HEADS = {
    "changed": N_("changed step"),
    "added": N_("added step"),
    "removed": N_("removed step"),
}


def escaped(text: str) -> str:
    """The text as Markdown shows it as written: no markup, no HTML."""
    return html.escape(MARKUP.sub(r"\\\g<0>", text), quote=False)


def problems_to_fix(number: int) -> str:
    return say_n(
        "%(count)d problem to fix before approval",
        "%(count)d problems to fix before approval",
        number,
    )


class Names:
    """The names of the ids of a report, escaped."""

    def __init__(self, report: dict[str, Any]) -> None:
        self.titles: dict[str, str] = report["titles"]

    def name(self, item: str) -> str:
        """'Agent' for ROLE_AGENT."""
        return escaped(self.titles.get(item, item))

    def named(self, item: str) -> str:
        """'ROLE_AGENT Agent'."""
        title = self.titles.get(item)
        return f"{escaped(item)} {escaped(title)}" if title else escaped(item)

    def names(self, items: list[str]) -> str:
        return ", ".join(self.name(item) for item in items)


def markdown(report: dict[str, Any], base: str) -> str:
    """The report as a pull-request comment."""
    names = Names(report)
    lines = [
        say("## SOP change report (against `%(base)s`)", base=base),
        "",
        say("**In short:** %(summary)s", summary=summary(report)),
    ]
    if report["errors"]:
        lines += ["", f"**{problems_to_fix(len(report['errors']))}:**"]
        lines += [""] + [f"- {error}" for error in report["errors"]]
    for sop_id in report["sop_changes"]:
        lines += sop_section(report, sop_id, names)
    lines += catalog_section(report["catalog"], names)
    lines += retraining_section(report, names)
    if report["metrics"]:
        lines += ["", say("### Metrics whose measuring steps changed"), ""]
        lines += [f"- {names.named(metric)}" for metric in report["metrics"]]
    return "\n".join(lines) + "\n"


def summary(report: dict[str, Any]) -> str:
    """One paragraph: what the change does, who approves it, who is retrained or briefed,
    and how many problems are left."""
    names = Names(report)
    sentences = [_sops_sentence(report, names)]
    steps, catalog = report["steps"], report["catalog"]
    said_steps = [
        (say_n("%(count)d changed", "%(count)d changed", len(steps["changed"])), steps["changed"]),
        (say_n("%(count)d added", "%(count)d added", len(steps["added"])), steps["added"]),
        (say_n("%(count)d removed", "%(count)d removed", len(steps["removed"])), steps["removed"]),
    ]
    if counted := [text for text, items in said_steps if items]:
        sentences.append(say("Steps: %(counts)s.", counts=listed(counted)))
    said_entries = [
        (say_n("%(count)d added", "%(count)d added", len(catalog["added"])), catalog["added"]),
        (say_n("%(count)d changed", "%(count)d changed", len(catalog["changed"])),
         catalog["changed"]),
        (say_n("%(count)d dropped", "%(count)d dropped", len(catalog["dropped"])),
         catalog["dropped"]),
    ]  # fmt: skip
    if counted := [text for text, items in said_entries if items]:
        sentences.append(say("Catalog entries: %(counts)s.", counts=listed(counted)))
    for entry in catalog["changed"]:
        if "must_know" in entry:
            sentences.append(say("Must know: %(change)s.", change=_target_change(entry, names)))
    approvers = [_approver(entry) for entry in report["approval"]]
    if approvers:
        sentences.append(say("Approval needed from: %(approvers)s.", approvers=listed(approvers)))
    retrain = [role["role"] for role in report["retraining"] if role["retrain"]]
    brief = [role["role"] for role in report["retraining"] if role["brief"]]
    if retrain:
        sentences.append(say("Retrain: %(roles)s.", roles=names.names(retrain)))
    if brief:
        sentences.append(say("Brief on a new SOP: %(roles)s.", roles=names.names(brief)))
    if not retrain and not brief:
        sentences.append(say("No one to retrain or brief."))
    errors = len(report["errors"])
    sentences.append(f"{problems_to_fix(errors)}." if errors else say("No problem found."))
    return " ".join(sentences)


def _sops_sentence(report: dict[str, Any], names: Names) -> str:
    """'This change adds 1 SOP (...) and changes 2 (...; ...).'"""
    parts: list[str] = []
    for change in DID:
        ids = report["sops"][change]
        if ids:
            briefs = "; ".join(_sop_brief(report, sop_id, names) for sop_id in ids)
            parts.append(_did(change, len(ids), briefs, first=not parts))
    if not parts:
        return say("This change leaves every SOP as it was.")
    # Translators: parts are what it does, such as "adds 1 SOP (…) and changes 2 (…)".
    return say("This change %(parts)s.", parts=listed(parts))


#: What a change does to SOPs of one kind, said first ('adds 1 SOP (...)') and after the
#: first ('and changes 2 (...)'): a singular and a plural each.
DID = {
    "added": (
        Nn_("adds %(count)d SOP (%(sops)s)", "adds %(count)d SOPs (%(sops)s)"),
        Nn_("adds %(count)d (%(sops)s)", "adds %(count)d (%(sops)s)"),
    ),
    "changed": (
        Nn_("changes %(count)d SOP (%(sops)s)", "changes %(count)d SOPs (%(sops)s)"),
        Nn_("changes %(count)d (%(sops)s)", "changes %(count)d (%(sops)s)"),
    ),
    "status_changed": (
        Nn_(
            "changes the status of %(count)d SOP (%(sops)s)",
            "changes the status of %(count)d SOPs (%(sops)s)",
        ),
        Nn_(
            "changes the status of %(count)d (%(sops)s)",
            "changes the status of %(count)d (%(sops)s)",
        ),
    ),
    "retired": (
        Nn_("retires %(count)d SOP (%(sops)s)", "retires %(count)d SOPs (%(sops)s)"),
        Nn_("retires %(count)d (%(sops)s)", "retires %(count)d (%(sops)s)"),
    ),
    "removed": (
        Nn_("removes %(count)d SOP (%(sops)s)", "removes %(count)d SOPs (%(sops)s)"),
        Nn_("removes %(count)d (%(sops)s)", "removes %(count)d (%(sops)s)"),
    ),
}


def _did(change: str, number: int, briefs: str, first: bool) -> str:
    """What the change does to SOPs of one kind: 'adds 1 SOP (...)', or, after the first,
    'changes 2 (...)'."""
    singular, plural = DID[change][0 if first else 1]
    return say_n(singular, plural, number, sops=briefs)


def _sop_brief(report: dict[str, Any], sop_id: str, names: Names) -> str:
    """An SOP in the summary: 'SOP-CC-003 Title: a minor change, 1.1.0 → 1.2.0'."""
    version = report["versions"][sop_id]
    named = names.named(sop_id)
    to_write = escaped(version["recommended_version"] or version["version"] or say("no version"))
    match report["sop_changes"][sop_id]["change"]:
        case "added":
            if version["status"] in ("in-review", "approved"):
                return say("%(sop)s, for review at %(version)s", sop=named, version=to_write)
            return say("%(sop)s, as a draft at %(version)s", sop=named, version=to_write)
        case "changed":
            at_base = escaped(version["version_at_base"] or say("no version"))
            return f"{named}: {kind_name(version['kind'])}, {at_base} → {to_write}"
        case "status_changed":
            return f"{named}: {_cell(version['status_at_base'])} → {_cell(version['status'])}"
    return named


def _target_change(entry: dict[str, Any], names: Names) -> str:
    """'the target of KPI_ASA Average speed of answer changes from ... to ...; tell ...'"""
    target = entry["fields"]["target"]
    roles = entry["must_know"]["roles"]
    tell = (
        say("; tell the roles whose steps it measures: %(roles)s", roles=names.names(roles))
        if roles
        else ""
    )
    return (
        say(
            "the target of %(metric)s changes from %(before)s to %(after)s",
            metric=names.named(entry["id"]),
            before=_cell(target["before"]),
            after=_cell(target["after"]),
        )
        + tell
    )


def _approver(entry: dict[str, Any]) -> str:
    """'Operations manager (`@callcenter/operations-management`)'."""
    who = escaped(entry["name"]) if entry["role"] else say("the default code owners")
    team = f"`{entry['team']}`" if entry["team"] else say(NO_TEAM)
    return f"{who} ({team})"


def _cell(value: str | None) -> str:
    return escaped(value) if value else "-"


def sop_section(report: dict[str, Any], sop_id: str, names: Names) -> list[str]:
    """An SOP: what happened to it and why, its version and status before, now and to
    write, who approves and who owns it, and each step changed, added or removed."""
    sop, version = report["sop_changes"][sop_id], report["versions"][sop_id]
    change = sop["change"]
    lines = ["", f"### {names.named(sop_id)} ({say(HEADS[change])})", ""]
    what = {
        "added": say("A new SOP."),
        "status_changed": say("Its content is as it was; its status changed."),
        "retired": say("Retired."),
        "removed": say("Removed from the library."),
    }.get(change)
    if what is None:
        kind = kind_name(version["kind"])
        kind = kind[:1].upper() + kind[1:]
        declared = say(" (declared editorial)") if version["editorial"] else ""
        what = f"{kind}{declared}: {'; '.join(version['reasons'])}."
    lines += [
        say("File `%(file)s`. %(what)s", file=sop["file"], what=what),
        "",
        "| | " + " | ".join([say("At base"), say("Now"), say("To write")]) + " |",
        "| --- | --- | --- | --- |",
    ]
    for label, key in ((say("Version"), "version"), (say("Status"), "status")):
        now, to_write = version[key], version[f"recommended_{key}"]
        wanted = f"**{escaped(to_write)}**" if to_write and to_write != now else _cell(to_write)
        lines.append(f"| {label} | {_cell(version[f'{key}_at_base'])} | {_cell(now)} | {wanted} |")
    lines.append("")
    lines.append(
        say(
            "- Approver: %(person)s%(duty)s",
            person=_person(sop["approver"]),
            duty=_approver_duty(sop),
        )
    )
    lines.append(
        say(
            "- Owner: %(person)s: writes or reviews the change; its approval is optional",
            person=_person(sop["owner"]),
        )
    )
    for step in sop["steps"]:
        lines += step_section(step, names)
    return lines


def _approver_duty(sop: dict[str, Any]) -> str:
    """Why the approver's approval is the one required."""
    if not (sop["approver"] and sop["approver"]["team"]):
        return say(": its approval is required")
    if sop["change"] == "added":
        return say(
            ", the only code owner of the file: its approval is required (the git host reads "
            "CODEOWNERS from the base branch, which does not list a new file yet: request the "
            "team's review)"
        )
    return say(", the only code owner of the file: its approval is required")


def _person(person: dict[str, Any] | None) -> str:
    """'Team leader (ROLE_TEAM_LEADER), team `@callcenter/team-leaders`'."""
    if person is None:
        return say("none named")
    team = say("team `%(team)s`", team=person["team"]) if person["team"] else say(NO_TEAM)
    return f"{escaped(person['name'])} ({escaped(person['role'])}), {team}"


#: A step's QA scorecard options, as the report names them.
SCORED_NAMES = {
    "qa_check": N_("behaviour"),
    "qa_weight": N_("weight"),
    "qa_critical": N_("critical"),
}


def step_section(step: dict[str, Any], names: Names) -> list[str]:
    """A step changed (its title and text word by word, its links gained and lost), added
    or removed (its text and links)."""
    change = step["change"]
    title = step["title"]["after"] or step["title"]["before"] or ""
    lines = ["", f"#### {escaped(step['id'])} {escaped(title)} ({say(STEP_HEADS[change])})"]
    links = []
    if change == "changed":
        for key in ("title", "text"):
            if "diff" in step[key]:
                lines += ["", *_shown(key, step[key], _diff(step[key]["diff"]))]
        for name, link in step["links"].items():
            moved = (
                [say("added %(names)s", names=names.names(link["added"]))] if link["added"] else []
            )
            moved += (
                [say("removed %(names)s", names=names.names(link["removed"]))]
                if link["removed"]
                else []
            )
            links.append(f"- {say(LINK_NAMES[name])}: {'; '.join(moved)}")
        links += [
            say(
                "- QA scorecard, %(option)s: %(before)s → %(after)s",
                option=say(SCORED_NAMES[key]),
                before=_option(values["before"]),
                after=_option(values["after"]),
            )
            for key, values in step["scorecard"].items()
        ]
    else:
        side = "after" if change == "added" else "before"
        lines += ["", *_shown("text", step["text"], escaped(step["text"][side] or ""))]
        links = [
            f"- {say(LINK_NAMES[k])}: {names.names(v[change])}" for k, v in step["links"].items()
        ]
    return lines + ([""] + links if links else [])


def _option(value: Any) -> str:
    """A scorecard option as the step writes it: yes or no for a flag."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return escaped(str(value))


def _diff(pieces: list[Piece]) -> str:
    """Word by word: 'Answer within <del>three</del><ins>two</ins> rings.'"""
    tags = {"=": "{}", "-": "<del>{}</del>", "+": "<ins>{}</ins>"}
    return "".join(tags[change].format(escaped(text)) for change, text in pieces)


def _shown(key: str, texts: dict[str, Any], shown: str) -> list[str]:
    """A title or text, in a block the reader opens when it is long."""
    label = say("Title") if key == "title" else say("Text")
    line = f"**{label}:** {shown}"
    if max(len(texts["before"] or ""), len(texts["after"] or "")) <= LONG:
        return [line]
    if "diff" in texts:
        removed, added = counts(texts["diff"])
        about = say_n(
            "%(count)d word removed, %(added)d added",
            "%(count)d words removed, %(added)d added",
            removed,
            added=added,
        )
    else:
        words = len((texts["before"] or texts["after"]).split())
        about = say_n("%(count)d word", "%(count)d words", words)
    return [f"<details><summary>{label}: {about}</summary>", "", line, "", "</details>"]


def catalog_section(catalog: dict[str, Any], names: Names) -> list[str]:
    """The catalog entries added (flagged new, with their fields), changed (each field
    old → new; a metric's target as something people must know) and dropped."""
    if not any(catalog.values()):
        return []
    lines = ["", say("### Catalog"), ""]
    for entry in catalog["added"]:
        lines.append(
            say(
                "- **New** %(kind)s %(entry)s",
                kind=entry_kind(entry["type"]),
                entry=names.named(entry["id"]),
            )
        )
        lines += [
            f"  - {key.replace('_', ' ')}: {_cell(value)}"
            for key, value in entry.items()
            if key not in ("id", "type", "title")
        ]
    for entry in catalog["changed"]:
        lines.append(
            say(
                "- Changed %(kind)s %(entry)s",
                kind=entry_kind(entry["type"]),
                entry=names.named(entry["id"]),
            )
        )
        lines += [
            f"  - {key.replace('_', ' ')}: {_cell(value['before'])} → {_cell(value['after'])}"
            for key, value in entry["fields"].items()
        ]
        if "must_know" in entry:
            lines.append(say("  - **Must know:** %(change)s", change=_target_change(entry, names)))
    lines += [
        say("- Dropped %(kind)s %(entry)s", kind=entry_kind(e["type"]), entry=names.named(e["id"]))
        for e in catalog["dropped"]
    ]
    return lines


def retraining_section(report: dict[str, Any], names: Names) -> list[str]:
    """Each role once: the trainings to refresh and the steps behind them, the new SOPs
    to be briefed on; and the SOPs whose change, declared editorial, retrains no one."""
    sop_of = {
        step["id"]: sop_id for sop_id, sop in report["sop_changes"].items() for step in sop["steps"]
    }
    editorial = [
        sop_id
        for sop_id, sop in report["sop_changes"].items()
        if sop["change"] == "changed"
        and report["versions"][sop_id]["kind"] == "patch"
        and report["versions"][sop_id]["editorial"]
    ]
    if not report["retraining"] and not editorial:
        return []
    lines = ["", say("### Retraining and briefing"), ""]
    for role in report["retraining"]:
        lines.append(f"- **{names.name(role['role'])}**")
        for item in role["retrain"]:
            steps = ", ".join(f"{names.named(s)} ({escaped(sop_of[s])})" for s in item["steps"])
            lines.append(
                say(
                    "  - refresh %(training)s: %(steps)s",
                    training=names.name(item["training"]),
                    steps=steps,
                )
            )
        for item in role["brief"]:
            steps = ", ".join(names.named(s) for s in item["steps"])
            lines.append(
                say(
                    "  - brief on the new SOP %(sop)s: %(steps)s",
                    sop=names.named(item["sop"]),
                    steps=steps,
                )
            )
    lines += [
        say(
            "- No one is retrained for %(sop)s: its change is declared editorial.",
            sop=names.named(sop_id),
        )
        for sop_id in editorial
    ]
    return lines
