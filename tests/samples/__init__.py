"""Sample SOPs, one per format, that build clean; tests break them one way at a time."""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).parent

SIMPLE = (HERE / "simple.md").read_text(encoding="utf-8")
HIERARCHICAL = (HERE / "hierarchical.md").read_text(encoding="utf-8")
FLOWCHART = (HERE / "flowchart.md").read_text(encoding="utf-8")


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line on which needle appears (its n-th occurrence)."""
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} is not in the text")


def replace(text: str, old: str, new: str) -> str:
    """text with old replaced once; a test whose old is absent fails at once."""
    assert old in text, f"{old!r} is not in the text"
    return text.replace(old, new, 1)


#: make impact's sample: both libraries' exports, the report and what it prints.
IMPACT_SAMPLE = HERE / "impact"


def dumped(data: object) -> str:
    """JSON as the samples keep it: indented, keys in order, words as they are."""
    return json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
