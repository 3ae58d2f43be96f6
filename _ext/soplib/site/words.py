"""The names the site shows for the library's own tokens, in the build's language: SOP
statuses and formats, need types and their links and fields, training deliveries and
metric sources, and intervals such as '12 months'. An SOP's front matter and the
catalogs keep the English tokens; only what a reader sees is translated.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..model.i18n import N_, _, ngettext
from ..model.kpi import AT_LEAST, AT_MOST, WITHIN, Threshold, parse_threshold

#: The names of the tokens, by kind: marked for the catalog, translated when shown.
NAMES: dict[str, dict[str, str]] = {
    "status": {
        "draft": N_("draft"),
        "in-review": N_("in review"),
        "approved": N_("approved"),
        "retired": N_("retired"),
    },
    "format": {
        "simple": N_("simple"),
        "hierarchical": N_("hierarchical"),
        "flowchart": N_("flowchart"),
    },
    # how a step or a catalog entry is headed: 'Step', 'Role'...
    "type": {
        "step": N_("Step"),
        "role": N_("Role"),
        "metric": N_("Metric"),
        "training": N_("Training"),
        "record": N_("Record"),
    },
    # how a step's link is labelled on the step
    "link": {
        "responsible": N_("Who"),
        "metrics": N_("Measured by"),
        "training": N_("Training"),
        "records": N_("Records"),
    },
    # how a catalog entry lists the steps that name it
    "back_link": {
        "responsible": N_("Responsible for"),
        "metrics": N_("Measures"),
        "training": N_("Needed for"),
        "records": N_("Filled in by"),
    },
    "field": {
        "summary": N_("What the role does"),
        "agent_facing": N_("Agent-facing"),
        "definition": N_("Definition"),
        "unit": N_("Unit"),
        "target": N_("Target"),
        "source": N_("Source"),
        "delivery": N_("Delivery"),
        "length": N_("Duration"),
        "refresh_every": N_("Refresh"),
        "retention": N_("Retention"),
        "threshold": N_("Threshold"),
    },
    # a catalog field's values that are tokens; any other value is the author's text
    "value": {
        "classroom": N_("classroom"),
        "e-learning": N_("e-learning"),
        "on the job": N_("on the job"),
        "survey": N_("survey"),
        "once": N_("once"),
        "yes": N_("yes"),
        "no": N_("no"),
    },
}


def name(kind: str, token: str) -> str:
    """The name the site shows for a token: name("status", "in-review") is 'in review'."""
    text = NAMES[kind].get(token)
    return _(text) if text else token


def value_name(value: str) -> str:
    """A catalog field's value as a reader sees it: a delivery, a source, an interval, a
    threshold; any other value is the author's own text."""
    if value in NAMES["value"]:
        return name("value", value)
    threshold = parse_threshold(value)
    return interval_name(value) or (threshold_name(threshold) if threshold else value)


#: How a metric's threshold reads, its bounds filled in.
THRESHOLDS = {
    AT_LEAST: N_("at least %(low)s"),
    AT_MOST: N_("at most %(high)s"),
    WITHIN: N_("within %(low)s to %(high)s"),
}


def threshold_name(
    threshold: Threshold,
    number: Callable[[float], str] = "{:g}".format,
    low_number: Callable[[float], str] | None = None,
) -> str:
    """'at least 75', 'within 324 to 396' in the build's language, each bound as number
    writes it (as the field gives it, unless told), the low one of a range as low_number
    does if given."""
    bounds = {"low": (threshold.low, low_number or number), "high": (threshold.high, number)}
    return _(THRESHOLDS[threshold.kind]) % {
        key: write(bound) for key, (bound, write) in bounds.items() if bound is not None
    }


INTERVAL = re.compile(r"^(\d+(?:\.\d+)?) (minute|hour|day|week|month|year)s?$")


def interval_name(text: str) -> str | None:
    """'12 months', '90 minutes', '1.5 hours' in the build's language; None if text is
    no such interval."""
    match = INTERVAL.match(text.strip())
    if match is None:
        return None
    number, unit = match[1], match[2]
    count = int(float(number)) if float(number).is_integer() else 2  # 1.5 takes the plural
    forms = {
        "minute": ngettext("%(n)s minute", "%(n)s minutes", count),
        "hour": ngettext("%(n)s hour", "%(n)s hours", count),
        "day": ngettext("%(n)s day", "%(n)s days", count),
        "week": ngettext("%(n)s week", "%(n)s weeks", count),
        "month": ngettext("%(n)s month", "%(n)s months", count),
        "year": ngettext("%(n)s year", "%(n)s years", count),
    }
    return forms[unit] % {"n": number}
