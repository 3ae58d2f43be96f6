"""The trace data model, in one place: need types, their fields and links, and the rules.

``conf.py`` hands these to sphinx-needs, which does the checking: typed link targets
(a link to a need of the wrong type: ``needs.link_target_type``; to an id that does
not exist: ``needs.link_outgoing``) and schema validation (a missing link or field,
a value out of range: ``sn_schema_violation.*``, located by :mod:`.schema_locations`).
"""

from __future__ import annotations

from typing import Any

METRIC_SOURCES = ["ACD", "WFM", "QA", "CRM", "survey"]
TRAINING_DELIVERIES = ["classroom", "e-learning", "on the job"]
DURATION = r"^\d+(\.\d+)? (minute|hour|day|week)s?$"
INTERVAL = r"^(\d+ (day|week|month|year)s?|once)$"


def _text(description: str, **schema: Any) -> dict[str, Any]:
    """A text field; required or not is said by the rules below."""
    return {"description": description, "nullable": True,
            "schema": {"type": "string", "minLength": 1, **schema}}


def _link(target: str, outgoing: str, incoming: str, description: str) -> dict[str, Any]:
    return {"description": description, "target_types": [target],
            "outgoing": outgoing, "incoming": incoming}


#: The link option names are the authoring interface: keep them.
STEP_LINKS = {
    "responsible": _link("role", "responsible", "responsible for",
                         "The roles that carry out the step."),
    "metrics": _link("metric", "measured by", "measures",
                     "The metrics that measure the step."),
    "training": _link("training", "training", "needed for",
                      "The trainings a person needs to carry out the step."),
    "records": _link("record", "records", "kept by",
                     "The forms, reports and records the step fills in."),
}

NEEDS_TYPES = [
    {"directive": "step", "title": "Step", "prefix": "STEP_", "color": "#DCE9F9",
     "links": STEP_LINKS},
    {"directive": "role", "title": "Role", "prefix": "ROLE_", "color": "#FDE9C9",
     "fields": {"description": _text("What the role does, in a sentence.")}},
    {"directive": "metric", "title": "Metric", "prefix": "KPI_", "color": "#DDF2DD",
     "fields": {
         "definition": _text("How the metric is calculated."),
         "unit": _text("The unit of the metric: %, seconds, points."),
         "target": _text("The value the operation aims for, such as '80% in 20 s'."),
         "source": _text("The system the figures come from.", enum=METRIC_SOURCES),
     }},
    {"directive": "training", "title": "Training", "prefix": "TRN_", "color": "#EADCF8",
     "fields": {
         "delivery": _text("How the training is given.", enum=TRAINING_DELIVERIES),
         "duration": _text("How long it takes, such as '4 hours'.", pattern=DURATION),
         "refresh_every": _text("How often it is repeated, such as '12 months', or 'once'.",
                                pattern=INTERVAL),
     }},
    {"directive": "record", "title": "Record", "prefix": "REC_", "color": "#F2F2F2",
     "fields": {
         "retention": _text("How long it is kept, such as '2 years'.", pattern=INTERVAL),
     }},
]

#: What each need type must give, and the message that says how.
REQUIRED = {
    "step": {
        "responsible": "a step names the roles that carry it out: add ':responsible: ROLE_...'",
        "metrics": "a step names the metrics that measure it: add ':metrics: KPI_...'",
        "training": "a step names the training it needs: add ':training: TRN_...'",
    },
    "role": {"description": "a role says what it does: add ':description: <one sentence>'"},
    "metric": {
        "definition": "a metric says how it is calculated: add ':definition: <formula>'",
        "unit": "a metric has a unit: add ':unit: <%, seconds, points...>'",
        "target": "a metric has a target: add ':target: <the value aimed for>'",
        "source": "a metric names where its figures come from: add "
                  f"':source: <one of {', '.join(METRIC_SOURCES)}>'",
    },
    "training": {
        "delivery": "a training says how it is given: add "
                    f"':delivery: <one of {', '.join(TRAINING_DELIVERIES)}>'",
        "duration": "a training says how long it takes: add ':duration: <such as 4 hours>'",
        "refresh_every": "a training says how often it is repeated: add "
                         "':refresh_every: <such as 12 months, or once>'",
    },
    "record": {"retention": "a record says how long it is kept: add ':retention: <such as 2 years>'"},
}


def _rule(need_type: str, name: str, message: str) -> dict[str, Any]:
    """A schema rule: a need of this type must give this link or field."""
    must: dict[str, Any] = {"required": [name]}
    if name in STEP_LINKS:  # a link given empty is no better than none
        must["properties"] = {name: {"type": "array", "minItems": 1}}
    return {
        "id": f"{need_type}_{name}",
        "message": message,
        "select": {"properties": {"type": {"const": need_type}}},
        "validate": {"local": must},
    }


def _prefix_rule(need_type: dict[str, Any]) -> dict[str, Any]:
    """A schema rule: the id of a need starts with its type's prefix."""
    kind, prefix = need_type["directive"], need_type["prefix"]
    return {
        "id": f"{kind}_id",
        "message": f"a {kind} id starts with {prefix}: rename it {prefix}...",
        "select": {"properties": {"type": {"const": kind}}},
        "validate": {"local": {"properties": {"id": {"type": "string",
                                                     "pattern": f"^{prefix}"}}}},
    }


SCHEMA_DEFINITIONS = {
    "schemas": [
        *(_prefix_rule(need_type) for need_type in NEEDS_TYPES),
        *(_rule(kind, name, message) for kind, names in REQUIRED.items()
          for name, message in names.items()),
    ]
}
