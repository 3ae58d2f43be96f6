"""make mutate: mutmut over the modules that hold the rules, against the fast tests.

mutmut names a mutant by its file's path from where it runs, and imports the mutated
code from ``mutants/src``; the library's code is in ``_ext``. So the run is staged in
``_build/mutate``: the package as ``src/soplib``, a copy of the tests, and the settings
below in a ``pyproject.toml`` of its own. The tests read the library's files (``conf.py``,
the catalogs, the samples) from the repository (``SOPLIB_REPOSITORY``), and Mermaid from
its ``node_modules``; pytest imports the mutated package first (``-p soplib``), so the
builds' ``conf.py`` finds it loaded rather than loading the one in ``_ext``. mutmut keeps
its results in the stage, so a second run tests again only the functions whose code or
tests changed.

A mutant survives when no test fails on it, counted with those no test reaches. The
README lists the survivors that no test can kill, each with its reason
(:data:`EQUIVALENTS_HEADING`); every other survivor is listed here, with its location.
The command fails when the score is under :data:`TARGET` or a survivor is unexplained.
"""

from __future__ import annotations

import argparse
import ast
import configparser
import difflib
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from support.projects import REPO

#: The share of mutants the tests must kill.
TARGET = 0.85
#: The modules that hold the rules, as paths in the package.
MODULES = ["checks/*", "model/*", "tools/impact/*", "site/library.py"]
#: The tests that read the code as text (layers, catalogs, asserts, the registry): a
#: changed string fails them with no behaviour changed.
READ_THE_CODE = ["test_layers.py", "test_catalogs.py", "test_assertions.py", "test_registry.py"]
#: The builds that hold many cases each, in the order they run (the one that checks the
#: most first, as a mutant's tests stop at the first that fails), each with the modules
#: whose mutants it tests (None: every module). A build reaches nearly every module, but
#: most are not what it is for, and each survivor would cost every build.
BUILDS: dict[str, list[str] | None] = {
    "test_every_defect.py": None,
    "test_raw_html.py": ["checks/raw_html.py", "checks/html_policy.py"],
    "test_in_force.py": ["model/in_force.py", "model/dates.py"],
    "test_settings.py": ["model/settings.py"],
    "test_kpi.py": ["checks/kpi.py", "model/kpi.py", "model/kpi_csv.py", "model/problems.py"],
}
#: The tests that exercise the rules in this process, quickly: the unit tests but those,
#: and those builds. Left out too: every test that runs a command or a browser, which
#: mutmut cannot see into. The unit tests are named by their folder, so a new test file
#: joins the run without changing mutmut's settings, which would make it test every
#: mutant again.
TESTS = ["tests/unit", *(f"tests/builds/{name}" for name in BUILDS)]
#: The README's section that lists the equivalent mutants.
EQUIVALENTS_HEADING = "### Mutants no test can kill"
#: mutmut's exit codes of a mutant's test run: these count as killed.
KILLED = {1, 3, 24, -24, 36, 152, 255, 37}
SURVIVED = {0, 5, 33}
#: The name mutmut gives each copy of a function: x_f__mutmut_3, xǁClassǁm__mutmut_orig.
MANGLED = re.compile(r"def x(?:_|ǁ\w+ǁ)(\w+?)__mutmut_(?:orig|\d+)")


@dataclass(frozen=True)
class Survivor:
    """A mutant no test failed on: mutmut's name for it, where it is, and the line
    before and after."""

    name: str
    path: str
    line: int
    function: str
    before: str
    after: str
    reached: bool

    def key(self) -> tuple[str, str, str]:
        return self.path, self.before, self.after

    def describe(self) -> str:
        reach = "" if self.reached else " (no test reaches it)"
        return (
            f"{self.path}:{self.line}: in {self.function}{reach}\n"
            f"    - {self.before}\n    + {self.after}"
        )


def stage(folder: Path) -> None:
    """Lay out the package, the tests and mutmut's settings in the stage."""
    ignore = shutil.ignore_patterns("__pycache__", ".hypothesis", "*.pyc")
    for source, target in [(REPO / "_ext" / "soplib", folder / "src" / "soplib"),
                           (REPO / "tests", folder / "tests")]:  # fmt: skip
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target, ignore=ignore, copy_function=shutil.copy2)
    settings = "\n".join(
        [
            "[tool.mutmut]",
            'source_paths = ["src/soplib"]',
            f"only_mutate = {toml_list(f'src/soplib/{module}' for module in MODULES)}",
            "pytest_add_cli_args = "
            + toml_list(
                [
                    "-p",
                    "no:xdist",
                    "-p",
                    "no:cacheprovider",
                    "-p",
                    "soplib",
                    "-p",
                    "support.mutation_order",
                    *(f"--ignore=tests/unit/{name}" for name in READ_THE_CODE),
                ]
            ),  # fmt: skip
            f"pytest_add_cli_args_test_selection = {toml_list(TESTS)}",
            # mutmut would test every mutant again when any file of the repository but a
            # .py one changes, the Makefile or a catalog; what a change to the samples or
            # the catalogs may revive, make mutate MODULES=... tests again
            'on_dependency_change = "ignore"',
            # a mutant reached by a build runs every test of the build (mutation_order),
            # which mutmut's estimate, from the tests it saw the build in, leaves out
            "timeout_constant = 10.0",
            "",
            "[tool.pytest.ini_options]",
            'pythonpath = ["tests"]',
            f"filterwarnings = {toml_list(pytest_setting('filterwarnings'))}",
            "",
        ]
    )
    written = folder / "pyproject.toml"
    if written.is_file() and written.read_text(encoding="utf-8") != settings:
        # mutmut keeps a file it copied unmutated as it is when it is mutated later
        shutil.rmtree(folder / "mutants", ignore_errors=True)
    written.write_text(settings, encoding="utf-8")
    mutants = folder / "mutants"
    mutants.mkdir(exist_ok=True)
    for path in (folder / "src").rglob("*"):
        # mutmut copies the package's other files (catalogs, templates) only once
        kept = mutants / path.relative_to(folder)
        other = path.suffix != ".py" and kept.is_file()
        if other and kept.read_bytes() != path.read_bytes():
            shutil.copy2(path, kept)
    node_modules = mutants / "node_modules"
    if not node_modules.is_symlink():
        node_modules.symlink_to(REPO / "node_modules")


def toml_list(items: Iterable[str]) -> str:
    return "[" + ", ".join(json.dumps(item) for item in items) + "]"


def pytest_setting(name: str) -> list[str]:
    """A setting of the repository's pytest.ini, one item a line."""
    parser = configparser.ConfigParser()
    parser.read(REPO / "pytest.ini", encoding="utf-8")
    lines = parser["pytest"][name].splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def run_mutmut(folder: Path, jobs: int, patterns: list[str]) -> int:
    """mutmut's run in the stage, of the mutants whose names match patterns (with none,
    of every mutant not tested yet); its exit status."""
    mutmut = Path(sys.executable).with_name("mutmut")
    environment = {**os.environ, "SOPLIB_REPOSITORY": str(REPO),
                   "PYTHONPATH": str(folder / "tests")}  # fmt: skip
    done = subprocess.run([str(mutmut), "run", "--max-children", str(jobs), *patterns],
                          cwd=folder, env=environment, check=False)  # fmt: skip
    return done.returncode


def name_pattern(module: str) -> str:
    """The names of a file's or a folder's mutants: model/dates.py -> soplib.model.dates.*"""
    return "soplib." + module.removesuffix(".py").strip("/*").replace("/", ".") + ".*"


def function_lines(source: str) -> dict[str, int]:
    """The first line of each function, by mutmut's name of it (``x_f``, ``xǁCǁm``)."""
    lines: dict[str, int] = {}
    tree = ast.parse(source)
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            lines[f"x_{node.name}"] = node.lineno
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    lines[f"xǁ{node.name}ǁ{item.name}"] = item.lineno
    return lines


def survivors_of(folder: Path, path: Path, exit_codes: dict[str, int | None]) -> list[Survivor]:
    """The surviving mutants of one file, each at the line of the original it changes."""
    relative = path.relative_to(folder / "mutants" / "src")
    original = (folder / "src" / relative).read_text(encoding="utf-8")
    starts = function_lines(original)
    mutated = path.read_text(encoding="utf-8").splitlines()
    spans = json.loads(path.with_name(path.name + ".spans").read_text())["spans"]
    found = []
    for name, code in exit_codes.items():
        if code not in SURVIVED:
            continue
        mangled = name.rpartition(".")[2]
        function = mangled.partition("__mutmut_")[0]
        first, last = spans[mangled]
        start, end = spans[f"{function}__mutmut_orig"]
        before_lines = [unmangled(line) for line in mutated[start - 1 : end]]
        after_lines = [unmangled(line) for line in mutated[first - 1 : last]]
        changed = next(
            (i for i, (a, b) in enumerate(zip(before_lines, after_lines, strict=False)) if a != b),
            min(len(before_lines), len(after_lines)) - 1,
        )
        before, after = changed_text(before_lines[changed:], after_lines[changed:])
        found.append(
            Survivor(
                name=name,
                path=f"_ext/{relative}",
                line=starts[function] + changed,
                function=re.sub("^xǁ|^x_", "", function).replace("ǁ", "."),
                before=before,
                after=after,
                reached=code == 0,
            )
        )
    return found


def unmangled(line: str) -> str:
    """A line of mutmut's copy of a function, with the function's own name again."""
    return MANGLED.sub(r"def \1", line)


def changed_text(before: list[str], after: list[str]) -> tuple[str, str]:
    """The lines a mutation changes, each side joined into one line."""
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag != "equal":
            return (" ".join(s.strip() for s in before[a1:a2]) or "(nothing)",
                    " ".join(s.strip() for s in after[b1:b2]) or "(nothing)")  # fmt: skip
    return "(nothing)", "(nothing)"


@dataclass
class Results:
    """By file of the package: its mutants tested, those killed, those not tested yet;
    and every survivor."""

    tested: Counter[str]
    killed: Counter[str]
    untested: Counter[str]
    survivors: list[Survivor]


def results(folder: Path, modules: list[str]) -> Results:
    """What mutmut found of the modules' mutants (``model/dates.py``, ``checks/*``)."""
    found = Results(Counter(), Counter(), Counter(), [])
    package = folder / "mutants" / "src" / "soplib"
    for meta in sorted(package.rglob("*.py.meta")):
        path = meta.with_suffix("")
        relative = path.relative_to(package).as_posix()
        if not any(fnmatch.fnmatch(relative, module) for module in modules):
            continue
        codes = json.loads(meta.read_text())["exit_code_by_key"]
        tested = {key: code for key, code in codes.items() if code is not None}
        name = f"_ext/soplib/{relative}"
        found.untested[name] += len(codes) - len(tested)
        if tested:
            found.tested[name] += len(tested)
            found.killed[name] += sum(code in KILLED for code in tested.values())
            found.survivors += survivors_of(folder, path, tested)
    return found


def explained(readme: str) -> set[tuple[str, str, str]]:
    """The survivors the README explains: rows of path, line before, line after, reason."""
    section = readme.partition(EQUIVALENTS_HEADING)[2].split("\n## ")[0].split("\n### ")[0]
    rows = re.findall(r"^\| `([^`]+)` \| `(.+?)` \| `(.+?)` \|", section, re.MULTILINE)
    return {tuple(cell.replace("\\|", "|") for cell in row) for row in rows}


def report(found: Results, unexplained: list[Survivor]) -> str:
    """The score by file and in all, and what is left to do."""
    tested, killed = found.tested, found.killed
    lines = ["| file | mutants | killed | score |", "| --- | ---: | ---: | ---: |"]
    for name in sorted(tested):
        lines.append(f"| {name} | {tested[name]} | {killed[name]} | "
                     f"{killed[name] / tested[name]:.0%} |")  # fmt: skip
    total, dead = sum(tested.values()), sum(killed.values())
    lines.append(f"| all | {total} | {dead} | {score(found):.1%} |")
    lines.append("")
    lines.append(f"make mutate: {dead} of {total} mutants killed ({score(found):.1%}); "
                 f"the target is {TARGET:.0%}.")  # fmt: skip
    if untested := sum(found.untested.values()):
        lines.append(f"{untested} mutants are not tested yet: make mutate goes on with them.")
    if unexplained:
        lines.append(f"{len(unexplained)} survivors are not explained in the README "
                     f"('{EQUIVALENTS_HEADING}'): kill each with a test, "
                     "or explain it there.")  # fmt: skip
    return "\n".join(lines)


def score(found: Results) -> float:
    return sum(found.killed.values()) / max(sum(found.tested.values()), 1)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="make mutate", description=__doc__)
    parser.add_argument("--builddir", type=Path, default=REPO / "_build")
    parser.add_argument("--modules", nargs="*", default=MODULES,
                        help="files or folders of the package, like model/dates.py")  # fmt: skip
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--survivors", action="store_true",
                        help="test again only the survivors not explained, as after writing "
                             "tests for them")  # fmt: skip
    options = parser.parse_args(argv)
    folder = options.builddir / "mutate"
    folder.mkdir(parents=True, exist_ok=True)
    stage(folder)
    chosen = options.modules != MODULES
    modules = [m if m.endswith((".py", "*")) else m.rstrip("/") + "/*" for m in options.modules]
    known = explained((REPO / "README.md").read_text(encoding="utf-8"))
    if options.survivors:  # by their names; none left, no run
        again = [s.name for s in results(folder, modules).survivors if s.key() not in known]
        status = run_mutmut(folder, options.jobs, again) if again else 0
    else:  # the modules named, or every mutant not tested yet
        patterns = [name_pattern(m) for m in modules] if chosen else []
        status = run_mutmut(folder, options.jobs, patterns)
    found = results(folder, modules)
    unexplained = [s for s in found.survivors if s.key() not in known]
    listing = folder / "survivors.txt"
    listing.write_text("".join(s.describe() + "\n" for s in unexplained), encoding="utf-8")
    for survivor in unexplained[:100]:
        print(survivor.describe())
    if len(unexplained) > 100:
        print(f"... and {len(unexplained) - 100} more, all in {listing}")
    print(report(found, unexplained))
    if status != 0:
        print(f"make mutate: mutmut stopped with status {status}; see its output above",
              file=sys.stderr)  # fmt: skip
        return 2
    return (
        0 if score(found) >= TARGET and not unexplained and not sum(found.untested.values()) else 1
    )


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
