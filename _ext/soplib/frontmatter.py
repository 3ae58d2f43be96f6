"""SOP front matter: read the YAML block with the line of every field, and check it.

Pure functions, no Sphinx: each check yields :class:`Finding` with the 1-based line
of the source file.
"""

from __future__ import annotations

import calendar
import datetime
import difflib
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .problems import Finding, Problem

FORMATS = ("simple", "hierarchical", "flowchart")
STATUSES = ("draft", "in-review", "approved", "retired")
REQUIRED_FIELDS = ("id", "title", "format", "version", "status", "owner", "approver", "effective")
REVIEW_FIELDS = ("review_every", "next_review")
#: Optional: a change declared editorial, and the stamp of the last approval.
CHANGE_FIELDS = ("editorial", "approved_fingerprint")
SOP_FIELDS = REQUIRED_FIELDS + REVIEW_FIELDS + CHANGE_FIELDS
#: Front matter keys that Sphinx and MyST read; an SOP may carry them too.
SPHINX_FIELDS = ("orphan", "nocomments", "nosearch", "tocdepth", "myst", "html_meta")

VERSION = re.compile(r"^\d+\.\d+\.\d+$")
INTERVAL = re.compile(r"^(\d+)\s+(day|week|month|year)s?$")
ROLE_ID = re.compile(r"^ROLE_[A-Z0-9_]+$")


class _Loader(yaml.SafeLoader):
    """Safe YAML that leaves dates as text, so a bad date is our finding, not a crash."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class FrontMatter:
    """The fields of a front matter block and the source line of each."""

    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    first_line: int = 1
    last_line: int = 1

    def line(self, key: str) -> int:
        return self.lines.get(key, self.first_line)


def fingerprint(text: str) -> str:
    """The fingerprint of an SOP's content: its body after the front matter, with white
    space folded, so rewrapping a paragraph does not change it."""
    block = split_front_matter(text)
    body = text.split("\n", block[1])[-1] if block and block[1] else text
    return hashlib.sha256(" ".join(body.split()).encode()).hexdigest()[:16]


def split_front_matter(text: str) -> tuple[str, int] | None:
    """The YAML between the opening and closing '---' and the closing line's number,
    or None when the text has no front matter. An unclosed block has closing line 0."""
    lines = text.splitlines()
    if not lines or lines[0].rstrip() != "---":
        return None
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in ("---", "..."):
            return "\n".join(lines[1 : number - 1]), number
    return "\n".join(lines[1:]), 0


def read_front_matter(text: str) -> tuple[FrontMatter | None, list[Finding]]:
    """Parse a document's front matter; None when it has none."""
    block = split_front_matter(text)
    if block is None:
        return None, []
    yaml_text, closing_line = block
    front = FrontMatter(last_line=closing_line or 1)
    if not closing_line:
        return front, [
            Finding(1, Problem.FRONT_MATTER_SYNTAX,
                    "front matter opened with '---' on line 1 is never closed: "
                    "add a line '---' after the last field")
        ]
    loader = _Loader(yaml_text)
    try:
        node = loader.get_single_node()
        values = loader.construct_document(node) if node is not None else {}
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 2 if mark else 1
        return front, [
            Finding(line, Problem.FRONT_MATTER_SYNTAX,
                    f"front matter is not valid YAML ({error.problem}): write each field "
                    "as 'key: value' and put quotes around a value containing ': ' or '#'")
        ]
    finally:
        loader.dispose()
    if not isinstance(node, yaml.MappingNode) or not isinstance(values, dict):
        return front, [
            Finding(2, Problem.FRONT_MATTER_SYNTAX,
                    "front matter is not a list of fields: write each field as 'key: value'")
        ]
    findings = []
    for key_node, _ in node.value:
        key, line = key_node.value, key_node.start_mark.line + 2
        if key in front.lines:
            findings.append(
                Finding(line, Problem.DUPLICATE_FIELD,
                        f"field '{key}' is given twice (first on line {front.lines[key]}): "
                        "keep one")
            )
            continue
        front.lines[key] = line
    front.values = values
    return front, findings


def sop_files(root: Path, pattern: str = "sops/**/*.md") -> Iterator[tuple[Path, FrontMatter]]:
    """The files under root that have readable front matter, with it, in path order."""
    for path in sorted(root.glob(pattern)):
        front, findings = read_front_matter(path.read_text(encoding="utf-8"))
        if front is not None and not findings:
            yield path, front


def is_sop(front: FrontMatter | None, findings: list[Finding]) -> bool:
    """A page is an SOP when its front matter has an SOP field, or cannot be read."""
    return front is not None and (bool(findings) or any(k in front.values for k in SOP_FIELDS))


def parse_date(value: Any) -> datetime.date | None:
    """A YYYY-MM-DD date, or None."""
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        return None


def add_interval(start: datetime.date, interval: str) -> datetime.date:
    """The date an interval such as '12 months' after start (end of month if need be)."""
    match = INTERVAL.match(interval)
    assert match, interval
    count, unit = int(match[1]), match[2]
    if unit in ("day", "week"):
        return start + datetime.timedelta(days=count * (7 if unit == "week" else 1))
    months = start.month - 1 + count * (12 if unit == "year" else 1)
    year, month = start.year + months // 12, months % 12 + 1
    return datetime.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def check_front_matter(
    front: FrontMatter, id_pattern: str
) -> tuple[dict[str, Any], list[Finding]]:
    """The SOP's metadata (the valid fields, dates as dates) and the findings."""
    values, findings = front.values, []
    meta: dict[str, Any] = {}

    def problem(key: str, kind: Problem, message: str) -> None:
        findings.append(Finding(front.line(key), kind, message))

    for key in values:
        if key not in SOP_FIELDS and key not in SPHINX_FIELDS:
            close = difflib.get_close_matches(str(key), SOP_FIELDS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else (
                f"SOP fields are {', '.join(SOP_FIELDS)}")
            problem(key, Problem.UNKNOWN_FIELD, f"unknown front matter field '{key}': {hint}")
    for key in REQUIRED_FIELDS:
        if key not in values:
            problem(key, Problem.MISSING_FIELD,
                    f"front matter has no '{key}': add '{key}: {EXAMPLES[key]}'")
    if not any(key in values for key in REVIEW_FIELDS):
        problem("review_every", Problem.MISSING_FIELD,
                "front matter says neither when the SOP is reviewed: add "
                "'review_every: 12 months' or 'next_review: YYYY-MM-DD'")

    for key, value in values.items():
        check = FIELD_CHECKS.get(key)
        if check is None:
            continue
        if value is None or value == "":
            problem(key, Problem.MISSING_FIELD,
                    f"field '{key}' has no value: write '{key}: {EXAMPLES[key]}'")
            continue
        kind, fix, parsed = check(value, id_pattern)
        if parsed is None:
            problem(key, kind, f"{key} {value!r} {fix}")
        else:
            meta[key] = parsed
    if "next_review" not in meta and "effective" in meta and "review_every" in meta:
        meta["next_review"] = add_interval(meta["effective"], meta["review_every"])
    return meta, findings


EXAMPLES = {
    "id": "SOP-CC-001",
    "title": "<what the procedure does>",
    "format": "simple",
    "version": "0.1.0",
    "status": "draft",
    "owner": "ROLE_...",
    "approver": "ROLE_...",
    "effective": "YYYY-MM-DD",
    "next_review": "YYYY-MM-DD",
    "review_every": "12 months",
    "editorial": "true",
    "approved_fingerprint": "<run make approve>",
}


def _check_id(value: Any, pattern: str) -> tuple[Problem, str, str | None]:
    ok = isinstance(value, str) and re.fullmatch(pattern, value)
    return Problem.INVALID_ID, f"does not match {pattern}: write it like SOP-CC-001", (
        value if ok else None)


def _check_title(value: Any, _: str) -> tuple[Problem, str, str | None]:
    return Problem.INVALID_TITLE, "is not a title: write the procedure's name", _text(value)


def _check_format(value: Any, _: str) -> tuple[Problem, str, str | None]:
    ok = value in FORMATS
    return Problem.UNKNOWN_FORMAT, f"is not a format: use one of {', '.join(FORMATS)}", (
        value if ok else None)


def _check_status(value: Any, _: str) -> tuple[Problem, str, str | None]:
    ok = value in STATUSES
    return Problem.UNKNOWN_STATUS, f"is not a status: use one of {', '.join(STATUSES)}", (
        value if ok else None)


def _check_version(value: Any, _: str) -> tuple[Problem, str, str | None]:
    ok = isinstance(value, str) and VERSION.match(value)
    return Problem.INVALID_VERSION, "is not a version: write MAJOR.MINOR.PATCH, like 1.2.0", (
        value if ok else None)


def _check_role(value: Any, _: str) -> tuple[Problem, str, str | None]:
    ok = isinstance(value, str) and ROLE_ID.match(value)
    return Problem.UNKNOWN_ROLE, "is not a role id: name a role of the catalog, like ROLE_QA_LEAD", (
        value if ok else None)


def _check_date(value: Any, _: str) -> tuple[Problem, str, datetime.date | None]:
    return Problem.INVALID_DATE, "is not a date: write it as YYYY-MM-DD, like 2026-09-01", (
        parse_date(value))


def _check_interval(value: Any, _: str) -> tuple[Problem, str, str | None]:
    text = value.strip().lower() if isinstance(value, str) else ""
    return Problem.INVALID_INTERVAL, (
        "is not an interval: write a number and a unit, like '12 months' or '2 years'"
    ), (text if INTERVAL.match(text) else None)


def _check_flag(value: Any, _: str) -> tuple[Problem, str, bool | None]:
    return Problem.INVALID_FLAG, "is not true or false", (value if isinstance(value, bool) else None)


def _check_stamp(value: Any, _: str) -> tuple[Problem, str, str | None]:
    ok = isinstance(value, str) and re.fullmatch(r"[0-9a-f]{16}", value)
    return Problem.INVALID_STAMP, "is not an approval stamp: write it with make approve", (
        value if ok else None)


FIELD_CHECKS = {
    "id": _check_id,
    "title": _check_title,
    "format": _check_format,
    "status": _check_status,
    "version": _check_version,
    "owner": _check_role,
    "approver": _check_role,
    "effective": _check_date,
    "next_review": _check_date,
    "review_every": _check_interval,
    "editorial": _check_flag,
    "approved_fingerprint": _check_stamp,
}

