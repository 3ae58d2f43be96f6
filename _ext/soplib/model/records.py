"""What the library knows of each SOP page, kept on the build environment.

A :class:`SopRecord` is made when the page is read (:mod:`soplib.checks.page`): its
valid front matter, the line of each field, the problems found in it, its steps in the
order of the page and each one's own text, the fingerprint of its content and of each
section, and its flowcharts. Everything that draws the site or checks the library as a
whole reads the records from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sphinx.environment import BuildEnvironment

from .outline import Diagram, Step
from .problems import Finding
from .store import DocumentStore


@dataclass
class SopRecord:
    """What the library knows of one SOP page."""

    meta: dict[str, Any] = field(default_factory=dict)  # the valid front matter fields
    lines: dict[str, int] = field(default_factory=dict)  # the line of each field
    findings: list[Finding] = field(default_factory=list)
    steps: list[Step] = field(default_factory=list)  # in the order of the page
    #: each step's own text (not its sub-steps'), white space folded, by id
    step_texts: dict[str, str] = field(default_factory=dict)
    fingerprint: str = ""  # of the content, as read
    flowcharts: list[Diagram] = field(default_factory=list)  # those of its Procedure
    #: the fingerprint of each required section's text, white space folded, by canonical
    #: title: what the change report compares (a changed Scope is a new scope)
    sections: dict[str, str] = field(default_factory=dict)


SOPS: DocumentStore[SopRecord] = DocumentStore("sop_records")


def sop_records(env: BuildEnvironment) -> dict[str, SopRecord]:
    """The SOP pages of the library, by docname."""
    return SOPS.of(env)
