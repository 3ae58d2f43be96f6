"""Build the site in every language it is published in: ``make html``.

The library in its own language goes to ``_build/html/``, and each language of
``sop_translations`` to ``_build/html/<language>/``, from the catalogs in
``locales/<language>/``: each build with warnings as errors and every problem reported.

When a build fails, no site is left that looks good: its pages are moved to
``_build/html-failed/``, where the next run takes them back to start from, and the
environment is kept, so the next run reads only the pages that changed and those that
had a problem (:mod:`soplib.checks.reread`), and still reports every problem. The last
lines the author reads are the problems, one a line, and that no site was written.

A KPI figures file (``sop_kpi_folder``) with a line the build cannot read does not stop
the site: that line is left out of it, and its problem is listed after the site is
written. A monthly export of figures never holds back a procedure's fix.
"""

from __future__ import annotations

import argparse
import re
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

from ..model.i18n import say, say_n, use_author_language
from ..model.settings import SETTINGS
from ..model.translations import language_name


def editions(root: Path) -> tuple[str, list[str]]:
    """The library's language and the languages of its translated editions (conf.py)."""
    conf = runpy.run_path(str(root / "conf.py"))
    return str(conf.get("language") or "en"), list(conf.get("sop_translations", []))


def figures_folder(root: Path) -> str:
    """The folder of the KPI figures files, from the root (``sop_kpi_folder``)."""
    conf = runpy.run_path(str(root / "conf.py"))
    default = next(s.default for s in SETTINGS if s.name == "sop_kpi_folder")
    return Path(str(conf.get("sop_kpi_folder", default))).as_posix().strip("/") + "/"


#: A problem as sphinx-build writes it to its warning file: file:line: LEVEL: message
PROBLEM = re.compile(r"^(?:(?P<where>.+?): )?(?:WARNING|ERROR|CRITICAL): (?P<what>.*)$")


def build(root: Path, builddir: Path, options: list[str], source: str, language: str) -> int:
    """Build one edition, its problems written to problems_file(); sphinx-build's status."""
    translated = language != source
    outdir = builddir / "html" / (language if translated else "")
    doctrees = builddir / "doctrees" / (language if translated else "")
    settings = ["-D", f"language={language}", "-D", f"sop_source_language={source}"]
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going",
               "-d", str(doctrees), "-w", str(problems_file(builddir, language)),
               *(settings if translated else []), *options, str(root), str(outdir)]  # fmt: skip
    problems_file(builddir, language).parent.mkdir(parents=True, exist_ok=True)
    return subprocess.run(command, cwd=root).returncode


def problems_file(builddir: Path, language: str) -> Path:
    return builddir / "problems" / f"{language}.txt"


def problems(root: Path, builddir: Path, languages: list[str]) -> list[str]:
    """Each problem the builds of these editions reported, once, on one line:
    ``file:line: what is wrong: how to fix it [sop.subtype]``, paths from the root, in
    the order of the files and their lines."""
    found: dict[str, None] = {}
    for language in languages:
        path = problems_file(builddir, language)
        text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
        for line in text.splitlines():
            if match := PROBLEM.match(line):
                where = match["where"].replace(f"{root}/", "") if match["where"] else ""
                found[f"{where}: {match['what']}" if where else match["what"]] = None
    return sorted(found, key=file_and_line)


def file_and_line(problem: str) -> tuple[str, int]:
    where = re.match(r"([^:]*):(\d+): ", problem)
    return (where[1], int(where[2])) if where else ("", 0)


def edition_names(languages: list[str], source: str) -> str:
    return ", ".join(language_name(language, source) for language in languages)


def failure_summary(found: list[str], failed: list[str], source: str) -> str:
    """What the author reads last when a build fails, in the library's language."""
    names = edition_names(failed, source)
    head = (
        say_n(
            "make html found %(count)d problem", "make html found %(count)d problems", len(found)
        )  # fmt: skip
        + " ("
        + say_n("in the %(names)s edition", "in the %(names)s editions", len(failed), names=names)
        + "):"
        if found
        else say(
            "make html stopped in the %(names)s edition: see the messages above.", names=names
        )  # fmt: skip
    )
    last = say("No site was written: fix the problems and run make html again.")
    return "\n".join(["", head, *found, last])


def figures_summary(found: list[str]) -> str:
    """What the author reads when the site was written without some KPI figures."""
    return "\n".join(
        [
            say_n(
                "make html left out %(count)d line of the KPI figures that it could not "
                "read; the site shows the other figures:",
                "make html left out %(count)d lines of the KPI figures that it could not "
                "read; the site shows the other figures:",
                len(found),
            ),
            *found,
            say("Fix the figures file and run make html again to show them."),
        ]
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="make html", description=__doc__.splitlines()[0])
    parser.add_argument("--builddir", type=Path, default=Path("_build"))
    args, options = parser.parse_known_args(argv)
    root = Path.cwd()
    source, translations = editions(root)
    use_author_language(source)
    site, failed_site = args.builddir / "html", args.builddir / "html-failed"
    if failed_site.is_dir() and not site.exists():
        failed_site.rename(site)  # the last build's pages, to build on
    shutil.rmtree(failed_site, ignore_errors=True)
    languages = [source, *translations]
    statuses = {language: build(root, args.builddir, options, source, language)
                for language in languages}  # fmt: skip
    found = problems(root, args.builddir, languages)
    figures = [problem for problem in found if problem.startswith(figures_folder(root))]

    def stopped(language: str) -> bool:
        """Whether an edition failed for more than figures left out (or for no reason
        it could say)."""
        own = problems(root, args.builddir, [language])
        return statuses[language] != 0 and not (own and set(own) <= set(figures))

    failed = [language for language in languages if stopped(language)]
    if failed:
        if site.is_dir():
            site.rename(failed_site)
        print(failure_summary(found, failed, source), file=sys.stderr)
        return 1
    others = ", ".join(f"{site}/{language}/" for language in translations)
    where = say("The site is in %(index)s", index=f"{site}/index.html")
    print(where + (say("; its editions in %(others)s", others=others) if others else ""))
    if figures:
        print(figures_summary(figures), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
