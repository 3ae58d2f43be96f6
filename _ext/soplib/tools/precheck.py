"""The fast checks, for a pre-commit hook: the front matter and any guidance left in the
SOP files given, without building the site (make html makes every check).
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

from ..checks.fields import check_front_matter
from ..checks.structure import check_placeholders
from ..model.frontmatter import is_sop, read_front_matter
from ..model.settings import DEFAULT_ID_PATTERN


def check_file(path: Path, id_pattern: str = DEFAULT_ID_PATTERN) -> list[str]:
    """The problems of one file, as the build prints them."""
    text = path.read_text(encoding="utf-8")
    front, findings = read_front_matter(text)
    if not is_sop(front, findings):
        return []
    if not findings:
        meta, findings = check_front_matter(front, id_pattern)
        if meta.get("status", "draft") != "draft":
            findings += check_placeholders(
                text.splitlines(), front.last_line, meta.get("id", str(path))
            )
    return [
        f"{path}:{f.line}: {f.message} [sop.{f.problem.subtype}]"
        for f in sorted(findings, key=lambda f: f.line)
    ]


def main(argv: list[str]) -> int:
    conf = Path("conf.py")
    pattern = (
        runpy.run_path(str(conf)).get("sop_id_pattern", DEFAULT_ID_PATTERN)
        if (conf.exists())
        else DEFAULT_ID_PATTERN
    )
    problems = [line for name in argv for line in check_file(Path(name), pattern)]
    print("\n".join(problems)) if problems else None
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
