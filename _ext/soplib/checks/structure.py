"""The required sections of an SOP: present, non-empty, once each, in order; steps in Procedure.

Pure functions over an :class:`~soplib.model.outline.Outline`; each yields located findings.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from ..model.outline import Outline, Part
from ..model.problems import Finding, Problem
from ..model.settings import SectionSpec, normalise_title


def check_sections(outline: Outline, spec: SectionSpec, sop_id: str) -> Iterator[Finding]:
    """Every problem with the SOP's required sections and where its steps are."""
    first: dict[str, Part] = {}
    unknown: list[Part] = []
    for part in outline.sections:
        if part.level == 1:
            yield Finding(
                part.line,
                Problem.HEADING_LEVEL,
                f"'# {part.title}' is a title heading, but the page title comes "
                f"from the front matter 'title': write it as '## {part.title}'",
            )
        canonical = spec.canonical(part.title)
        if canonical is None:
            unknown.append(part)
        elif canonical in first:
            yield Finding(
                part.line,
                Problem.DUPLICATE_SECTION,
                f"SOP {sop_id} has the section '{spec.name(canonical)}' twice (first on line "
                f"{first[canonical].line}): merge them into one",
            )
        else:
            first[canonical] = part
            if not part.has_text:
                hint = spec.hints.get(canonical) or "its content"
                yield Finding(
                    part.line,
                    Problem.EMPTY_SECTION,
                    f"section '{part.title}' of SOP {sop_id} is empty: write {hint}",
                )

    yield from _check_order(first, spec, sop_id)
    yield from _check_missing(first, unknown, outline, spec, sop_id)
    yield from _check_steps(outline, first.get(spec.procedure), spec, sop_id)


def _check_order(first: dict[str, Part], spec: SectionSpec, sop_id: str) -> Iterator[Finding]:
    """Flag the fewest sections whose moving puts the rest in the configured order."""
    present = sorted(first, key=lambda title: first[title].line)
    rank = {title: spec.titles.index(title) for title in present}
    in_order = _longest_increasing(present, rank)
    for title in present:
        if title in in_order:
            continue
        before = [t for t in spec.titles[: rank[title]] if t in in_order]
        name = spec.name
        where = f"after '{name(before[-1])}'" if before else f"before '{name(in_order[0])}'"
        yield Finding(
            first[title].line,
            Problem.SECTION_ORDER,
            f"section '{name(title)}' of SOP {sop_id} is out of order: move it {where} "
            f"(the order is {', '.join(name(t) for t in spec.titles)})",
        )


def _longest_increasing(titles: list[str], rank: dict[str, int]) -> list[str]:
    """The longest run of titles, in document order, already in increasing rank
    (a handful of sections: quadratic is fine)."""
    best: list[list[str]] = []
    for i, title in enumerate(titles):
        chains = [best[j] for j in range(i) if rank[titles[j]] < rank[title]]
        best.append(max(chains, key=len, default=[]) + [title])
    return max(best, key=len, default=[])


def _check_missing(
    first: dict[str, Part], unknown: list[Part], outline: Outline, spec: SectionSpec, sop_id: str
) -> Iterator[Finding]:
    last_line = outline.sections[-1].line if outline.sections else 1
    spellings = spec.spellings()
    for index, title in enumerate(spec.titles):
        if title in first:
            continue
        following = [first[t] for t in spec.titles[index + 1 :] if t in first]
        if following:
            line, where = following[0].line, f"before '## {following[0].title}'"
        else:
            line, where = last_line, "after the last section"
        message = (
            f"SOP {sop_id} has no '{spec.name(title)}' section: add '## {spec.name(title)}' {where}"
        )
        if near := _near_miss(title, unknown, spellings):
            message += f" (or is '## {near.title}' on line {near.line} meant to be it?)"
        yield Finding(line, Problem.MISSING_SECTION, message)


def _near_miss(title: str, unknown: list[Part], spellings: dict[str, str]) -> Part | None:
    """An unrecognised heading that looks like a misspelling of the title or an alias."""
    names = [spelling for spelling, canonical in spellings.items() if canonical == title]
    for part in unknown:
        if difflib.get_close_matches(normalise_title(part.title), names, n=1, cutoff=0.8):
            return part
    return None


def _check_steps(
    outline: Outline, procedure: Part | None, spec: SectionSpec, sop_id: str
) -> Iterator[Finding]:
    if procedure is None:  # reported as a missing section
        return
    if not procedure.all_steps():
        yield Finding(
            procedure.line,
            Problem.NO_STEPS,
            f"section '{procedure.title}' of SOP {sop_id} holds no step: "
            "write each step as a ```{step} block",
        )
    elsewhere = [(None, step) for step in outline.loose_steps] + [
        (part, step)
        for part in outline.sections
        if part is not procedure
        for step in part.all_steps()
    ]
    for part, step in elsewhere:
        where = f"in '{part.title}'" if part else "before the first section"
        yield Finding(
            step.line,
            Problem.STEP_OUTSIDE_PROCEDURE,
            f"step {step.id} is {where}, outside '{spec.name(spec.procedure)}': "
            f"move it into the '{spec.name(spec.procedure)}' section",
        )


#: Guidance in angle brackets, as the skeletons have it: <Why the procedure exists...>
#: In any language: the first letter a capital, such as <Új lépés> or <Âmbito da chamada>.
PLACEHOLDER = re.compile(r"<((?=[^\W\d_])[^<>\n]{3,})>")


def check_placeholders(lines: list[str], body_start: int, sop_id: str) -> Iterator[Finding]:
    """Guidance of the skeleton still in the SOP (only a draft may keep it)."""
    for number, line in enumerate(lines[body_start:], start=body_start + 1):
        for match in PLACEHOLDER.finditer(line):
            if not match[1][0].isupper():
                continue
            text = match[0] if len(match[0]) <= 50 else match[0][:47] + "...>"
            yield Finding(
                number,
                Problem.PLACEHOLDER,
                f"SOP {sop_id} still has the guidance {text}: replace it with the "
                "SOP's own text (only a draft may keep it)",
            )
