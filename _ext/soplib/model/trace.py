"""The trace data model, in one place: need types, their fields and links, and the rules.

``conf.py`` hands these to sphinx-needs, which does the checking: typed link targets
(a link to a need of the wrong type, to an id that does not exist) and a schema rule
per need type (a missing link or field, a value out of range, an entry no step names).
:mod:`soplib.checks.needs_messages` says each of its messages in an author's words.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, NamedTuple

from sphinx_needs.data import NeedsCoreFields

from .i18n import N_
from .kpi import THRESHOLD

METRIC_SOURCES = ["ACD", "WFM", "QA", "CRM", "survey"]
TRAINING_DELIVERIES = ["classroom", "e-learning", "on the job"]
LENGTH = r"^\d+(\.\d+)? (minute|hour|day|week)s?$"
INTERVAL = r"^(\d+ (day|week|month|year)s?|once)$"
YES_NO = ["yes", "no"]
#: A step's weight on the QA scorecard: a whole number from 0 (no line, unless critical)
#: to 10.
WEIGHT = r"^([0-9]|10)$"


class Field(NamedTuple):
    """A field a catalog entry must give, or a step may give: what it is, what to write,
    what values it takes, and (a step's) the value it has when the step does not give it.
    What it is and what to write are told to authors: marked for the catalog."""

    name: str
    description: str
    value: str  # what to write, as the author is told: '<formula>'
    allowed: dict[str, Any] | None = None  # a JSON schema of the values it takes
    required: bool = True  # False: an entry may leave it out
    default: str | None = None


ONE_OF = N_("<one of %(choices)s>")


def one_of(choices: list[str]) -> str:
    """What to write in a field that takes one of a few values."""
    return ONE_OF % {"choices": ", ".join(choices)}


#: The fields of each kind. Their names are not sphinx-needs' own: a needs.json record's
#: ``description`` is read as its content by ``needimport``, and ``duration`` is the
#: option of its gantt charts (a number of days).
FIELDS = {
    "role": [
        Field("summary", N_("What the role does, in a sentence."), N_("<one sentence>")),
        Field(
            "agent_facing",
            N_(
                "Whether the role takes the calls QA scores: its steps are the lines of the "
                "QA scorecards."
            ),
            N_("<yes or no>"),
            {"enum": YES_NO},
        ),
    ],
    # a step's line on the QA scorecard, if an agent-facing role carries it out
    "step": [
        Field(
            "qa_check",
            N_(
                "The behaviour a QA listener observes when the step is done (by default, the "
                "role and the step's title)."
            ),
            N_("<what a listener hears the agent do>"),
            required=False,
        ),
        Field(
            "qa_weight",
            N_(
                "The weight of the step's line on the QA scorecard; 0 leaves a step that is "
                "not critical off it (what a listener cannot observe, such as notes after the "
                "call), and makes a critical one a pass-or-fail line."
            ),
            N_("<a whole number from 0 to 10>"),
            {"pattern": WEIGHT},
            required=False,
            default="1",
        ),
        Field(
            "qa_critical",
            N_(
                "Whether missing the step fails the call on the QA scorecard (compliance: "
                "identity, card data, the recording disclosure)."
            ),
            N_("<yes or no>"),
            {"enum": YES_NO},
            required=False,
            default="no",
        ),
    ],
    "metric": [
        Field("definition", N_("How the metric is calculated."), N_("<formula>")),
        Field("unit", N_("The unit: %, seconds, points."), N_("<%, seconds, points...>")),
        Field(
            "target",
            N_("The value the operation aims for, such as '80% answered in 20 s'."),
            N_("<the value aimed for>"),
        ),
        Field(
            "source",
            N_("The system the figures come from."),
            one_of(METRIC_SOURCES),
            {"enum": METRIC_SOURCES},
        ),
        Field(
            "threshold",
            N_(
                "The target as the build compares the figures with it, in the metric's unit: "
                "'at least 75', 'at most 20' or 'within 324 to 396' (boundaries included)."
            ),
            N_(
                "<such as at least 75, at most 20 or within 324 to 396: numbers in the "
                "metric's unit, written without it>"
            ),
            {"pattern": THRESHOLD},
            required=False,
        ),
    ],
    "training": [
        Field(
            "delivery",
            N_("How the training is given."),
            one_of(TRAINING_DELIVERIES),
            {"enum": TRAINING_DELIVERIES},
        ),
        Field(
            "length",
            N_("How long it takes, such as '4 hours'."),
            N_("<such as 90 minutes or 2 days>"),
            {"pattern": LENGTH},
        ),
        Field(
            "refresh_every",
            N_("How often it is repeated, such as '12 months', or 'once'."),
            N_("<such as 12 months, or once>"),
            {"pattern": INTERVAL},
        ),
    ],
    "record": [
        Field(
            "retention",
            N_("How long it is kept, such as '2 years'."),
            N_("<such as 6 years>"),
            {"pattern": INTERVAL},
        ),
    ],
}


class Link(NamedTuple):
    """A link type of steps. The names are the authoring interface: keep them."""

    name: str
    target: str
    outgoing: str
    incoming: str
    description: str
    required: bool = True


STEP_LINKS = [
    Link("responsible", "role", "Who", "Responsible for", "The roles that carry out the step."),
    Link("metrics", "metric", "Measured by", "Measures", "The metrics that measure the step."),
    Link(
        "training",
        "training",
        "Training",
        "Needed for",
        "The trainings a person needs to carry out the step.",
    ),
    Link(
        "records",
        "record",
        "Records",
        "Kept by",
        "The forms, reports and records the step fills in.",
        required=False,
    ),
]


def _need_type(directive: str, title: str, prefix: str, color: str, **extra: Any) -> dict[str, Any]:
    """A need type with the fields of FIELDS declared on it alone."""
    need_type: dict[str, Any] = {
        "directive": directive,
        "title": title,
        "prefix": prefix,
        "color": color,
    }
    if fields := FIELDS.get(directive):
        need_type["fields"] = {
            f.name: {"description": f.description, "nullable": True, "schema": {"type": "string"}}
            | ({"default": f.default} if f.default is not None else {})
            for f in fields
        }
    return need_type | extra


NEEDS_TYPES = [
    _need_type(
        "step",
        "Step",
        "STEP_",
        "#DCE9F9",
        links={
            link.name: {
                "description": link.description,
                "target_types": [link.target],
                "outgoing": link.outgoing,
                "incoming": link.incoming,
            }
            for link in STEP_LINKS
        },
    ),
    _need_type("role", "Role", "ROLE_", "#FDE9C9"),
    _need_type("metric", "Metric", "KPI_", "#DDF2DD"),
    _need_type("training", "Training", "TRN_", "#EADCF8"),
    _need_type("record", "Record", "REC_", "#F2F2F2"),
]


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _type_rule(need_type: dict[str, Any], every_entry_used: bool) -> dict[str, Any]:
    """The rule of one need type: its id prefix, the fields or links it must give, the
    values they take and, for a catalog entry, a step that names it.

    One rule a type, not one a field: sphinx-needs matches every need against every
    rule's select (upstream useblocks/sphinx-needs#1580), which at 10,000 steps made 26
    rules cost seconds on every build. Which field failed is in the violation's schema
    message; the rule's message says what the type gives. That a step names a catalog
    entry is checked on its derived USED_BY count, not by validating each incoming link.
    """
    kind, prefix = need_type["directive"], need_type["prefix"]
    if kind == "step":
        gives = [
            (link.name, f"{NEEDS_PREFIX[link.target]}...") for link in STEP_LINKS if link.required
        ]
    else:
        gives = [(f.name, f.value) for f in FIELDS[kind] if f.required]
    properties: dict[str, Any] = {"id": {"type": "string", "pattern": f"^{prefix}"}}
    properties |= {
        f.name: {"type": "string", **f.allowed} for f in FIELDS.get(kind, []) if f.allowed
    }
    required = [name for name, _ in gives]
    fields = _listed([f"':{name}: {value}'" for name, value in gives])
    message = f"a {kind} gives {fields}, and its id starts with {prefix}"
    if kind in NAMED_BY and every_entry_used:
        properties[USED_BY] = {"type": "integer", "minimum": 1}
        message += f"; a step names it in :{NAMED_BY[kind]}:, or it leaves the catalog"
    return {
        "id": kind,
        "message": message,
        "select": {"properties": {"type": {"const": kind}}},
        "validate": {"local": {"properties": properties, "required": required}},
    }


NEEDS_PREFIX = {t["directive"]: t["prefix"] for t in NEEDS_TYPES}
#: The link through which steps name each kind of catalog entry.
NAMED_BY = {link.target: link.name for link in STEP_LINKS}
USED_BY = "steps"
#: Fields sphinx-needs works out: how many steps name a catalog entry.
DERIVED_FIELDS = {
    USED_BY: {
        "description": "How many steps name the entry (worked out by the build).",
        "schema": {"type": "integer"},
        "nullable": True,
        "derive_by_type": {
            kind: {"kind": "count", "over": f"{name}_back"} for kind, name in NAMED_BY.items()
        },
    }
}


#: What needs.json leaves out: what sphinx-needs leaves out, and each need's layout, the
#: site's drawing of it (``conf.py``), which a project that imports the file does not have.
NEEDS_JSON_EXCLUDE_FIELDS = [
    *(name for name, spec in NeedsCoreFields.items() if spec.get("exclude_json")),
    "layout",
]


def ascii_words(text: str) -> list[str]:
    """The words of text in plain lower-case letters and digits: accents dropped, ß as ss
    (for file names and ids)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.findall(r"[a-z0-9]+", plain)


def schema_definitions(every_entry_used: bool = True) -> dict[str, Any]:
    """The rules; every_entry_used off for a project of a few SOPs and the real catalogs."""
    return {"schemas": [_type_rule(t, every_entry_used) for t in NEEDS_TYPES]}


SCHEMA_DEFINITIONS = schema_definitions()
