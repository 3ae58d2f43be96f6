"""Build the site in every language it is published in: ``make html``.

The library in its own language goes to ``_build/html/``, and each language of
``sop_translations`` to ``_build/html/<language>/``, from the catalogs in
``locales/<language>/``: each build with warnings as errors and every problem reported.
When a build fails, no site is left that looks good (``_build/html`` is removed) and the
next run reads every page again, so it reports every problem, not only new ones.
"""

from __future__ import annotations

import argparse
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

from ..model.translations import language_name


def editions(root: Path) -> tuple[str, list[str]]:
    """The library's language and the languages of its translated editions (conf.py)."""
    conf = runpy.run_path(str(root / "conf.py"))
    return str(conf.get("language") or "en"), list(conf.get("sop_translations", []))


def build(root: Path, builddir: Path, options: list[str], source: str, language: str) -> int:
    """Build one edition; the exit status of sphinx-build."""
    translated = language != source
    outdir = builddir / "html" / (language if translated else "")
    doctrees = builddir / "doctrees" / (language if translated else "")
    settings = ["-D", f"language={language}", "-D", f"sop_source_language={source}"]
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-W", "--keep-going",
               "-d", str(doctrees), *(settings if translated else []), *options,
               str(root), str(outdir)]  # fmt: skip
    return subprocess.run(command, cwd=root).returncode


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="make html", description=__doc__.splitlines()[0])
    parser.add_argument("--builddir", type=Path, default=Path("_build"))
    args, options = parser.parse_known_args(argv)
    root = Path.cwd()
    source, translations = editions(root)
    failed = [language for language in [source, *translations]
              if build(root, args.builddir, options, source, language) != 0]  # fmt: skip
    if failed:
        shutil.rmtree(args.builddir / "html", ignore_errors=True)
        for pickle in (args.builddir / "doctrees").rglob("environment.pickle"):
            pickle.unlink()
        names = ", ".join(language_name(language, "en") for language in failed)
        print(f"make html: the build of the {names} edition(s) found the problems above; "
              "no site was written.", file=sys.stderr)  # fmt: skip
        return 1
    where = args.builddir / "html"
    others = ", ".join(f"{where}/{language}/" for language in translations)
    print(f"The site is in {where}/index.html" + (f"; its editions in {others}" if others else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
