"""The names the site shows for the library's own tokens, in the build's language: SOP
statuses and formats, need types and their links and fields, training deliveries and
metric sources, and intervals such as '12 months'. An SOP's front matter and the
catalogs keep the English tokens; only what a reader sees is translated.
"""

from __future__ import annotations

import re

from ..model.i18n import N_, _, ngettext

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
        "description": N_("What the role does"),
        "definition": N_("Definition"),
        "unit": N_("Unit"),
        "target": N_("Target"),
        "source": N_("Source"),
        "delivery": N_("Delivery"),
        "duration": N_("Duration"),
        "refresh_every": N_("Refresh"),
        "retention": N_("Retention"),
    },
    # a catalog field's values that are tokens; any other value is the author's text
    "value": {
        "classroom": N_("classroom"),
        "e-learning": N_("e-learning"),
        "on the job": N_("on the job"),
        "survey": N_("survey"),
        "once": N_("once"),
    },
}


def name(kind: str, token: str) -> str:
    """The name the site shows for a token: name("status", "in-review") is 'in review'."""
    text = NAMES[kind].get(token)
    return _(text) if text else token


def value_name(value: str) -> str:
    """A catalog field's value as a reader sees it: a delivery, a source, an interval;
    any other value is the author's own text."""
    return name("value", value) if value in NAMES["value"] else interval_name(value) or value


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
