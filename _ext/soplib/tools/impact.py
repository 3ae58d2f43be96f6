"""The change report: what a change does to the library, for the pull request.

``make impact BASE=<git revision>`` builds the library as it was at BASE and as it is
in the working tree (both with today's configuration and checks), compares the two
``library.json`` exports, prints a Markdown report fit for a pull-request comment and
writes the same as JSON. For each SOP changed or added it names the kind of change
(:func:`change_kind`, the rule of CONTRIBUTING.md, section 4), the version to write and
the status to set. It exits non-zero when the change breaks a rule:

- an SOP whose content changed raises its version as far as its kind of change asks:
  the patch number for wording, the minor number for a step added or changed, the
  major number for a step removed or a new scope; a new SOP goes for review as 1.0.0;
- a change declared editorial (``editorial: true`` in the front matter) is wording
  only, raises the patch number only, and asks for no retraining;
- an SOP changed (or new) and ``approved`` carries the approval of this content
  (``make approve``); until then it is ``in-review``.

Content is compared with white space folded: rewrapping a paragraph is no change.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from ..model.trace import STEP_LINKS
from ..site.export import EXPORT

#: What of a revision is built: the pages of the site.
SOURCES = ("index.md", "sops", "views")


class ImpactError(Exception):
    """The report cannot be made; the message says why."""


def build_library(repo: Path, srcdir: Path, workdir: Path) -> dict[str, Any]:
    """Build srcdir with the repository's configuration and return its export."""
    outdir = workdir / "out"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "dummy",
            "-q",
            "-E",
            "-c",
            str(repo),
            "-d",
            str(workdir / "doctrees"),
            str(srcdir),
            str(outdir),
        ],
        capture_output=True,
        text=True,
    )
    export = outdir / EXPORT
    if not export.exists():
        raise ImpactError(f"the library in {srcdir} could not be built:\n{done.stderr[-2000:]}")
    library: dict[str, Any] = json.loads(export.read_text(encoding="utf-8"))
    return library


def library_at(repo: Path, revision: str, workdir: Path) -> dict[str, Any]:
    """The library as it was at a git revision (of its pages, those it had then)."""
    listed = subprocess.run(
        ["git", "ls-tree", "--name-only", revision], cwd=repo, capture_output=True, text=True
    )
    if listed.returncode != 0:
        raise ImpactError(f"git cannot read the revision {revision!r}: {listed.stderr.strip()}")
    present = [name for name in SOURCES if name in listed.stdout.split()]
    archive = subprocess.run(
        ["git", "archive", "--format=tar", revision, "--", *present], cwd=repo, capture_output=True
    )
    if archive.returncode != 0:
        raise ImpactError(
            f"git cannot read the revision {revision!r}: {archive.stderr.decode().strip()}"
        )
    srcdir = workdir / "src"
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(srcdir, filter="data")
    return build_library(repo, srcdir, workdir)


#: The canonical title (``sop_sections`` in conf.py) of the section that says what an
#: SOP covers: a change to it is a new scope.
SCOPE = "Scope"
#: The kinds of change, least first: each raises its part of MAJOR.MINOR.PATCH.
KINDS = ("patch", "minor", "major")
#: A kind of change as a sentence names it.
KIND_NAMES = {"patch": "an editorial change", "minor": "a minor change", "major": "a major change"}
#: The version a new SOP goes for review with (a draft starts at 0.1.0: make sop).
FIRST_VERSION = (1, 0, 0)


class Change(NamedTuple):
    """The kind of a change to one SOP and what made it that kind."""

    kind: str  # patch, minor or major
    reasons: list[str]  # what changed, of that kind
    wording: bool  # all of it is text, which `editorial: true` may declare wording


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
    if kind == "major":
        return (major + 1, 0, 0)
    return (major, minor + 1, 0) if kind == "minor" else (major, minor, patch + 1)


def change_kind(
    old: dict[str, Any],
    new: dict[str, Any],
    steps_before: dict[str, Any],
    steps_after: dict[str, Any],
) -> Change:
    """The kind of a change to an SOP, from what changed (CONTRIBUTING.md, section 4):

    - major: a step removed (its id gone from the SOP), or the Scope section changed;
    - minor: a step added; a step changed (its title or text, its roles, metrics,
      trainings or records); the steps in another order; the flowchart changed;
    - patch: wording elsewhere.

    A change of text only (a step's title or text, the Scope) is wording, a patch, when
    the SOP declares it so (``editorial: true``); nothing else can be declared wording.
    """
    found: list[tuple[str, str, bool]] = []  # kind, reason, whether a change of text only
    ids_before, ids_after = old["steps"], new["steps"]
    kept = [s for s in ids_after if s in ids_before]
    removed = [s for s in ids_before if s not in ids_after]
    added = [s for s in ids_after if s not in ids_before]
    sections_before, sections_after = old.get("sections", {}), new.get("sections", {})
    if removed:
        found.append(("major", f"{_steps(removed)} removed ({', '.join(removed)})", False))
    if sections_before.get(SCOPE) != sections_after.get(SCOPE):
        found.append(("major", f"the {SCOPE} section changed", True))
    if added:
        found.append(("minor", f"{_steps(added)} added ({', '.join(added)})", False))
    texts = [s for s in kept if _differ(steps_before[s], steps_after[s], ("title", "text"))]
    if texts:
        found.append(
            ("minor", f"the text of {_steps(texts, 'of')} changed ({', '.join(texts)})", True)
        )
    for link in STEP_LINKS:
        linked = [s for s in kept if _differ(steps_before[s], steps_after[s], (link.name,))]
        if linked:
            what = f"the {link.target}s of {_steps(linked, 'of')}"
            found.append(("minor", f"{what} changed ({', '.join(linked)})", False))
    if [s for s in ids_before if s in ids_after] != kept:
        found.append(("minor", "the order of the steps changed", False))
    if old.get("flowcharts", []) != new.get("flowcharts", []):
        found.append(("minor", "the flowchart changed", False))
    reworded = [
        title
        for title, text in sections_after.items()
        if title != SCOPE and sections_before.get(title) != text
    ]
    if reworded and not any(kind == "minor" for kind, _, _ in found):  # else steps did it
        found.append(("patch", f"the wording of {_listed(reworded)} changed", True))
    elif not found:  # a heading, or text before the first section
        found.append(("patch", "the wording changed", True))
    declared = new["meta"].get("editorial") == "True"
    kinds = [("patch" if declared and text else kind, reason) for kind, reason, text in found]
    kind = max((kind for kind, _ in kinds), key=KINDS.index)
    return Change(
        kind,
        [reason for each, reason in kinds if each == kind],
        all(text for each, _, text in found if each != "patch"),
    )


def _differ(before: dict[str, Any], after: dict[str, Any], keys: tuple[str, ...]) -> bool:
    return any(before.get(key) != after.get(key) for key in keys)


def _steps(ids: list[str], of: str = "") -> str:
    """'a step was' or 'steps were' (removed, added); with of: 'a step' or 'steps'."""
    if of:
        return "a step" if len(ids) == 1 else "steps"
    return "a step was" if len(ids) == 1 else "steps were"


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def step_changed(before: dict[str, Any], after: dict[str, Any]) -> bool:
    return _differ(before, after, ("title", "text", *(link.name for link in STEP_LINKS)))


def compare(base: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """What changed from base to new, what it asks for, and the rules it breaks."""
    sops_before, sops_after = base["sops"], new["sops"]
    steps_before, steps_after = base["steps"], new["steps"]
    titles = {
        **{i: e["title"] for i, e in base["catalog"].items()},
        **{i: e["title"] for i, e in new["catalog"].items()},
    }
    report: dict[str, Any] = {
        "sops": {"added": [], "changed": [], "retired": [], "removed": []},
        "versions": {},
        "steps": {"added": [], "changed": [], "removed": []},
        "retraining": [],
        "metrics": [],
        "records": {},
        "errors": [],
    }
    for sop_id, sop in sops_after.items():
        before = sops_before.get(sop_id)
        if before is None:
            report["sops"]["added"].append(sop_id)
        elif sop["meta"].get("status") == "retired" != before["meta"].get("status"):
            report["sops"]["retired"].append(sop_id)
        elif sop["fingerprint"] != before["fingerprint"]:
            report["sops"]["changed"].append(sop_id)
    report["sops"]["removed"] = [s for s in sops_before if s not in sops_after]

    for step_id, step in steps_after.items():
        if step_id not in steps_before:
            report["steps"]["added"].append(step_id)
        elif step_changed(steps_before[step_id], step):
            report["steps"]["changed"].append(step_id)
    report["steps"]["removed"] = [s for s in steps_before if s not in steps_after]

    changes = {
        sop_id: change_kind(sops_before[sop_id], sops_after[sop_id], steps_before, steps_after)
        for sop_id in report["sops"]["changed"]
    }
    editorial = {
        sop_id
        for sop_id, change in changes.items()
        if change.kind == "patch" and sops_after[sop_id]["meta"].get("editorial") == "True"
    }
    for step_id in report["steps"]["added"] + report["steps"]["changed"]:
        step = steps_after[step_id]
        if step["sop"] not in editorial:
            report["retraining"].append(
                {
                    "step": step_id,
                    "sop": step["sop"],
                    "roles": step["responsible"],
                    "trainings": step["training"],
                }
            )
    touched = [
        steps_after.get(s) or steps_before[s]
        for s in report["steps"]["added"] + report["steps"]["changed"] + report["steps"]["removed"]
    ]
    report["metrics"] = sorted({m for step in touched for m in step["metrics"]})
    records_before = {i for i, e in base["catalog"].items() if e["type"] == "record"}
    records_after = {i for i, e in new["catalog"].items() if e["type"] == "record"}
    report["records"] = {
        "added": sorted(records_after - records_before),
        "dropped": sorted(records_before - records_after),
    }
    for sop_id, sop in sops_after.items():
        if sop_id in changes or sop_id in report["sops"]["added"]:
            entry = verdict(sops_before.get(sop_id), sop, changes.get(sop_id))
            report["errors"] += entry.pop("errors")
            report["versions"][sop_id] = entry
    report["titles"] = {
        **titles,
        **{s: sop["meta"].get("title", s) for s, sop in {**sops_before, **sops_after}.items()},
        **{s: step["title"] for s, step in {**steps_before, **steps_after}.items()},
    }
    return report


def verdict(
    before: dict[str, Any] | None, after: dict[str, Any], change: Change | None
) -> dict[str, Any]:
    """For a changed SOP (or a new one, before and change None): the kind of change, the
    version and the status it should have, and the rules it breaks, each as
    'SOP (file): what is wrong: how to fix it'."""
    meta = after["meta"]
    where = f"{meta.get('id')} ({after['docname']}.md)"
    now, status = version(meta), meta.get("status")
    errors: list[str] = []
    if change is None:
        wanted = FIRST_VERSION if status in ("in-review", "approved") else now
        if now and now != wanted:
            errors.append(
                f"{where}: a new SOP goes for review as version {shown(wanted)}, but its "
                f"version is {shown(now)}: set `version: {shown(wanted)}`"
            )
    else:
        old = version(before["meta"]) if before else ()
        # a version at base that is not MAJOR.MINOR.PATCH was reported by its build
        wanted = raised(old, change.kind) if len(old) == 3 else ()
        if wanted:
            errors += version_breaks(where, old, now, wanted, meta, change)
    unapproved = status == "approved" and meta.get("approved_fingerprint") != after["fingerprint"]
    if unapproved:
        what = (
            "it is new but its status is"
            if change is None
            else "its content changed but its status is still"
        )
        errors.append(
            f"{where}: {what} approved, with no approval of this content recorded: set "
            "`status: in-review` while it is in review (once it is approved: "
            f"`status: approved` and `make approve SOP={meta.get('id')}`)"
        )
    return {
        "kind": "new" if change is None else change.kind,
        "editorial": meta.get("editorial") == "True",
        "reasons": [] if change is None else change.reasons,
        "version_at_base": before["meta"].get("version") if before else None,
        "version": meta.get("version"),
        "recommended_version": shown(wanted) if wanted else None,
        "status": status,
        "recommended_status": "in-review" if unapproved else status,
        "errors": errors,
    }


def version_breaks(
    where: str,
    old: tuple[int, ...],
    now: tuple[int, ...],
    wanted: tuple[int, ...],
    meta: dict[str, str],
    change: Change,
) -> Iterator[str]:
    """The version of a changed SOP against the version its kind of change asks for."""
    because = f"{_listed(change.reasons)}, {KIND_NAMES[change.kind]}"
    declared = meta.get("editorial") == "True"
    if declared and change.kind != "patch":
        fix = "remove `editorial: true`"
        if now < wanted:
            fix += f" and set `version: {shown(wanted)}`"
        yield f"{where}: it is declared editorial (`editorial: true`) but {because}: {fix}"
    elif now < wanted:
        if not now:
            state = "it has no version MAJOR.MINOR.PATCH"
        elif now <= old:
            state = f"its version is still {shown(now)}"
        else:
            state = f"its version {shown(now)} is not enough"
        hint = ""
        if change.kind != "patch" and change.wording:
            patch = raised(old, "patch")
            hint = (
                " (or, if the change is wording only, add `editorial: true`)"
                if now == patch
                else f" (or, if the change is wording only, `version: {shown(patch)}` "
                "and `editorial: true`)"
            )
        yield f"{where}: {because}, but {state}: set `version: {shown(wanted)}`{hint}"
    elif declared and now[:2] != old[:2]:
        yield (
            f"{where}: the change is declared editorial but the version went from "
            f"{shown(old)} to {shown(now)}, and an editorial change raises the patch number "
            f"only: set `version: {shown(wanted)}`"
        )


def markdown(report: dict[str, Any], base: str) -> str:
    """The report as a pull-request comment."""
    name = report["titles"]

    def named(item: str) -> str:
        return f"{item} {name.get(item, '')}".strip()

    lines = [f"## SOP change report (against `{base}`)", ""]
    if report["errors"]:
        lines += [f"**{len(report['errors'])} problem(s) to fix before approval:**", ""]
        lines += [f"- {error}" for error in report["errors"]] + [""]
    sops, steps = report["sops"], report["steps"]
    if not any(sops.values()) and not any(steps.values()):
        return "\n".join(lines + ["No SOP or step changed."])
    lines.append("### SOPs")
    for kind in ("added", "changed", "retired", "removed"):
        lines += [f"- {kind.capitalize()}: {named(s)}" for s in sops[kind]]
    if report["versions"]:
        lines += [
            "",
            "### Versions",
            "| SOP | Change | What changed | Version at base | Version now "
            "| Version by the rule | Status to set |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for sop_id, entry in report["versions"].items():
            cells = [
                named(sop_id),
                entry["kind"] + (" (declared editorial)" if entry["editorial"] else ""),
                "; ".join(entry["reasons"]),
                *(entry[key] for key in ("version_at_base", "version", "recommended_version")),
                entry["recommended_status"],
            ]
            lines.append(f"| {' | '.join(cell or '-' for cell in cells)} |")
    lines += ["", "### Steps"]
    for kind in ("added", "changed", "removed"):
        lines += [f"- {kind.capitalize()}: {named(s)}" for s in steps[kind]]
    lines += ["", "### Retraining"]
    if report["retraining"]:
        lines += ["| Role | Training | Because of |", "| --- | --- | --- |"]
        lines += [
            f"| {', '.join(name.get(r, r) for r in item['roles'])} | "
            f"{', '.join(name.get(t, t) for t in item['trainings'])} | "
            f"{named(item['step'])} ({item['sop']}) |"
            for item in report["retraining"]
        ]
    else:
        lines.append("None.")
    lines += ["", "### Metrics whose measuring steps changed"]
    lines += [f"- {named(m)}" for m in report["metrics"]] or ["None."]
    lines += ["", "### Records"]
    added, dropped = report["records"]["added"], report["records"]["dropped"]
    lines += [f"- Added: {named(r)}" for r in added] + [f"- Dropped: {named(r)}" for r in dropped]
    if not added and not dropped:
        lines.append("None added or dropped.")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="make impact", description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the git revision to compare with")
    parser.add_argument("--json", type=Path, help="where to write the report as JSON")
    args = parser.parse_args(argv)
    repo = Path.cwd()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            base = library_at(repo, args.base, Path(tmp) / "base")
            new = build_library(repo, repo, Path(tmp) / "new")
    except ImpactError as error:
        print(f"make impact: {error}", file=sys.stderr)
        return 2
    report = compare(base, new)
    print(markdown(report, args.base))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
