"""The rules a change to an SOP must keep: the kind of change and the version it asks for
(CONTRIBUTING.md, section 4), and the status an unapproved content may have.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from ...model.i18n import N_, say
from ...model.trace import STEP_LINKS
from ..approve import STAMP

#: The canonical title (``sop_sections`` in conf.py) of the section that says what an
#: SOP covers: a change to it is a new scope.
SCOPE = "Scope"
#: The kinds of change, least first: each raises its part of MAJOR.MINOR.PATCH.
KINDS = ("patch", "minor", "major")
#: A kind of change as a sentence names it (kind_name says it).
KIND_NAMES = {
    "patch": N_("an editorial change"),
    "minor": N_("a minor change"),
    "major": N_("a major change"),
}
#: What changed in the steps, by what a step names: for one step, and for several.
LINK_CHANGES = {
    "responsible": (
        N_("the roles of a step changed (%(ids)s)"),
        N_("the roles of steps changed (%(ids)s)"),
    ),
    "metrics": (
        N_("the metrics of a step changed (%(ids)s)"),
        N_("the metrics of steps changed (%(ids)s)"),
    ),
    "training": (
        N_("the trainings of a step changed (%(ids)s)"),
        N_("the trainings of steps changed (%(ids)s)"),
    ),
    "records": (
        N_("the records of a step changed (%(ids)s)"),
        N_("the records of steps changed (%(ids)s)"),
    ),
}
#: The version a new SOP goes for review with (a draft starts at 0.1.0: make sop).
FIRST_VERSION = (1, 0, 0)


class Change(NamedTuple):
    """The kind of a change to one SOP and what made it that kind."""

    kind: str  # patch, minor or major
    reasons: list[str]  # what changed, of that kind
    wording: bool  # all of it is text, which `editorial: true` may declare wording


def kind_name(kind: str) -> str:
    """'a minor change', in the library's language."""
    return say(KIND_NAMES[kind])


def version(meta: dict[str, str]) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in meta.get("version", "").split("."))
    except ValueError:
        return ()


def shown(number: tuple[int, ...]) -> str:
    return ".".join(str(part) for part in number)


def raised(number: tuple[int, ...], kind: str) -> tuple[int, ...]:
    """The version after a change of this kind: 1.1.0 becomes 1.1.1, 1.2.0 or 2.0.0."""
    major, minor, patch = number
    return {"major": (major + 1, 0, 0), "minor": (major, minor + 1, 0),
            "patch": (major, minor, patch + 1)}[kind]  # fmt: skip


def is_editorial(meta: dict[str, str]) -> bool:
    """Whether the SOP declares its change wording only (``editorial: true``)."""
    return meta.get("editorial") == "True"


def change_kind(
    old: dict[str, Any],
    new: dict[str, Any],
    steps_before: dict[str, Any],
    steps_after: dict[str, Any],
) -> Change:
    """The kind of a change to an SOP, from what changed (CONTRIBUTING.md, section 4):

    - major: a step removed (its id gone from the SOP), or the Scope section changed;
    - minor: a step added; a step changed (its title or text, its roles, metrics,
      trainings or records, its QA scorecard line); the steps in another order; the
      flowchart changed;
    - patch: wording elsewhere.

    A change of text only (a step's title or text, the Scope) is wording, a patch, when
    the SOP declares it so (``editorial: true``); nothing else can be declared wording.
    """
    found: list[tuple[str, str, bool]] = []  # kind, reason, whether a change of text only
    ids_before, ids_after = old["steps"], new["steps"]
    kept = [s for s in ids_after if s in ids_before]
    removed = [s for s in ids_before if s not in ids_after]
    added = [s for s in ids_after if s not in ids_before]
    sections_before, sections_after = old["sections"], new["sections"]
    if removed:
        found.append(
            (
                "major",
                said(
                    N_("a step was removed (%(ids)s)"), N_("steps were removed (%(ids)s)"), removed
                ),
                False,
            )
        )
    if sections_before.get(SCOPE) != sections_after.get(SCOPE):
        found.append(("major", say("the Scope section changed"), True))
    if added:
        found.append(
            (
                "minor",
                said(N_("a step was added (%(ids)s)"), N_("steps were added (%(ids)s)"), added),
                False,
            )
        )
    texts = [s for s in kept if _differ(steps_before[s], steps_after[s], ("title", "text"))]
    if texts:
        found.append(
            (
                "minor",
                said(
                    N_("the text of a step changed (%(ids)s)"),
                    N_("the text of steps changed (%(ids)s)"),
                    texts,
                ),
                True,
            )
        )
    for link in STEP_LINKS:
        linked = [s for s in kept if _differ(steps_before[s], steps_after[s], (link.name,))]
        if linked:
            one, several = LINK_CHANGES[link.name]
            found.append(("minor", said(one, several, linked), False))
    scored = [s for s in kept if _differ(steps_before[s], steps_after[s], SCORED)]
    if scored:
        found.append(
            (
                "minor",
                said(
                    N_("the QA scorecard line of a step changed (%(ids)s)"),
                    N_("the QA scorecard lines of steps changed (%(ids)s)"),
                    scored,
                ),
                False,
            )
        )
    if [s for s in ids_before if s in ids_after] != kept:
        found.append(("minor", say("the order of the steps changed"), False))
    if old["flowcharts"] != new["flowcharts"]:
        found.append(("minor", say("the flowchart changed"), False))
    reworded = [
        title
        for title, text in sections_after.items()
        if title != SCOPE and sections_before.get(title) != text
    ]
    if reworded:  # shown only when nothing greater changed
        # Translators: sections are the sections' titles, as conf.py names them.
        found.append(
            ("patch", say("the wording of %(sections)s changed", sections=listed(reworded)), True)
        )
    elif not found:  # a heading, or text before the first section
        found.append(("patch", say("the wording changed"), True))
    declared = is_editorial(new["meta"])
    kinds = [("patch" if declared and text else kind, reason) for kind, reason, text in found]
    kind = max((kind for kind, _ in kinds), key=KINDS.index)
    return Change(
        kind,
        [reason for each, reason in kinds if each == kind],
        all(text for _, _, text in found),
    )


#: What a step gives its QA scorecard line: a change to it changes how calls are scored.
SCORED = ("qa_check", "qa_weight", "qa_critical")


def said(one: str, several: str, ids: list[str]) -> str:
    """A reason naming one id, or several (each message marked with N_)."""
    return say(one if len(ids) == 1 else several, ids=", ".join(ids))


def _differ(before: dict[str, Any], after: dict[str, Any], keys: tuple[str, ...]) -> bool:
    return any(before.get(key) != after.get(key) for key in keys)


def listed(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) == 1:
        return items[0]
    return say("%(first)s and %(last)s", first=", ".join(items[:-1]), last=items[-1])


def step_changed(before: dict[str, Any], after: dict[str, Any]) -> bool:
    return _differ(before, after, ("title", "text", *(link.name for link in STEP_LINKS), *SCORED))


def verdict(
    before: dict[str, Any] | None, after: dict[str, Any], change: Change | None
) -> dict[str, Any]:
    """For an SOP added (before None), changed, or whose status alone changed (change
    None): the kind of change, the version and the status it should have, and the rules
    it breaks, each as 'SOP (file): what is wrong: how to fix it'."""
    meta = after["meta"]
    where = f"{meta.get('id')} ({after['docname']}.md)"
    now, status = version(meta), meta.get("status")
    errors: list[str] = []
    wanted = now  # a change of status alone asks for no other version
    if before is None:
        wanted = FIRST_VERSION if status in ("in-review", "approved") else now
        if now and now != wanted:
            errors.append(
                say(
                    "%(sop)s: a new SOP goes for review as version %(wanted)s, but its version "
                    "is %(now)s: set `version: %(wanted)s`",
                    sop=where,
                    wanted=shown(wanted),
                    now=shown(now),
                )
            )
    elif change is not None:
        old = version(before["meta"])
        # a version at base that is not MAJOR.MINOR.PATCH was reported by its build
        wanted = raised(old, change.kind) if len(old) == 3 else ()
        if wanted:
            errors += version_breaks(where, old, now, wanted, meta, change)
    unapproved = approval_break(where, before, after)
    if unapproved:
        errors.append(unapproved)
    return {
        "kind": "new" if before is None else change.kind if change else "status",
        "editorial": is_editorial(meta),
        "reasons": change.reasons if change else [],
        "version_at_base": before["meta"].get("version") if before else None,
        "version": meta.get("version"),
        "recommended_version": shown(wanted) if wanted else None,
        "status_at_base": before["meta"].get("status") if before else None,
        "status": status,
        "recommended_status": "in-review" if unapproved else status,
        "errors": errors,
    }


def approval_break(where: str, before: dict[str, Any] | None, after: dict[str, Any]) -> str:
    """What is wrong, if anything, with an SOP added, changed or newly ``approved``: an
    approved SOP carries the stamp of its content (make approve), or is ``in-review``."""
    meta = after["meta"]
    stamp = meta.get(STAMP)
    if meta.get("status") != "approved" or stamp == after["fingerprint"]:
        return ""
    if before is None:
        what = say("it is new and its status is approved")
    elif before["meta"].get("status") == "approved":
        what = say("its content changed but its status is still approved")
    else:
        what = say(
            "its status is set to approved (it was %(status)s)",
            status=before["meta"].get("status"),
        )
    state = (
        say("and its `%(field)s` is the stamp of other content (an earlier version)", field=STAMP)
        if stamp
        else say("with no approval of it recorded (no `%(field)s`)", field=STAMP)
    )
    # Translators: what is what happened to its status, state what its stamp says.
    return say(
        "%(sop)s: %(what)s, %(state)s: set `status: in-review` while it is in review; to "
        "approve it, the approver runs `make approve SOP=%(id)s` and commits the stamp with "
        "`status: approved` (the approving commit)",
        sop=where,
        what=what,
        state=state,
        id=meta.get("id"),
    )


def version_breaks(
    where: str,
    old: tuple[int, ...],
    now: tuple[int, ...],
    wanted: tuple[int, ...],
    meta: dict[str, str],
    change: Change,
) -> Iterator[str]:
    """The version of a changed SOP against the version its kind of change asks for."""
    # Translators: reasons say what changed; kind is "a minor change" and the like.
    because = say(
        "%(reasons)s, %(kind)s", reasons=listed(change.reasons), kind=kind_name(change.kind)
    )
    declared = is_editorial(meta)
    if declared and change.kind != "patch":
        yield (
            say(
                "%(sop)s: it is declared editorial (`editorial: true`) but %(because)s: remove "
                "`editorial: true` and set `version: %(wanted)s`",
                sop=where,
                because=because,
                wanted=shown(wanted),
            )
            if now < wanted
            else say(
                "%(sop)s: it is declared editorial (`editorial: true`) but %(because)s: remove "
                "`editorial: true`",
                sop=where,
                because=because,
            )
        )
    elif now < wanted:
        if not now:
            state = say("it has no version MAJOR.MINOR.PATCH")
        elif now <= old:
            state = say("its version is still %(version)s", version=shown(now))
        else:
            state = say("its version %(version)s is not enough", version=shown(now))
        hint = ""
        if change.kind != "patch" and change.wording:
            patch = raised(old, "patch")
            hint = (
                say(" (or, if the change is wording only, add `editorial: true`)")
                if now == patch
                else say(
                    " (or, if the change is wording only, `version: %(patch)s` and "
                    "`editorial: true`)",
                    patch=shown(patch),
                )
            )
        # Translators: state is what its version is; hint another fix, or nothing.
        yield say(
            "%(sop)s: %(because)s, but %(state)s: set `version: %(wanted)s`%(hint)s",
            sop=where,
            because=because,
            state=state,
            wanted=shown(wanted),
            hint=hint,
        )
    elif declared and now[:2] != old[:2]:
        yield say(
            "%(sop)s: the change is declared editorial but the version went from %(old)s to "
            "%(now)s, and an editorial change raises the patch number only: set "
            "`version: %(wanted)s`",
            sop=where,
            old=shown(old),
            now=shown(now),
            wanted=shown(wanted),
        )
