"""The problems our checks report: each is a warning of type ``sop`` with its own subtype.

Sphinx prints them as ``file:line: WARNING: message (see <guide>#warning-subtype)
[sop.subtype]``, the message in the library's language (:func:`~.i18n.say`) and ending
with the address of its entry in the Authoring guide; any of them can be silenced with
``suppress_warnings = ["sop.subtype"]`` (or ``["sop"]`` for all).
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import NamedTuple

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

from .i18n import N_, author_language, say

WARNING_TYPE = "sop"

logger = logging.getLogger(__name__)


class Problem(Enum):
    """Every subtype our checks can report, with what it means (marked for the catalog:
    the Authoring guide shows it in the site's language)."""

    def __init__(self, subtype: str, meaning: str) -> None:
        self.subtype = subtype
        self.meaning = meaning

    @property
    def anchor(self) -> str:
        """The id of its entry on the Authoring guide's page."""
        return f"warning-{self.subtype}"

    CONFIG = ("config", N_("A `sop_*` setting in `conf.py` cannot be used."))
    ENCODING = ("encoding", N_("A page is not saved as UTF-8."))
    # front matter
    FRONT_MATTER_SYNTAX = (
        "front_matter_syntax",
        N_("The YAML front matter between the `---` lines cannot be read."),
    )
    MISSING_FIELD = ("missing_field", N_("A required front matter field is absent."))
    UNKNOWN_FIELD = ("unknown_field", N_("A front matter field that SOPs do not have."))
    DUPLICATE_FIELD = ("duplicate_field", N_("A front matter field is given twice."))
    INVALID_ID = ("invalid_id", N_("The SOP id does not have the library's id shape."))
    DUPLICATE_ID = ("duplicate_id", N_("Two SOPs have the same id."))
    INVALID_TITLE = ("invalid_title", N_("The title is empty or not text."))
    UNKNOWN_FORMAT = ("unknown_format", N_("The format is not one of the three formats."))
    UNKNOWN_STATUS = ("unknown_status", N_("The status is not a known status."))
    INVALID_VERSION = ("invalid_version", N_("The version is not `MAJOR.MINOR.PATCH`."))
    INVALID_DATE = ("invalid_date", N_("A date field is not a `YYYY-MM-DD` date."))
    INVALID_INTERVAL = (
        "invalid_interval",
        N_("`review_every` is not a number and a unit, such as `12 months`."),
    )
    INVALID_FLAG = ("invalid_flag", N_("`editorial` is neither `true` nor `false`."))
    INVALID_STAMP = (
        "invalid_stamp",
        N_("`approved_fingerprint` is not a stamp written by `make approve`."),
    )
    UNKNOWN_ROLE = ("unknown_role", N_("The owner or approver is not a role of the catalog."))
    UNKNOWN_LANGUAGE = (
        "unknown_language",
        N_("The SOP's `language` is not one of the languages the library knows."),
    )
    REVIEW_OVERDUE = (
        "review_overdue",
        N_("An SOP is past its next review by more than the grace period in `conf.py`."),
    )
    TRANSLATION_OUTDATED = (
        "translation_outdated",
        N_(
            "A translation of an approved SOP has been behind its source for longer than "
            "the grace period in `conf.py`."
        ),
    )
    # sections
    HEADING_LEVEL = (
        "heading_level",
        N_("A `#` heading in the body: the title comes from the front matter."),
    )
    MISSING_SECTION = ("missing_section", N_("A required section is absent."))
    EMPTY_SECTION = ("empty_section", N_("A required section has a heading but no text."))
    DUPLICATE_SECTION = ("duplicate_section", N_("A required section appears twice."))
    SECTION_ORDER = ("section_order", N_("A required section is out of order."))
    # steps and formats
    NO_STEPS = ("no_steps", N_("The Procedure section holds no step."))
    PLACEHOLDER = (
        "placeholder",
        N_("Guidance of the skeleton is still in an SOP that is no longer a draft."),
    )
    STEP_OUTSIDE_PROCEDURE = (
        "step_outside_procedure",
        N_("A step is written outside the Procedure section."),
    )
    STEP_OUTSIDE_SOP = ("step_outside_sop", N_("A step is written in a page that is not an SOP."))
    FLOWCHART_MISSING = (
        "flowchart_missing",
        N_("A flowchart SOP has no Mermaid flowchart in its Procedure section."),
    )
    STAGES_MISSING = (
        "stages_missing",
        N_("A hierarchical SOP has no stages in its Procedure section."),
    )
    STEP_OUTSIDE_STAGE = (
        "step_outside_stage",
        N_("A step of a hierarchical SOP is not inside a stage."),
    )
    NOT_FLAT = ("not_flat", N_("A simple SOP has stages or sub-steps."))
    # the trace: steps and catalog entries (sphinx-needs' checks, in our words)
    MISSING_ENTRY_ID = ("missing_entry_id", N_("A step or catalog entry has no `:id:`."))
    MISSING_ENTRY_TITLE = (
        "missing_entry_title",
        N_("A step or catalog entry has no title after its `{step}` or `{role}`…"),
    )
    INVALID_ENTRY_ID = (
        "invalid_entry_id",
        N_(
            "The id of a step or catalog entry is not in capitals with the prefix of its "
            "kind: `STEP_`, `ROLE_`, `KPI_`, `TRN_`, `REC_`."
        ),
    )
    DUPLICATE_ENTRY_ID = (
        "duplicate_entry_id",
        N_("A step or catalog entry has the id of another."),
    )
    UNKNOWN_OPTION = (
        "unknown_option",
        N_("A step or catalog entry has an option line that no step or entry takes."),
    )
    MISPLACED_FIELD = (
        "misplaced_field",
        N_("A step or catalog entry gives a field of another kind of entry."),
    )
    MISSING_LINK = (
        "missing_link",
        N_("A step does not name its roles (`:responsible:`), metrics or training."),
    )
    UNKNOWN_LINK = ("unknown_link", N_("A step names an id that no catalog entry has."))
    WRONG_LINK_TYPE = (
        "wrong_link_type",
        N_("A step names a catalog entry of the wrong kind, such as a role as a metric."),
    )
    MISSING_ENTRY_FIELD = (
        "missing_entry_field",
        N_("A catalog entry does not give a field its kind must give."),
    )
    INVALID_ENTRY_FIELD = (
        "invalid_entry_field",
        N_("A field of a catalog entry has a value the build cannot use."),
    )
    UNUSED_ENTRY = ("unused_entry", N_("A catalog entry is named by no step."))
    INVALID_STEP_FIELD = (
        "invalid_step_field",
        N_("A step gives `:qa_weight:` or `:qa_critical:` a value the build cannot use."),
    )
    # KPI figures (data/kpi/*.csv) and the reviews they trigger
    KPI_MISSING_COLUMN = (
        "kpi_missing_column",
        N_("A KPI figures file is empty, or its first line lacks `period`, `metric` or `value`."),
    )
    KPI_UNKNOWN_COLUMN = (
        "kpi_unknown_column",
        N_("A KPI figures file has a column, or a line has a cell, that KPI files do not have."),
    )
    KPI_UNKNOWN_METRIC = (
        "kpi_unknown_metric",
        N_("A KPI figure names a metric that the catalog does not have."),
    )
    KPI_VALUE = ("kpi_value", N_("A KPI figure's value is not a number."))
    KPI_PERIOD = ("kpi_period", N_("A KPI figure's period is not a month written `YYYY-MM`."))
    KPI_FUTURE_PERIOD = ("kpi_future_period", N_("A KPI figure is for a month still to come."))
    KPI_DUPLICATE = (
        "kpi_duplicate",
        N_("Two KPI figures are for the same period, metric, team and site."),
    )
    KPI_REVIEW = (
        "kpi_review",
        N_(
            "A metric of an SOP in force has missed its target for as many periods in a row "
            "as `sop_kpi_review_periods` allows (reported only when "
            "`sop_kpi_review_warning` is on)."
        ),
    )
    # diagrams
    MERMAID_UNAVAILABLE = (
        "mermaid_unavailable",
        N_("Mermaid's parser cannot run, so no diagram can be checked."),
    )
    MERMAID_SYNTAX = ("mermaid_syntax", N_("Mermaid cannot read a diagram."))
    FLOWCHART_UNKNOWN_STEP = (
        "flowchart_unknown_step",
        N_("A box of the flowchart names a step the SOP does not have."),
    )
    FLOWCHART_MISSING_STEP = (
        "flowchart_missing_step",
        N_("A step of the SOP is not drawn in its flowchart."),
    )
    FLOWCHART_DECISION = (
        "flowchart_decision",
        N_("A decision (rhombus) has fewer than two labelled ways out."),
    )
    FLOWCHART_UNREACHABLE = (
        "flowchart_unreachable",
        N_("A box cannot be reached from the start of the flowchart."),
    )
    FLOWCHART_NO_END = ("flowchart_no_end", N_("A path of the flowchart never reaches an end."))
    # what reaches the reader's browser
    RAW_HTML = (
        "raw_html",
        N_(
            "A page holds raw HTML that is not published: a tag the library does not "
            "allow, an `on...` or `style` attribute, or an HTML comment never closed."
        ),
    )
    UNSAFE_LINK = (
        "unsafe_link",
        N_("A link or image has a `javascript:`, `vbscript:` or `data:` address."),
    )


class Finding(NamedTuple):
    """One problem found in a document, at a line (1-based) of its source."""

    line: int
    problem: Problem
    message: str


#: The page of the Authoring guide, in the library.
GUIDE_PAGE = "views/authoring-guide.html"
#: The guide's page as make html builds it, from the project's folder.
LOCAL_GUIDE = f"_build/html/{GUIDE_PAGE}"
#: Where the messages send authors for more: the guide's page, set when a build starts.
GUIDE = {"address": LOCAL_GUIDE}


def guide_address(app: Sphinx, config: Config) -> None:
    """The guide on the published site (html_baseurl) if the library has one, else the
    page built on the author's machine, from the project's folder: the library's own
    language's (a translated edition is built into a folder of it), so every edition's
    build gives the same address."""
    if config.html_baseurl:
        GUIDE["address"] = published_guide(config.html_baseurl)
        return
    outdir = Path(app.outdir)
    if author_language(config) != (config.language or "en"):
        outdir = outdir.parent
    if outdir.is_relative_to(app.srcdir):
        outdir = outdir.relative_to(app.srcdir)
    GUIDE["address"] = f"{outdir.as_posix()}/{GUIDE_PAGE}"


def published_guide(baseurl: str) -> str:
    """The address of the guide's page on the site published at baseurl."""
    return f"{baseurl.rstrip('/')}/{GUIDE_PAGE}"


def with_guide(message: str, problem: Problem, guide: str | None = None) -> str:
    """A message ending with the address of its problem's entry in the Authoring guide
    (guide: the guide's page; the build's, unless given)."""
    page = guide or GUIDE["address"]
    # Translators: ends every message of the build; address is the Authoring guide's entry.
    return message + say(" (see %(address)s)", address=f"{page}#{problem.anchor}")


def report(finding: Finding, docname: str | None) -> None:
    """Log a finding as a suppressible ``sop`` warning, located in docname if given."""
    logger.warning(
        with_guide(finding.message, finding.problem),
        location=(docname, finding.line) if docname else None,
        type=WARNING_TYPE,
        subtype=finding.problem.subtype,
    )


def report_in_file(finding: Finding, path: Path) -> None:
    """Log a finding located in a file that is no page, such as a translation catalog."""
    logger.warning(
        with_guide(finding.message, finding.problem),
        location=f"{path}:{finding.line}",
        type=WARNING_TYPE,
        subtype=finding.problem.subtype,
    )


def setup(app: Sphinx) -> None:
    app.connect("config-inited", guide_address, priority=400)
