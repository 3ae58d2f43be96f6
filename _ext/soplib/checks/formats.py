"""The three SOP formats (simple, hierarchical, flowchart), checked against the content.

Pure functions over the Procedure section of an :class:`~soplib.model.outline.Outline`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model.i18n import say
from ..model.outline import Part
from ..model.problems import Finding, Problem


def check_format(sop_format: str, procedure: Part, sop_id: str) -> Iterator[Finding]:
    """What in the Procedure section contradicts the SOP's declared format."""
    stages = [stage for stage in procedure.stages if stage.steps]
    if sop_format == "flowchart" and not procedure.all_diagrams():
        yield Finding(
            procedure.line,
            Problem.FLOWCHART_MISSING,
            say(
                "SOP %(sop)s has format 'flowchart' but its '%(section)s' section has no "
                "flowchart: add a ```mermaid block with the steps, or change the format",
                sop=sop_id,
                section=procedure.title,
            ),
        )
    elif sop_format == "hierarchical":
        if not stages:
            yield Finding(
                procedure.line,
                Problem.STAGES_MISSING,
                say(
                    "SOP %(sop)s has format 'hierarchical' but its '%(section)s' section has "
                    "no stages: group the steps under '### <stage>' headings, or set "
                    "'format: simple'",
                    sop=sop_id,
                    section=procedure.title,
                ),
            )
        else:
            for step in procedure.steps:
                yield Finding(
                    step.line,
                    Problem.STEP_OUTSIDE_STAGE,
                    say(
                        "step %(step)s of hierarchical SOP %(sop)s is not in a stage: move it "
                        "under a '### <stage>' heading",
                        step=step.id,
                        sop=sop_id,
                    ),
                )
    elif sop_format == "simple":
        for stage in stages:
            yield Finding(
                stage.line,
                Problem.NOT_FLAT,
                say(
                    "SOP %(sop)s has format 'simple' but '### %(stage)s' groups its steps in "
                    "a stage: remove the heading, or set 'format: hierarchical'",
                    sop=sop_id,
                    stage=stage.title,
                ),
            )
        for step in procedure.all_steps():
            if step.parent:
                yield Finding(
                    step.line,
                    Problem.NOT_FLAT,
                    say(
                        "step %(step)s is a sub-step of %(parent)s, but SOP %(sop)s has format "
                        "'simple', a flat list: move it out of %(parent)s, or set "
                        "'format: hierarchical'",
                        step=step.id,
                        parent=step.parent,
                        sop=sop_id,
                    ),
                )
