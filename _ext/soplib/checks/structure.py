"""The required sections of an SOP: present, non-empty, once each, in order; steps in Procedure.

Pure functions over an :class:`~soplib.model.outline.Outline`; each yields located findings.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterator

from ..model.i18n import say
from ..model.outline import Outline, Part
from ..model.problems import Finding, Problem
from ..model.settings import SectionSpec, normalise_title, without_accents


def check_sections(
    outline: Outline, spec: SectionSpec, sop_id: str, language: str | None = None
) -> Iterator[Finding]:
    """Every problem with the SOP's required sections and where its steps are; the
    sections named in language, that of the SOP (None: the library's)."""
    first: dict[str, Part] = {}
    unknown: list[Part] = []
    for part in outline.sections:
        if part.level == 1:
            yield Finding(
                part.line,
                Problem.HEADING_LEVEL,
                say(
                    "'# %(title)s' is a title heading, but the page title comes from the "
                    "front matter 'title': write it as '## %(title)s'",
                    title=part.title,
                ),
            )
        canonical = spec.canonical(part.title)
        if canonical is None:
            unknown.append(part)
        elif canonical in first:
            yield Finding(
                part.line,
                Problem.DUPLICATE_SECTION,
                say(
                    "SOP %(sop)s has the section '%(section)s' twice (first on line "
                    "%(line)d): merge them into one",
                    sop=sop_id,
                    section=spec.name(canonical, language),
                    line=first[canonical].line,
                ),
            )
        else:
            first[canonical] = part
            if not part.has_text:
                hint = spec.hints.get(canonical) or say("its content")
                yield Finding(
                    part.line,
                    Problem.EMPTY_SECTION,
                    # Translators: hint is what the section holds, from conf.py.
                    say(
                        "section '%(section)s' of SOP %(sop)s is empty: write %(hint)s",
                        section=part.title,
                        sop=sop_id,
                        hint=hint,
                    ),
                )

    def name(title: str) -> str:
        return spec.name(title, language)

    yield from _check_order(first, spec, sop_id, name)
    yield from _check_missing(first, unknown, outline, spec, sop_id, name)
    yield from _check_steps(outline, first.get(spec.procedure), spec, sop_id, name)


def _check_order(
    first: dict[str, Part], spec: SectionSpec, sop_id: str, name: Callable[[str], str]
) -> Iterator[Finding]:
    """Flag the fewest sections whose moving puts the rest in the configured order."""
    present = sorted(first, key=lambda title: first[title].line)
    rank = {title: spec.titles.index(title) for title in present}
    in_order = _longest_increasing(present, rank)
    for title in present:
        if title in in_order:
            continue
        before = [t for t in spec.titles[: rank[title]] if t in in_order]
        values = {
            "section": name(title),
            "sop": sop_id,
            "order": ", ".join(name(t) for t in spec.titles),
        }
        yield Finding(
            first[title].line,
            Problem.SECTION_ORDER,
            say(
                "section '%(section)s' of SOP %(sop)s is out of order: move it after "
                "'%(other)s' (the order is %(order)s)",
                other=name(before[-1]),
                **values,
            )
            if before
            else say(
                "section '%(section)s' of SOP %(sop)s is out of order: move it before "
                "'%(other)s' (the order is %(order)s)",
                other=name(in_order[0]),
                **values,
            ),
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
    first: dict[str, Part],
    unknown: list[Part],
    outline: Outline,
    spec: SectionSpec,
    sop_id: str,
    name: Callable[[str], str],
) -> Iterator[Finding]:
    last_line = outline.sections[-1].line if outline.sections else 1
    spellings = spec.spellings()
    for index, title in enumerate(spec.titles):
        if title in first:
            continue
        following = [first[t] for t in spec.titles[index + 1 :] if t in first]
        values = {"sop": sop_id, "section": name(title)}
        if near := _near_miss(title, unknown, spellings):
            yield Finding(
                near.line,
                Problem.MISSING_SECTION,
                say(
                    "SOP %(sop)s has no '%(section)s' section: did you mean '## %(section)s' "
                    "here? Correct this heading '## %(heading)s' to it, or, if it is "
                    "another part, add '## %(section)s' as well",
                    heading=near.title,
                    **values,
                ),
            )
        elif following:
            yield Finding(
                following[0].line,
                Problem.MISSING_SECTION,
                say(
                    "SOP %(sop)s has no '%(section)s' section: add '## %(section)s' before "
                    "'## %(next)s'",
                    next=following[0].title,
                    **values,
                ),
            )
        else:
            yield Finding(
                last_line,
                Problem.MISSING_SECTION,
                say(
                    "SOP %(sop)s has no '%(section)s' section: add '## %(section)s' after the "
                    "last section",
                    **values,
                ),
            )


def _near_miss(title: str, unknown: list[Part], spellings: dict[str, str]) -> Part | None:
    """An unrecognised heading that looks like a misspelling of the title or an alias,
    accents or not."""
    names = [
        without_accents(spelling) for spelling, canonical in spellings.items() if canonical == title
    ]
    for part in unknown:
        written = without_accents(normalise_title(part.title))
        if difflib.get_close_matches(written, names, cutoff=0.8):
            return part
    return None


def _check_steps(
    outline: Outline,
    procedure: Part | None,
    spec: SectionSpec,
    sop_id: str,
    name: Callable[[str], str],
) -> Iterator[Finding]:
    if procedure is None:  # reported as a missing section
        return
    if not procedure.all_steps():
        yield Finding(
            procedure.line,
            Problem.NO_STEPS,
            say(
                "section '%(section)s' of SOP %(sop)s holds no step: write each step as a "
                "```{step} block",
                section=procedure.title,
                sop=sop_id,
            ),
        )
    elsewhere = [(None, step) for step in outline.loose_steps] + [
        (part, step)
        for part in outline.sections
        if part is not procedure
        for step in part.all_steps()
    ]
    for part, step in elsewhere:
        values = {"step": step.id, "procedure": name(spec.procedure)}
        yield Finding(
            step.line,
            Problem.STEP_OUTSIDE_PROCEDURE,
            say(
                "step %(step)s is in '%(section)s', outside '%(procedure)s': move it into "
                "the '%(procedure)s' section",
                section=part.title,
                **values,
            )
            if part
            else say(
                "step %(step)s is before the first section, outside '%(procedure)s': move "
                "it into the '%(procedure)s' section",
                **values,
            ),
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
                say(
                    "SOP %(sop)s still has the guidance %(text)s: replace it with the SOP's "
                    "own text (only a draft may keep it)",
                    sop=sop_id,
                    text=text,
                ),
            )
