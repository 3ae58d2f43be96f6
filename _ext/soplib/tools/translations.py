"""Keep the translation catalogs up to date: ``make translations``.

Run it after a change to the code's words or to the library's text:

- the words of the extension (every ``_()``, ``N_()`` and ``ngettext()`` of ``soplib``
  and every ``_()`` of its scripts) are extracted into ``locales/soplib.pot``, and each
  language's ``soplib.po`` is brought up to date with it: new words are added empty,
  changed ones marked fuzzy, the rest kept;
- the text of the library (SOPs, catalogs, pages) is extracted by Sphinx's gettext
  builder, and each language of ``sop_translations`` gets its catalogs in
  ``locales/<language>/LC_MESSAGES/`` updated by sphinx-intl, with the same rules.

A translator then fills in what is empty or fuzzy, and removes the fuzzy mark.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from ..model.i18n import CATALOG, LOCALES, read_catalog
from .editions import editions

PACKAGE = LOCALES.parent
#: How messages are marked in the code and scripts.
KEYWORDS = {"_": None, "N_": None, "Nn_": (1, 2), "ngettext": (1, 2), "say": None,
            "say_n": (1, 2)}  # fmt: skip
METHODS = [("**.py", "python"), ("site/static/*.js", "javascript")]
HEADER = (
    "# The words of the SOP library's site (soplib). make translations keeps this file in\n"
    "# step with the code; a translator fills in what is empty or fuzzy."
)


def extract_messages() -> Catalog:
    """Every message of the extension's code and scripts, with where it is used."""
    template = Catalog(project="soplib", charset="utf-8", header_comment=HEADER)
    for filename, line, message, comments, context in extract_from_dir(
        PACKAGE, METHODS, keywords=KEYWORDS, comment_tags=("Translators:",)
    ):
        template.add(
            message, None, [(f"soplib/{filename}", line)], auto_comments=comments, context=context
        )
    return template


def po_text(catalog: Catalog) -> str:
    """A catalog as .po text, without the dates that would change it on every run."""
    out = io.BytesIO()
    write_po(out, catalog, width=88, omit_header=False, sort_output=False)
    lines = out.getvalue().decode("utf-8").splitlines(keepends=True)
    dated = ('"POT-Creation-Date', '"PO-Revision-Date')
    return "".join(line for line in lines if not line.startswith(dated))


def update_code_catalogs() -> list[Path]:
    """Write soplib.pot and bring each language's soplib.po and sphinx.po up to date with
    soplib.pot and the hand-kept sphinx.pot (the theme's and Sphinx's missing words)."""
    code = extract_messages()
    changed = write_if_changed(LOCALES / f"{CATALOG}.pot", po_text(code))
    templates = {CATALOG: code, "sphinx": read_catalog(LOCALES / "sphinx.pot")}
    for folder in sorted(p for p in LOCALES.iterdir() if (p / "LC_MESSAGES").is_dir()):
        for name, template in templates.items():
            path = folder / "LC_MESSAGES" / f"{name}.po"
            catalog = Catalog(locale=folder.name, charset="utf-8", header_comment=HEADER)
            if path.exists():
                with path.open(encoding="utf-8") as source:
                    catalog = read_po(source, locale=folder.name)
            catalog.update(template, update_creation_date=False)
            changed += write_if_changed(path, po_text(catalog))
    return changed


def write_if_changed(path: Path, text: str) -> list[Path]:
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return []
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return [path]


def update_library_catalogs(root: Path, builddir: Path) -> int:
    """Extract the library's text with Sphinx's gettext builder, and bring each translated
    language's catalogs in locales/ up to date with sphinx-intl; the exit status."""
    _source, languages = editions(root)
    if not languages:
        return 0
    templates = builddir / "gettext"
    extract = [sys.executable, "-m", "sphinx", "-b", "gettext", "-q", "-d",
               str(builddir / "gettext-doctrees"), str(root), str(templates)]  # fmt: skip
    update = [sys.executable, "-m", "sphinx_intl", "update", "-p", str(templates), "-d",
              "locales", *(f"--language={language}" for language in languages)]  # fmt: skip
    if (done := subprocess.run(extract, cwd=root)).returncode != 0:
        return done.returncode
    # The words of the theme's templates (sphinx.pot) are the code's, translated in
    # _ext/soplib/locales with Sphinx's own: a library catalog of that name would shadow them.
    (templates / "sphinx.pot").unlink(missing_ok=True)
    return subprocess.run(update, cwd=root).returncode


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="make translations", description=__doc__.splitlines()[0])
    parser.add_argument("--builddir", type=Path, default=Path("_build"))
    args = parser.parse_args(argv)
    for path in update_code_catalogs():
        print(f"updated {path.relative_to(PACKAGE.parent.parent)}")
    return update_library_catalogs(Path.cwd(), args.builddir)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
