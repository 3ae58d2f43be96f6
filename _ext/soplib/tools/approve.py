"""Record an approval: ``make approve SOP=SOP-CC-001`` stamps the SOP's front matter with
the fingerprint of the content being approved (``approved_fingerprint``). The approver
sets ``status: approved`` and commits both: the approving commit. The page and the
catalog then say whether the content is still the content approved, and the change
report (make impact) fails an ``approved`` SOP whose stamp is not of its content.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from ..model.frontmatter import fingerprint, sop_files, split_front_matter

STAMP = "approved_fingerprint"


def find_sop(root: Path, sop_id: str) -> tuple[Path, dict[str, Any]] | None:
    """The file of the SOP with this id, under root/sops, and its front matter."""
    return next(
        (
            (path, front.values)
            for path, front in sop_files(root)
            if front.values.get("id") == sop_id
        ),
        None,
    )


def stamp(text: str) -> str:
    """The text with its approval stamp set to the fingerprint of its content."""
    block = split_front_matter(text)
    if block is None or not block[1]:
        raise ValueError("it has no front matter")
    lines = text.split("\n")
    closing = block[1] - 1  # index of the closing '---'
    line = f"{STAMP}: {fingerprint(text)}"
    for index in range(1, closing):
        if re.match(rf"{STAMP}\s*:", lines[index]):
            lines[index] = line
            break
    else:
        lines.insert(closing, line)
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not argv[0].strip():
        print(
            "usage: make approve SOP=<SOP id>, such as make approve SOP=SOP-CC-001", file=sys.stderr
        )
        return 2
    found = find_sop(Path.cwd(), argv[0])
    if found is None:
        print(f"make approve: no SOP has the id {argv[0]!r} under sops/", file=sys.stderr)
        return 2
    path, front = found
    try:
        path.write_text(stamp(path.read_text(encoding="utf-8")), encoding="utf-8")
    except ValueError as error:
        print(f"make approve: {path} cannot be stamped: {error}", file=sys.stderr)
        return 2
    status = "" if front.get("status") == "approved" else "set `status: approved` and "
    print(f"{argv[0]} ({path}): approval recorded; {status}commit it: the approving commit")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
