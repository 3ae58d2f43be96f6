"""The robustness test: real SOPs and catalogs, mutated by hypothesis, built, and judged.

A sample of the library (three real SOPs, one of each format, each twice under its own
ids; the real catalogs, views and area pages; the real ``conf.py``) is built again and
again, every SOP of it mutated in each build (:mod:`support.mutations`), and now and
then a catalog. A *case* is one mutated file; a build holds several, which stay
independent: each copy of an SOP has ids of its own.

Every build runs in a child forked from this process after a first build has loaded
everything, so it costs a build and no start-up, starts from the same state, and can
be killed when it hangs. Mermaid's reading of a diagram is kept by its code across
builds: Node runs only for a diagram no earlier build had (the same code always reads
the same).

:func:`judge` is the oracle, used by the test in ``make test`` and by ``make fuzz``
(``python -m support.fuzzing``). A build passes when it ends clean with the whole site
written, or fails with warnings that each name a file of the project; anything else is
a crash: an exception, a traceback or crash message printed, a warning with no file, a
failure with no warning, a clean build with pages missing, a child that died or hung.
A build that crashes is built again with one mutated file at a time and fewer
mutations, to name the file and the mutations that crash it; its files are kept.
"""

from __future__ import annotations

import argparse
import contextlib
import faulthandler
import math
import os
import pickle
import random
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp
from sphinx.util.console import strip_escape_sequences

from support.mutations import InsertBytes, LineEndings, Mutation, mutations
from support.projects import REPO

#: The sample: one SOP of each format; each is built COPIES times, under its own ids.
SOPS = [
    "sops/compliance/call-recording.md",  # simple
    "sops/compliance/card-payments.md",  # hierarchical
    "sops/inbound/verifying-identity.md",  # flowchart
]
COPIES = 2
CATALOGS = sorted(f"sops/catalog/{path.name}" for path in (REPO / "sops" / "catalog").glob("*.md"))
GUIDE = "authoring-guide.md"
#: Seconds of processor time a build may take before it counts as hung (a build takes
#: 2 to 3, one with a 100,000-character line of links up to 20); it may wait for the
#: machine WAIT_FACTOR times as long, which a loaded machine makes it do. On a system
#: without /proc, the wall clock alone.
TIMEOUT = 60.0
WAIT_FACTOR = 5

INDEX = """\
# Robustness sample

```{toctree}
:glob:

sops/*/index
sops/catalog/*
views/*
```
"""
#: Added to the real conf.py: the sample uses few entries of the catalogs, and its
#: reviews are checked against a fixed day, so the unmutated sample builds clean.
CONF = """
# -- the robustness sample (tests/support/fuzzing.py) --
needs_schema_definitions = trace.schema_definitions(every_entry_used=False)
sop_today = "2026-11-01"
"""
DOC_LINK = re.compile(r"\{doc\}`(?:[^`<]*<)?([^`>]+)>?`")
#: Output that means the build crashed, whatever else it says.
CRASH_TEXTS = (
    "Traceback (most recent call last)",
    "Exception occurred",
    "Extension error",
    "extension error",
    "threw an exception",
    "Sphinx error",
)
#: A warning as Sphinx writes it: [location: ]LEVEL: message
WARNING = re.compile(r"^(?:(?P<location>.*?): )?(?P<level>WARNING|ERROR|CRITICAL|SEVERE): ", re.S)
LINE_NUMBER = re.compile(r":\d*$")


# -- the sample ------------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """A file of the sample that mutations may change: where it goes, what it holds."""

    path: str
    data: bytes


def copy_of(text: str, copy: int) -> str:
    """An SOP under ids of its own: SOP-CC-010 -> SOP-CC-0102, STEP_X -> STEP_X_2."""
    if copy == 1:
        return text
    text = re.sub(r"\b(SOP-[A-Z]+-\d{3,})\b", rf"\g<1>{copy}", text)
    return re.sub(r"\b(STEP_[A-Z0-9_]*[A-Z0-9])\b", rf"\g<1>_{copy}", text)


def sample_slots() -> tuple[list[Slot], list[Slot]]:
    """The SOP files (COPIES of each of SOPS) and the catalogs, unmutated."""
    sops = []
    for path in SOPS:
        text = (REPO / path).read_text(encoding="utf-8")
        for copy in range(1, COPIES + 1):
            name = path if copy == 1 else path.replace(".md", f"-{copy}.md")
            sops.append(Slot(name, copy_of(text, copy).encode()))
    catalogs = [Slot(path, (REPO / path).read_bytes()) for path in CATALOGS]
    return sops, catalogs


def write_sample(root: Path) -> None:
    """What the sample holds besides its slots: conf.py, the index, the views, the area
    pages, a stub for each page an SOP links to that is not in the sample, and _ext."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    conf = (REPO / "conf.py").read_text(encoding="utf-8")
    (root / "conf.py").write_text(conf + CONF, encoding="utf-8")
    (root / "_ext").symlink_to(REPO / "_ext")
    (root / "index.md").write_text(INDEX, encoding="utf-8")
    # Every view but the Authoring guide, which shows the registry of problems, not the
    # library: no mutation reaches it.
    shutil.copytree(REPO / "views", root / "views", ignore=shutil.ignore_patterns(GUIDE))
    for area in sorted({Path(path).parent for path in SOPS}):
        (root / area).mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / area / "index.md", root / area / "index.md")
    sample = {Path(path).with_suffix("") for path in SOPS}
    for path in SOPS:
        for target in DOC_LINK.findall((REPO / path).read_text(encoding="utf-8")):
            linked = Path(os.path.normpath(Path(path).parent / target))
            if linked not in sample and not (root / linked).with_suffix(".md").exists():
                stub = (root / linked).with_suffix(".md")
                stub.parent.mkdir(parents=True, exist_ok=True)
                stub.write_text(f"# {linked.name}\n\nNot in this sample.\n", encoding="utf-8")


#: What a build mutates: for each slot it changes, the slot's index and the mutations.
Plan = tuple[tuple[int, tuple[Mutation, ...]], ...]


def plans(sops: int, catalogs: int, real_lines: list[str]) -> st.SearchStrategy[Plan]:
    """Every SOP slot mutated, and half the time one catalog as well."""
    changes = st.lists(mutations(real_lines), min_size=1, max_size=3).map(tuple)
    sop_changes = st.tuples(*[changes] * sops).map(lambda each: tuple(enumerate(each)))
    catalog_change = st.one_of(
        st.just(()),
        st.tuples(st.tuples(st.integers(sops, sops + catalogs - 1), changes)),
    )
    return st.builds(lambda a, b: a + b, sop_changes, catalog_change)


def describe(plan: Plan, slots: Sequence[Slot]) -> list[str]:
    """What a plan does, file by file, with the lines each mutation works on."""
    described = []
    for index, changes in plan:
        data, steps = slots[index].data, []
        for mutation in changes:
            steps.append(mutation.explain(data))
            data = mutation.apply(data)
        described.append(f"{slots[index].path}: {'; then '.join(steps)}")
    return described


# -- a build ----------------------------------------------------------------------------


class Records(StringIO):
    """The warning stream: Sphinx writes each warning in one call, kept one by one."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[str] = []

    def write(self, text: str) -> int:
        self.records.append(strip_escape_sequences(text).rstrip("\n"))
        return super().write(text)


@dataclass
class Outcome:
    """What a build did: how it ended, what it printed, whether the site is whole."""

    error: str | None = None  # the traceback of an exception that escaped the build
    died: str | None = None  # the child ended without an outcome: how
    hung: bool = False
    statuscode: int | None = None  # as make html sees it: warnings are errors
    warnings: list[str] = field(default_factory=list)
    status: str = ""
    printed: str = ""  # what went to stdout and stderr
    incomplete: list[str] = field(default_factory=list)  # pages of a clean build not whole
    seconds: float = 0.0
    cpu: float = 0.0  # seconds of processor time, the build's and its children's
    parses: dict[str, Any] = field(default_factory=dict)  # new readings of diagrams


class ParseMemo:
    """Mermaid's reading of each diagram, kept by its code across builds."""

    def __init__(self) -> None:
        self.known: dict[str, dict[str, Any]] = {}
        self.new: dict[str, dict[str, Any]] = {}

    def install(self) -> Callable[[], None]:
        """Put the memo in front of Mermaid's parser; returns what takes it away."""
        from soplib.diagrams import collect, mermaid  # imported late: see conftest.py

        real = mermaid.parse

        def parse(diagrams: list[Any]) -> dict[str, dict[str, Any]]:
            wanted = [d for d in diagrams if d.key not in self.known]
            found = real(wanted)
            self.known.update(found)
            self.new.update(found)
            return {d.key: self.known[d.key] for d in diagrams if d.key in self.known}

        collect.parse = parse  # type: ignore[attr-defined]

        def uninstall() -> None:
            collect.parse = real  # type: ignore[attr-defined]

        return uninstall


def build_here(src: Path, out: Path) -> Outcome:
    """Build the sample as make html does (warnings are errors, every one reported)."""
    if out.exists():
        shutil.rmtree(out)
    warnings, status = Records(), StringIO()
    outcome = Outcome()
    start = time.perf_counter()
    app = None
    try:
        app = SphinxTestApp(
            "html",
            srcdir=src,
            builddir=out,
            freshenv=True,
            status=status,
            warning=warnings,
            warningiserror=True,
        )
        app.build()
        outcome.statuscode = app.statuscode
        if app.statuscode == 0:
            outcome.incomplete = missing_pages(app)
    except BaseException:
        outcome.error = traceback.format_exc()
    finally:
        if app is not None:
            app.cleanup()
    outcome.seconds = time.perf_counter() - start
    outcome.warnings = warnings.records
    outcome.status = status.getvalue()
    return outcome


def missing_pages(app: SphinxTestApp) -> list[str]:
    """The pages of the project that the build did not write whole."""
    missing = []
    for docname in sorted(app.env.found_docs):
        page = app.outdir / f"{docname}.html"
        if not page.is_file() or not page.read_bytes().rstrip().endswith(b"</html>"):
            missing.append(f"{docname}.html")
    if not (app.outdir / "searchindex.js").is_file():
        missing.append("searchindex.js")
    return missing


def build_in_child(src: Path, out: Path, memo: ParseMemo, timeout: float) -> Outcome:
    """Build in a forked child, killed with its own children if it takes too long."""
    out.mkdir(parents=True, exist_ok=True)
    result, printed = out.parent / "outcome.pickle", out.parent / "printed.txt"
    result.unlink(missing_ok=True)
    memo.new = {}
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: build, write the outcome, and leave at once
        try:
            os.setpgid(0, 0)
            fd = os.open(printed, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
            os.dup2(fd, 1)
            os.dup2(fd, 2)
            sys.stdout = sys.stderr = open(fd, "w", buffering=1, closefd=False)  # noqa: SIM115
            faulthandler.enable(sys.stderr)  # where it stood if it dies of a signal,
            faulthandler.register(signal.SIGUSR1, sys.stderr)  # or when it is stopped
            built = build_here(src, out)
            built.parses = memo.new
            result.write_bytes(pickle.dumps(built))
        finally:
            os._exit(0)
    with contextlib.suppress(OSError):  # the child has done it already, or has ended
        os.setpgid(pid, pid)
    start, status, cpu = time.monotonic(), 0, 0.0
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            cpu = usage.ru_utime + usage.ru_stime
            break
        waited = time.monotonic() - start
        if _processor_seconds(pid, waited) > timeout or waited > timeout * WAIT_FACTOR:
            os.kill(pid, signal.SIGUSR1)  # it writes where it is
            time.sleep(1)
            os.killpg(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return Outcome(hung=True, seconds=waited, printed=_read(printed))
        time.sleep(0.05)
    if not result.exists():
        how = (
            f"signal {signal.Signals(os.WTERMSIG(status)).name}"
            if os.WIFSIGNALED(status)
            else f"exit status {os.waitstatus_to_exitcode(status)}"
        )
        return Outcome(died=how, seconds=time.monotonic() - start, printed=_read(printed))
    outcome: Outcome = pickle.loads(result.read_bytes())
    outcome.printed = _read(printed)
    outcome.cpu = cpu
    memo.known.update(outcome.parses)
    return outcome


def _processor_seconds(pid: int, otherwise: float) -> float:
    """The processor time a running process has taken (Linux), else otherwise."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return otherwise
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


# -- the oracle -------------------------------------------------------------------------


@dataclass(frozen=True)
class Crash:
    """What makes a build a crash: its kind, and what it said."""

    kind: str
    detail: str

    @property
    def signature(self) -> str:
        """The same crash, however the case differs: the kind and the root cause's place
        in the code (with the deepest frame of ours), or the message without its numbers
        and quoted text."""
        root = re.split(r"\n(?:The above exception|During handling of the above)", self.detail)[0]
        frames = re.findall(r'File "([^"]+)", line (\d+),? in (\S+)', root)
        if "most recent call first" in root:  # a stack faulthandler wrote
            root = root[root.index("most recent call first") :].split("\n\n")[0]
            frames = re.findall(r'File "([^"]+)", line (\d+),? in (\S+)', root)[::-1]
        if frames:
            errors = [
                line for line in root.splitlines() if re.match(r"[A-Za-z_][\w.]*(: |$)", line)
            ]
            error = f"{errors[-1].split(':')[0]} " if errors else ""
            path, line, function = frames[-1]
            where = f"{error}at {Path(path).name}:{line} ({function})"
            ours = [frame for frame in frames if "/_ext/soplib/" in frame[0]]
            if self.kind == "hang":  # where a loop is caught varies; the call of ours does not
                path, line, function = ours[-1] if ours else (path, "", function)
                return f"hang: in {Path(path).name}:{line} ({function})"
            if ours and ours[-1] != frames[-1]:
                where += f", from {Path(ours[-1][0]).name}:{ours[-1][1]} ({ours[-1][2]})"
            return f"{self.kind}: {where}"
        text = re.sub(r"\d+", "N", re.sub(r"'[^']*'|\"[^\"]*\"", "'…'", self.detail))
        return f"{self.kind}: {text[:160]}"


def location(warning: str, src: Path) -> str | None:
    """Where a warning is: "line" when it names a file of the project and a line, "file"
    when only the file, None when no file of the project (or nothing at all)."""
    match = WARNING.match(warning)
    if match is None or not match["location"]:
        return None  # not a warning as Sphinx writes one, or one with no location
    path = Path(LINE_NUMBER.sub("", match["location"]))
    path = path if path.is_absolute() else src / path
    try:
        if not (path.resolve().is_relative_to(src.resolve()) and path.is_file()):
            return None
    except (OSError, ValueError):
        return None
    return "line" if re.search(r":\d+$", match["location"]) else "file"


def located(warning: str, src: Path) -> bool:
    """Whether a warning names a file of the project, with a line or without one (a
    problem of the whole file, such as sphinx-needs' "document isn't included")."""
    return location(warning, src) is not None


def judge(outcome: Outcome, src: Path) -> list[Crash]:
    """Every way the build crashed; none when it ended clean with the whole site, or
    failed with warnings that each name a file of the project."""
    crashes = []
    if outcome.hung:
        where = f"; where it was:\n{outcome.printed[-6000:]}" if outcome.printed.strip() else ""
        crashes.append(Crash("hang", f"stopped after {outcome.seconds:.0f} s{where}"))
    if outcome.died:
        said = f":\n{outcome.printed[-3000:]}" if outcome.printed.strip() else ""
        crashes.append(Crash("died", f"the build's process ended by {outcome.died}{said}"))
    if outcome.error:
        crashes.append(Crash("exception", outcome.error))
    for name, text in (
        ("warnings", "\n".join(outcome.warnings)),
        ("status", outcome.status),
        ("output", outcome.printed),
    ):
        for crash_text in CRASH_TEXTS:
            if crash_text in text:
                at = text.index(crash_text)
                crashes.append(Crash("crash message", f"in the {name}: {text[at : at + 2000]}"))
                break
    crashes.extend(
        Crash("unlocated warning", warning)
        for warning in outcome.warnings
        if not located(warning, src)
    )
    ended = not (outcome.hung or outcome.died or outcome.error)
    if ended and outcome.statuscode != 0 and not outcome.warnings:
        crashes.append(Crash("failed without a warning", f"status {outcome.statuscode}"))
    if ended and outcome.statuscode == 0 and outcome.warnings:
        crashes.append(Crash("clean with a warning", outcome.warnings[0]))
    if ended and outcome.statuscode == 0 and outcome.incomplete:
        crashes.append(Crash("incomplete site", ", ".join(outcome.incomplete)))
    return crashes


# -- the run ----------------------------------------------------------------------------


@dataclass
class Found:
    """A crash found, with what reproduces it: the files, the mutations, the build."""

    crash: Crash
    plan: list[str]
    kept: Path
    count: int = 1


@dataclass
class Summary:
    cases: int = 0
    builds: int = 0
    clean: int = 0
    seconds: float = 0.0
    cpu: float = 0.0
    slowest: tuple[float, list[str]] = (0.0, [])
    found: dict[str, Found] = field(default_factory=dict)
    seed: int = 0
    #: The warnings the builds printed, by their [type.subtype]; and those that name a
    #: file but no line, one of each subtype.
    kinds: dict[str, int] = field(default_factory=dict)
    file_only: dict[str, str] = field(default_factory=dict)

    def text(self) -> str:
        rate = self.cases / self.seconds if self.seconds else 0.0
        lines = [
            f"{self.cases} cases (mutated files) in {self.builds} builds "
            f"({self.clean} clean, {self.builds - self.clean} failed with located warnings "
            f"or crashed), {self.seconds:.0f} s: {rate:.2f} cases/s, "
            f"{self.seconds / max(self.builds, 1):.1f} s/build "
            f"({self.cpu / max(self.builds, 1):.1f} s of processor time); "
            f"seed {self.seed} (FUZZ_SEED={self.seed} repeats the run); "
            f"slowest build {self.slowest[0]:.1f} s:",
            *(f"  - {change}" for change in self.slowest[1]),
            "warnings printed, by type: "
            + ", ".join(f"{kind} {count}" for kind, count in sorted(self.kinds.items())),
            *(f"located at a file but no line: {text[:300]}" for text in self.file_only.values()),
            f"crashes found: {len(self.found)}",
        ]
        for number, found in enumerate(self.found.values(), start=1):
            detail = found.crash.detail.strip()
            if len(detail) > 3000:
                detail = f"{detail[:1500]}\n[...]\n{detail[-1500:]}"
            lines += [
                f"\n{number}. {found.crash.signature} ({found.count} build(s))",
                "   reproduce: build the sample with these mutations:",
                *(f"   - {change}" for change in found.plan),
                f"   the mutated project: {found.kept} "
                f"(PYTHONPATH=_ext .venv/bin/sphinx-build -W {found.kept} /tmp/out)",
                "   " + detail.replace("\n", "\n   "),
            ]
        return "\n".join(lines)


class Fuzzer:
    """Builds the sample with the mutations of a plan and judges each build."""

    def __init__(
        self,
        workdir: Path,
        timeout: float = TIMEOUT,
        progress: Callable[[str], None] | None = None,
    ) -> None:
        self.workdir = workdir
        self.progress = progress
        self.src, self.out = workdir / "src", workdir / "build" / "out"
        self.timeout = timeout
        self.sops, self.catalogs = sample_slots()
        self.slots = self.sops + self.catalogs
        self.memo = ParseMemo()
        self.summary = Summary()
        write_sample(self.src)

    def real_lines(self) -> list[str]:
        lines = {
            line
            for slot in self.slots
            for line in slot.data.decode("utf-8").splitlines()
            if line.strip()
        }
        return sorted(lines)

    def write(self, plan: Plan) -> None:
        changes = dict(plan)
        for index, slot in enumerate(self.slots):
            data = slot.data
            for mutation in changes.get(index, ()):
                data = mutation.apply(data)
            path = self.src / slot.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)

    def baseline(self) -> Outcome:
        """The unmutated sample, built in this process: it loads what every build uses,
        before the children are forked, and must be clean."""
        self.write(())
        outcome = build_here(self.src, self.out)
        self.memo.known.update(self.memo.new)
        return outcome

    def build(self, plan: Plan) -> tuple[Outcome, list[Crash]]:
        self.write(plan)
        outcome = build_in_child(self.src, self.out, self.memo, self.timeout)
        return outcome, judge(outcome, self.src)

    def run(self, plan: Plan) -> None:
        outcome, crashes = self.build(plan)
        summary = self.summary
        summary.builds += 1
        summary.cases += len(plan)
        summary.seconds += outcome.seconds
        summary.cpu += outcome.cpu
        summary.clean += int(outcome.statuscode == 0 and not crashes)
        for warning in outcome.warnings:
            kind = re.search(r"\[([\w.-]+)\]$", warning)
            name = kind[1] if kind else "(no type)"
            summary.kinds[name] = summary.kinds.get(name, 0) + 1
            if location(warning, self.src) == "file":
                summary.file_only.setdefault(name, warning)
        if outcome.seconds > summary.slowest[0]:
            summary.slowest = (outcome.seconds, describe(plan, self.slots))
        for crash in crashes:
            known = summary.found.get(crash.signature)
            if known is not None:
                known.count += 1
                continue
            kept = self.workdir / "crashes" / str(len(summary.found) + 1)
            found = summary.found[crash.signature] = Found(crash, describe(plan, self.slots), kept)
            self.keep(found, "as found")
            if self.progress:
                self.progress(f"crash found: {crash.signature}; reducing it (kept in {kept})")
            smallest = self.reduce(plan, crash.signature, budget=6 if crash.kind == "hang" else 24)
            if smallest != plan:
                self.write(smallest)
                found.plan = describe(smallest, self.slots)
                self.keep(found, "reduced")

    def keep(self, found: Found, what: str) -> None:
        """Keep the project as now written, with the case that crashes it."""
        shutil.rmtree(found.kept, ignore_errors=True)
        shutil.copytree(self.src, found.kept, symlinks=True)
        (found.kept / "CASE.txt").write_text(
            "\n".join([f"{found.crash.signature} ({what})", *found.plan, "", found.crash.detail]),
            encoding="utf-8",
        )

    def crashes_with(self, plan: Plan, signature: str) -> bool:
        _, crashes = self.build(plan)
        return any(crash.signature == signature for crash in crashes)

    def reduce(self, plan: Plan, signature: str, budget: int = 24) -> Plan:
        """A smaller plan with the same crash: one file if one alone crashes, then as few
        of its mutations as still crash it (at most budget builds)."""
        for index, changes in plan:
            if budget <= 0:
                return plan
            budget -= 1
            if self.crashes_with(((index, changes),), signature):
                plan = ((index, changes),)
                break
        if len(plan) != 1:
            return plan
        index, changes = plan[0]
        position = 0
        while position < len(changes) and len(changes) > 1 and budget > 0:
            budget -= 1
            fewer = changes[:position] + changes[position + 1 :]
            if self.crashes_with(((index, fewer),), signature):
                changes = fewer
            else:
                position += 1
        return ((index, changes),)


def fuzz(
    cases: int,
    workdir: Path,
    seed: int | None = None,
    timeout: float = TIMEOUT,
    progress: Callable[[str], None] | None = None,
) -> Summary:
    """Build at least `cases` mutated files of the sample, and judge every build."""
    fuzzer = Fuzzer(workdir, timeout, progress)
    uninstall = fuzzer.memo.install()
    try:
        return _fuzz(fuzzer, cases, seed)
    finally:
        uninstall()


def _fuzz(fuzzer: Fuzzer, cases: int, seed: int | None) -> Summary:
    progress = fuzzer.progress
    baseline = fuzzer.baseline()
    problems = judge(baseline, fuzzer.src)
    if problems or baseline.statuscode != 0:
        shown = "\n".join([*(c.detail for c in problems), *baseline.warnings])
        raise RuntimeError(f"the unmutated sample does not build clean:\n{shown}")
    per_build = len(fuzzer.sops)
    builds = max(1, math.ceil(cases / per_build))
    fuzzer.summary.seed = random.randrange(2**32) if seed is None else seed
    every = max(1, builds // 20)

    @settings(
        max_examples=builds,
        deadline=None,
        derandomize=False,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )
    @given(plan=plans(len(fuzzer.sops), len(fuzzer.catalogs), fuzzer.real_lines()))
    def one_build(plan: Plan) -> None:
        fuzzer.run(plan)
        summary = fuzzer.summary
        if progress and summary.builds % every == 0:
            progress(
                f"{summary.builds} builds, {summary.cases} cases, "
                f"{len(summary.found)} crashes, {summary.seconds / summary.builds:.1f} s/build"
            )

    # Whole files saved with Windows line ends, or with a byte-order mark: the library
    # reads them as it reads any, so these builds are clean, and check the whole site.
    for mutation in (LineEndings("\r\n", 1), InsertBytes(0, b"\xef\xbb\xbf")):
        one_build = example(plan=tuple((i, (mutation,)) for i in range(len(fuzzer.slots))))(
            one_build
        )
    hypothesis_seed(fuzzer.summary.seed)(one_build)()
    return fuzzer.summary


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="make fuzz", description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--timeout", type=float, default=TIMEOUT)
    parser.add_argument("--builddir", type=Path, default=REPO / "_build" / "fuzz")
    args = parser.parse_args(argv)
    workdir = args.builddir.resolve()
    shutil.rmtree(workdir / "crashes", ignore_errors=True)
    workdir.mkdir(parents=True, exist_ok=True)
    # The builds themselves run outside the repository, where git does not see them.
    with tempfile.TemporaryDirectory(prefix="soplib-fuzz-") as scratch:
        summary = fuzz(
            args.cases,
            Path(scratch),
            args.seed,
            args.timeout,
            progress=lambda line: print(f"make fuzz: {line}", flush=True),
        )
        if (Path(scratch) / "crashes").exists():
            shutil.copytree(Path(scratch) / "crashes", workdir / "crashes", symlinks=True)
    text = summary.text().replace(str(Path(scratch) / "crashes"), str(workdir / "crashes"))
    print(f"make fuzz: {text}")
    return 1 if summary.found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
