"""A new SOP in one command: ``make sop TITLE=... AREA=... FORMAT=... OWNER=... LANG=...``.

Writes ``sops/<area>/<title as a file name>.md`` from the skeleton of the format in
the language's folder of ``_templates/sop/`` (the library's language unless LANG says
another): the next free id, today's date, status ``draft``, version ``0.1.0``, the nine
sections with their titles and a line of guidance each in that language, and step ids
of its own. The file name is the title in plain letters: "Az ügyfél várakoztatása" is
``az-ugyfel-varakoztatasa.md``. The area's page lists it by itself. Asks for what is
missing when run at a terminal; refuses an unknown area, format, owner or language, and
never overwrites a file. It speaks the library's language.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import runpy
import sys
from pathlib import Path

from ..model.frontmatter import FORMATS, sop_files
from ..model.i18n import say, use_author_language
from ..model.trace import ascii_words

SOP_ID = re.compile(r"^(SOP-[A-Z]+-)(\d+)$")


SKELETONS = Path("_templates") / "sop"


def languages(root: Path) -> list[str]:
    """The languages with skeletons: a folder each under _templates/sop/."""
    return sorted(p.name for p in (root / SKELETONS).iterdir() if p.is_dir())


def library_language(root: Path) -> str:
    """The language of the library, as conf.py says (English if it says none)."""
    conf = root / "conf.py"
    language = runpy.run_path(str(conf)).get("language") if conf.exists() else None
    return str(language or "en").partition("_")[0]


def areas(root: Path) -> list[str]:
    return sorted(p.parent.name for p in root.glob("sops/*/index.md") if p.parent.name != "catalog")


def roles(root: Path) -> list[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in root.glob("sops/catalog/*.md"))
    return sorted(set(re.findall(r"^:id:\s*(ROLE_[A-Z0-9_]+)\s*$", text, flags=re.M)))


def next_id(root: Path) -> str:
    """One more than the highest SOP number in use, with the same prefix."""
    numbers, prefix, width = [], "SOP-CC-", 3
    for _, front in sop_files(root, "sops/*/*.md"):
        match = SOP_ID.match(str(front.values.get("id", "")))
        if match:
            prefix, width = match[1], len(match[2])
            numbers.append(int(match[2]))
    return f"{prefix}{max(numbers, default=0) + 1:0{width}d}"


def file_name(title: str) -> str:
    """The title in plain lower-case letters and hyphens: accents dropped, ß as ss."""
    return "-".join(ascii_words(title)) + ".md"


def new_sop(
    root: Path,
    title: str,
    area: str,
    sop_format: str,
    owner: str,
    today: datetime.date,
    language: str = "en",
) -> Path:
    """Write the new SOP; ValueError says what is wrong with the request."""
    problems = []
    if language not in languages(root):
        problems.append(
            say(
                "LANG %(language)s has no skeletons: use one of %(languages)s, or add "
                "_templates/sop/%(folder)s/ with a skeleton per format",
                language=repr(language),
                languages=", ".join(languages(root)),
                folder=language,
            )
        )
    if not title.strip():
        problems.append(
            say('TITLE is empty: give the procedure\'s name, such as TITLE="Lost or stolen card"')
        )
    if area not in areas(root):
        problems.append(
            say(
                "AREA %(area)s is not an area: use one of %(areas)s",
                area=repr(area),
                areas=", ".join(areas(root)),
            )
        )
    if sop_format not in FORMATS:
        problems.append(
            say(
                "FORMAT %(format)s is not a format: use one of %(formats)s",
                format=repr(sop_format),
                formats=", ".join(FORMATS),
            )
        )
    if owner not in roles(root):
        problems.append(
            say(
                "OWNER %(owner)s is not a role of the catalog: use one of %(roles)s",
                owner=repr(owner),
                roles=", ".join(roles(root)),
            )
        )
    if problems:
        raise ValueError("\n".join(problems))
    path = root / "sops" / area / file_name(title)
    if path.exists():
        raise ValueError(
            say(
                "%(path)s exists already: choose another TITLE",
                path=path.relative_to(root),
            )
        )
    sop_id = next_id(root)
    skeleton = (root / SKELETONS / language / f"{sop_format}.md").read_text(encoding="utf-8")
    lines = [line for line in skeleton.splitlines() if not line.startswith("# ")]
    text = "\n".join(lines) + "\n"
    text = re.sub(r"^id: .*$", f"id: {sop_id}", text, count=1, flags=re.M)
    text = re.sub(r"^title: .*$", f"title: {yaml_text(title.strip())}", text, count=1, flags=re.M)
    text = re.sub(r"^owner: \S+", f"owner: {owner}", text, count=1, flags=re.M)
    text = re.sub(r"^effective: \S+", f"effective: {today.isoformat()}", text, count=1, flags=re.M)
    if language != library_language(root):  # labelled and marked as its own (README, Languages)
        text = re.sub(r"^(format: .*)$", rf"\1\nlanguage: {language}", text, count=1, flags=re.M)
    text = text.replace("STEP_NEW_", f"STEP_{sop_id.split('-', 1)[1].replace('-', '')}_")
    path.write_text(text, encoding="utf-8")
    return path


def yaml_text(value: str) -> str:
    """A value as YAML reads it back: quoted when it holds what YAML would read otherwise."""
    if re.search(r": |\s#|^[\W\d]", value) or value.lower() in ("yes", "no", "true", "false"):
        return json.dumps(value, ensure_ascii=False)
    return value


def ask(question: str, value: str | None) -> str:
    """The value given, or, at a terminal, the one the author types to the question."""
    if value or not sys.stdin.isatty():
        return value or ""
    return input(f"{question}: ").strip()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="make sop", description=__doc__.splitlines()[0])
    for name in ("title", "area", "format", "owner", "lang"):
        parser.add_argument(f"--{name}", default="")
    args = parser.parse_args(argv)
    root = Path.cwd()
    use_author_language(library_language(root))
    language = args.lang or library_language(root)
    title = ask(say("TITLE, the procedure's name"), args.title)
    area = ask(say("AREA (%(areas)s)", areas=", ".join(areas(root))), args.area)
    sop_format = ask(say("FORMAT (%(formats)s)", formats=", ".join(FORMATS)), args.format)
    owner = ask(say("OWNER, a role (%(roles)s)", roles=", ".join(roles(root))), args.owner)
    try:
        path = new_sop(root, title, area, sop_format, owner, datetime.date.today(), language)
    except ValueError as error:
        print("make sop: " + str(error).replace("\n", "\nmake sop: "), file=sys.stderr)
        return 2
    print(
        say(
            "wrote %(path)s: a draft. Replace each <...> line with the SOP's own text; make "
            "serve shows it as you write.",
            path=path.relative_to(root),
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
