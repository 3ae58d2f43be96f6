"""The values of an SOP's front matter: every required field given, none unknown, each
of the right kind (an id of the library's shape, a known format and status, a version,
dates, an interval, a role id, a flag, an approval stamp).

Pure functions over a :class:`~soplib.model.frontmatter.FrontMatter`; each finding is at
the line of its field.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable
from typing import Any

from ..model.dates import INTERVAL, add_interval, parse_date
from ..model.frontmatter import (
    FORMATS,
    REQUIRED_FIELDS,
    REVIEW_FIELDS,
    SOP_FIELDS,
    SPHINX_FIELDS,
    STATUSES,
    FrontMatter,
)
from ..model.i18n import say
from ..model.problems import Finding, Problem
from ..model.translations import known_languages

VERSION = re.compile(r"^\d+\.\d+\.\d+$")
ROLE_ID = re.compile(r"^ROLE_[A-Z0-9_]+$")


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def check_front_matter(front: FrontMatter, id_pattern: str) -> tuple[dict[str, Any], list[Finding]]:
    """The SOP's metadata (the valid fields, dates as dates) and the findings."""
    values = front.values
    findings: list[Finding] = []
    meta: dict[str, Any] = {}

    def problem(key: str, kind: Problem, message: str) -> None:
        findings.append(Finding(front.line(key), kind, message))

    for key in values:
        if key not in SOP_FIELDS and key not in SPHINX_FIELDS:
            close = difflib.get_close_matches(str(key), SOP_FIELDS)
            problem(
                key,
                Problem.UNKNOWN_FIELD,
                say(
                    "unknown front matter field '%(field)s': did you mean '%(close)s'?",
                    field=key,
                    close=close[0],
                )
                if close
                else say(
                    "unknown front matter field '%(field)s': SOP fields are %(fields)s",
                    field=key,
                    fields=", ".join(SOP_FIELDS),
                ),
            )
    missing = front.first_line  # a field not there is said at the front matter's start
    for key in REQUIRED_FIELDS:
        if key not in values:
            findings.append(
                Finding(
                    missing,
                    Problem.MISSING_FIELD,
                    say(
                        "front matter has no '%(field)s': add '%(field)s: %(example)s'",
                        field=key,
                        example=example(key),
                    ),
                )
            )
    if not any(key in values for key in REVIEW_FIELDS):
        findings.append(
            Finding(
                missing,
                Problem.MISSING_FIELD,
                say(
                    "front matter says neither when the SOP is reviewed: add "
                    "'review_every: 12 months' or 'next_review: YYYY-MM-DD'"
                ),
            )
        )

    for key, value in values.items():
        check = FIELD_CHECKS.get(key)
        if check is None:
            continue
        if value is None or value == "":
            problem(
                key,
                Problem.MISSING_FIELD,
                say(
                    "field '%(field)s' has no value: write '%(field)s: %(example)s'",
                    field=key,
                    example=example(key),
                ),
            )
            continue
        kind, message, parsed = check(key, value, id_pattern)
        if parsed is None:
            problem(key, kind, message)
        else:
            meta[key] = parsed
    if "next_review" not in meta and "effective" in meta and "review_every" in meta:
        try:
            meta["next_review"] = add_interval(meta["effective"], meta["review_every"])
        except (OverflowError, ValueError):  # past the year 9999, the last a date can have
            problem(
                "review_every",
                Problem.INVALID_INTERVAL,
                say(
                    "review_every %(value)s after effective %(effective)s falls after the "
                    "year 9999: write the interval between reviews, like '12 months' or "
                    "'2 years'",
                    value=repr(meta.pop("review_every")),
                    effective=meta["effective"],
                ),
            )
    return meta, findings


EXAMPLES = {
    "id": "SOP-CC-001",
    "format": "simple",
    "version": "0.1.0",
    "status": "draft",
    "owner": "ROLE_...",
    "approver": "ROLE_...",
    "effective": "YYYY-MM-DD",
    "next_review": "YYYY-MM-DD",
    "review_every": "12 months",
    "editorial": "true",
    "language": "hu",
}


def example(key: str) -> str:
    """An example of a field's value, as an author writes it."""
    if key == "title":
        return say("<what the procedure does>")
    if key == "approved_fingerprint":
        return say("<run make approve>")
    return EXAMPLES[key]


def _check_id(key: str, value: Any, pattern: str) -> tuple[Problem, str, str | None]:
    ok = isinstance(value, str) and re.fullmatch(pattern, value)
    return (
        Problem.INVALID_ID,
        say(
            "%(field)s %(value)s does not match %(pattern)s: write it like SOP-CC-001",
            field=key,
            value=repr(value),
            pattern=pattern,
        ),
        (value if ok else None),
    )


def _check_title(key: str, value: Any, _: str) -> tuple[Problem, str, str | None]:
    return (
        Problem.INVALID_TITLE,
        say(
            "%(field)s %(value)s is not a title: write the procedure's name",
            field=key,
            value=repr(value),
        ),
        _text(value),
    )


def _check_format(key: str, value: Any, _: str) -> tuple[Problem, str, str | None]:
    ok = value in FORMATS
    return (
        Problem.UNKNOWN_FORMAT,
        say(
            "%(field)s %(value)s is not a format: use one of %(formats)s",
            field=key,
            value=repr(value),
            formats=", ".join(FORMATS),
        ),
        (value if ok else None),
    )


def _check_status(key: str, value: Any, _: str) -> tuple[Problem, str, str | None]:
    ok = value in STATUSES
    return (
        Problem.UNKNOWN_STATUS,
        say(
            "%(field)s %(value)s is not a status: use one of %(statuses)s",
            field=key,
            value=repr(value),
            statuses=", ".join(STATUSES),
        ),
        (value if ok else None),
    )


def _check_version(key: str, value: Any, _: str) -> tuple[Problem, str, str | None]:
    ok = isinstance(value, str) and VERSION.match(value)
    return (
        Problem.INVALID_VERSION,
        say(
            "%(field)s %(value)s is not a version: write MAJOR.MINOR.PATCH, like 1.2.0",
            field=key,
            value=repr(value),
        ),
        (value if ok else None),
    )


def _check_role(key: str, value: Any, _: str) -> tuple[Problem, str, str | None]:
    ok = isinstance(value, str) and ROLE_ID.match(value)
    return (
        Problem.UNKNOWN_ROLE,
        say(
            "%(field)s %(value)s is not a role id: name a role of the catalog, like ROLE_QA_LEAD",
            field=key,
            value=repr(value),
        ),
        (value if ok else None),
    )


def _check_date(key: str, value: Any, _: str) -> tuple[Problem, str, datetime.date | None]:
    return (
        Problem.INVALID_DATE,
        say(
            "%(field)s %(value)s is not a date: write it as YYYY-MM-DD, like 2026-09-01",
            field=key,
            value=repr(value),
        ),
        (parse_date(value)),
    )


def _check_interval(key: str, value: Any, _: str) -> tuple[Problem, str, str | None]:
    text = str(value).strip().lower()  # only a text can read as an interval
    return (
        Problem.INVALID_INTERVAL,
        say(
            "%(field)s %(value)s is not an interval: write a number and a unit, like "
            "'12 months' or '2 years'",
            field=key,
            value=repr(value),
        ),
        (text if INTERVAL.match(text) else None),
    )


def _check_flag(key: str, value: Any, _: str) -> tuple[Problem, str, bool | None]:
    return (
        Problem.INVALID_FLAG,
        say(
            "%(field)s %(value)s is not true or false",
            field=key,
            value=repr(value),
        ),
        (value if isinstance(value, bool) else None),
    )


def _check_stamp(key: str, value: Any, _: str) -> tuple[Problem, str, str | None]:
    ok = isinstance(value, str) and re.fullmatch(r"[0-9a-f]{16}", value)
    return (
        Problem.INVALID_STAMP,
        say(
            "%(field)s %(value)s is not an approval stamp: write it with make approve",
            field=key,
            value=repr(value),
        ),
        (value if ok else None),
    )


def _check_language(key: str, value: Any, _: str) -> tuple[Problem, str, str | None]:
    """A language the library has its words in (en, and a folder of soplib's locales)."""
    known = known_languages()
    return (
        Problem.UNKNOWN_LANGUAGE,
        say(
            "%(field)s %(value)s is not a language of the library: use one of %(languages)s",
            field=key,
            value=repr(value),
            languages=", ".join(known),
        ),
        (value if value in known else None),
    )


#: A field's check: its name, its value and the id pattern -> the problem, the message
#: if the value is wrong, the parsed value (None: wrong).
FieldCheck = Callable[[str, Any, str], tuple[Problem, str, Any]]
FIELD_CHECKS: dict[str, FieldCheck] = {
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
    "language": _check_language,
}
