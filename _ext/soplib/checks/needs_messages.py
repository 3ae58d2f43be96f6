"""sphinx-needs' messages about steps and catalog entries, said in an SOP author's words.

sphinx-needs checks the trace of :mod:`soplib.model.trace`: ids, links, fields and the
schema rules. Its messages speak of needs, link types and schema paths, and give no fix.
A filter on its loggers turns each one an author can cause into a ``sop.*`` warning at
the step or entry's file and line: what is wrong, the closest ids ("did you mean"), and
where to put it right. It also gives the schema violations their location, which
sphinx-needs 9.1 leaves out (upstream: useblocks/sphinx-needs#1606).

A message it does not know passes unchanged, with its ``needs.*`` subtype.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from difflib import SequenceMatcher
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.logging import get_node_location
from sphinx_needs.data import SphinxNeedsData

from ..model.problems import WARNING_TYPE, Problem
from ..model.store import Slot
from ..model.trace import (
    FIELDS,
    NAMED_BY,
    NEEDS_PREFIX,
    STEP_LINKS,
    USED_BY,
    Field,
    ascii_words,
)

#: The loggers sphinx-needs reports steps and catalog entries through.
LOGGERS = [
    "sphinx.sphinx_needs.api.need",
    "sphinx.sphinx_needs.directives.need",
    "sphinx.sphinx_needs.schema.process",
]
LINKS = {link.name: link for link in STEP_LINKS}
#: Where a directive opens, as MyST writes it: ```{step} Title
DIRECTIVE = re.compile(r"\s*(?:`{3,}|~{3,}|:{3,})\{([\w-]+)\}\s*(.*)")

Place = tuple[str, int]  # docname, line
Said = tuple[Problem, str]


def needs_of(env: BuildEnvironment) -> Mapping[str, Any]:
    """Every step and entry read so far: sphinx-needs logs both while it post-processes
    them (when only the mutable data may be read) and after (only the frozen view)."""
    data = SphinxNeedsData(env)
    return data.get_needs_view() if data.needs_is_post_processed else data.get_needs_mutable()


class Trace:
    """What a message is about: the build's steps and entries, and the page it is on."""

    def __init__(self, env: BuildEnvironment, place: Place | None) -> None:
        self.env = env
        self.place = place
        self.needs = needs_of(env)

    def ids_of(self, kind: str) -> list[str]:
        return sorted(i for i, need in self.needs.items() if need["type"] == kind)

    def kind_of(self, need_id: str) -> str:
        need = self.needs.get(need_id)
        return str(need["type"]) if need is not None else "step"

    def catalog_of(self, kind: str) -> str:
        """The file the entries of a kind are written in, as the author opens it."""
        pages = Counter(n["docname"] for n in self.needs.values() if n["type"] == kind)
        if not pages:
            return "the catalog in sops/catalog/"
        return str(self.env.doc2path(pages.most_common(1)[0][0], False))

    def source_lines(self) -> list[str]:
        """The lines of the page the message is on."""
        if self.place is None:
            return []
        path = self.env.doc2path(self.place[0])
        try:
            return path.read_text(encoding=self.env.settings["input_encoding"]).splitlines()
        except (OSError, UnicodeDecodeError):
            return []

    def directive(self) -> tuple[str, str]:
        """The directive (step, role…) and title written on the message's line."""
        lines, line = self.source_lines(), self.place[1] if self.place else 0
        match = DIRECTIVE.match(lines[line - 1]) if 0 < line <= len(lines) else None
        return (match[1], match[2].strip()) if match else ("step", "")

    def sibling_prefix(self, kind: str) -> str:
        """The prefix the ids of this kind on the page share, such as STEP_CMP_."""
        prefix = NEEDS_PREFIX.get(kind, "")
        shared = Counter(
            match[1]
            for line in self.source_lines()
            if (match := re.match(rf":id:\s*({re.escape(prefix)}[A-Z0-9]+_)", line.strip()))
        )
        return shared.most_common(1)[0][0] if shared else prefix


def closest(word: str, candidates: Iterable[str], prefix: str = "") -> list[str]:
    """The (at most three) candidates closest to word, capitals or not, compared
    without the prefix they share (KPI_AS is closer to KPI_ASA than to KPI_NPS); none
    much further than the closest."""
    by_name = {c.upper().removeprefix(prefix): c for c in candidates}
    name = word.upper().removeprefix(prefix)
    scored = sorted(
        ((SequenceMatcher(None, name, other).ratio(), other) for other in by_name), reverse=True
    )
    best = scored[0][0] if scored else 0.0
    return [by_name[other] for score, other in scored[:3] if score >= max(0.6, best - 0.15)]


def did_you_mean(names: list[str]) -> str:
    """'did you mean A?' or 'did you mean A or B?', or '' for no names."""
    if not names:
        return ""
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
    return f"did you mean {listed}?"


def suggested_id(kind: str, title: str, trace: Trace) -> str:
    """An id for an entry: the page's prefix and the first words of its title."""
    words = [w.upper() for w in ascii_words(title)][:3] or ["NAME"]
    return trace.sibling_prefix(kind) + "_".join(words)


def unknown_link(m: re.Match[str], trace: Trace) -> Said:
    step, target, field = m["need"], m["target"], m["field"]
    link = LINKS.get(field)
    if link is None:
        return Problem.UNKNOWN_LINK, f"step {step} names {target!r}, which is no id of the library"
    kind, catalog = link.target, trace.catalog_of(link.target)
    hint = did_you_mean(closest(target, trace.ids_of(kind), NEEDS_PREFIX[kind]))
    fix = (
        f"{hint} If it is a new {kind}, add it to {catalog}"
        if hint
        else (f"write the id of a {kind} of {catalog}, or add the {kind} there")
    )
    return Problem.UNKNOWN_LINK, (
        f"step {step} names {target} in ':{field}:', but no {kind} has that id: {fix}"
    )


def wrong_link_type(m: re.Match[str], trace: Trace) -> Said:
    step, target, field, actual = m["need"], m["target"], m["field"], m["actual"]
    wanted = LINKS[field].target if field in LINKS else "entry"
    elsewhere = f", and name the {actual} in ':{NAMED_BY[actual]}:'" if actual in NAMED_BY else ""
    return Problem.WRONG_LINK_TYPE, (
        f"step {step} names {target} in ':{field}:', but {target} is a {actual}, not a "
        f"{wanted}: name a {wanted} of {trace.catalog_of(wanted)} there{elsewhere}"
    )


def missing_id(m: re.Match[str], trace: Trace) -> Said:
    kind, title = trace.directive()
    return Problem.MISSING_ENTRY_ID, (
        f"the {kind} '{title}' has no id, so it cannot be traced or published: add the line "
        f"':id: {suggested_id(kind, title, trace)}' under its first line (an id of your "
        "choice, in capitals, never used before)"
    )


def duplicate_id(m: re.Match[str], trace: Trace) -> Said:
    kind, title = trace.directive()
    other_docname, _, other_line = m["where"].rpartition(":")
    other = str(trace.env.doc2path(other_docname, False)) if other_docname else m["where"]
    return Problem.DUPLICATE_ENTRY_ID, (
        f"the id {m['id']} of the {kind} '{title}' is already the id of the "
        f"{trace.kind_of(m['id'])} on line {other_line} of {other}: give this {kind} an id "
        f"of its own, such as {suggested_id(kind, title, trace)}"
    )


def invalid_id(m: re.Match[str], trace: Trace) -> Said:
    kind, _ = trace.directive()
    written, prefix = m["id"], NEEDS_PREFIX.get(kind, "")
    if not written:
        return missing_id(m, trace)
    return Problem.INVALID_ENTRY_ID, (
        f"the id {written!r} of this {kind} is not written as ids are (capital letters, "
        f"digits and _, starting with {prefix or 'a capital'}): write ':id: "
        f"{id_like(written, prefix)}'"
    )


def id_like(written: str, prefix: str) -> str:
    """An id of the right shape made of what the author wrote: step-t5-close as
    STEP_T5_CLOSE, KPI_T6_CLOSE (a step) as STEP_T6_CLOSE."""
    words = [w.upper() for w in ascii_words(written)]
    if words and f"{words[0]}_" in NEEDS_PREFIX.values():
        words = words[1:]
    return prefix + "_".join(words or ["NAME"])


def missing_title(m: re.Match[str], trace: Trace) -> Said:
    kind, _ = trace.directive()
    return Problem.MISSING_ENTRY_TITLE, (
        f"this {kind} has no title, so readers cannot see what it is: write it after "
        f"{{{kind}}} on the same line, such as ```{{{kind}}} "
        + ("Greet the caller" if kind == "step" else "Its name")
    )


def unknown_option(m: re.Match[str], trace: Trace) -> Said:
    kind, _ = trace.directive()
    links = LINKS if kind == "step" else []
    options = ["id", *links, *(f.name for f in FIELDS.get(kind, []))]
    hint = did_you_mean([f"':{o}:'" for o in closest(m["option"], options)])
    listed = ", ".join(f":{o}:" for o in options)
    return Problem.UNKNOWN_OPTION, (
        f"a {kind} has no ':{m['option']}:' line, so it is ignored: "
        + (f"{hint} " if hint else "")
        + f"A {kind} takes {listed}"
    )


def misplaced_field(m: re.Match[str], trace: Trace) -> Said:
    field, kind, need_id = m["field"], m["kind"], m["need"]
    owners = [k for k, fields in FIELDS.items() if any(f.name == field for f in fields)]
    if field in LINKS:
        owners = ["step"]
    whose = f"a field of a {' or a '.join(owners)}" if owners else "no field of SOPs"
    return Problem.MISPLACED_FIELD, (
        f"':{field}:' is {whose}, not of a {kind}, so {need_id} ignores it: remove the line"
        + (" (a step names its metric, training or record by id instead)" if kind == "step" else "")
    )


UNKNOWN_LINK = (
    re.compile(r"Need '(?P<need>[^']+)' has unknown outgoing link '(?P<target>[^']+)' "
               r"in field '(?P<field>[^']+)'"),
    unknown_link,
)  # fmt: skip
RULES: list[tuple[re.Pattern[str], Callable[[re.Match[str], Trace], Said]]] = [
    UNKNOWN_LINK,
    (
        re.compile(
            r"Need '(?P<need>[^']+)' link '(?P<target>[^']+)' in field "
            r"'(?P<field>[^']+)': target need type '(?P<actual>[^']+)'"
        ),
        wrong_link_type,
    ),  # fmt: skip
    (re.compile(r"Need could not be created: No ID defined"), missing_id),
    (
        re.compile(
            r"Need could not be created: A need with ID '(?P<id>[^']+)' already "
            r"exists \(defined at (?P<where>[^)]*)\)"
        ),
        duplicate_id,
    ),  # fmt: skip
    (
        re.compile(r"Need could not be created: Given ID '(?P<id>[^']*)' does not match"),
        invalid_id,
    ),
    (re.compile(r"Invalid value for 'id' option: 'id' must not be empty"), missing_id),
    (re.compile(r"No title given, but title is required"), missing_title),
    (re.compile(r"Unknown option '(?P<option>[^']+)'"), unknown_option),
    (
        re.compile(
            r"(?:Field|Link type) '(?P<field>[^']+)' is not declared on need type "
            r"'(?P<kind>[^']+)' and cannot be set in need '(?P<need>[^']+)'"
        ),
        misplaced_field,
    ),  # fmt: skip
]

#: A schema violation: the need, the field (if one), the path of the rule, its message.
VIOLATION = re.compile(
    r"Need '(?P<need>[^']+)' has schema violations:.*?"
    r"(?:Field:\s+(?P<field>\S+).*?)?Schema path:\s+(?P<path>[^\n]+).*?"
    r"Schema message:\s+(?P<message>[^\n]+)",
    re.DOTALL,
)


def schema_violation(m: re.Match[str], trace: Trace) -> Said | None:
    """A broken rule of :mod:`soplib.model.trace`, said for the field that broke it."""
    need_id, check = m["need"], m["path"].rsplit(">", 1)[-1].strip()
    need = trace.needs.get(need_id)
    if need is None:
        return None
    kind = str(need["type"])
    if check == "required" and (missing := re.match(r'"(\w+)"', m["message"])):
        return missing_property(need_id, kind, missing[1], trace)
    field = m["field"] or ""
    if field == "id":
        prefix = NEEDS_PREFIX[kind]
        return Problem.INVALID_ENTRY_ID, (
            f"the id {need_id} of this {kind} does not start with {prefix}: write ':id: "
            f"{id_like(need_id, prefix)}'"
        )
    if field == USED_BY:
        return Problem.UNUSED_ENTRY, (
            f"{kind} {need_id} is named by no step: name it in the ':{NAMED_BY[kind]}:' of the "
            "steps it belongs to, or remove it from the catalog"
        )
    spec = next((f for f in FIELDS.get(kind, []) if f.name == field), None)
    if spec is None:
        return None
    value = need.get(field)
    choices = (spec.allowed or {}).get("enum")
    hint = did_you_mean(closest(str(value), choices)) if choices else ""
    if kind == "step":
        return invalid_step_field(need_id, spec, value, hint)
    how = f"one of {', '.join(choices)}" if choices else f"a value {spec.value.strip('<>')}"
    fix = f"{hint} Write {how}" if hint else f"write {how}"
    return Problem.INVALID_ENTRY_FIELD, (
        f"{kind} {need_id} has ':{field}: {value}', which the build cannot use: {fix}"
    )


def invalid_step_field(need_id: str, spec: Field, value: Any, hint: str) -> Said:
    """An optional field of a step (its QA scorecard line) with a value it does not take."""
    fix = f"write {spec.value.strip('<>')}, or leave the line out for {spec.default}"
    return Problem.INVALID_STEP_FIELD, (
        f"step {need_id} has ':{spec.name}: {value}', which the build cannot use: "
        + (f"{hint} {fix[0].upper()}{fix[1:]}" if hint else fix)
    )


def missing_property(need_id: str, kind: str, name: str, trace: Trace) -> Said:
    if kind == "step" and name in LINKS:
        link = LINKS[name]
        target, what = link.target, link.description[0].lower() + link.description[1:-1]
        return Problem.MISSING_LINK, (
            f"step {need_id} has no ':{name}:' line ({what}): add "
            f"':{name}: {NEEDS_PREFIX[target]}...' with the id of a {target} of "
            f"{trace.catalog_of(target)}"
        )
    spec = next(f for f in FIELDS[kind] if f.name == name)
    return Problem.MISSING_ENTRY_FIELD, (
        f"{kind} {need_id} has no ':{name}:' line ({spec.description[0].lower()}"
        f"{spec.description[1:-1]}): add "
        f"':{name}: {spec.value}'"
    )


def place_of(record: logging.LogRecord, env: BuildEnvironment) -> Place | None:
    """The docname and line a record is located at, whatever form sphinx-needs gave."""
    location: Any = getattr(record, "location", None)
    if isinstance(location, tuple) and len(location) == 2:
        return str(location[0]), int(location[1] or 0)
    if location is not None and not isinstance(location, str):
        location = get_node_location(location)
    if isinstance(location, str) and ":" in location:
        path, _, line = location.rpartition(":")
        docname = env.path2doc(path)
        if docname and line.isdigit():
            return docname, int(line)
    return None


class SayInOurWords(logging.Filter):
    """Rewrite each sphinx-needs message about a step or entry as a ``sop.*`` warning."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__()
        self.app = app

    def filter(self, record: logging.LogRecord) -> bool:
        text = str(record.msg)
        violation = VIOLATION.match(text)
        if violation:
            self.locate(record, violation["need"])
        trace = Trace(self.app.env, place_of(record, self.app.env))
        said = schema_violation(violation, trace) if violation else None
        for pattern, rewrite in RULES if said is None and not violation else []:
            if match := pattern.match(text):
                said = rewrite(match, trace)
                break
        if said is not None:
            problem, message = said
            record.msg, record.args = message, ()
            record.type, record.subtype = WARNING_TYPE, problem.subtype
            record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True

    def locate(self, record: logging.LogRecord, need_id: str) -> None:
        need = needs_of(self.app.env).get(need_id)
        if getattr(record, "location", None) is None and need is not None and need["docname"]:
            record.location = (need["docname"], need["lineno"])


#: The filter installed for this build, removed when it ends.
FILTER: Slot[SayInOurWords | None] = Slot("sop_needs_filter", lambda: None)


def install(app: Sphinx) -> None:
    said = SayInOurWords(app)
    FILTER.set(app, said)
    for name in LOGGERS:
        logging.getLogger(name).addFilter(said)


def uninstall(app: Sphinx, exception: Exception | None) -> None:
    if said := FILTER.of(app):
        for name in LOGGERS:
            logging.getLogger(name).removeFilter(said)


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", install)
    app.connect("build-finished", uninstall)
