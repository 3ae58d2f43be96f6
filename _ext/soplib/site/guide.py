"""The Authoring guide: every warning the build can give an author, generated from the
registry of subtypes (:mod:`soplib.model.problems`) and the sphinx-needs rules
(:mod:`soplib.model.trace`): what it means, a wrong example, and the fix.
``{sop-authoring-guide}`` puts it on a page.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..model.i18n import N_, _, note_catalog_dependency
from ..model.problems import WARNING_TYPE, Problem
from ..model.trace import SCHEMA_DEFINITIONS
from .kpi_text import GUIDE as KPI_GUIDE
from .kpi_text import GUIDE_TITLE as KPI_GUIDE_TITLE

#: For each subtype: a wrong example, and how to put it right. Prose is marked for the
#: catalog (N_) and translated where the guide is written; code is shown as it is.
EXAMPLES: dict[Problem, tuple[str, str]] = {
    Problem.CONFIG: (
        'sop_sections = [{"title": "Purpose", "alias": ["Cél"]}]',
        N_("Fix `conf.py` as the message says: here, the key is `aliases`."),
    ),
    Problem.FRONT_MATTER_SYNTAX: (
        "title: Refunds: the rules",
        N_('Quote a value containing `: `: `title: "Refunds: the rules"`.'),
    ),
    Problem.MISSING_FIELD: (
        N_("(no owner: line in the front matter)"),
        N_("Add the field: `owner: ROLE_TEAM_LEADER`."),
    ),
    Problem.UNKNOWN_FIELD: (
        "onwer: ROLE_TEAM_LEADER",
        N_("Spell the field as SOPs have it: `owner`."),
    ),
    Problem.DUPLICATE_FIELD: ("status: approved\nstatus: draft", N_("Keep one of the two lines.")),
    Problem.INVALID_ID: (
        "id: complaints-1",
        N_("Write the id like `SOP-CC-001`; never reuse one."),
    ),
    Problem.DUPLICATE_ID: (
        N_("id: SOP-CC-003   (also the id of another SOP)"),
        N_("Give the SOP the next free id (`make sop` does it for you)."),
    ),
    Problem.INVALID_TITLE: ('title: ""', N_("Write the procedure's name.")),
    Problem.UNKNOWN_LANGUAGE: (
        "language: magyar",
        N_("Write the language's code, one the library knows: `en`, `hu` or `pt`."),
    ),
    Problem.UNKNOWN_FORMAT: ("format: chart", N_("Use `simple`, `hierarchical` or `flowchart`.")),
    Problem.UNKNOWN_STATUS: (
        "status: aproved",
        N_("Use `draft`, `in-review`, `approved` or `retired`."),
    ),
    Problem.INVALID_VERSION: ("version: 1.2", N_("Write three numbers: `version: 1.2.0`.")),
    Problem.INVALID_DATE: ("effective: 2026-02-30", N_("Write a real date as `YYYY-MM-DD`.")),
    Problem.INVALID_INTERVAL: (
        "review_every: yearly",
        N_("Write a number and a unit: `12 months`."),
    ),
    Problem.INVALID_FLAG: ("editorial: maybe", N_("Write `editorial: true`, or remove the line.")),
    Problem.INVALID_STAMP: (
        "approved_fingerprint: yes",
        N_("Leave the stamp to `make approve SOP=<id>`."),
    ),
    Problem.UNKNOWN_ROLE: (
        "owner: ROLE_SUPERVISOR",
        N_("Use the id of a role in `sops/catalog/roles.md`, or add the role."),
    ),
    Problem.REVIEW_OVERDUE: (
        "next_review: 2025-01-01",
        N_("Review the SOP and approve it again with a new effective date."),
    ),
    Problem.ENCODING: (
        N_("Az ügyfél panasza.   (saved by an editor set to Windows-1250: ü is byte 0xFC)"),
        N_(
            "Save the file as UTF-8 (in most editors: Save as, Encoding: UTF-8), then check "
            "its accented letters and write again any that show as �."
        ),
    ),
    Problem.TRANSLATION_OUTDATED: (
        N_("(the source of step STEP_CMP_LISTEN changed 45 days ago; its translation did not)"),
        N_(
            "Run `make translations`, translate what is empty or marked fuzzy in the "
            "catalog the message names, and remove the fuzzy marks."
        ),
    ),
    Problem.HEADING_LEVEL: (
        "# Purpose",
        N_("Sections are `## Purpose`; the title is in the front matter."),
    ),
    Problem.MISSING_SECTION: (
        N_("(no '## Training' section)"),
        N_("Add the section where the message says, with its text."),
    ),
    Problem.EMPTY_SECTION: ("## Scope\n\n## Responsibilities", N_("Write the section's text.")),
    Problem.DUPLICATE_SECTION: ("## Scope ... ## Scope", N_("Merge the two into one section.")),
    Problem.SECTION_ORDER: (
        "## Scope\n...\n## Purpose",
        N_("Move the section where the message says."),
    ),
    Problem.NO_STEPS: (
        "## Procedure\n\nAnswer the call.",
        N_("Write each step as a `{step}` block, fenced by three backticks."),
    ),
    Problem.PLACEHOLDER: (
        N_("<Why the procedure exists>   (status: approved)"),
        N_("Replace the guidance with the SOP's own text."),
    ),
    Problem.STEP_OUTSIDE_PROCEDURE: (
        "## References\n\n```{step} Close the call",
        N_("Move the step into the Procedure section."),
    ),
    Problem.STEP_OUTSIDE_SOP: (
        N_("(a ```{step} block in a catalog or area page)"),
        N_("Move the step into the Procedure of an SOP."),
    ),
    Problem.FLOWCHART_MISSING: (
        N_("format: flowchart   (no ```mermaid block in Procedure)"),
        N_("Add the flowchart, or change the format."),
    ),
    Problem.STAGES_MISSING: (
        N_("format: hierarchical   (no ### headings in Procedure)"),
        N_("Group the steps under `### Stage` headings, or use `format: simple`."),
    ),
    Problem.STEP_OUTSIDE_STAGE: (
        N_("## Procedure\n\n```{step} ...   (before the first ###)"),
        N_("Move the step under a stage heading."),
    ),
    Problem.NOT_FLAT: (
        "format: simple\n### Stage 1",
        N_("Remove the stages and sub-steps, or use `format: hierarchical`."),
    ),
    Problem.MISSING_ENTRY_ID: (
        "```{step} Greet the caller\n:responsible: ROLE_AGENT",
        N_("Add an id under the first line: `:id: STEP_GREET_CALLER`. Never reuse an id."),
    ),
    Problem.MISSING_ENTRY_TITLE: (
        "```{step}\n:id: STEP_GREET_CALLER",
        N_("Write the title after `{step}`: ```{step} Greet the caller"),
    ),
    Problem.INVALID_ENTRY_ID: (
        ":id: greet-caller",
        N_("Write the id in capitals with its kind's prefix: `:id: STEP_GREET_CALLER`."),
    ),
    Problem.DUPLICATE_ENTRY_ID: (
        N_(":id: STEP_GREET_ANSWER   (also the id of another step)"),
        N_("Give the step an id of its own; the message proposes one."),
    ),
    Problem.UNKNOWN_OPTION: (
        ":metric: KPI_ASA",
        N_("Spell the option as the message says: `:metrics:`."),
    ),
    Problem.MISPLACED_FIELD: (
        N_(":unit: seconds   (in a step)"),
        N_("Remove the line: the unit belongs to the metric, which the step names in `:metrics:`."),
    ),
    Problem.MISSING_LINK: (
        N_("(a step with no :training: line)"),
        N_("Add the line with the id of an entry of the catalog: `:training: TRN_CALL_HANDLING`."),
    ),
    Problem.UNKNOWN_LINK: (
        ":metrics: KPI_AS",
        N_(
            "Write the id the message proposes (`KPI_ASA`); for a new metric, add it to "
            "`sops/catalog/metrics.md` first."
        ),
    ),
    Problem.WRONG_LINK_TYPE: (
        ":metrics: ROLE_AGENT",
        N_("Name a metric under `:metrics:`, and the role under `:responsible:`."),
    ),
    Problem.MISSING_ENTRY_FIELD: (
        N_("(a metric with no :source: line)"),
        N_("Add the field the message names, with a value such as `:source: ACD`."),
    ),
    Problem.INVALID_ENTRY_FIELD: (
        ":length: 2 hourz",
        N_("Write a value the field takes, as the message says: `:length: 2 hours`."),
    ),
    Problem.UNUSED_ENTRY: (
        N_("(ROLE_QA_LEAD, named by no step)"),
        N_("Name the entry in the steps it belongs to, or remove it from the catalog."),
    ),
    Problem.INVALID_STEP_FIELD: (
        ":qa_weight: high\n:qa_critical: true",
        N_(
            "Write the weight of the step's scorecard line as a whole number from 0 to 10, "
            "and whether missing it fails the call as `yes` or `no`; a step that leaves a "
            "line out weighs 1 and is not critical. Weight 0 leaves a step that is not "
            "critical off the scorecard."
        ),
    ),
    Problem.KPI_MISSING_COLUMN: (
        "period,metric,amount\n2026-10,KPI_FCR,72.6",
        N_(
            "Name the columns on the first line: `period,metric,value`, and `team` and "
            "`site` for figures per team or site."
        ),
    ),
    Problem.KPI_UNKNOWN_COLUMN: (
        "period,metric,value,queue",
        N_(
            "Remove the column and its cells, or give what the figure is of in `team` or "
            "`site`; put a value that holds a comma in double quotes."
        ),
    ),
    Problem.KPI_UNKNOWN_METRIC: (
        "2026-10,KPI_FRC,72.6",
        N_(
            "Write the id the message proposes (`KPI_FCR`); a new metric is added to "
            "`sops/catalog/metrics.md` first."
        ),
    ),
    Problem.KPI_VALUE: (
        "2026-10,KPI_FCR,72.6%",
        N_(
            "Write the figure alone, in the metric's unit, with a point before its "
            "decimals: `72.6`."
        ),
    ),
    Problem.KPI_PERIOD: ("Oct 2026,KPI_FCR,72.6", N_("Write the month as `YYYY-MM`: `2026-10`.")),
    Problem.KPI_FUTURE_PERIOD: (
        N_("2027-10,KPI_FCR,72.6   (written in November 2026)"),
        N_("Correct the year or the month: a figure is for a month up to the current one."),
    ),
    Problem.KPI_DUPLICATE: (
        "2026-10,KPI_FCR,72.6\n2026-10,KPI_FCR,72.9",
        N_(
            "Keep one of the two lines; a figure of a team or a site names it in the "
            "`team` or `site` column."
        ),
    ),
    Problem.KPI_REVIEW: (
        N_("(KPI_FCR below its threshold, at least 75, in August, September and October)"),
        N_(
            "Review the steps the metric measures with the metric's owner, and change what "
            "the figures show is wrong; the flag goes when a month meets the target again. "
            "The warning is reported only with `sop_kpi_review_warning = True` in `conf.py`."
        ),
    ),
    Problem.MERMAID_UNAVAILABLE: (
        N_("(Node.js or node_modules missing)"),
        N_("Run `make html`, which installs Mermaid with `npm ci`."),
    ),
    Problem.MERMAID_SYNTAX: (
        "D1{Is it urgent (VIP)?}",
        N_(
            "Put a label that holds brackets, parentheses or braces in double quotes: "
            '`D1{"Is it urgent (VIP)?"}`. For any other mistake, the message points at the '
            "column where Mermaid stops and says the fix: close a bracket or a quote, write "
            "an arrow as `-->`."
        ),
    ),
    Problem.FLOWCHART_UNKNOWN_STEP: (
        N_("STEP_CMP_TIER2[Team leader]   (the step is now STEP_CMP_TL)"),
        N_("Give the box the step's id."),
    ),
    Problem.FLOWCHART_MISSING_STEP: (
        N_("(a step with no box in the chart)"),
        N_("Add a box with the step's id where it happens."),
    ),
    Problem.FLOWCHART_DECISION: (
        "D1{Resolved?} --> DONE",
        N_("Label each way out: `D1 -- yes --> ...`"),
    ),
    Problem.FLOWCHART_UNREACHABLE: (
        "ORPHAN[Nobody comes here] --> DONE",
        N_("Draw an arrow to the box, or remove it."),
    ),
    Problem.FLOWCHART_NO_END: (
        "RETRY --> WAIT --> RETRY",
        N_("Give the loop an arrow out to a box that ends the procedure."),
    ),
    Problem.RAW_HTML: (
        '<script>alert("hi")</script>\nPress <b onclick="track()">Escalate</b>.',
        N_(
            "Write the text in Markdown: `Press **Escalate**.` Only the tags that "
            "`sop_allowed_html` in `conf.py` lists are published (`<br>`, `<kbd>`, `<sub>`, "
            "`<sup>`), never with an `on...` or `style` attribute; the rest is shown as text."
        ),
    ),
    Problem.UNSAFE_LINK: (
        "[Open the CRM](javascript:openCrm())",
        N_(
            "Link to an `https://` address or a page of the library; save an image in the "
            "repository and give its path."
        ),
    ),
}


class AuthoringGuide(SphinxDirective):
    """``{sop-authoring-guide}``: a section per warning, then the trace rules. Written in
    the site's language; each message the build prints ends with its entry's address."""

    def run(self) -> list[nodes.Node]:
        found: list[nodes.Node] = []
        for problem in Problem:
            wrong, fix = EXAMPLES[problem]
            name = f"{WARNING_TYPE}.{problem.subtype}"
            section = nodes.section(ids=[problem.anchor])
            section += nodes.title(text=name)
            section += prose(*with_code(_(problem.meaning)))
            section += nodes.paragraph("", "", nodes.strong(text=_("Wrong:")))
            section += nodes.literal_block(_(wrong), _(wrong))
            section += prose(nodes.strong(text=_("Fix:")), nodes.Text(" "), *with_code(_(fix)))
            found.append(section)
        rules = nodes.section(ids=["trace-rules"])
        rules += nodes.title(text=_("What each kind of entry gives"))
        rules += prose(
            *with_code(
                _(
                    "The rules sphinx-needs checks for each kind of entry (step, role, "
                    "metric, training, record); a broken rule is reported as one of the "
                    "`sop.missing_link`, `sop.missing_entry_field`, `sop.invalid_entry_field`, "
                    "`sop.invalid_entry_id` or `sop.unused_entry` warnings above."
                )
            )
        )
        items = nodes.bullet_list()
        for rule in SCHEMA_DEFINITIONS["schemas"]:
            items += nodes.list_item(
                "",
                prose(
                    nodes.literal(text=rule["id"]),
                    nodes.Text(": "),
                    nodes.literal(text=rule["message"]),
                ),  # fmt: skip
            )
        rules += items
        kpi = nodes.section(ids=["kpi-figures"])
        kpi += nodes.title(text=_(KPI_GUIDE_TITLE))
        kpi += [prose(*with_code(_(paragraph))) for paragraph in KPI_GUIDE]
        note_catalog_dependency(self.env)
        return [*found, rules, kpi]


def prose(*children: nodes.Node) -> nodes.paragraph:
    """A paragraph that quotes code (YAML, Markdown, Mermaid): kept as written, not given
    the curly quotes and dashes of Sphinx's smart quotes."""
    return nodes.paragraph("", "", *children, support_smartquotes=False)


def with_code(text: str) -> list[nodes.Node]:
    """A message's text, its `code` (between backticks) shown as code."""
    return [nodes.literal(text=part) if index % 2 else nodes.Text(part)
            for index, part in enumerate(text.split("`")) if part]  # fmt: skip


def setup(app: Sphinx) -> None:
    app.add_directive("sop-authoring-guide", AuthoringGuide)
