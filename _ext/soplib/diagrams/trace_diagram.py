"""A generated trace diagram on each SOP page: its steps, numbered as on the page, with
the roles that carry them out, the metrics that measure them and the training they need.

Drawn with Mermaid as one row per step, in the order of the page: the roles on the
left, the step, then its metrics and trainings. No line crosses a row, so a procedure
of 20 steps stays readable; the step's box keeps the step's id, so a click on it goes
to the step. It is added at the end of the Procedure section when the page is written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx_needs.data import SphinxNeedsData
from sphinxcontrib.mermaid import mermaid

from ..model.i18n import N_, _
from ..model.outline import Step, step_numbers
from ..model.records import sop_records
from ..model.settings import sections
from ..model.trace import NEEDS_TYPES

HEADING = N_("Trace: who does each step, how it is measured, what training it needs")
LEGEND = N_(
    "Each row is a step: on the left the roles that carry it out; on the right the "
    "metrics that measure it (solid arrows) and the training it needs (dotted arrows)."
)
#: The legend's last sentence, which the screen shows and paper leaves out.
CLICK = N_("Click a step to go to it.")
#: The class of that sentence (site/static/soplib-print.css).
SCREEN_ONLY = "sop-screen-only"
#: What a step's row shows after it: the link type and how its arrow is drawn.
AFTER_STEP = (("metrics", "-->"), ("training", "-.->"))
#: The class of the trace diagram's node, which the site draws as a figure of its own.
TRACE_CLASS = "sop-trace"
COLORS = {need_type["directive"]: need_type["color"] for need_type in NEEDS_TYPES}
#: What the classes Mermaid gives the boxes and row frames start with: none is a class of
#: the theme (Bootstrap's ``.row`` would stretch a row's frame past the diagram's edge).
CLASS_PREFIX = "trace_"


def label(text: str) -> str:
    """Text as a quoted Mermaid label."""
    return '"' + text.replace('"', "#quot;") + '"'


def trace_chart(steps: Sequence[Step], needs: Mapping[str, Any]) -> str:
    """The Mermaid code of the trace diagram of these steps."""
    numbers = step_numbers(steps)
    lines = [
        "---",
        "config:",
        "  flowchart:",
        "    nodeSpacing: 12",
        "    rankSpacing: 36",
        "    padding: 6",
        "---",
        "flowchart TB",
    ]
    rows: list[str] = []
    classes: dict[str, list[str]] = {kind: [] for kind in COLORS}
    for row, step in enumerate((needs[s.id] for s in steps if s.id in needs), start=1):
        rows.append(f"row{row}")
        lines += [f'    subgraph row{row}[" "]', "        direction LR"]
        lines.append(f"        {step['id']}[{label(numbers[step['id']] + '. ' + step['title'])}]")
        classes["step"].append(step["id"])
        for n, role in enumerate(step["responsible"]):
            lines.append(f"        row{row}_r{n}[{label(_title(needs, role))}] --- {step['id']}")
            classes["role"].append(f"row{row}_r{n}")
        for field, arrow in AFTER_STEP:
            kind = "metric" if field == "metrics" else "training"
            for n, target in enumerate(step[field]):
                box = f"row{row}_{kind}{n}"
                lines.append(f"        {step['id']} {arrow} {box}[{label(_title(needs, target))}]")
                classes[kind].append(box)
        lines.append("    end")
    if len(rows) > 1:
        lines.append("    " + " ~~~ ".join(rows))
    lines += [
        f"    classDef {CLASS_PREFIX}{kind} fill:{color},stroke:#555,color:#111"
        for kind, color in COLORS.items()
        if classes[kind]
    ]
    lines += [
        f"    class {','.join(ids)} {CLASS_PREFIX}{kind}" for kind, ids in classes.items() if ids
    ]
    lines += (
        [
            f"    classDef {CLASS_PREFIX}row fill:none,stroke:#999,stroke-dasharray:2 4",
            f"    class {','.join(rows)} {CLASS_PREFIX}row",
        ]
        if rows
        else []
    )
    return "\n".join(lines)


def _title(needs: Mapping[str, Any], need_id: str) -> str:
    return needs[need_id]["title"] if need_id in needs else need_id


def add_trace_diagram(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Append the trace diagram to the Procedure section of an SOP page."""
    record = sop_records(app.env).get(docname)
    spec = sections(app)
    if record is None or not record.steps or spec is None:
        return
    procedure = next(
        (
            section
            for section in doctree.findall(nodes.section)
            if spec.canonical(section[0].astext()) == spec.procedure
        ),
        None,
    )
    if procedure is None:
        return
    diagram = mermaid()
    diagram["code"] = trace_chart(record.steps, SphinxNeedsData(app.env).get_needs_view())
    diagram["options"] = {}
    diagram["classes"] = [TRACE_CLASS]
    procedure += nodes.rubric(text=_(HEADING))
    procedure += nodes.paragraph(
        "",
        _(LEGEND) + " ",
        nodes.inline(text=_(CLICK), classes=[SCREEN_ONLY]),
        classes=["sop-trace-legend"],
    )
    procedure += diagram


def setup(app: Sphinx) -> None:
    app.connect("doctree-resolved", add_trace_diagram)
