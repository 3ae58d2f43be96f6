"""The trace data model, in one place: need types, their fields and links, and the rules.

``conf.py`` hands these to sphinx-needs, which does the checking: typed link targets
(a link to a need of the wrong type: ``needs.link_target_type``; to an id that does
not exist: ``needs.link_outgoing``) and schema rules (a missing link or field, a value
out of range: ``sn_schema_violation.local_fail``, located by :mod:`.schema_locations`).
Every rule carries the message that tells the author how to put it right.
"""

from __future__ import annotations

from typing import Any, NamedTuple

METRIC_SOURCES = ["ACD", "WFM", "QA", "CRM", "survey"]
TRAINING_DELIVERIES = ["classroom", "e-learning", "on the job"]
DURATION = r"^\d+(\.\d+)? (minute|hour|day|week)s?$"
INTERVAL = r"^(\d+ (day|week|month|year)s?|once)$"


class Field(NamedTuple):
    """A field a need type must give: what it is, how to add it, what values it takes."""

    name: str
    description: str
    missing: str  # the message when it is absent
    allowed: dict[str, Any] | None = None  # a JSON schema of the values it takes
    wrong: str = ""  # the message when its value is not allowed


def _one_of(choices: list[str]) -> str:
    return ", ".join(choices)


FIELDS = {
    "role": [
        Field("description", "What the role does, in a sentence.",
              "a role says what it does: add ':description: <one sentence>'"),
    ],
    "metric": [
        Field("definition", "How the metric is calculated.",
              "a metric says how it is calculated: add ':definition: <formula>'"),
        Field("unit", "The unit: %, seconds, points.",
              "a metric has a unit: add ':unit: <%, seconds, points...>'"),
        Field("target", "The value the operation aims for, such as '80% in 20 s'.",
              "a metric has a target: add ':target: <the value aimed for>'"),
        Field("source", "The system the figures come from.",
              f"a metric names where its figures come from: add ':source: <one of "
              f"{_one_of(METRIC_SOURCES)}>'",
              {"enum": METRIC_SOURCES},
              f"a metric's source is one of {_one_of(METRIC_SOURCES)}"),
    ],
    "training": [
        Field("delivery", "How the training is given.",
              f"a training says how it is given: add ':delivery: <one of "
              f"{_one_of(TRAINING_DELIVERIES)}>'",
              {"enum": TRAINING_DELIVERIES},
              f"a training's delivery is one of {_one_of(TRAINING_DELIVERIES)}"),
        Field("duration", "How long it takes, such as '4 hours'.",
              "a training says how long it takes: add ':duration: <such as 4 hours>'",
              {"pattern": DURATION},
              "write a training's duration as a number and minutes, hours, days or weeks, "
              "such as '90 minutes' or '2 days'"),
        Field("refresh_every", "How often it is repeated, such as '12 months', or 'once'.",
              "a training says how often it is repeated: add ':refresh_every: <such as 12 "
              "months, or once>'",
              {"pattern": INTERVAL},
              "write how often a training is repeated as a number and days, weeks, months "
              "or years, such as '12 months', or 'once'"),
    ],
    "record": [
        Field("retention", "How long it is kept, such as '2 years'.",
              "a record says how long it is kept: add ':retention: <such as 2 years>'",
              {"pattern": INTERVAL},
              "write how long a record is kept as a number and days, weeks, months or "
              "years, such as '6 years'"),
    ],
}


class Link(NamedTuple):
    """A link type of steps. The names are the authoring interface: keep them."""

    name: str
    target: str
    outgoing: str
    incoming: str
    description: str
    missing: str = ""  # the message when it is absent; empty: the link is optional


STEP_LINKS = [
    Link("responsible", "role", "Who", "Responsible for",
         "The roles that carry out the step.",
         "a step names the roles that carry it out: add ':responsible: ROLE_...'"),
    Link("metrics", "metric", "Measured by", "Measures",
         "The metrics that measure the step.",
         "a step names the metrics that measure it: add ':metrics: KPI_...'"),
    Link("training", "training", "Training", "Needed for",
         "The trainings a person needs to carry out the step.",
         "a step names the training it needs: add ':training: TRN_...'"),
    Link("records", "record", "Records", "Kept by",
         "The forms, reports and records the step fills in."),
]

def _need_type(directive: str, title: str, prefix: str, color: str, **extra: Any) -> dict:
    """A need type with the fields of FIELDS declared on it alone."""
    need_type = {"directive": directive, "title": title, "prefix": prefix, "color": color}
    if fields := FIELDS.get(directive):
        need_type["fields"] = {
            f.name: {"description": f.description, "nullable": True,
                     "schema": {"type": "string"}}
            for f in fields
        }
    return need_type | extra


NEEDS_TYPES = [
    _need_type("step", "Step", "STEP_", "#DCE9F9", links={
        link.name: {"description": link.description, "target_types": [link.target],
                    "outgoing": link.outgoing, "incoming": link.incoming}
        for link in STEP_LINKS
    }),
    _need_type("role", "Role", "ROLE_", "#FDE9C9"),
    _need_type("metric", "Metric", "KPI_", "#DDF2DD"),
    _need_type("training", "Training", "TRN_", "#EADCF8"),
    _need_type("record", "Record", "REC_", "#F2F2F2"),
]


def _rule(rule_id: str, need_type: str, message: str, local: dict[str, Any]) -> dict[str, Any]:
    """A schema rule: the needs of a type satisfy a local JSON schema, or get the message."""
    return {
        "id": rule_id,
        "message": message,
        "select": {"properties": {"type": {"const": need_type}}},
        "validate": {"local": local},
    }


def _used_rule(link: Link) -> dict[str, Any]:
    """A schema rule: a catalog entry is named by at least one step, through this link.

    sphinx-needs 9.1 does not print the message of a failed top-level minContains
    (it attaches it only below the top level); the violation still names the entry,
    its file and line, and "Too few valid incoming links of type '<link>'".
    """
    return {
        "id": f"{link.target}_used",
        "message": f"no step names this {link.target} in :{link.name}:: use it in a step, or "
                   "remove it from the catalog",
        "select": {"properties": {"type": {"const": link.target}}},
        "validate": {"network_back": {link.name: {
            "contains": {"local": {"properties": {"type": {"const": "step"}}}},
            "minContains": 1,
        }}},
    }


def _rules() -> list[dict[str, Any]]:
    rules = [
        _rule(f"{t['directive']}_id", t["directive"],
              f"a {t['directive']} id starts with {t['prefix']}: rename it {t['prefix']}...",
              {"properties": {"id": {"type": "string", "pattern": f"^{t['prefix']}"}}})
        for t in NEEDS_TYPES
    ]
    rules += [_rule(f"step_{link.name}", "step", link.missing, {"required": [link.name]})
              for link in STEP_LINKS if link.missing]
    rules += [_used_rule(link) for link in STEP_LINKS]
    for need_type, fields in FIELDS.items():
        for f in fields:
            rules.append(_rule(f"{need_type}_{f.name}", need_type, f.missing,
                               {"required": [f.name]}))
            if f.allowed:
                rules.append(_rule(f"{need_type}_{f.name}_value", need_type, f.wrong,
                                   {"properties": {f.name: {"type": "string", **f.allowed}}}))
    return rules


SCHEMA_DEFINITIONS = {"schemas": _rules()}
