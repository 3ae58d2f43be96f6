"""The names the site shows for the library's own tokens, in the build's language: SOP
statuses and formats, need types and their links and fields, training deliveries and
metric sources, and intervals such as '12 months'. An SOP's front matter and the
catalogs keep the English tokens; only what a reader sees is translated.
"""

from __future__ import annotations

import re

from ..model.i18n import _, ngettext


def status_name(status: str) -> str:
    names = {
        "draft": _("draft"),
        "in-review": _("in review"),
        "approved": _("approved"),
        "retired": _("retired"),
    }
    return names.get(status, status)


def format_name(sop_format: str) -> str:
    names = {
        "simple": _("simple"),
        "hierarchical": _("hierarchical"),
        "flowchart": _("flowchart"),
    }
    return names.get(sop_format, sop_format)


def type_name(need_type: str) -> str:
    """The name of a need type, as a step or catalog entry is headed: 'Step', 'Role'..."""
    names = {
        "step": _("Step"),
        "role": _("Role"),
        "metric": _("Metric"),
        "training": _("Training"),
        "record": _("Record"),
    }
    return names.get(need_type, need_type)


def link_name(link: str) -> str:
    """How a step's link is labelled on the step: 'Who', 'Measured by'..."""
    names = {
        "responsible": _("Who"),
        "metrics": _("Measured by"),
        "training": _("Training"),
        "records": _("Records"),
    }
    return names.get(link, link)


def back_link_name(link: str) -> str:
    """How a catalog entry lists the steps that name it: 'Responsible for'..."""
    names = {
        "responsible": _("Responsible for"),
        "metrics": _("Measures"),
        "training": _("Needed for"),
        "records": _("Filled in by"),
    }
    return names.get(link, link)


def field_name(field: str) -> str:
    """The label of a catalog entry's field."""
    names = {
        "description": _("What the role does"),
        "definition": _("Definition"),
        "unit": _("Unit"),
        "target": _("Target"),
        "source": _("Source"),
        "delivery": _("Delivery"),
        "duration": _("Duration"),
        "refresh_every": _("Refresh"),
        "retention": _("Retention"),
    }
    return names.get(field, field)


def value_name(value: str) -> str:
    """A catalog field's value as a reader sees it: a delivery, a source, an interval;
    any other value is the author's own text."""
    names = {
        "classroom": _("classroom"),
        "e-learning": _("e-learning"),
        "on the job": _("on the job"),
        "survey": _("survey"),
        "once": _("once"),
    }
    return names.get(value) or interval_name(value) or value


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
