"""The problems our checks report: each is a warning of type ``sop`` with its own subtype.

Sphinx prints them as ``file:line: WARNING: message [sop.subtype]``; any of them can
be silenced with ``suppress_warnings = ["sop.subtype"]`` (or ``["sop"]`` for all).
"""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple

from sphinx.util import logging

WARNING_TYPE = "sop"

logger = logging.getLogger(__name__)


class Problem(Enum):
    """Every subtype our checks can report, with what it means."""

    def __init__(self, subtype: str, meaning: str) -> None:
        self.subtype = subtype
        self.meaning = meaning

    CONFIG = ("config", "A sop_* setting in conf.py cannot be used.")
    # front matter
    FRONT_MATTER_SYNTAX = (
        "front_matter_syntax",
        "The YAML front matter between the '---' lines cannot be read.",
    )
    MISSING_FIELD = ("missing_field", "A required front matter field is absent.")
    UNKNOWN_FIELD = ("unknown_field", "A front matter field that SOPs do not have.")
    DUPLICATE_FIELD = ("duplicate_field", "A front matter field is given twice.")
    INVALID_ID = ("invalid_id", "The SOP id does not have the library's id shape.")
    DUPLICATE_ID = ("duplicate_id", "Two SOPs have the same id.")
    INVALID_TITLE = ("invalid_title", "The title is empty or not text.")
    UNKNOWN_FORMAT = ("unknown_format", "The format is not one of the three formats.")
    UNKNOWN_STATUS = ("unknown_status", "The status is not a known status.")
    INVALID_VERSION = ("invalid_version", "The version is not MAJOR.MINOR.PATCH.")
    INVALID_DATE = ("invalid_date", "A date field is not a YYYY-MM-DD date.")
    INVALID_INTERVAL = (
        "invalid_interval",
        "review_every is not a number and a unit, such as '12 months'.",
    )
    INVALID_FLAG = ("invalid_flag", "editorial is neither true nor false.")
    INVALID_STAMP = (
        "invalid_stamp",
        "approved_fingerprint is not a stamp written by make approve.",
    )
    UNKNOWN_ROLE = ("unknown_role", "The owner or approver is not a role of the catalog.")
    REVIEW_OVERDUE = (
        "review_overdue",
        "An SOP is past its next review by more than the grace period in conf.py.",
    )
    # sections
    HEADING_LEVEL = (
        "heading_level",
        "A '#' heading in the body: the title comes from the front matter.",
    )
    MISSING_SECTION = ("missing_section", "A required section is absent.")
    EMPTY_SECTION = ("empty_section", "A required section has a heading but no text.")
    DUPLICATE_SECTION = ("duplicate_section", "A required section appears twice.")
    SECTION_ORDER = ("section_order", "A required section is out of order.")
    # steps and formats
    NO_STEPS = ("no_steps", "The Procedure section holds no step.")
    PLACEHOLDER = (
        "placeholder",
        "Guidance of the skeleton is still in an SOP that is no longer a draft.",
    )
    STEP_OUTSIDE_PROCEDURE = (
        "step_outside_procedure",
        "A step is written outside the Procedure section.",
    )
    STEP_OUTSIDE_SOP = ("step_outside_sop", "A step is written in a page that is not an SOP.")
    FLOWCHART_MISSING = (
        "flowchart_missing",
        "A flowchart SOP has no Mermaid flowchart in its Procedure section.",
    )
    STAGES_MISSING = (
        "stages_missing",
        "A hierarchical SOP has no stages in its Procedure section.",
    )
    STEP_OUTSIDE_STAGE = (
        "step_outside_stage",
        "A step of a hierarchical SOP is not inside a stage.",
    )
    NOT_FLAT = ("not_flat", "A simple SOP has stages or sub-steps.")
    # diagrams
    MERMAID_UNAVAILABLE = (
        "mermaid_unavailable",
        "Mermaid's parser cannot run, so no diagram can be checked.",
    )
    MERMAID_SYNTAX = ("mermaid_syntax", "Mermaid cannot read a diagram.")
    FLOWCHART_UNKNOWN_STEP = (
        "flowchart_unknown_step",
        "A box of the flowchart names a step the SOP does not have.",
    )
    FLOWCHART_MISSING_STEP = (
        "flowchart_missing_step",
        "A step of the SOP is not drawn in its flowchart.",
    )
    FLOWCHART_DECISION = (
        "flowchart_decision",
        "A decision (rhombus) has fewer than two labelled ways out.",
    )
    FLOWCHART_UNREACHABLE = (
        "flowchart_unreachable",
        "A box cannot be reached from the start of the flowchart.",
    )
    FLOWCHART_NO_END = ("flowchart_no_end", "A path of the flowchart never reaches an end.")


class Finding(NamedTuple):
    """One problem found in a document, at a line (1-based) of its source."""

    line: int
    problem: Problem
    message: str


def report(finding: Finding, docname: str | None) -> None:
    """Log a finding as a suppressible ``sop`` warning, located in docname if given."""
    logger.warning(
        finding.message,
        location=(docname, finding.line) if docname else None,
        type=WARNING_TYPE,
        subtype=finding.problem.subtype,
    )
