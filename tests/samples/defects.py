"""The defects the tests build, one page each: the page text and the located warnings
expected of it, with their [sop.<subtype>] suffix. ``CASES`` are the defects of front
matter, sections, steps and formats; ``FLOWCHART_CASES`` those of flowcharts and
diagrams. Each is also built together with the others, to check that every subtype can
be silenced.
"""

from __future__ import annotations

from typing import Any

import pytest

from . import FLOWCHART, HIERARCHICAL, SIMPLE, line_of, replace

X = "sops/area/x.md"


def case(name: str, text: str, expected: list[tuple[str | tuple[str, int], str]]) -> Any:
    """A defect: the page x.md with this text, and the warnings expected, each as
    (needle, message): the message is on the line of the needle (or of its n-th
    occurrence, for a (needle, n) pair; on line 1 for an empty needle)."""
    lines = []
    for needle, message in expected:
        where = (
            line_of(text, *needle)
            if isinstance(needle, tuple)
            else (line_of(text, needle) if needle else 1)
        )
        lines.append(f"{X}:{where}: WARNING: {with_guide(message)}")
    return pytest.param({X: text}, lines, id=name)


#: The Authoring guide's page, where a test project's build sends its authors.
GUIDE = "_build/html/views/authoring-guide.html"


def with_guide(message: str, guide: str = GUIDE) -> str:
    """An expected message ending ' [sop.subtype]' with the address of the subtype's
    entry in the Authoring guide before it (sphinx-needs' own messages have none); the
    guide's page is where the build writes it (the project's _build/html unless told)."""
    text, sep, subtype = message.rpartition(" [sop.")
    if not sep:
        return message
    return f"{text} (see {guide}#warning-{subtype.removesuffix(']')}){sep}{subtype}"


def together(cases: list[Any]) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The cases as the pages of one project, ``sops/area/<case>.md``, their ids made
    unique so the pages do not collide; and the warnings expected of each page."""
    files, expected = {}, {}
    for number, param in enumerate(cases):
        ((_, text),) = param.values[0].items()
        files[f"sops/area/{param.id}.md"] = made_unique(text, number, param.id)
        expected[param.id] = [made_unique(line, number, param.id) for line in param.values[1]]
    return files, expected


def made_unique(text: str, number: int, name: str) -> str:
    """A case's text (or message) with the ids and file name of its page in together()."""
    for old, new in [
        ("SOP-T-00", f"SOP-T-{number:02d}"),
        ("STEP_T_", f"STEP_T{number}_"),
        ("STEP_H_", f"STEP_H{number}_"),
        ("STEP_F_", f"STEP_F{number}_"),
        ("KPI_ABANDON", f"KPI_ABANDON{number}"),
        (X, f"sops/area/{name}.md"),
    ]:
        text = text.replace(old, new)
    return text


def swap(text: str, first: str, second: str) -> str:
    return replace(replace(text, first, "\0"), second, first).replace("\0", second)


SCOPE = "## Scope\n\nInbound calls on the test queue.\n\n"
PURPOSE = "## Purpose\n\nEvery caller is answered the same way.\n\n"
TRAINING = "## Training\n\nCall-handling essentials.\n\n"
CLOSE_STEP = SIMPLE[SIMPLE.index("```{step} Close the call") : SIMPLE.index("## Performance")]
TWO_SCOPES = SIMPLE + "\n" + SCOPE
UNSTAGED = replace(
    HIERARCHICAL,
    "### Stage 1: Classroom\n",
    """```{step} Book the room
:id: STEP_H_ROOM
:responsible: ROLE_TRAINER
:metrics: KPI_EARLY_ATTRITION
:training: TRN_TRAINER_CERT

Book the training room a week ahead.
```

### Stage 1: Classroom
""",
)

CASES = [
    # -- front matter
    case(
        "front_matter_syntax",
        replace(SIMPLE, "title: Answering a test call", "title: Answering: a test call"),
        [
            (
                "title: Answering",
                "front matter is not valid YAML (mapping values are not allowed "
                "here): write each field as 'key: value' and put quotes around a value containing "
                "': ' or '#' [sop.front_matter_syntax]",
            )
        ],
    ),
    case(
        "front_matter_unclosed",
        replace(SIMPLE, "review_every: 12 months\n---\n", "review_every: 12 months\n"),
        [
            (
                "",
                "front matter opened with '---' on line 1 is never closed: add a line '---' "
                "after the last field [sop.front_matter_syntax]",
            )
        ],
    ),
    case(
        "missing_field",
        replace(SIMPLE, "owner: ROLE_TEAM_LEADER\n", ""),
        [("", "front matter has no 'owner': add 'owner: ROLE_...' [sop.missing_field]")],
    ),
    case(
        "missing_review",
        replace(SIMPLE, "review_every: 12 months\n", ""),
        [
            (
                "",
                "front matter says neither when the SOP is reviewed: add 'review_every: 12 "
                "months' or 'next_review: YYYY-MM-DD' [sop.missing_field]",
            )
        ],
    ),
    case(
        "unknown_field",
        replace(SIMPLE, "owner: ROLE", "onwer: ROLE"),
        [
            ("", "front matter has no 'owner': add 'owner: ROLE_...' [sop.missing_field]"),
            (
                "onwer:",
                "unknown front matter field 'onwer': did you mean 'owner'? [sop.unknown_field]",
            ),
        ],
    ),
    case(
        "duplicate_field",
        replace(SIMPLE, "status: approved\n", "status: approved\nstatus: draft\n"),
        [
            (
                "status: draft",
                "field 'status' is given twice (first on line 6): keep one [sop.duplicate_field]",
            )
        ],
    ),
    case(
        "invalid_id",
        replace(SIMPLE, "id: SOP-T-001", "id: sop 1"),
        [
            (
                "id: sop 1",
                r"id 'sop 1' does not match ^SOP-[A-Z]+-\d{3,}$: write it like "
                "SOP-CC-001 [sop.invalid_id]",
            )
        ],
    ),
    case(
        "empty_field",
        replace(SIMPLE, "owner: ROLE_TEAM_LEADER", "owner:"),
        [("owner:", "field 'owner' has no value: write 'owner: ROLE_...' [sop.missing_field]")],
    ),
    case(
        "invalid_title",
        replace(SIMPLE, "title: Answering a test call", 'title: "  "'),
        [("title:", "title '  ' is not a title: write the procedure's name [sop.invalid_title]")],
    ),
    case(
        "unknown_format",
        replace(SIMPLE, "format: simple", "format: flow"),
        [
            (
                "format:",
                "format 'flow' is not a format: use one of simple, hierarchical, "
                "flowchart [sop.unknown_format]",
            )
        ],
    ),
    case(
        "unknown_language",
        replace(SIMPLE, "format: simple", "format: simple\nlanguage: magyar"),
        [
            (
                "language:",
                "language 'magyar' is not a language of the library: use one of en, hu, "
                "pt [sop.unknown_language]",
            )
        ],
    ),
    case(
        "unknown_status",
        replace(SIMPLE, "status: approved", "status: aproved"),
        [
            (
                "status:",
                "status 'aproved' is not a status: use one of draft, in-review, "
                "approved, retired [sop.unknown_status]",
            )
        ],
    ),
    case(
        "invalid_version",
        replace(SIMPLE, "version: 1.0.0", "version: 1.2"),
        [
            (
                "version:",
                "version 1.2 is not a version: write MAJOR.MINOR.PATCH, like 1.2.0 "
                "[sop.invalid_version]",
            )
        ],
    ),
    case(
        "invalid_date",
        replace(SIMPLE, "effective: 2026-09-01", "effective: 2026-02-30"),
        [
            (
                "effective:",
                "effective '2026-02-30' is not a date: write it as YYYY-MM-DD, like "
                "2026-09-01 [sop.invalid_date]",
            )
        ],
    ),
    case(
        "invalid_interval",
        replace(SIMPLE, "review_every: 12 months", "review_every: yearly"),
        [
            (
                "review_every:",
                "review_every 'yearly' is not an interval: write a number and a "
                "unit, like '12 months' or '2 years' [sop.invalid_interval]",
            )
        ],
    ),
    case(
        "invalid_flag",
        replace(SIMPLE, "version: 1.0.0", "version: 1.0.0\neditorial: maybe"),
        [("editorial:", "editorial 'maybe' is not true or false [sop.invalid_flag]")],
    ),
    case(
        "invalid_stamp",
        replace(
            SIMPLE,
            "review_every: 12 months",
            "review_every: 12 months\napproved_fingerprint: yes please",
        ),
        [
            (
                "approved_fingerprint:",
                "approved_fingerprint 'yes please' is not an approval "
                "stamp: write it with make approve [sop.invalid_stamp]",
            )
        ],
    ),
    case(
        "unknown_role",
        # ROLE_IT_SERVICE_DESK and ROLE_SENIOR_AGENT would be close but for the prefix
        replace(SIMPLE, "owner: ROLE_TEAM_LEADER", "owner: ROLE_SUPERVISOR"),
        [
            (
                "owner:",
                "owner ROLE_SUPERVISOR is not a role of the catalog: use the id of a role "
                "defined with ```{role}, or add the role [sop.unknown_role]",
            )
        ],
    ),
    case(
        "role_mistyped",
        replace(SIMPLE, "owner: ROLE_TEAM_LEADER", "owner: ROLE_TEAM_LEADR"),
        [
            (
                "owner:",
                "owner ROLE_TEAM_LEADR is not a role of the catalog: did you mean "
                "ROLE_TEAM_LEADER? If it is a new role, add it to sops/catalog/roles.md "
                "[sop.unknown_role]",
            )
        ],
    ),
    case(
        "role_of_wrong_type",
        replace(SIMPLE, "approver: ROLE_OPS_MANAGER", "approver: KPI_AHT"),
        [
            (
                "approver:",
                "approver 'KPI_AHT' is not a role id: name a role of the catalog, "
                "like ROLE_QA_LEAD [sop.unknown_role]",
            )
        ],
    ),
    # -- sections
    case(
        "heading_level",
        replace(SIMPLE, "## Purpose", "# Purpose"),
        [
            (
                "# Purpose",
                "'# Purpose' is a title heading, but the page title comes from the "
                "front matter 'title': write it as '## Purpose' [sop.heading_level]",
            )
        ],
    ),
    case(
        "missing_section",
        replace(SIMPLE, TRAINING, ""),
        [
            (
                "## References",
                "SOP SOP-T-001 has no 'Training' section: add '## Training' "
                "before '## References' [sop.missing_section]",
            )
        ],
    ),
    case(
        "missing_section_misspelt",
        replace(SIMPLE, "## Training", "## Trainig"),
        [
            (
                "## Trainig",
                "SOP SOP-T-001 has no 'Training' section: did you mean '## Training' here? "
                "Correct this heading '## Trainig' to it, or, if it is another part, add "
                "'## Training' as well [sop.missing_section]",
            )
        ],
    ),
    case(
        "missing_last_section",
        SIMPLE[: SIMPLE.index("## Review and approval")],
        [
            (
                "## References",
                "SOP SOP-T-001 has no 'Review and approval' section: add "
                "'## Review and approval' after the last section [sop.missing_section]",
            )
        ],
    ),
    case(
        "empty_section",
        replace(SIMPLE, SCOPE, "## Scope\n\n"),
        [
            (
                "## Scope",
                "section 'Scope' of SOP SOP-T-001 is empty: write which calls, teams, "
                "sites and channels it covers, and what it does not [sop.empty_section]",
            )
        ],
    ),
    case(
        "duplicate_section",
        TWO_SCOPES,
        [
            (
                ("## Scope", 2),
                "SOP SOP-T-001 has the section 'Scope' twice (first on line "
                f"{line_of(TWO_SCOPES, '## Scope')}): merge them into one "
                "[sop.duplicate_section]",
            )
        ],
    ),
    case(
        "section_order",
        swap(SIMPLE, PURPOSE, SCOPE),
        [
            (
                "## Purpose",
                "section 'Purpose' of SOP SOP-T-001 is out of order: move it "
                "before 'Scope' (the order is Purpose, Scope, Responsibilities, Procedure, "
                "Performance metrics, Documentation and records, Training, References, Review "
                "and approval) [sop.section_order]",
            )
        ],
    ),
    # -- steps and formats
    case(
        "placeholder",
        replace(SIMPLE, "Inbound calls on the test queue.", "<Which calls it covers>"),
        [
            (
                "<Which calls",
                "SOP SOP-T-001 still has the guidance <Which calls it covers>: "
                "replace it with the SOP's own text (only a draft may keep it) [sop.placeholder]",
            )
        ],
    ),
    case(
        "no_steps",
        SIMPLE[: SIMPLE.index("```{step} Answer")]
        + "Answer the call.\n\n"
        + SIMPLE[SIMPLE.index("## Performance") :],
        [
            (
                "## Procedure",
                "section 'Procedure' of SOP SOP-T-001 holds no step: write each "
                "step as a ```{step} block [sop.no_steps]",
            )
        ],
    ),
    case(
        "step_outside_procedure",
        replace(
            replace(SIMPLE, CLOSE_STEP, ""),
            "The greeting script.\n",
            "The greeting script.\n\n" + CLOSE_STEP,
        ),
        [
            (
                "{step} Close",
                "step STEP_T_CLOSE is in 'References', outside 'Procedure': move "
                "it into the 'Procedure' section [sop.step_outside_procedure]",
            )
        ],
    ),
    case(
        "flowchart_missing",
        FLOWCHART[: FLOWCHART.index("```mermaid")] + FLOWCHART[FLOWCHART.index("```{step}") :],
        [
            (
                "## Procedure",
                "SOP SOP-T-003 has format 'flowchart' but its 'Procedure' section "
                "has no flowchart: add a ```mermaid block with the steps, or change the format "
                "[sop.flowchart_missing]",
            )
        ],
    ),
    case(
        "stages_missing",
        replace(
            replace(HIERARCHICAL, "### Stage 1: Classroom\n", ""), "### Stage 2: On the job\n", ""
        ),
        [
            (
                "## Procedure",
                "SOP SOP-T-002 has format 'hierarchical' but its 'Procedure' "
                "section has no stages: group the steps under '### <stage>' headings, or set "
                "'format: simple' [sop.stages_missing]",
            )
        ],
    ),
    case(
        "step_outside_stage",
        UNSTAGED,
        [
            (
                "{step} Book the room",
                "step STEP_H_ROOM of hierarchical SOP SOP-T-002 is not "
                "in a stage: move it under a '### <stage>' heading [sop.step_outside_stage]",
            )
        ],
    ),
    case(
        "not_flat_stage",
        replace(SIMPLE, "## Procedure\n", "## Procedure\n\n### Stage A\n"),
        [
            (
                "### Stage A",
                "SOP SOP-T-001 has format 'simple' but '### Stage A' groups its "
                "steps in a stage: remove the heading, or set 'format: hierarchical' "
                "[sop.not_flat]",
            )
        ],
    ),
    case(
        "not_flat_substep",
        replace(SIMPLE, "```{step} Answer", "````{step} Answer").replace(
            "Answer within three rings.\n```\n\n" + CLOSE_STEP,
            "Answer within three rings.\n\n" + CLOSE_STEP.rstrip() + "\n````\n\n",
        ),
        [
            (
                "{step} Close",
                "step STEP_T_CLOSE is a sub-step of STEP_T_ANSWER, but SOP "
                "SOP-T-001 has format 'simple', a flat list: move it out of STEP_T_ANSWER, or set "
                "'format: hierarchical' [sop.not_flat]",
            )
        ],
    ),
    # -- what reaches the reader's browser
    case(
        "raw_html",
        replace(SIMPLE, SCOPE, SCOPE + "<script>\nalert(1)\n</script>\n\n"),
        [
            (
                "<script>",
                "raw HTML '<script>' is not published: it could run code or change the page "
                "in every reader's browser; remove it, or write the text in Markdown "
                "[sop.raw_html]",
            )
        ],
    ),
    case(
        "unsafe_link",
        replace(SIMPLE, "The greeting script.", "The [greeting script](javascript:alert(1))."),
        [
            (
                "javascript:",
                "link to 'javascript:alert(1)' is not published: a javascript:, vbscript: or "
                "data: address could run code in every reader's browser; link to an https:// "
                "address or a page of the library [sop.unsafe_link]",
            )
        ],
    ),
]


FENCE = "```mermaid"
RETRY = "    D1 -- no --> RETRY[Try again]\n    RETRY --> RETRY2[Wait]\n    RETRY2 --> RETRY\n"

FLOWCHART_CASES = [
    case(
        "flowchart_renamed_step",
        replace(FLOWCHART, ":id: STEP_F_CLOSE", ":id: STEP_F_FINISH"),
        [
            (
                FENCE,
                "step STEP_F_FINISH of SOP SOP-T-003 is not in its flowchart: add a box "
                "STEP_F_FINISH[...] where it happens [sop.flowchart_missing_step]",
            ),
            (
                "D1 -- yes --> STEP_F_CLOSE",
                "box STEP_F_CLOSE names no step of SOP SOP-T-003: "
                "is it STEP_F_FINISH, which the chart leaves out? Rename the box "
                "STEP_F_FINISH, or add the step STEP_F_CLOSE to the SOP "
                "[sop.flowchart_unknown_step]",
            ),
        ],
    ),
    case(
        "flowchart_decision",
        replace(FLOWCHART, "D1 -- no --> STEP_F_ANSWER", "D1 --> STEP_F_ANSWER"),
        [
            (
                "D1{Resolved?}",
                "decision D1 has 1 labelled way(s) out: label at least two, like "
                "D1 -- yes --> ... and D1 -- no --> ... [sop.flowchart_decision]",
            )
        ],
    ),
    case(
        "flowchart_unreachable",
        replace(
            FLOWCHART,
            "    STEP_F_CLOSE --> DONE",
            "    EXTRA[Orphan] --> DONE\n    STEP_F_CLOSE --> DONE",
        ),
        [
            (
                "EXTRA[Orphan]",
                "box EXTRA cannot be reached from the start, START: draw an arrow "
                "to it, or remove it [sop.flowchart_unreachable]",
            )
        ],
    ),
    case(
        "flowchart_no_end",
        replace(FLOWCHART, "    D1 -- no --> STEP_F_ANSWER\n", RETRY),
        [
            (
                "RETRY[Try again]",
                "from box RETRY the flowchart never reaches an end: give the "
                "loop an arrow out to a box that ends the procedure [sop.flowchart_no_end]",
            )
        ],
    ),
    case(
        "flowchart_without_any_end",
        replace(FLOWCHART, "STEP_F_CLOSE --> DONE([End])", "STEP_F_CLOSE --> STEP_F_ANSWER"),
        [
            (
                FENCE,
                "the flowchart of SOP SOP-T-003 has no end: every box has an arrow out; "
                "end the procedure in a box with none, such as DONE([Call closed]) "
                "[sop.flowchart_no_end]",
            )
        ],
    ),
    case(
        "mermaid_syntax",
        replace(FLOWCHART, "D1 -- no --> STEP_F_ANSWER", "D1 -- no --> [STEP_F_ANSWER"),
        [
            (
                "D1 -- no --> [STEP_F_ANSWER",
                "Mermaid cannot read 'D1 -- no --> [STEP_F_ANSWER' at '[' (column 18), where it "
                "expected a box id, not an opening bracket '[': give the box an id before the "
                "'[' and close it with ']', such as ID[STEP_F_ANSWER], or remove the '[' "
                "[sop.mermaid_syntax]",
            )
        ],
    ),
    case(
        "flowchart_of_another_kind",
        FLOWCHART[: FLOWCHART.index("flowchart TD")] + "sequenceDiagram\n    Agent->>Caller: "
        "Hello\n" + FLOWCHART[FLOWCHART.index("```\n", FLOWCHART.index(FENCE)) :],
        [
            (
                FENCE,
                "the diagram of SOP SOP-T-003 is a sequence diagram, not a flowchart: start "
                "it with 'flowchart TD' [sop.flowchart_missing]",
            )
        ],
    ),
]

#: More diagrams Mermaid cannot read, each said with the fix that fits the mistake: built
#: together, as the pages of one project (test_flowcharts).
MERMAID_SYNTAX_CASES = [
    case(
        "mermaid_parentheses_in_decision",
        replace(FLOWCHART, "D1{Resolved?}", "D1{Resolved (first call)?}"),
        [
            (
                "D1{Resolved (first call)?}",
                "Mermaid cannot read 'STEP_F_ANSWER[Answer] --> D1{Resolved (first call)?}' at "
                "'(' (column 43), where it expected label text or a closing brace '}', not an "
                "opening parenthesis '(': put the label in double quotes: "
                'D1{"Resolved (first call)?"} [sop.mermaid_syntax]',
            )
        ],
    ),
    case(
        "mermaid_unclosed_label",
        replace(FLOWCHART, "STEP_F_CLOSE[Close]", "STEP_F_CLOSE[Close"),
        [
            (
                "STEP_F_CLOSE[Close",
                "Mermaid cannot read 'D1 -- yes --> STEP_F_CLOSE[Close' at '[' (column 31), "
                "never closed (it read the lines after it as its label, until an opening '([', "
                "where it expected label text or a closing bracket ']'): close it with ']' "
                "[sop.mermaid_syntax]",
            )
        ],
    ),
    case(
        "mermaid_arrow_after_a_comment",
        replace(
            FLOWCHART,
            "    STEP_F_CLOSE --> DONE",
            "    %% the call ends here\n    STEP_F_CLOSE -> DONE",
        ),
        [
            (
                "STEP_F_CLOSE -> DONE",
                "Mermaid cannot read 'STEP_F_CLOSE -> DONE([End])' at '-' (column 18), where it "
                "expected an arrow such as '-->' or the end of the line, not a single '-': "
                "write the arrow as '-->' (or '---', '-.->', '==>') [sop.mermaid_syntax]",
            )
        ],
    ),
]


METRIC = """\
```{metric} Abandonment rate
:id: KPI_ABANDON
:definition: Calls abandoned after 5 seconds in queue, as a share of calls offered.
:unit: %
:target: 5% or less
:source: ACD
```
"""


def with_entry(entry: str) -> str:
    """The simple SOP with a catalog entry written in its References section."""
    return replace(SIMPLE, "The greeting script.\n", "The greeting script.\n\n" + entry)


#: The defects of the trace, which sphinx-needs finds and soplib.checks.needs_messages
#: says in an author's words.
TRACE_CASES = [
    case(
        "unknown_link",
        replace(SIMPLE, ":metrics: KPI_ASA", ":metrics: KPI_AS"),
        [
            (
                "{step} Answer",
                "step STEP_T_ANSWER names KPI_AS in ':metrics:', but no metric has that id: "
                "did you mean KPI_ASA? If it is a new metric, add it to "
                "sops/catalog/metrics.md [sop.unknown_link]",
            )
        ],
    ),
    case(
        # KPI_AHT would be close but for the prefix
        "unknown_link_far_from_any",
        replace(SIMPLE, ":metrics: KPI_ASA", ":metrics: KPI_HOLD"),
        [
            (
                "{step} Answer",
                "step STEP_T_ANSWER names KPI_HOLD in ':metrics:', but no metric has that id: "
                "write the id of a metric of sops/catalog/metrics.md, or add the metric there "
                "[sop.unknown_link]",
            )
        ],
    ),
    case(
        "duplicate_role_id",
        replace(
            SIMPLE,
            "## References\n",
            "## References\n\n"
            + "".join(
                f"```{{role}} {title}\n:id: ROLE_NIGHT_AGENT\n:summary: Covers the night shift.\n"
                ":agent_facing: yes\n```\n\n"
                for title in ("Night agent", "Night agent")
            ),
        ),
        [
            (
                ("{role} Night agent", 2),
                "the id ROLE_NIGHT_AGENT of the role 'Night agent' is already the id of the role "
                f"on line {line_of(SIMPLE, '## References') + 2} of sops/area/x.md: give this "
                "role an id of its own, such as ROLE_NIGHT_AGENT_2 [sop.duplicate_entry_id]",
            )
        ],
    ),
    case(
        "wrong_link_type",
        replace(SIMPLE, ":metrics: KPI_FCR", ":metrics: ROLE_AGENT"),
        [
            (
                "{step} Close",
                "step STEP_T_CLOSE names ROLE_AGENT in ':metrics:', but ROLE_AGENT is a role, "
                "not a metric: name a metric of sops/catalog/metrics.md there, and name the "
                "role in ':responsible:' [sop.wrong_link_type]",
            )
        ],
    ),
    case(
        "step_where_a_metric_goes",
        replace(SIMPLE, ":metrics: KPI_FCR", ":metrics: STEP_T_ANSWER"),
        [
            (
                "{step} Close",
                "step STEP_T_CLOSE names STEP_T_ANSWER in ':metrics:', but STEP_T_ANSWER is a "
                "step, not a metric: name a metric of sops/catalog/metrics.md there "
                "[sop.wrong_link_type]",
            )
        ],
    ),
    case(
        "link_of_sphinx_needs",
        replace(SIMPLE, ":metrics: KPI_FCR", ":metrics: KPI_FCR\n:links: STEP_T_NOWHERE"),
        [
            (
                "{step} Close",
                "step STEP_T_CLOSE names 'STEP_T_NOWHERE', which is no id of the library "
                "[sop.unknown_link]",
            )
        ],
    ),
    case(
        "role_without_a_title",
        replace(
            SIMPLE,
            "## References\n",
            "## References\n\n```{role}\n:id: ROLE_NIGHT_LEAD\n"
            ":summary: Covers the night shift.\n:agent_facing: yes\n```\n",
        ),
        [
            (
                "{role}",
                "this role has no title, so readers cannot see what it is: write it after "
                "{role} on the same line, such as ```{role} Its name [sop.missing_entry_title]",
            )
        ],
    ),
    case(
        "role_id_not_written_as_ids_are",
        replace(
            SIMPLE,
            "## References\n",
            "## References\n\n```{role} Night agent\n:id: night-agent\n"
            ":summary: Covers the night shift.\n:agent_facing: yes\n```\n",
        ),
        [
            (
                "{role} Night",
                "the id 'night-agent' of this role is not written as ids are (capital letters, "
                "digits and _, starting with ROLE_): write ':id: ROLE_NIGHT_AGENT' "
                "[sop.invalid_entry_id]",
            )
        ],
    ),
    case(
        "role_option_misspelt",
        replace(
            SIMPLE,
            "## References\n",
            "## References\n\n```{role} Night agent\n:id: ROLE_NIGHT_COVER\n"
            ":summary: Covers the night shift.\n:agent_facing: yes\n:sumary: x\n```\n",
        ),
        [
            (
                "{role} Night",
                "a role takes no ':sumary:' line, so this line is ignored: did you mean "
                "':summary:'? Correct its name, or remove the line. A role takes :id:, "
                ":summary:, :agent_facing: [sop.unknown_option]",
            )
        ],
    ),
    case(
        "layout_of_no_kind",
        replace(SIMPLE, ":id: STEP_T_CLOSE\n", ":id: STEP_T_CLOSE\n:layout: big\n"),
        [
            (
                "{step} Close",
                "step STEP_T_CLOSE has ':layout: big', which is no layout of the library: remove "
                "the line, and the step is laid out as the others [sop.invalid_entry_field]",
            )
        ],
    ),
    case(
        "steps_written_on_a_role",
        replace(
            SIMPLE,
            "## References\n",
            "## References\n\n```{role} Night relief\n"
            ":id: ROLE_NIGHT_RELIEF\n:summary: Covers the night shift.\n:agent_facing: yes\n"
            ":layout: x\n:steps: STEP_T_CLOSE\n```\n",
        ),
        [
            (
                "{role} Night relief",
                "':steps:' of a role is filled in by the build (the steps that name it), so this "
                "line is ignored: remove it [sop.misplaced_field]",
            ),
            (
                "{role} Night relief",
                "role ROLE_NIGHT_RELIEF has ':layout: x', which is no layout of the library: "
                "remove the line, and the role is laid out as the others "
                "[sop.invalid_entry_field]",
            ),
        ],
    ),
    case(
        "option_far_from_any",
        replace(SIMPLE, ":metrics: KPI_ASA\n", ":metrics: KPI_ASA\n:zzz: 1\n"),
        [
            (
                "{step} Answer",
                "a step takes no ':zzz:' line, so this line is ignored: remove it, or write one "
                "a step takes: :id:, :responsible:, :metrics:, :training:, :records:, "
                ":qa_check:, :qa_weight:, :qa_critical: [sop.unknown_option]",
            )
        ],
    ),
    case(
        "link_of_a_step_on_a_role",
        replace(
            SIMPLE,
            "## References\n",
            "## References\n\n```{role} Night guard\n"
            ":id: ROLE_NIGHT_GUARD\n:summary: Covers the night shift.\n:agent_facing: yes\n"
            ":responsible: ROLE_AGENT\n```\n",
        ),
        [
            (
                "{role} Night guard",
                "':responsible:' is a field of a step, not of a role, so ROLE_NIGHT_GUARD ignores "
                "it: remove the line [sop.misplaced_field]",
            )
        ],
    ),
    case(
        "missing_link",
        replace(SIMPLE, ":responsible: ROLE_AGENT\n:metrics: KPI_FCR", ":metrics: KPI_FCR"),
        [
            (
                "{step} Close",
                "step STEP_T_CLOSE has no ':responsible:' line (the roles that carry out the "
                "step): add ':responsible: ROLE_...' with the id of a role of "
                "sops/catalog/roles.md [sop.missing_link]",
            )
        ],
    ),
    case(
        "missing_entry_id",
        replace(SIMPLE, ":id: STEP_T_CLOSE\n", ""),
        [
            (
                "{step} Close",
                "the step 'Close the call' has no id, so it cannot be traced or published: add "
                "the line ':id: STEP_T_CLOSE_THE_CALL' under its first line (an id of your "
                "choice, in capitals, never used before) [sop.missing_entry_id]",
            )
        ],
    ),
    case(
        "missing_entry_title",
        replace(SIMPLE, "```{step} Close the call", "```{step}"),
        [
            (
                ("```{step}", 2),
                "this step has no title, so readers cannot see what it is: write it after "
                "{step} on the same line, such as ```{step} Greet the caller "
                "[sop.missing_entry_title]",
            )
        ],
    ),
    case(
        "invalid_entry_id",
        replace(SIMPLE, ":id: STEP_T_CLOSE", ":id: step-close-call"),
        [
            (
                "{step} Close",
                "the id 'step-close-call' of this step is not written as ids are (capital "
                "letters, digits and _, starting with STEP_): write ':id: STEP_CLOSE_CALL' "
                "[sop.invalid_entry_id]",
            )
        ],
    ),
    case(
        "id_without_its_prefix",
        replace(SIMPLE, ":id: STEP_T_CLOSE", ":id: KPI_CLOSING"),
        [
            (
                "{step} Close",
                "the id KPI_CLOSING of this step does not start with STEP_: write ':id: "
                "STEP_CLOSING' [sop.invalid_entry_id]",
            )
        ],
    ),
    case(
        "duplicate_entry_id",
        replace(SIMPLE, ":id: STEP_T_CLOSE", ":id: STEP_T_ANSWER"),
        [
            (
                "{step} Close",
                "the id STEP_T_ANSWER of the step 'Close the call' is already the id of the "
                f"step on line {line_of(SIMPLE, '{step} Answer')} of sops/area/x.md: give this "
                "step an id of its own, such as STEP_T_CLOSE_THE_CALL [sop.duplicate_entry_id]",
            )
        ],
    ),
    case(
        "unknown_option",
        replace(SIMPLE, ":metrics: KPI_ASA\n", ":metrics: KPI_ASA\n:trainng: TRN_CALL_HANDLING\n"),
        [
            (
                "{step} Answer",
                "a step takes no ':trainng:' line, so this line is ignored: did you mean "
                "':training:'? Correct its name, or remove the line. A step takes :id:, "
                ":responsible:, :metrics:, :training:, :records:, "
                ":qa_check:, :qa_weight:, :qa_critical: [sop.unknown_option]",
            )
        ],
    ),
    case(
        "misplaced_field",
        replace(SIMPLE, ":metrics: KPI_ASA\n", ":metrics: KPI_ASA\n:unit: seconds\n"),
        [
            (
                "{step} Answer",
                "':unit:' is a field of a metric, not of a step, so STEP_T_ANSWER ignores it: "
                "remove the line (a step names its metric, training or record by id instead) "
                "[sop.misplaced_field]",
            )
        ],
    ),
    case(
        "missing_entry_field",
        with_entry(replace(METRIC, ":unit: %\n", "")),
        [
            (
                "{metric} Abandonment",
                "metric KPI_ABANDON has no ':unit:' line (the unit: %, seconds, points): add "
                "':unit: <%, seconds, points...>' [sop.missing_entry_field]",
            )
        ],
    ),
    case(
        "invalid_entry_field",
        with_entry(replace(METRIC, ":source: ACD", ":source: Excel")),
        [
            (
                "{metric} Abandonment",
                "metric KPI_ABANDON has ':source: Excel', which the build cannot use: write one "
                "of ACD, WFM, QA, CRM, survey [sop.invalid_entry_field]",
            )
        ],
    ),
    case(
        "invalid_step_field",
        replace(SIMPLE, ":metrics: KPI_ASA\n", ":metrics: KPI_ASA\n:qa_weight: 11\n"),
        [
            (
                "{step} Answer",
                "step STEP_T_ANSWER has ':qa_weight: 11', which the build cannot use: write a "
                "whole number from 0 to 10, or leave the line out for 1 [sop.invalid_step_field]",
            )
        ],
    ),
    case(
        "threshold_of_the_wrong_shape",
        with_entry(replace(METRIC, ":source: ACD", ":source: ACD\n:threshold: 5% or less")),
        [
            (
                "{metric} Abandonment",
                "metric KPI_ABANDON has ':threshold: 5% or less', which the build cannot use: "
                "write a value such as at least 75, at most 20 or within 324 to 396: numbers "
                "in the metric's unit, written without it [sop.invalid_entry_field]",
            )
        ],
    ),
    case(
        "value_of_the_wrong_shape",
        with_entry(
            "```{training} Vulnerable customers\n:id: TRN_VULNERABLE\n:delivery: e-learning\n"
            ":length: 2 hourz\n:refresh_every: 12 months\n```\n"
        ),
        [
            (
                "{training} Vulnerable",
                "training TRN_VULNERABLE has ':length: 2 hourz', which the build cannot use: "
                "write a value such as 90 minutes or 2 days [sop.invalid_entry_field]",
            )
        ],
    ),
]


#: The subtypes whose defect needs more than one page, a broken set-up or git history:
#: each is built on its own (test_sop_checks, test_flowcharts, test_views, test_editions).
STANDALONE = {
    "duplicate_id",
    "encoding",
    "step_outside_sop",
    "config",
    "mermaid_unavailable",
    "review_overdue",
    "translation_outdated",
    "unused_entry",
    # the KPI figures files, not pages (tests/builds/test_kpi.py)
    "kpi_missing_column",
    "kpi_unknown_column",
    "kpi_unknown_metric",
    "kpi_value",
    "kpi_period",
    "kpi_future_period",
    "kpi_duplicate",
    "kpi_review",
}
