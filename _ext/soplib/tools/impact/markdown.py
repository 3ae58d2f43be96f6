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

from ...model.trace import STEP_LINKS
from ...model.worddiff import Piece, counts
from .rules import KIND_NAMES, listed

#: A text longer than this, in characters, is shown in a block the reader opens.
LONG = 300
#: What Markdown reads as markup in running text; '_' only at the edge of a word.
MARKUP = re.compile(r"[\\`*\[\]|~$]|(?<!\w)_|_(?!\w)")
#: How the report heads each SOP, by what happened to it.
HEADS = {
    "added": "new",
    "changed": "changed",
    "status_changed": "status changed",
    "retired": "retired",
    "removed": "removed",
}
#: What the report says of a role that has no git host team.
NO_TEAM = "no team: add the role to `sop_role_teams` in conf.py"
#: Each kind of link of a step, as the report names it: Roles, Metrics...
LINK_NAMES = {link.name: f"{link.target.capitalize()}s" for link in STEP_LINKS}


def escaped(text: str) -> str:
    """The text as Markdown shows it as written: no markup, no HTML."""
    return html.escape(MARKUP.sub(r"\\\g<0>", text), quote=False)


def counted(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


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
    lines = [f"## SOP change report (against `{base}`)", "", f"**In short:** {summary(report)}"]
    if report["errors"]:
        lines += ["", f"**{counted(len(report['errors']), 'problem')} to fix before approval:**"]
        lines += [""] + [f"- {error}" for error in report["errors"]]
    for sop_id in report["sop_changes"]:
        lines += sop_section(report, sop_id, names)
    lines += catalog_section(report["catalog"], names)
    lines += retraining_section(report, names)
    if report["metrics"]:
        lines += ["", "### Metrics whose measuring steps changed", ""]
        lines += [f"- {names.named(metric)}" for metric in report["metrics"]]
    return "\n".join(lines) + "\n"


def summary(report: dict[str, Any]) -> str:
    """One paragraph: what the change does, who approves it, who is retrained or briefed,
    and how many problems are left."""
    names = Names(report)
    sentences = [_sops_sentence(report, names)]
    steps = [(len(report["steps"][c]), c) for c in ("changed", "added", "removed")]
    if any(number for number, _ in steps):
        sentences.append(f"Steps: {listed([f'{n} {c}' for n, c in steps if n])}.")
    catalog = report["catalog"]
    entries = [(len(catalog[c]), c) for c in ("added", "changed", "dropped")]
    if any(number for number, _ in entries):
        sentences.append(f"Catalog entries: {listed([f'{n} {c}' for n, c in entries if n])}.")
    for entry in catalog["changed"]:
        if "must_know" in entry:
            sentences.append(f"Must know: {_target_change(entry, names)}.")
    approvers = [_approver(entry) for entry in report["approval"]]
    if approvers:
        sentences.append(f"Approval needed from: {listed(approvers)}.")
    retrain = [role["role"] for role in report["retraining"] if role["retrain"]]
    brief = [role["role"] for role in report["retraining"] if role["brief"]]
    if retrain:
        sentences.append(f"Retrain: {names.names(retrain)}.")
    if brief:
        sentences.append(f"Brief on a new SOP: {names.names(brief)}.")
    if not retrain and not brief:
        sentences.append("No one to retrain or brief.")
    errors = len(report["errors"])
    sentences.append(
        f"{counted(errors, 'problem')} to fix before approval." if errors else "No problem found."
    )
    return " ".join(sentences)


def _sops_sentence(report: dict[str, Any], names: Names) -> str:
    """'This change adds 1 SOP (...) and changes 2 (...; ...).'"""
    verbs = {
        "added": "adds",
        "changed": "changes",
        "status_changed": "changes the status of",
        "retired": "retires",
        "removed": "removes",
    }
    parts: list[str] = []
    for change, verb in verbs.items():
        ids = report["sops"][change]
        if ids:
            number = str(len(ids)) if parts else counted(len(ids), "SOP")
            briefs = "; ".join(_sop_brief(report, sop_id, names) for sop_id in ids)
            parts.append(f"{verb} {number} ({briefs})")
    return f"This change {listed(parts)}." if parts else "This change leaves every SOP as it was."


def _sop_brief(report: dict[str, Any], sop_id: str, names: Names) -> str:
    """An SOP in the summary: 'SOP-CC-003 Title: a minor change, 1.1.0 → 1.2.0'."""
    version = report["versions"][sop_id]
    named = names.named(sop_id)
    to_write = escaped(version["recommended_version"] or version["version"] or "no version")
    match report["sop_changes"][sop_id]["change"]:
        case "added":
            review = version["status"] in ("in-review", "approved")
            return f"{named}, {'for review' if review else 'as a draft'} at {to_write}"
        case "changed":
            at_base = escaped(version["version_at_base"] or "no version")
            return f"{named}: {KIND_NAMES[version['kind']]}, {at_base} → {to_write}"
        case "status_changed":
            return f"{named}: {_cell(version['status_at_base'])} → {_cell(version['status'])}"
    return named


def _target_change(entry: dict[str, Any], names: Names) -> str:
    """'the target of KPI_ASA Average speed of answer changes from ... to ...; tell ...'"""
    target = entry["fields"]["target"]
    roles = entry["must_know"]["roles"]
    tell = f"; tell the roles whose steps it measures: {names.names(roles)}" if roles else ""
    return (
        f"the target of {names.named(entry['id'])} changes from "
        f"{_cell(target['before'])} to {_cell(target['after'])}{tell}"
    )


def _approver(entry: dict[str, Any]) -> str:
    """'Operations manager (`@callcenter/operations-management`)'."""
    who = escaped(entry["name"]) if entry["role"] else "the default code owners"
    team = f"`{entry['team']}`" if entry["team"] else NO_TEAM
    return f"{who} ({team})"


def _cell(value: str | None) -> str:
    return escaped(value) if value else "-"


def sop_section(report: dict[str, Any], sop_id: str, names: Names) -> list[str]:
    """An SOP: what happened to it and why, its version and status before, now and to
    write, who approves and who owns it, and each step changed, added or removed."""
    sop, version = report["sop_changes"][sop_id], report["versions"][sop_id]
    change = sop["change"]
    lines = ["", f"### {names.named(sop_id)} ({HEADS[change]})", ""]
    what = {
        "added": "A new SOP.",
        "status_changed": "Its content is as it was; its status changed.",
        "retired": "Retired.",
        "removed": "Removed from the library.",
    }.get(change)
    if what is None:
        kind = KIND_NAMES[version["kind"]].capitalize()
        declared = " (declared editorial)" if version["editorial"] else ""
        what = f"{kind}{declared}: {'; '.join(version['reasons'])}."
    lines += [
        f"File `{sop['file']}`. {what}",
        "",
        "| | At base | Now | To write |",
        "| --- | --- | --- | --- |",
    ]
    for label, key in (("Version", "version"), ("Status", "status")):
        now, to_write = version[key], version[f"recommended_{key}"]
        wanted = f"**{escaped(to_write)}**" if to_write and to_write != now else _cell(to_write)
        lines.append(f"| {label} | {_cell(version[f'{key}_at_base'])} | {_cell(now)} | {wanted} |")
    lines.append("")
    lines.append(f"- Approver: {_person(sop['approver'])}{_approver_duty(sop)}")
    lines.append(
        f"- Owner: {_person(sop['owner'])}: writes or reviews the change; its approval is optional"
    )
    for step in sop["steps"]:
        lines += step_section(step, names)
    return lines


def _approver_duty(sop: dict[str, Any]) -> str:
    """Why the approver's approval is the one required."""
    if not (sop["approver"] and sop["approver"]["team"]):
        return ": its approval is required"
    duty = ", the only code owner of the file: its approval is required"
    if sop["change"] == "added":
        duty += (
            " (the git host reads CODEOWNERS from the base branch, which does not list a new"
            " file yet: request the team's review)"
        )
    return duty


def _person(person: dict[str, Any] | None) -> str:
    """'Team leader (ROLE_TEAM_LEADER), team `@callcenter/team-leaders`'."""
    if person is None:
        return "none named"
    team = f"team `{person['team']}`" if person["team"] else NO_TEAM
    return f"{escaped(person['name'])} ({escaped(person['role'])}), {team}"


#: A step's QA scorecard options, as the report names them.
SCORED_NAMES = {"qa_check": "behaviour", "qa_weight": "weight", "qa_critical": "critical"}


def step_section(step: dict[str, Any], names: Names) -> list[str]:
    """A step changed (its title and text word by word, its links gained and lost), added
    or removed (its text and links)."""
    change = step["change"]
    title = step["title"]["after"] or step["title"]["before"] or ""
    lines = ["", f"#### {escaped(step['id'])} {escaped(title)} ({change} step)"]
    links = []
    if change == "changed":
        for key in ("title", "text"):
            if "diff" in step[key]:
                lines += ["", *_shown(key, step[key], _diff(step[key]["diff"]))]
        for name, link in step["links"].items():
            moved = [f"added {names.names(link['added'])}"] if link["added"] else []
            moved += [f"removed {names.names(link['removed'])}"] if link["removed"] else []
            links.append(f"- {LINK_NAMES[name]}: {'; '.join(moved)}")
        links += [
            f"- QA scorecard, {SCORED_NAMES[key]}: {_option(values['before'])} → "
            f"{_option(values['after'])}"
            for key, values in step.get("scorecard", {}).items()
        ]
    else:
        side = "after" if change == "added" else "before"
        lines += ["", *_shown("text", step["text"], escaped(step["text"][side] or ""))]
        links = [f"- {LINK_NAMES[k]}: {names.names(v[change])}" for k, v in step["links"].items()]
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
    line = f"**{key.capitalize()}:** {shown}"
    if max(len(texts["before"] or ""), len(texts["after"] or "")) <= LONG:
        return [line]
    if "diff" in texts:
        removed, added = counts(texts["diff"])
        about = f"{counted(removed, 'word')} removed, {added} added"
    else:
        about = counted(len((texts["before"] or texts["after"]).split()), "word")
    return [f"<details><summary>{key.capitalize()}: {about}</summary>", "", line, "", "</details>"]


def catalog_section(catalog: dict[str, Any], names: Names) -> list[str]:
    """The catalog entries added (flagged new, with their fields), changed (each field
    old → new; a metric's target as something people must know) and dropped."""
    if not any(catalog.values()):
        return []
    lines = ["", "### Catalog", ""]
    for entry in catalog["added"]:
        lines.append(f"- **New** {entry['type']} {names.named(entry['id'])}")
        lines += [
            f"  - {key.replace('_', ' ')}: {_cell(value)}"
            for key, value in entry.items()
            if key not in ("id", "type", "title")
        ]
    for entry in catalog["changed"]:
        lines.append(f"- Changed {entry['type']} {names.named(entry['id'])}")
        lines += [
            f"  - {key.replace('_', ' ')}: {_cell(value['before'])} → {_cell(value['after'])}"
            for key, value in entry["fields"].items()
        ]
        if "must_know" in entry:
            lines.append(f"  - **Must know:** {_target_change(entry, names)}")
    lines += [f"- Dropped {e['type']} {names.named(e['id'])}" for e in catalog["dropped"]]
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
    lines = ["", "### Retraining and briefing", ""]
    for role in report["retraining"]:
        lines.append(f"- **{names.name(role['role'])}**")
        for item in role["retrain"]:
            steps = ", ".join(f"{names.named(s)} ({escaped(sop_of[s])})" for s in item["steps"])
            lines.append(f"  - refresh {names.name(item['training'])}: {steps}")
        for item in role["brief"]:
            steps = ", ".join(names.named(s) for s in item["steps"])
            lines.append(f"  - brief on the new SOP {names.named(item['sop'])}: {steps}")
    lines += [
        f"- No one is retrained for {names.named(sop_id)}: its change is declared editorial."
        for sop_id in editorial
    ]
    return lines
