"""How KPI figures read on the site, in its language: a value in its metric's unit, a
month, a threshold, met or missed, a review triggered, and the note on sample figures.
Numbers and months are written by Babel for the site's language ("72,4%", "2026. okt.").
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from babel.dates import format_skeleton
from babel.numbers import format_decimal, format_percent
from docutils import nodes
from sphinx.application import Sphinx

from ..checks.kpi import kpi_data
from ..model.i18n import N_, _, ngettext
from ..model.kpi import AT_LEAST, AT_MOST, Threshold, Trigger
from .words import threshold_name

#: A unit's note in parentheses, left out after a number: 'points (0 to 100)'.
UNIT_NOTE = re.compile(r"\s*\(.*\)\s*$")
#: The Authoring guide's section on KPI figures files: its title and paragraphs.
GUIDE_TITLE = N_("KPI figures files")
GUIDE = (
    N_(
        "Operations export the figures of the metrics as CSV files into `data/kpi/` "
        "(`sop_kpi_folder` in `conf.py`), from the ACD, WFM, QA tool, CRM or survey "
        "platform, one file or several. The KPI catalog shows each metric's latest figure "
        "against its target and a chart of its last 12 months."
    ),
    N_(
        "The first line names the columns, in any order: `period`, `metric`, `value`, and "
        "`team` and `site` for figures per team or site. Each line after it is one figure, "
        "such as `2026-10,KPI_FCR,72.6`: the period a month written `YYYY-MM` (the only "
        "shape read), up to the current month; the metric an id of "
        "`sops/catalog/metrics.md`; the value a number in the metric's unit, with a point "
        "before its decimals and no unit or percent sign. A file whose cells are separated by "
        "semicolons, as Excel saves CSV where the decimal mark is a comma, may write "
        "`72,6`. Save the files as UTF-8."
    ),
    N_(
        "A figure with no team and no site is the operation's total: the catalog's figures "
        "and charts and the reviews use these. Figures per team or site are checked too; a "
        "metric that has only those shows its latest figure for each, with no chart and no "
        "review."
    ),
    N_(
        "A metric's `:threshold:` is its target as the build compares the figures with it: "
        "`at least 75`, `at most 20` or `within 324 to 396`, in the metric's unit, a figure "
        "on a boundary meeting it. When a metric of an SOP in force misses it in the last "
        "`sop_kpi_review_periods` months in a row (3), the SOP is flagged for review on its "
        "page, in the review schedule, in the SOP catalog and on the landing page. The "
        "SOP's reviewed version answers it: from its effective date the months count "
        "again, so the flag returns only if the new version misses too."
    ),
)
SAMPLE = N_(
    "Sample figures: these figures are made up to show how the library uses them; they "
    "are not the operation's results."
)


class Numbers:
    """Figures written for the site's language."""

    def __init__(self, app: Sphinx) -> None:
        self.locale = (app.config.language or "en").replace("-", "_")

    def value(self, value: float, unit: str) -> str:
        """'72.4%', '38 seconds': the unit after the number, '%' as the language puts it."""
        exact = Decimal(repr(value))
        if unit.strip() == "%":
            return format_percent(exact / 100, locale=self.locale, decimal_quantization=False)
        number = format_decimal(exact, locale=self.locale, decimal_quantization=False)
        unit = UNIT_NOTE.sub("", unit)
        return f"{number} {unit}" if unit else number

    def period(self, period: str) -> str:
        """A month as the language writes it short: 'Oct 2026'."""
        year, month = period.split("-")
        day = datetime.date(int(year), int(month), 1)
        return format_skeleton("yMMM", day, locale=self.locale)

    def threshold(self, threshold: Threshold, unit: str) -> str:
        """'at least 75%', 'within 324 to 396 seconds' (a unit other than % once)."""
        bare = None if unit.strip() == "%" else lambda bound: self.value(bound, "")
        return threshold_name(threshold, lambda bound: self.value(bound, unit), bare)


def met_name(met: bool) -> str:
    return _("met") if met else _("missed")


def missed_name(trigger: Trigger) -> str:
    """'3 periods below target' (above, for a metric of at most; outside, of within)."""
    count = trigger.periods
    if trigger.threshold.kind == AT_LEAST:
        text = ngettext("%(count)d period below target", "%(count)d periods below target", count)
    elif trigger.threshold.kind == AT_MOST:
        text = ngettext("%(count)d period above target", "%(count)d periods above target", count)
    else:
        text = ngettext(
            "%(count)d period outside target", "%(count)d periods outside target", count
        )
    return text % {"count": count}


def sample_note(app: Sphinx) -> list[nodes.Node]:
    """The note that the figures shown are samples, if there are figures and they are
    samples (``sop_kpi_sample``)."""
    if not app.config.sop_kpi_sample or not kpi_data(app).figures:
        return []
    return [nodes.paragraph("", "", nodes.strong(text=_(SAMPLE)), classes=["sop-kpi-sample"])]
