"""make impact: build both libraries, compare them, print the report, write its JSON."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from ...model.i18n import use_author_language
from ..codeowners import review_teams
from ..editions import editions
from .builds import ImpactError, build_library, library_at
from .compare import compare
from .markdown import markdown


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="make impact", description="What a change does to the library, for the pull request."
    )
    parser.add_argument("--base", required=True, help="the git revision to compare with")
    parser.add_argument("--json", type=Path, help="where to write the report as JSON")
    args = parser.parse_args(argv)
    repo = Path.cwd()
    use_author_language(editions(repo)[0])
    try:
        with tempfile.TemporaryDirectory() as tmp:
            base = library_at(repo, args.base, Path(tmp) / "base")
            new = build_library(repo, repo, Path(tmp) / "new")
    except ImpactError as error:
        print(f"make impact: {error}", file=sys.stderr)
        return 2
    report = compare(base, new, *review_teams(repo))
    print(markdown(report, args.base), end="")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
