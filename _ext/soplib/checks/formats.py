"""The three SOP formats (simple, hierarchical, flowchart), checked against the content.

Pure functions over the Procedure section of an :class:`~soplib.model.outline.Outline`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model.outline import Part
from ..model.problems import Finding, Problem


def check_format(sop_format: str, procedure: Part, sop_id: str) -> Iterator[Finding]:
    """What in the Procedure section contradicts the SOP's declared format."""
    stages = [stage for stage in procedure.stages if stage.steps]
    if sop_format == "flowchart" and not procedure.all_diagrams():
        yield Finding(
            procedure.line,
            Problem.FLOWCHART_MISSING,
            f"SOP {sop_id} has format 'flowchart' but its '{procedure.title}' "
            "section has no flowchart: add a ```mermaid block with the steps, "
            "or change the format",
        )
    elif sop_format == "hierarchical":
        if not stages:
            yield Finding(
                procedure.line,
                Problem.STAGES_MISSING,
                f"SOP {sop_id} has format 'hierarchical' but its "
                f"'{procedure.title}' section has no stages: group the steps "
                "under '### <stage>' headings, or set 'format: simple'",
            )
        else:
            for step in procedure.steps:
                yield Finding(
                    step.line,
                    Problem.STEP_OUTSIDE_STAGE,
                    f"step {step.id} of hierarchical SOP {sop_id} is not in a "
                    "stage: move it under a '### <stage>' heading",
                )
    elif sop_format == "simple":
        for stage in stages:
            yield Finding(
                stage.line,
                Problem.NOT_FLAT,
                f"SOP {sop_id} has format 'simple' but '### {stage.title}' groups "
                "its steps in a stage: remove the heading, or set "
                "'format: hierarchical'",
            )
        for step in procedure.all_steps():
            if step.parent:
                yield Finding(
                    step.line,
                    Problem.NOT_FLAT,
                    f"step {step.id} is a sub-step of {step.parent}, but SOP "
                    f"{sop_id} has format 'simple', a flat list: move it out of "
                    f"{step.parent}, or set 'format: hierarchical'",
                )
