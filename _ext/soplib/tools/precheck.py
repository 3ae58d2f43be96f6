"""The fast checks, for a pre-commit hook: the front matter and any guidance left in the
SOP files given, without building the site (make html makes every check). Said as the
build says them: in the library's language, each with its Authoring guide entry.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

from ..checks.fields import check_front_matter
from ..checks.structure import check_placeholders
from ..model.frontmatter import is_sop, read_front_matter
from ..model.i18n import use_author_language
from ..model.problems import LOCAL_GUIDE, published_guide, with_guide
from ..model.settings import DEFAULT_ID_PATTERN


def check_file(
    path: Path, id_pattern: str = DEFAULT_ID_PATTERN, guide: str = LOCAL_GUIDE
) -> list[str]:
    """The problems of one file, as the build prints them (guide: the Authoring guide's
    page the messages end with)."""
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
        f"{path}:{f.line}: {with_guide(f.message, f.problem, guide)} [sop.{f.problem.subtype}]"
        for f in sorted(findings, key=lambda f: f.line)
    ]


def main(argv: list[str]) -> int:
    conf = Path("conf.py")
    settings = runpy.run_path(str(conf)) if conf.exists() else {}
    pattern = settings.get("sop_id_pattern", DEFAULT_ID_PATTERN)
    use_author_language(str(settings.get("language") or "en"))
    baseurl = settings.get("html_baseurl")
    guide = published_guide(str(baseurl)) if baseurl else LOCAL_GUIDE
    problems = [line for name in argv for line in check_file(Path(name), pattern, guide)]
    print("\n".join(problems)) if problems else None
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
