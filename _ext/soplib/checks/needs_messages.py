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

from ..model.i18n import N_, say
from ..model.problems import WARNING_TYPE, Problem, with_guide
from ..model.store import Slot
from ..model.trace import (
    FIELDS,
    NAMED_BY,
    NEEDS_PREFIX,
    ONE_OF,
    STEP_LINKS,
    USED_BY,
    Field,
    ascii_words,
    one_of,
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
#: The kinds of entry, as a message names them.
KIND_NAMES = {
    "step": N_("step"),
    "role": N_("role"),
    "metric": N_("metric"),
    "training": N_("training"),
    "record": N_("record"),
    "entry": N_("entry"),
}
#: What a step names under each of its link lines.
LINK_MEANINGS = {
    "responsible": N_("the roles that carry out the step"),
    "metrics": N_("the metrics that measure the step"),
    "training": N_("the trainings a person needs to carry out the step"),
    "records": N_("the forms, reports and records the step fills in"),
}


def kind_name(kind: str) -> str:
    """A kind of entry (step, role, metric…) in the library's language."""
    return say(KIND_NAMES[kind]) if kind in KIND_NAMES else kind


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
            return say("the catalog in sops/catalog/")
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
        lines = self.source_lines()
        if self.place is None or not 0 < self.place[1] <= len(lines):
            return "step", ""
        match = DIRECTIVE.match(lines[self.place[1] - 1])
        return (match[1], match[2].strip()) if match else ("step", "")

    def sibling_prefix(self, kind: str) -> str:
        """The prefix most ids of this kind on the page share, such as STEP_CMP_ (at least
        half of them); else the kind's own, such as STEP_."""
        prefix: str = NEEDS_PREFIX[kind]
        written = re.compile(rf":id:\s*({re.escape(prefix)}(?:([A-Z0-9]+_)?)\w*)")
        ids = [match for line in self.source_lines() if (match := written.match(line.strip()))]
        shared: Counter[str] = Counter(prefix + str(match[2]) for match in ids if match[2])
        if not shared:
            return prefix
        common = max(shared, key=shared.__getitem__)  # the first, of two as common
        return common if 2 * shared[common] >= len(ids) else prefix


def closest(word: str, candidates: Iterable[str], prefix: str = "") -> list[str]:
    """The (at most three) candidates closest to word, capitals or not, compared
    without the prefix they share (KPI_AS is closer to KPI_ASA than to KPI_NPS); none
    much further than the closest."""
    by_name = {c.upper().removeprefix(prefix): c for c in candidates}
    name = word.upper().removeprefix(prefix)
    scored = sorted(
        ((SequenceMatcher(None, name, other).ratio(), other) for other in by_name), reverse=True
    )
    if not scored:
        return []
    best = scored[0][0]
    return [by_name[other] for score, other in scored[:3] if score >= max(0.6, best - 0.15)]


def did_you_mean(names: list[str]) -> str:
    """'did you mean A?' or 'did you mean A or B?', or '' for no names."""
    if not names:
        return ""
    listed = (
        names[0]
        if len(names) == 1
        else say("%(first)s or %(last)s", first=", ".join(names[:-1]), last=names[-1])
    )
    return say("did you mean %(names)s?", names=listed)


def suggested_id(kind: str, title: str, trace: Trace) -> str:
    """An id for an entry no other has: the page's prefix and the first words of its
    title that the prefix does not already say."""
    prefix = trace.sibling_prefix(kind)
    said = set(prefix.split("_"))
    words = [w.upper() for w in ascii_words(title) if w.upper() not in said][:3] or ["NAME"]
    suggested = base = prefix + "_".join(words)
    number = 1
    while suggested in trace.needs:
        number += 1
        suggested = f"{base}_{number}"
    return suggested


def unknown_link(m: re.Match[str], trace: Trace) -> Said:
    step, target, field = m["need"], m["target"], m["field"]
    link = LINKS.get(field)
    if link is None:
        return Problem.UNKNOWN_LINK, say(
            "step %(step)s names %(target)s, which is no id of the library",
            step=step,
            target=repr(target),
        )
    kind, catalog = link.target, trace.catalog_of(link.target)
    hint = did_you_mean(closest(target, trace.ids_of(kind), NEEDS_PREFIX[kind]))
    values = {"step": step, "target": target, "field": field, "kind": kind_name(kind)}
    # Translators: kind is step, role, metric, training or record; hint is "did you mean …?".
    return Problem.UNKNOWN_LINK, (
        say(
            "step %(step)s names %(target)s in ':%(field)s:', but no %(kind)s has that id: "
            "%(hint)s If it is a new %(kind)s, add it to %(catalog)s",
            hint=hint,
            catalog=catalog,
            **values,
        )
        if hint
        else say(
            "step %(step)s names %(target)s in ':%(field)s:', but no %(kind)s has that id: "
            "write the id of a %(kind)s of %(catalog)s, or add the %(kind)s there",
            catalog=catalog,
            **values,
        )
    )


def wrong_link_type(m: re.Match[str], trace: Trace) -> Said:
    step, target, field, actual = m["need"], m["target"], m["field"], m["actual"]
    wanted = LINKS[field].target  # the trace asks a kind of target of its links alone
    values = {
        "step": step,
        "target": target,
        "field": field,
        "actual": kind_name(actual),
        "wanted": kind_name(wanted),
        "catalog": trace.catalog_of(wanted),
    }
    # Translators: actual and wanted are kinds of entry: step, role, metric, training, record.
    return Problem.WRONG_LINK_TYPE, (
        say(
            "step %(step)s names %(target)s in ':%(field)s:', but %(target)s is a %(actual)s, "
            "not a %(wanted)s: name a %(wanted)s of %(catalog)s there, and name the "
            "%(actual)s in ':%(right)s:'",
            right=NAMED_BY[actual],
            **values,
        )
        if actual in NAMED_BY
        else say(
            "step %(step)s names %(target)s in ':%(field)s:', but %(target)s is a %(actual)s, "
            "not a %(wanted)s: name a %(wanted)s of %(catalog)s there",
            **values,
        )
    )


def missing_id(m: re.Match[str], trace: Trace) -> Said:
    kind, title = trace.directive()
    return Problem.MISSING_ENTRY_ID, say(
        "the %(kind)s '%(title)s' has no id, so it cannot be traced or published: add the "
        "line ':id: %(id)s' under its first line (an id of your choice, in capitals, never "
        "used before)",
        kind=kind_name(kind),
        title=title,
        id=suggested_id(kind, title, trace),
    )


def duplicate_id(m: re.Match[str], trace: Trace) -> Said:
    kind, title = trace.directive()
    return Problem.DUPLICATE_ENTRY_ID, say(
        "the id %(id)s of the %(kind)s '%(title)s' is already the id of the %(other_kind)s on "
        "line %(line)s of %(file)s: give this %(kind)s an id of its own, such as %(new_id)s",
        id=m["id"],
        kind=kind_name(kind),
        title=title,
        other_kind=kind_name(trace.kind_of(m["id"])),
        line=m["line"],
        file=str(trace.env.doc2path(m["docname"], False)),
        new_id=suggested_id(kind, title, trace),
    )


def invalid_id(m: re.Match[str], trace: Trace) -> Said:
    kind, _ = trace.directive()
    written, prefix = m["id"], NEEDS_PREFIX[kind]
    return Problem.INVALID_ENTRY_ID, say(
        "the id %(id)s of this %(kind)s is not written as ids are (capital letters, digits and "
        "_, starting with %(prefix)s): write ':id: %(fixed)s'",
        id=repr(written),
        kind=kind_name(kind),
        prefix=prefix,
        fixed=id_like(written, prefix),
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
    return Problem.MISSING_ENTRY_TITLE, say(
        "this %(kind)s has no title, so readers cannot see what it is: write it after "
        "{%(directive)s} on the same line, such as ```{%(directive)s} %(example)s",
        kind=kind_name(kind),
        directive=kind,
        example=say("Greet the caller") if kind == "step" else say("Its name"),
    )


def unknown_option(m: re.Match[str], trace: Trace) -> Said:
    kind, _ = trace.directive()
    links = LINKS if kind == "step" else []
    options = ["id", *links, *(f.name for f in FIELDS[kind])]
    hint = did_you_mean([f"':{o}:'" for o in closest(m["option"], options)])
    values = {
        "kind": kind_name(kind),
        "option": m["option"],
        "options": ", ".join(f":{o}:" for o in options),
    }
    # Translators: a line such as ':metric: KPI_ASA' that no step takes; hint: "did you mean …?".
    return Problem.UNKNOWN_OPTION, (
        say(
            "a %(kind)s takes no ':%(option)s:' line, so this line is ignored: %(hint)s Correct "
            "its name, or remove the line. A %(kind)s takes %(options)s",
            hint=hint,
            **values,
        )
        if hint
        else say(
            "a %(kind)s takes no ':%(option)s:' line, so this line is ignored: remove it, or "
            "write one a %(kind)s takes: %(options)s",
            **values,
        )
    )


def misplaced_field(m: re.Match[str], trace: Trace) -> Said | None:
    """A field of another kind of entry (each field is of one kind, a link of a step); None
    for a field of no kind, which sphinx-needs names itself."""
    field, kind, need_id = m["field"], m["kind"], m["need"]
    owners = [k for k, fields in FIELDS.items() if any(f.name == field for f in fields)]
    owner = "step" if field in LINKS else next(iter(owners), None)
    if owner is None:
        return None
    message = say(
        "':%(field)s:' is a field of a %(owners)s, not of a %(kind)s, so %(need)s ignores it: "
        "remove the line",
        field=field,
        kind=kind_name(kind),
        need=need_id,
        owners=kind_name(owner),
    )
    if kind == "step":
        message += say(" (a step names its metric, training or record by id instead)")
    return Problem.MISPLACED_FIELD, message


def derived_field(m: re.Match[str], trace: Trace) -> Said:
    kind, _ = trace.directive()
    return Problem.MISPLACED_FIELD, say(
        "':%(field)s:' of a %(kind)s is filled in by the build (the steps that name it), so "
        "this line is ignored: remove it",
        field=m["field"],
        kind=kind_name(kind),
    )


UNKNOWN_LINK = (
    re.compile(r"Need '(?P<need>[^']+)' has unknown outgoing link '(?P<target>[^']+)' "
               r"in field '(?P<field>[^']+)'"),
    unknown_link,
)  # fmt: skip
RULES: list[tuple[re.Pattern[str], Callable[[re.Match[str], Trace], Said | None]]] = [
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
            r"exists \(defined at (?P<docname>[^)]+):(?P<line>\d+)\)"
        ),
        duplicate_id,
    ),  # fmt: skip
    (
        re.compile(r"Need could not be created: Given ID '(?P<id>[^']+)' does not match"),
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
    (
        re.compile(r"Field '(?P<field>[^']+)' is derived \(kind '[^']*'\) and cannot be set"),
        derived_field,
    ),
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
    need_id, check = m["need"], m["path"].rpartition(">")[2].strip()
    need = trace.needs.get(need_id)
    if need is None:
        return None
    kind = str(need["type"])
    if check == "required" and (missing := re.match(r'"(\w+)"', m["message"])):
        return missing_property(need_id, kind, missing[1], trace)
    field = m["field"]  # None when the rule is of the need as a whole
    if field == "id":
        prefix = NEEDS_PREFIX[kind]
        return Problem.INVALID_ENTRY_ID, say(
            "the id %(id)s of this %(kind)s does not start with %(prefix)s: write ':id: %(fixed)s'",
            id=need_id,
            kind=kind_name(kind),
            prefix=prefix,
            fixed=id_like(need_id, prefix),
        )
    if field == USED_BY:
        return Problem.UNUSED_ENTRY, say(
            "%(kind)s %(id)s is named by no step: name it in the ':%(field)s:' of the steps it "
            "belongs to, or remove it from the catalog",
            kind=kind_name(kind),
            id=need_id,
            field=NAMED_BY[kind],
        )
    spec = next((f for f in FIELDS[kind] if f.name == field), None)
    if spec is None:
        return None
    value = need.get(field)
    choices = (spec.allowed or {}).get("enum")
    hint = did_you_mean(closest(str(value), choices)) if choices else ""
    if kind == "step":
        return invalid_step_field(need_id, spec, value, hint)
    values = {"kind": kind_name(kind), "id": need_id, "field": field, "value": value}
    how = (
        say("one of %(choices)s", choices=", ".join(choices))
        if choices
        else say("a value %(value)s", value=to_write(spec).strip("<>"))
    )
    return Problem.INVALID_ENTRY_FIELD, (
        say(
            "%(kind)s %(id)s has ':%(field)s: %(value)s', which the build cannot use: %(hint)s "
            "Write %(how)s",
            hint=hint,
            how=how,
            **values,
        )
        if hint
        else say(
            "%(kind)s %(id)s has ':%(field)s: %(value)s', which the build cannot use: write "
            "%(how)s",
            how=how,
            **values,
        )
    )


def invalid_step_field(need_id: str, spec: Field, value: Any, hint: str) -> Said:
    """An optional field of a step (its QA scorecard line) with a value it does not take."""
    values = {
        "id": need_id,
        "field": spec.name,
        "value": value,
        "what": to_write(spec).strip("<>"),
        "default": spec.default,
    }
    return Problem.INVALID_STEP_FIELD, (
        say(
            "step %(id)s has ':%(field)s: %(value)s', which the build cannot use: %(hint)s "
            "Write %(what)s, or leave the line out for %(default)s",
            hint=hint,
            **values,
        )
        if hint
        else say(
            "step %(id)s has ':%(field)s: %(value)s', which the build cannot use: write "
            "%(what)s, or leave the line out for %(default)s",
            **values,
        )
    )


def missing_property(need_id: str, kind: str, name: str, trace: Trace) -> Said:
    if name in LINKS:  # a step's link: no other kind has one
        target = LINKS[name].target
        return Problem.MISSING_LINK, say(
            "step %(id)s has no ':%(field)s:' line (%(what)s): add ':%(field)s: %(prefix)s...' "
            "with the id of a %(kind)s of %(catalog)s",
            id=need_id,
            field=name,
            what=say(LINK_MEANINGS[name]),
            prefix=NEEDS_PREFIX[target],
            kind=kind_name(target),
            catalog=trace.catalog_of(target),
        )
    spec = next(f for f in FIELDS[kind] if f.name == name)
    return Problem.MISSING_ENTRY_FIELD, say(
        "%(kind)s %(id)s has no ':%(field)s:' line (%(what)s): add ':%(field)s: %(value)s'",
        kind=kind_name(kind),
        id=need_id,
        field=name,
        what=(what := say(spec.description))[0].lower() + what[1:-1],
        value=to_write(spec),
    )


def to_write(spec: Field) -> str:
    """What to write in a field, as an author is told, in the library's language."""
    choices = (spec.allowed or {}).get("enum")
    if choices and spec.value == one_of(choices):
        return say(ONE_OF, choices=", ".join(choices))
    return say(spec.value)


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
            record.msg, record.args = with_guide(message, problem), ()
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
