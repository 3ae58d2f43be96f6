"""What a change does to the library: two exports (``library.json``) compared, as the data
of the change report (its JSON). Each SOP added, changed, whose status changed, retired or
removed, with its versions and status (:func:`~.rules.verdict`), its owner and approver
and their teams, and its steps changed, added and removed in procedure order (a changed
text word by word); the catalog entries added, changed and dropped; who approves; who
is retrained or briefed.
"""

from __future__ import annotations

from typing import Any

from ...model.trace import FIELDS, STEP_LINKS
from ...model.worddiff import word_diff
from .rules import SCORED, change_kind, step_changed, verdict

#: What can happen to an SOP, in the order the report gives them.
SOP_CHANGES = ("added", "changed", "status_changed", "retired", "removed")


def compare(
    base: dict[str, Any], new: dict[str, Any], teams: dict[str, str], default_team: str
) -> dict[str, Any]:
    """What changed from base to new, what it asks for, and the rules it breaks; teams is
    ``sop_role_teams`` of conf.py, default_team the team of every other file."""
    sops_before, sops_after = base["sops"], new["sops"]
    steps_before, steps_after = base["steps"], new["steps"]
    titles = {
        **{i: e["title"] for i, e in {**base["catalog"], **new["catalog"]}.items()},
        **{s: sop["meta"].get("title", s) for s, sop in {**sops_before, **sops_after}.items()},
        **{s: step["title"] for s, step in {**steps_before, **steps_after}.items()},
    }
    sops = sop_changes(sops_before, sops_after)
    report: dict[str, Any] = {
        "sops": sops,
        "versions": {},
        "errors": [],
        "sop_changes": {},
        "steps": {
            "added": [s for s in steps_after if s not in steps_before],
            "changed": [
                s
                for s in steps_after
                if s in steps_before and step_changed(steps_before[s], steps_after[s])
            ],
            "removed": [s for s in steps_before if s not in steps_after],
        },
    }
    for change in SOP_CHANGES:
        for sop_id in sops[change]:
            before, after = sops_before.get(sop_id), sops_after.get(sop_id)
            if change in ("retired", "removed"):
                entry = unruled(change, before, after)
            else:
                assert after is not None
                changed = before and change == "changed"
                kind = change_kind(before, after, steps_before, steps_after) if changed else None
                entry = verdict(before, after, kind)
                report["errors"] += entry.pop("errors")
            report["versions"][sop_id] = entry
            sop = after or before
            assert sop is not None
            report["sop_changes"][sop_id] = {
                "change": change,
                "title": titles[sop_id],
                "file": f"{sop['docname']}.md",
                "owner": person(sop["meta"].get("owner"), titles, teams),
                "approver": person(sop["meta"].get("approver"), titles, teams),
                "steps": step_changes(before, after, steps_before, steps_after),
            }
    report["catalog"] = catalog_changes(base["catalog"], new["catalog"], steps_after)
    report["approval"] = approval(report, titles, teams, default_team)
    report["retraining"] = retraining(report, steps_after, titles)
    touched = [
        steps_after.get(s) or steps_before[s]
        for s in report["steps"]["added"] + report["steps"]["changed"] + report["steps"]["removed"]
    ]
    report["metrics"] = sorted({m for step in touched for m in step["metrics"]})
    report["titles"] = titles
    return report


def sop_changes(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[str]]:
    """The SOPs of each kind of SOP_CHANGES."""
    found: dict[str, list[str]] = {change: [] for change in SOP_CHANGES}
    for sop_id, sop in after.items():
        old = before.get(sop_id)
        status, was = sop["meta"].get("status"), old["meta"].get("status") if old else None
        if old is None:
            found["added"].append(sop_id)
        elif status == "retired" != was:
            found["retired"].append(sop_id)
        elif sop["fingerprint"] != old["fingerprint"]:
            found["changed"].append(sop_id)
        elif status != was:
            found["status_changed"].append(sop_id)
    found["removed"] = [s for s in before if s not in after]
    return found


def unruled(
    change: str, before: dict[str, Any] | None, after: dict[str, Any] | None
) -> dict[str, Any]:
    """The versions entry of an SOP retired or removed: no rule asks for a version."""
    at_base, now = (sop["meta"] if sop else {} for sop in (before, after))
    return {
        "kind": change,
        "editorial": False,
        "reasons": [],
        "version_at_base": at_base.get("version"),
        "version": now.get("version"),
        "recommended_version": None,
        "status_at_base": at_base.get("status"),
        "status": now.get("status"),
        "recommended_status": None,
    }


def person(
    role: str | None, titles: dict[str, str], teams: dict[str, str]
) -> dict[str, Any] | None:
    """A role, its name in the catalog and its git host team (None: it has none)."""
    return {"role": role, "name": titles.get(role, role), "team": teams.get(role)} if role else None


def procedure_order(before: list[str], after: list[str]) -> list[str]:
    """The steps of an SOP after a change, each removed step after the step it followed."""
    order = list(after)
    for index, step in enumerate(before):
        if step not in order:
            order.insert(order.index(before[index - 1]) + 1 if index else 0, step)
    return order


def step_changes(
    sop_before: dict[str, Any] | None,
    sop_after: dict[str, Any] | None,
    steps_before: dict[str, Any],
    steps_after: dict[str, Any],
) -> list[dict[str, Any]]:
    """The steps of one SOP added, changed or removed, in procedure order: their title and
    text before and after (word by word where both are), and the links they gained or
    lost."""
    ids_before = sop_before["steps"] if sop_before else []
    ids_after = sop_after["steps"] if sop_after else []
    found = []
    for step_id in procedure_order(ids_before, ids_after):
        before = steps_before.get(step_id) if step_id in ids_before else None
        after = steps_after.get(step_id) if step_id in ids_after else None
        if (before is None and after is None) or (
            before and after and not step_changed(before, after)
        ):
            continue
        entry: dict[str, Any] = {
            "id": step_id,
            "change": "added" if before is None else "removed" if after is None else "changed",
        }
        for key in ("title", "text"):
            old, now = (step.get(key) if step else None for step in (before, after))
            entry[key] = {"before": old, "after": now}
            if old is not None and now is not None and old != now:
                entry[key]["diff"] = word_diff(old, now)
        entry["links"] = {}
        for link in STEP_LINKS:
            old, now = (step[link.name] if step else [] for step in (before, after))
            gained, lost = [i for i in now if i not in old], [i for i in old if i not in now]
            if gained or lost:
                entry["links"][link.name] = {"added": gained, "removed": lost}
        entry["scorecard"] = {
            key: {"before": before.get(key), "after": after.get(key)}
            for key in SCORED
            if before and after and before.get(key) != after.get(key)
        }
        found.append(entry)
    return found


def catalog_changes(
    before: dict[str, Any], after: dict[str, Any], steps: dict[str, Any]
) -> dict[str, list[dict[str, Any]]]:
    """The catalog entries added, changed (each field that changed, old and new) and
    dropped. A metric whose target changed is something people must know: the roles of
    the steps it measures."""
    changed = []
    for entry_id, entry in after.items():
        old = before.get(entry_id)
        if old is None or old == entry:
            continue
        keys = ["title", *(f.name for f in FIELDS[entry["type"]])]
        item: dict[str, Any] = {
            "id": entry_id,
            "type": entry["type"],
            "title": entry["title"],
            "fields": {
                key: {"before": old.get(key), "after": entry.get(key)}
                for key in keys
                if old.get(key) != entry.get(key)
            },
        }
        if entry["type"] == "metric" and "target" in item["fields"]:
            measured = [s for s in steps.values() if entry_id in s["metrics"]]
            item["must_know"] = {"roles": sorted({r for s in measured for r in s["responsible"]})}
        changed.append(item)
    return {
        "added": [_entry(i, e) for i, e in after.items() if i not in before],
        "changed": changed,
        "dropped": [_entry(i, e) for i, e in before.items() if i not in after],
    }


def _entry(entry_id: str, entry: dict[str, Any]) -> dict[str, Any]:
    """A catalog entry with its id, its fields in the order of FIELDS."""
    fields = [f.name for f in FIELDS[entry["type"]] if f.name in entry]
    return {"id": entry_id, "type": entry["type"], "title": entry["title"]} | {
        name: entry[name] for name in fields
    }


def approval(
    report: dict[str, Any], titles: dict[str, str], teams: dict[str, str], default_team: str
) -> list[dict[str, Any]]:
    """Who must approve: the approver of each SOP of the report, with its team (the SOP
    file's only code owner), and the default team for the catalog."""
    found: dict[str | None, dict[str, Any]] = {}  # None: the default team

    def approves(role: str | None, item: str) -> None:
        default = {"role": None, "name": None, "team": default_team}
        entry = found.setdefault(role, {**(person(role, titles, teams) or default), "approves": []})
        entry["approves"].append(item)

    for sop_id, sop in report["sop_changes"].items():
        approves(sop["approver"]["role"] if sop["approver"] else None, sop_id)
    for entries in report["catalog"].values():
        for entry in entries:
            approves(None, entry["id"])
    return list(found.values())


def retraining(
    report: dict[str, Any], steps: dict[str, Any], titles: dict[str, str]
) -> list[dict[str, Any]]:
    """Each role to retrain or brief, once: the trainings to refresh and the steps added or
    changed that ask for them (in procedure order), and the new SOPs to be briefed on with
    the role's steps in them. A change declared editorial retrains no one."""
    roles: dict[str, dict[str, Any]] = {}

    def of(role: str) -> dict[str, Any]:
        return roles.setdefault(
            role, {"role": role, "name": titles.get(role, role), "retrain": {}, "brief": {}}
        )

    for sop_id, sop in report["sop_changes"].items():
        version = report["versions"][sop_id]
        editorial = version["kind"] == "patch" and version["editorial"]
        if sop["change"] not in ("added", "changed") or editorial:
            continue
        for entry in sop["steps"]:
            step = steps.get(entry["id"])
            if entry["change"] == "removed" or step is None:
                continue
            for role in step["responsible"]:
                if sop["change"] == "added":
                    of(role)["brief"].setdefault(sop_id, []).append(entry["id"])
                    continue
                for training in step["training"]:
                    of(role)["retrain"].setdefault(training, []).append(entry["id"])
    return [
        {
            **role,
            "retrain": [{"training": t, "steps": s} for t, s in role["retrain"].items()],
            "brief": [{"sop": sop_id, "steps": s} for sop_id, s in role["brief"].items()],
        }
        for role in roles.values()
    ]
