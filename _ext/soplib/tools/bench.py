"""The benchmark: ``make bench`` builds synthetic libraries of 100, 300, 1,000 and 5,000
SOPs in our real format and measures them against two anchors in the same run.

Each SOP has 10 fully traced steps of realistic length, a third of them are flowcharts,
and the catalogs are the real ones. Measured per size: the full build, serial and with
``-j auto``; the rebuild after editing one step's text; peak memory; the full build with
our checks switched off (``sop_checks`` and the sphinx-needs schema rules), for their
share. The anchors are the same corpora as plain Sphinx (basic theme, steps as
paragraphs, no sphinx-needs) and as bare sphinx-needs (steps as needs, no checks of
ours, basic theme). Above 1,000 SOPs only our serial build and its memory are measured:
how the build grows. Prints a table with the ratios to the anchors, then the targets at
1,000 SOPs (:data:`TARGETS`), each met or not, and writes both as JSON. ``--repeat N``
takes the fastest of N runs of each build: this machine's timings vary.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from ..model.trace import NEEDS_TYPES

REPO = Path(__file__).resolve().parents[3]
PER_AREA = 30
WORDS = (
    "the agent checks the customer record in the CRM before answering and notes what "
    "was agreed so that the next colleague can continue without asking again"
).split()
SECTIONS = (
    "Purpose",
    "Scope",
    "Responsibilities",
    "Procedure",
    "Performance metrics",
    "Documentation and records",
    "Training",
    "References",
    "Review and approval",
)


def text(words: int, seed: int) -> str:
    return " ".join(WORDS[(seed + i) % len(WORDS)] for i in range(words)).capitalize() + "."


def catalog_ids(kind: str) -> list[str]:
    """The ids of the real catalog's entries of one kind."""
    path = REPO / "sops" / "catalog" / f"{kind}s.md"
    return [
        line.split()[1]
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith(":id: ")
    ]


def traced(n: int, s: int, ids: dict[str, list[str]]) -> dict[str, str]:
    """The catalog entry of each kind that step s of SOP n names: each entry in turn."""
    return {kind: ids[kind][(n * 10 + s) % len(ids[kind])] for kind in ids}


def catalog() -> dict[str, list[str]]:
    """The ids of the real catalogs, by kind."""
    return {kind: catalog_ids(kind) for kind in ("role", "metric", "training", "record")}


def step_block(n: int, s: int, ids: dict[str, list[str]], plain: bool) -> str:
    step_id = f"STEP_B{n}_{s}"
    body = text(45, n * 10 + s)
    if plain:
        return f"**{s}. Step {s} of procedure {n}**\n\n{body}\n"
    pick = traced(n, s, ids)
    return (
        f"```{{step}} Step {s} of procedure {n}\n:id: {step_id}\n"
        f":responsible: {pick['role']}\n:metrics: {pick['metric']}\n"
        f":training: {pick['training']}\n:records: {pick['record']}\n\n{body}\n```\n"
    )


def sop(n: int, ids: dict[str, list[str]], plain: bool) -> str:
    flowchart = n % 3 == 0 and not plain
    front = (
        f"---\nid: SOP-BN-{n:04d}\ntitle: Benchmark procedure {n}\n"
        f"format: {'flowchart' if flowchart else 'simple'}\nversion: 1.0.0\n"
        "status: approved\nowner: ROLE_TEAM_LEADER\napprover: ROLE_OPS_MANAGER\n"
        "effective: 2026-09-01\nreview_every: 12 months\n---\n\n"
    )
    parts = [front if not plain else f"# Benchmark procedure {n}\n\n"]
    for section in SECTIONS:
        parts.append(f"## {section}\n\n")
        if section != "Procedure":
            parts.append(text(60, n + len(section)) + "\n\n")
            continue
        if flowchart:
            boxes = [f"STEP_B{n}_{s}" for s in range(1, 11)]
            chart = ["flowchart TD", f"    START([Start]) --> {boxes[0]}"]
            chart += [f"    {a}[Step] --> {b}" for a, b in zip(boxes, boxes[1:], strict=False)]
            chart += [
                f"    {boxes[-1]} --> D1{{Done?}}",
                "    D1 -- yes --> END([End])",
                f"    D1 -- no --> {boxes[0]}",
            ]
            parts.append("```mermaid\n" + "\n".join(chart) + "\n```\n\n")
        parts += [step_block(n, s, ids, plain) + "\n" for s in range(1, 11)]
    return "".join(parts)


def corpus(root: Path, count: int, variant: str) -> Path:
    """A library of count SOPs: 'soplib' (ours, with the view pages), 'needs' (bare
    sphinx-needs), 'plain'."""
    if root.exists():
        shutil.rmtree(root)
    plain = variant == "plain"
    ids = catalog()
    areas = [f"area{a:03d}" for a in range((count + PER_AREA - 1) // PER_AREA)]
    for index, area in enumerate(areas):
        folder = root / "sops" / area
        folder.mkdir(parents=True)
        (folder / "index.md").write_text(
            f"# Area {index}\n\n```{{toctree}}\n:glob:\n:maxdepth: 1\n\n*\n```\n"
        )
        for n in range(index * PER_AREA + 1, min(count, (index + 1) * PER_AREA) + 1):
            (folder / f"sop{n:04d}.md").write_text(sop(n, ids, plain), encoding="utf-8")
    toc = [f"sops/{area}/index" for area in areas]
    if not plain:
        shutil.copytree(REPO / "sops" / "catalog", root / "sops" / "catalog")
        toc += [f"sops/catalog/{kind}s" for kind in ids]
    if variant == "soplib":  # with the generated views
        shutil.copytree(REPO / "views", root / "views")
        toc += [f"views/{page.stem}" for page in sorted(root.glob("views/*.md"))]
    lines = "\n".join(toc)
    # the depths of the library's own index pages
    (root / "index.md").write_text(f"# Benchmark\n\n```{{toctree}}\n:maxdepth: 2\n\n{lines}\n```\n")
    if variant == "soplib":
        shutil.copy(REPO / "conf.py", root / "conf.py")
        (root / "_ext").symlink_to(REPO / "_ext")
    else:
        needs = (
            ""
            if plain
            else (
                f"needs_types = {NEEDS_TYPES!r}\nneeds_id_required = True\n"
                "needs_duration_option = 'gantt_duration'\n"
            )
        )
        extensions = ["myst_parser"] if plain else ["myst_parser", "sphinx_needs"]
        (root / "conf.py").write_text(
            f"extensions = {extensions!r}\nhtml_theme = 'basic'\n" + needs, encoding="utf-8"
        )
    return root


#: The settings that switch our checks off: ours, and the rules sphinx-needs checks for us.
CHECKS_OFF = ("sop_checks=0", "needs_schema_validation_enabled=0")


def sphinx(root: Path, parallel: bool, settings: tuple[str, ...] = ()) -> tuple[float, float]:
    """Seconds and peak memory (MiB) of one build of root, into root/_build."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    overrides = [arg for setting in settings for arg in ("-D", setting)]
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-b",
            "html",
            "-q",
            *(["-j", "auto"] if parallel else []),
            *overrides,
            str(root),
            str(root / "_build"),
        ],
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"the benchmark build of {root} failed:\n{done.stderr[-2000:]}")
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return seconds, peak / 1024


def edit_one_step(page: Path) -> None:
    """Add a sentence to the text of the page's first step, as an author would."""
    text = page.read_text(encoding="utf-8")
    start = text.index("\n\n", text.index(":id: STEP_B1_1")) + 2
    page.write_text(text[:start] + "Read it back to the caller. " + text[start:], encoding="utf-8")
    later = time.time() + 5
    os.utime(page, (later, later))


#: The size the targets are set at, and the largest measured against the anchors.
TARGET_SIZE = 1000


def measure(workdir: Path, count: int, repeat: int = 1) -> dict[str, float]:
    """Every figure of one size: of each, the fastest of repeat runs, taken in turns so
    that a slow spell of the machine does not fall on one figure alone. Above
    TARGET_SIZE, our serial build and its peak memory only."""
    variants = ("soplib", "needs", "plain") if count <= TARGET_SIZE else ("soplib",)
    roots = {
        variant: corpus(workdir / f"{variant}-{count}", count, variant) for variant in variants
    }
    ours = roots["soplib"]
    runs: dict[str, list[float]] = defaultdict(list)
    peaks: list[float] = []
    for _ in range(repeat):
        shutil.rmtree(ours / "_build", ignore_errors=True)
        seconds, peak = sphinx(ours, parallel=False)
        runs["soplib_serial_s"].append(seconds)
        peaks.append(peak)  # the first is ours alone: peak memory over child processes only grows
        if count > TARGET_SIZE:
            continue
        edit_one_step(ours / "sops" / "area000" / "sop0001.md")
        runs["soplib_incremental_s"].append(sphinx(ours, parallel=False)[0])
        for key, root, parallel, settings in (
            ("checks_off_serial_s", ours, False, CHECKS_OFF),
            ("soplib_parallel_s", ours, True, ()),
            ("needs_serial_s", roots["needs"], False, ()),
            ("plain_serial_s", roots["plain"], False, ()),
        ):
            shutil.rmtree(root / "_build", ignore_errors=True)
            runs[key].append(sphinx(root, parallel, settings)[0])
    row: dict[str, float] = {"sops": count, "repeat": repeat, "soplib_peak_mib": peaks[0]}
    row |= {key: min(times) for key, times in runs.items()}
    if count <= TARGET_SIZE:
        row["checks_share"] = 1 - row["checks_off_serial_s"] / row["soplib_serial_s"]
        row["ratio_to_plain"] = row["soplib_serial_s"] / row["plain_serial_s"]
        row["ratio_to_needs"] = row["soplib_serial_s"] / row["needs_serial_s"]
        row["parallel_speedup"] = row["soplib_serial_s"] / row["soplib_parallel_s"]
    return row


#: The columns of the table: heading, key and format of each figure.
COLUMNS = (
    ("SOPs", "sops", "{:.0f}"),
    ("ours serial", "soplib_serial_s", "{:.1f} s"),
    ("ours -j auto", "soplib_parallel_s", "{:.1f} s"),
    ("-j speed-up", "parallel_speedup", "{:.2f}x"),
    ("ours one edit", "soplib_incremental_s", "{:.1f} s"),
    ("checks off", "checks_off_serial_s", "{:.1f} s"),
    ("checks' share", "checks_share", "{:.0%}"),
    ("plain Sphinx", "plain_serial_s", "{:.1f} s"),
    ("bare needs", "needs_serial_s", "{:.1f} s"),
    ("x plain", "ratio_to_plain", "{:.2f}"),
    ("x needs", "ratio_to_needs", "{:.2f}"),
    ("peak MiB", "soplib_peak_mib", "{:.0f}"),
)


def table(rows: list[dict[str, float]]) -> str:
    lines = ["| " + " | ".join(c[0] for c in COLUMNS) + " |", "|" + " --- |" * len(COLUMNS)]
    lines += [
        "| "
        + " | ".join(form.format(r[key]) if key in r else "-" for _, key, form in COLUMNS)
        + " |"
        for r in rows
    ]
    return "\n".join(lines)


#: The targets at TARGET_SIZE SOPs: what is measured, the bound, and whether it is the
#: most (True) or the least (False) the figure may be.
TARGETS = (
    ("full build, times plain Sphinx", "ratio_to_plain", 3.0, True),
    ("full build, times bare sphinx-needs", "ratio_to_needs", 1.0, True),
    ("one step edited, seconds", "soplib_incremental_s", 5.0, True),
    ("-j auto, times faster than serial", "parallel_speedup", 1.4, False),
    ("peak memory, MiB", "soplib_peak_mib", 600.0, True),
    ("5,000 SOPs, times the 1,000-SOP build", "growth_to_5000", 5.5, True),
)


def verdicts(rows: list[dict[str, float]]) -> list[dict[str, object]]:
    """Each target measured in this run, with its figure and whether it is met."""
    at = next((r for r in rows if r["sops"] == TARGET_SIZE), None)
    if at is None:
        return []
    figures = dict(at)
    large = next((r for r in rows if r["sops"] == 5 * TARGET_SIZE), None)
    if large is not None:
        figures["growth_to_5000"] = large["soplib_serial_s"] / at["soplib_serial_s"]
    return [
        {"target": name, "bound": bound, "measured": figures[key],
         "met": figures[key] <= bound if most else figures[key] >= bound}
        for name, key, bound, most in TARGETS
        if key in figures
    ]  # fmt: skip


def targets_table(found: list[dict[str, object]]) -> str:
    lines = ["| target at 1,000 SOPs | bound | measured | |", "| --- | --- | --- | --- |"]
    lines += [
        f"| {v['target']} | {v['bound']:g} | {v['measured']:.2f} | "
        f"{'met' if v['met'] else 'NOT MET'} |"
        for v in found
    ]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="make bench", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100 300 1000 5000")
    parser.add_argument("--out", type=Path, default=REPO / "_build" / "bench")
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of each build; the fastest counts"
    )
    args = parser.parse_args(argv)
    rows = [measure(args.out, int(size), args.repeat) for size in args.sizes.split()]
    found = verdicts(rows)
    print(table(rows))
    if found:
        print("\n" + targets_table(found))
    report = {"sizes": rows, "targets": found}
    (args.out / "bench.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
