"""The Authoring guide: every warning the build can give an author, generated from the
registry of subtypes (:mod:`soplib.model.problems`) and the sphinx-needs rules
(:mod:`soplib.model.trace`):
what it means, a wrong example, and the fix. ``{sop-authoring-guide}`` puts it on a page.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..model.problems import WARNING_TYPE, Problem
from ..model.trace import SCHEMA_DEFINITIONS

#: For each subtype: a wrong example, and how to put it right.
EXAMPLES: dict[Problem, tuple[str, str]] = {
    Problem.CONFIG: (
        'sop_sections = [{"title": "Purpose", "alias": ["Cél"]}]',
        "Fix conf.py as the message says: here, the key is aliases.",
    ),
    Problem.FRONT_MATTER_SYNTAX: (
        "title: Refunds: the rules",
        'Quote a value containing ": ": title: "Refunds: the rules".',
    ),
    Problem.MISSING_FIELD: (
        "(no owner: line in the front matter)",
        "Add the field: owner: ROLE_TEAM_LEADER.",
    ),
    Problem.UNKNOWN_FIELD: ("onwer: ROLE_TEAM_LEADER", "Spell the field as SOPs have it: owner."),
    Problem.DUPLICATE_FIELD: ("status: approved\nstatus: draft", "Keep one of the two lines."),
    Problem.INVALID_ID: ("id: complaints-1", "Write the id like SOP-CC-001; never reuse one."),
    Problem.DUPLICATE_ID: (
        "id: SOP-CC-003   (also the id of another SOP)",
        "Give the SOP the next free id (make sop does).",
    ),
    Problem.INVALID_TITLE: ('title: ""', "Write the procedure's name."),
    Problem.UNKNOWN_FORMAT: ("format: chart", "Use simple, hierarchical or flowchart."),
    Problem.UNKNOWN_STATUS: ("status: aproved", "Use draft, in-review, approved or retired."),
    Problem.INVALID_VERSION: ("version: 1.2", "Write three numbers: version: 1.2.0."),
    Problem.INVALID_DATE: ("effective: 2026-02-30", "Write a real date as YYYY-MM-DD."),
    Problem.INVALID_INTERVAL: ("review_every: yearly", "Write a number and a unit: 12 months."),
    Problem.INVALID_FLAG: ("editorial: maybe", "Write editorial: true, or remove the line."),
    Problem.INVALID_STAMP: (
        "approved_fingerprint: yes",
        "Leave the stamp to make approve SOP=<id>.",
    ),
    Problem.UNKNOWN_ROLE: (
        "owner: ROLE_SUPERVISOR",
        "Use the id of a role in sops/catalog/roles.md, or add the role.",
    ),
    Problem.REVIEW_OVERDUE: (
        "next_review: 2025-01-01",
        "Review the SOP and approve it again with a new effective date.",
    ),
    Problem.HEADING_LEVEL: (
        "# Purpose",
        "Sections are '## Purpose'; the title is in the front matter.",
    ),
    Problem.MISSING_SECTION: (
        "(no '## Training' section)",
        "Add the section where the message says, with its text.",
    ),
    Problem.EMPTY_SECTION: ("## Scope\n\n## Responsibilities", "Write the section's text."),
    Problem.DUPLICATE_SECTION: ("## Scope ... ## Scope", "Merge the two into one section."),
    Problem.SECTION_ORDER: (
        "## Scope\n...\n## Purpose",
        "Move the section where the message says.",
    ),
    Problem.NO_STEPS: ("## Procedure\n\nAnswer the call.", "Write each step as a ```{step} block."),
    Problem.PLACEHOLDER: (
        "<Why the procedure exists>   (status: approved)",
        "Replace the guidance with the SOP's own text.",
    ),
    Problem.STEP_OUTSIDE_PROCEDURE: (
        "## References\n\n```{step} Close the call",
        "Move the step into the Procedure section.",
    ),
    Problem.STEP_OUTSIDE_SOP: (
        "(a ```{step} block in a catalog or area page)",
        "Move the step into the Procedure of an SOP.",
    ),
    Problem.FLOWCHART_MISSING: (
        "format: flowchart   (no ```mermaid block in Procedure)",
        "Add the flowchart, or change the format.",
    ),
    Problem.STAGES_MISSING: (
        "format: hierarchical   (no ### headings in Procedure)",
        "Group the steps under '### Stage' headings, or use format: simple.",
    ),
    Problem.STEP_OUTSIDE_STAGE: (
        "## Procedure\n\n```{step} ...   (before the first ###)",
        "Move the step under a stage heading.",
    ),
    Problem.NOT_FLAT: (
        "format: simple\n### Stage 1",
        "Remove the stages and sub-steps, or use format: hierarchical.",
    ),
    Problem.MERMAID_UNAVAILABLE: (
        "(Node.js or node_modules missing)",
        "Run make html, which installs Mermaid with npm ci.",
    ),
    Problem.MERMAID_SYNTAX: ("D1 -- no --> [STEP_X", "Close every bracket, quote and arrow."),
    Problem.FLOWCHART_UNKNOWN_STEP: (
        "STEP_CMP_TIER2[Team leader]   (the step is now STEP_CMP_TL)",
        "Give the box the step's id.",
    ),
    Problem.FLOWCHART_MISSING_STEP: (
        "(a step with no box in the chart)",
        "Add a box with the step's id where it happens.",
    ),
    Problem.FLOWCHART_DECISION: ("D1{Resolved?} --> DONE", "Label each way out: D1 -- yes --> ..."),
    Problem.FLOWCHART_UNREACHABLE: (
        "ORPHAN[Nobody comes here] --> DONE",
        "Draw an arrow to the box, or remove it.",
    ),
    Problem.FLOWCHART_NO_END: (
        "RETRY --> WAIT --> RETRY",
        "Give the loop an arrow out to a box that ends the procedure.",
    ),
}


class AuthoringGuide(SphinxDirective):
    """``{sop-authoring-guide}``: a section per warning, then the trace rules."""

    def run(self) -> list[nodes.Node]:
        found: list[nodes.Node] = []
        for problem in Problem:
            wrong, fix = EXAMPLES[problem]
            name = f"{WARNING_TYPE}.{problem.subtype}"
            section = nodes.section(ids=[f"warning-{problem.subtype}"])
            section += nodes.title(text=name)
            section += nodes.paragraph(text=problem.meaning)
            section += nodes.paragraph("", "", nodes.strong(text="Wrong:"))
            section += nodes.literal_block(wrong, wrong)
            section += nodes.paragraph("", "", nodes.strong(text="Fix: "), nodes.Text(fix))
            found.append(section)
        rules = nodes.section(ids=["trace-rules"])
        rules += nodes.title(text="The trace rules (sphinx-needs)")
        rules += nodes.paragraph(
            text="One rule a need type, reported as "
            "sn_schema_violation.local_fail at the step or catalog "
            "entry with the rule's message below; the schema message "
            "under it names the field that is missing or wrong (a "
            "catalog entry no step names: 'steps', 0 is less than "
            "the minimum of 1)."
        )
        items = nodes.bullet_list()
        for rule in SCHEMA_DEFINITIONS["schemas"]:
            items += nodes.list_item(
                "",
                nodes.paragraph(
                    "", "", nodes.literal(text=rule["id"]), nodes.Text(": " + rule["message"])
                ),
            )
        rules += items
        return [*found, rules]


def setup(app: Sphinx) -> None:
    app.add_directive("sop-authoring-guide", AuthoringGuide)
