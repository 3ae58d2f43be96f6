"""The change report: what a change does to the library, for the pull request.

``make impact BASE=<git revision>`` builds the library as it was at BASE and as it is
in the working tree (both with today's configuration and checks), compares the two
``library.json`` exports, prints a Markdown report fit for a pull-request comment and
writes the same as JSON. It exits non-zero when the change breaks a rule:

- an SOP whose content changed must have a higher version; for an approved SOP the
  new version is what the pull request's approval approves (its approval stamp,
  ``make approve``, is then refreshed by the approver);
- a change declared editorial (``editorial: true`` in the front matter) raises the
  patch number only, and asks for no retraining.

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
from typing import Any

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


def version(meta: dict[str, str]) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in meta.get("version", "").split("."))
    except ValueError:
        return ()


def step_changed(before: dict[str, Any], after: dict[str, Any]) -> bool:
    keys = ("title", "text", *(link.name for link in STEP_LINKS))
    return any(before.get(key) != after.get(key) for key in keys)


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

    editorial = {s for s, sop in sops_after.items() if sop["meta"].get("editorial") == "True"}
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
    report["errors"] = list(rule_breaks(report, sops_before, sops_after, editorial))
    report["titles"] = {
        **titles,
        **{s: sop["meta"].get("title", s) for s, sop in {**sops_before, **sops_after}.items()},
        **{s: step["title"] for s, step in {**steps_before, **steps_after}.items()},
    }
    return report


def rule_breaks(
    report: dict[str, Any], before: dict[str, Any], after: dict[str, Any], editorial: set[str]
) -> Iterator[str]:
    for sop_id in report["sops"]["changed"]:
        old, new = before[sop_id]["meta"], after[sop_id]["meta"]
        where = after[sop_id]["docname"] + ".md"
        if version(new) <= version(old):
            approved = new.get("status") == "approved"
            yield (
                f"{sop_id} ({where}): its content changed but its version is still "
                f"{new.get('version')}: raise it"
                + (" (the pull request's approval approves the new version)" if approved else "")
            )
        elif sop_id in editorial and version(new)[:2] != version(old)[:2]:
            yield (
                f"{sop_id} ({where}): the change is declared editorial but the version "
                f"went from {old.get('version')} to {new.get('version')}: an editorial "
                "change raises the patch number only"
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
