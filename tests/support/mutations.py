"""What the robustness test does to a real SOP or catalog before building it: each
mutation is a small, printable change to a file's bytes, drawn by hypothesis.

A mutation takes its positions as plain numbers and reduces them modulo what the file
has (lines, fences, fields), so any mutation applies to any file, also one that earlier
mutations have already changed. Text is read as UTF-8 with undecodable bytes kept as
they are (``surrogateescape``), so an invalid byte survives the mutations after it.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from hypothesis import strategies as st

#: A line that opens or closes a fenced block: ``` ```` ~~~ :::
FENCE = re.compile(r"^\s*(`{3,}|~{3,}|:{3,})")
#: A field of the front matter, at the start of its line.
FIELD = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


def _text(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def _lines(data: bytes) -> list[str]:
    """The lines of a file as an editor sees them: split at newlines only."""
    return _text(data).split("\n")


def _join(lines: list[str]) -> bytes:
    return _bytes("\n".join(lines))


def _short(text: str, limit: int = 60) -> str:
    shown = repr(text)
    return shown if len(shown) <= limit else f"{shown[: limit - 5]}...{shown[-4:]}"


def _front_matter(lines: list[str]) -> tuple[int, int] | None:
    """The indexes of the front matter's opening and closing '---', if it has both."""
    if not lines or lines[0].rstrip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return 0, index
    return None


class Mutation:
    """A change to a file's bytes. explain(data) says what it does to that file, with
    the line numbers it works on, in words a reader can redo by hand."""

    def apply(self, data: bytes) -> bytes:
        raise NotImplementedError

    def explain(self, data: bytes) -> str:
        raise NotImplementedError


def _span(start: int, count: int, total: int) -> str:
    """Lines start..start+count (0-based, cut at total) as the editor numbers them."""
    end = min(start + count, total)
    return f"line {start + 1}" if end - start <= 1 else f"lines {start + 1}-{end}"


# -- lines ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LineBlock(Mutation):
    """A mutation of the block of count lines from line at (wrapped to the file)."""

    at: int
    count: int

    def cut(self, data: bytes) -> tuple[list[str], list[str], list[str]]:
        """The lines before the block, the block, and the lines after it."""
        lines = _lines(data)
        start = self.at % len(lines)
        end = start + self.count
        return lines[:start], lines[start:end], lines[end:]

    def span(self, data: bytes) -> str:
        lines = _lines(data)
        return _span(self.at % len(lines), self.count, len(lines))


@dataclass(frozen=True)
class DeleteLines(LineBlock):
    def apply(self, data: bytes) -> bytes:
        before, _, after = self.cut(data)
        return _join(before + after)

    def explain(self, data: bytes) -> str:
        return f"delete {self.span(data)}"


@dataclass(frozen=True)
class DuplicateLines(LineBlock):
    times: int

    def apply(self, data: bytes) -> bytes:
        before, block, after = self.cut(data)
        return _join(before + block + block * self.times + after)

    def explain(self, data: bytes) -> str:
        return f"repeat {self.span(data)} {self.times} more time(s) right after"


@dataclass(frozen=True)
class MoveLines(LineBlock):
    to: int

    def apply(self, data: bytes) -> bytes:
        before, block, after = self.cut(data)
        rest = before + after
        target = self.to % (len(rest) + 1)
        return _join(rest[:target] + block + rest[target:])

    def explain(self, data: bytes) -> str:
        before, block, after = self.cut(data)
        target = self.to % (len(before) + len(after) + 1)
        where = target + 1 if target < len(before) else target + len(block) + 1
        return f"move {self.span(data)} to before line {where}"


@dataclass(frozen=True)
class ShuffleLines(LineBlock):
    seed: int

    def apply(self, data: bytes) -> bytes:
        before, block, after = self.cut(data)
        random.Random(self.seed).shuffle(block)
        return _join(before + block + after)

    def explain(self, data: bytes) -> str:
        return f"shuffle {self.span(data)} (random.Random({self.seed}).shuffle)"


@dataclass(frozen=True)
class PutLine(Mutation):
    """Insert a line, or write it over the line that is there."""

    at: int
    line: str
    replace: bool

    def apply(self, data: bytes) -> bytes:
        lines = _lines(data)
        start = self.at % len(lines)
        return _join(lines[:start] + [self.line] + lines[start + int(self.replace) :])

    def explain(self, data: bytes) -> str:
        number = self.at % len(_lines(data)) + 1
        verb = f"write over line {number}" if self.replace else f"insert before line {number}"
        return f"{verb} the line {_short(self.line)} ({len(self.line)} characters)"


@dataclass(frozen=True)
class InsertText(Mutation):
    """Insert text inside a line (Unicode, control characters, a very long run)."""

    at: int
    column: int
    text: str

    def apply(self, data: bytes) -> bytes:
        lines = _lines(data)
        index = self.at % len(lines)
        line = lines[index]
        column = self.column % (len(line) + 1)
        lines[index] = line[:column] + self.text + line[column:]
        return _join(lines)

    def explain(self, data: bytes) -> str:
        lines = _lines(data)
        index = self.at % len(lines)
        column = self.column % (len(lines[index]) + 1)
        return (
            f"insert {_short(self.text)} ({len(self.text)} characters) in line {index + 1} "
            f"after character {column}"
        )


# -- the front matter ------------------------------------------------------------------


@dataclass(frozen=True)
class DropFrontMatterFence(Mutation):
    closing: bool

    def apply(self, data: bytes) -> bytes:
        lines = _lines(data)
        block = _front_matter(lines)
        if block is None:
            return data
        del lines[block[1] if self.closing else block[0]]
        return _join(lines)

    def explain(self, data: bytes) -> str:
        block = _front_matter(_lines(data))
        if block is None:
            return "remove a '---' of the front matter (none: no change)"
        index = block[1] if self.closing else block[0]
        which = "closing" if self.closing else "opening"
        return f"remove the {which} '---' of the front matter (line {index + 1})"


@dataclass(frozen=True)
class SetField(Mutation):
    """Give a front matter field a value (any YAML), adding the field if it is absent."""

    name: str
    value: str

    def apply(self, data: bytes) -> bytes:
        lines = _lines(data)
        block = _front_matter(lines)
        if block is None:
            return _join([f"{self.name}: {self.value}", *lines])
        first, last = block
        for index in range(first + 1, last):
            match = FIELD.match(lines[index])
            if match and match[1] == self.name:
                lines[index] = f"{self.name}: {self.value}"
                return _join(lines)
        return _join(lines[:last] + [f"{self.name}: {self.value}"] + lines[last:])

    def explain(self, data: bytes) -> str:
        return f"set the front matter field {self.name!r} to {_short(self.value)}"


@dataclass(frozen=True)
class FrontMatterLine(Mutation):
    """Insert a line of YAML inside the front matter, or write it over one of its lines."""

    at: int
    line: str
    replace: bool

    def _index(self, lines: list[str]) -> int | None:
        block = _front_matter(lines)
        return None if block is None else 1 + self.at % max(block[1] - 1, 1)

    def apply(self, data: bytes) -> bytes:
        lines = _lines(data)
        index = self._index(lines)
        if index is None:
            return _join([self.line, *lines])
        replace = self.replace and index < len(lines) - 1 and lines[index].rstrip() != "---"
        return _join(lines[:index] + [self.line] + lines[index + int(replace) :])

    def explain(self, data: bytes) -> str:
        lines = _lines(data)
        index = self._index(lines)
        if index is None:
            return f"put the line {_short(self.line)} first (the file has no front matter)"
        replace = self.replace and index < len(lines) - 1 and lines[index].rstrip() != "---"
        verb = "write over" if replace else "insert before"
        return f"{verb} line {index + 1}, in the front matter, the line {_short(self.line)}"


# -- fences ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChangeFence(Mutation):
    """Delete, repeat or rewrite one fence line (```, ```{step} ..., ````, :::)."""

    which: int
    action: str  # "delete", "repeat" or the line to write instead
    keep_rest: bool = True

    def apply(self, data: bytes) -> bytes:
        lines = _lines(data)
        fences = [index for index, line in enumerate(lines) if FENCE.match(line)]
        if not fences:
            return data
        index = fences[self.which % len(fences)]
        if self.action == "delete":
            del lines[index]
        elif self.action == "repeat":
            lines.insert(index, lines[index])
        else:
            rest = FENCE.sub("", lines[index]) if self.keep_rest else ""
            lines[index] = self.action + rest.lstrip("{").split("}")[-1]
        return _join(lines)

    def explain(self, data: bytes) -> str:
        lines = _lines(data)
        fences = [index for index, line in enumerate(lines) if FENCE.match(line)]
        if not fences:
            return "change a fence line (none: no change)"
        index = fences[self.which % len(fences)]
        where = f"the fence on line {index + 1}, {_short(lines[index])}"
        if self.action in ("delete", "repeat"):
            return f"{self.action} {where}"
        after = ", keeping what followed its directive" if self.keep_rest else ""
        return f"rewrite {where} as {_short(self.action)}{after}"


# -- bytes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LineEndings(Mutation):
    """Change the line endings of every n-th line to CRLF or a lone CR."""

    ending: str
    every: int

    def apply(self, data: bytes) -> bytes:
        lines = _lines(data)
        return _bytes(
            "".join(
                line + (self.ending if number % self.every == 0 else "\n")
                for number, line in enumerate(lines[:-1])
            )
            + lines[-1]
        )

    def explain(self, data: bytes) -> str:
        which = (
            "every line"
            if self.every == 1
            else f"lines 1, {self.every + 1}, ... (every {self.every}.)"
        )
        return f"end {which} with {self.ending!r}"


@dataclass(frozen=True)
class InsertBytes(Mutation):
    """Insert raw bytes: a byte-order mark, bytes that are not UTF-8."""

    at: int
    raw: bytes

    def apply(self, data: bytes) -> bytes:
        position = self.at % (len(data) + 1)
        return data[:position] + self.raw + data[position:]

    def explain(self, data: bytes) -> str:
        position = self.at % (len(data) + 1)
        line = data.count(b"\n", 0, position) + 1
        return f"insert the bytes {self.raw!r} at byte {position} (line {line})"


@dataclass(frozen=True)
class Truncate(Mutation):
    at: int

    def apply(self, data: bytes) -> bytes:
        return data[: self.at % (len(data) + 1)]

    def explain(self, data: bytes) -> str:
        position = self.at % (len(data) + 1)
        line = data.count(b"\n", 0, position) + 1
        return f"cut the file after byte {position} (line {line})"


@dataclass(frozen=True)
class Reencode(Mutation):
    """The whole file saved in another encoding (or emptied)."""

    encoding: str

    def apply(self, data: bytes) -> bytes:
        if self.encoding == "empty":
            return b""
        if self.encoding == "blank":
            return b"\n  \n\t\n"
        text = data.decode("utf-8", "replace")
        return text.encode(self.encoding, "replace")

    def explain(self, data: bytes) -> str:
        if self.encoding in ("empty", "blank"):
            return f"make the file {self.encoding}"
        return f"save the file as {self.encoding}"


# -- what is inserted ----------------------------------------------------------------------

#: Lines that mean something to MyST, sphinx-needs, our checks or YAML.
LINES = [
    "---",
    "...",
    "```",
    "````",
    "`````",
    "~~~",
    ":::",
    "```{step} A new step",
    "````{step} An outer step",
    "```{step}",
    "```{step} Unclosed {brace",
    "```{role} A role",
    "```{metric} A metric",
    "```{training} A training",
    "```{record} A record",
    "```{mermaid}",
    "```mermaid",
    "```{unknown-directive}",
    "```{toctree}",
    "```{include} ../../conf.py",
    "```{literalinclude} /etc/hostname",
    "```{sop-catalog}",
    "```{sop-roles}",
    ":id: STEP_FUZZ",
    ":id: ROLE_FUZZ",
    ":id: STEP_REC_NOTICE",
    ":id:",
    ":id: not an id",
    ":responsible: ROLE_AGENT",
    ":responsible: ROLE_NOWHERE, KPI_ASA",
    ":responsible:",
    ":metrics: KPI_ASA,, KPI_AHT",
    ":training: TRN_NOWHERE",
    ":records: ROLE_AGENT",
    ":unit: %",
    ":summary:",
    ":status: open",
    ":links: STEP_REC_NOTICE",
    ":collapse: true",
    ":layout: complete",
    ":layout: nowhere",
    ":template: nowhere",
    ":jinja_content: true",
    ":hide:",
    "# A title heading",
    "## Procedure",
    "## Purpose",
    "## Scope:",
    "## 4. Procedure",
    "### A stage",
    "#### Deeper",
    "#",
    "##",
    "<A placeholder of the skeleton>",
    "<Új lépés>",
    "flowchart TD",
    "graph LR",
    "sequenceDiagram",
    "STEP_FUZZ[A box] --> DONE([Done])",
    "D1{Decide?} -- yes --> STEP_FUZZ",
    "A --> A",
    'click STEP_FUZZ href "javascript:alert(1)"',
    "%%{init: {'theme': 'dark'}}%%",
    "(label)=",
    "(label)",
    "{doc}`nowhere`",
    "{need}`STEP_NOWHERE`",
    "{ref}`nowhere`",
    "[a link](nowhere.md)",
    "![an image](nowhere.png)",
    "<script>alert(1)</script>",
    "<div>",
    "<!-- an unclosed comment",
    "$$",
    "| a | b |",
    "|---|",
    "- a list item",
    "1. a numbered item",
    "> a quote",
    "    indented code",
    "\t:id: STEP_TAB",
    "term",
    ": definition",
    "id: SOP-CC-010",
    "id: [SOP-CC-010]",
    "title: {nested: map}",
    "status: approved",
    "format: flowchart",
    "? complex key",
    "<<: *anchor",
    "- just a list",
    "key: value: more",
    "---\n---",
    "",
    " ",
]

#: Text inserted inside a line: Unicode of every kind, control characters.
TEXTS = [
    "e\u0301\u0301\u0301\u0301",
    "\u0301" * 300,
    "\u202eRTL override",
    "\u200f\u200e",
    "שלום עולם",
    "مرحبا بالعالم",
    "👩\u200d👩\u200d👧\u200d👦",
    "🇭🇺🇵🇹",
    "😀" * 50,
    "\x00",
    "\x00" * 10,
    "\x01\x02\x07\x08",
    "\x0b\x0c",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\ufffe\uffff",
    "\ufffd",
    "\u200b\u200c\u200d",
    "İıßﬁ",
    "漢字かなカナ",
    "ＳＯＰ－ＣＣ－０１０",
    "Z̸̡̢͔̯̭̜͇̰̺̦̬̗̿͊̎̈́̅̒̒a̶̛͓̳̣̹̹̍̈́̄͒͒͂l̷̡̛̗̝̳͚̣͔̘̎̊͆̄͒g̸͎͎̪̅͊̀o̵̢̧̯̗͙̣̺̍",
    "\t",
    "\r",
    "`",
    "```",
    "{",
    "}",
    "<",
    "&nbsp;",
    "\\",
    "*",
    "_",
    "|",
    ":",
    "#",
    "%",
    "'",
    '"',
    "$",
]

#: Units of very long lines and deep nesting.
RUNS = ["a", "x ", "`", "*", "_", "[", "]", "(", ")", "<", ">", "> ", "- ", "1. ", "#", "|",
        "\\", "{", "}", ":", "&amp;", "😀", "é", "\u0301", "<!--", "[x](", "*a ", "\t"]  # fmt: skip

#: YAML values of every type, and broken YAML.
VALUES = [
    "[a, b]",
    "[]",
    "{a: 1}",
    "{}",
    "\n  - x\n  - y",
    "\n  nested:\n    deep: 1",
    "12",
    "1.5",
    "-1",
    "0x1F",
    "1e400",
    ".nan",
    ".inf",
    "99999999999999999999999",
    "true",
    "no",
    "~",
    "null",
    '""',
    "'   '",
    "2026-13-45",
    "2026-02-30",
    "2026-09-01",
    "2026-09-01 10:00:00",
    "0001-01-01",
    "9999-12-31",
    "1900-01-01",
    "2026-9-1",
    "&anchor SOP-CC-001",
    "*undefined",
    "!!binary aGVsbG8=",
    "!!python/object/apply:os.system [echo]",
    "!!set {a, b}",
    "!!omap [a: 1]",
    "!!timestamp 2026-09-01",
    "!!str",
    "!!int x",
    "[1, !!int x]",
    "{a: !!float b}",
    "|\n  a block\n  of text",
    ">-\n  folded",
    '"unterminated',
    "[unclosed",
    "{a: [b, {c: d}]}",
    "a: b",
    "SOP-CC-010",
    "SOP-CC-001",
    "sop-cc-1",
    "ROLE_AGENT",
    "ROLE_NOWHERE",
    "KPI_ASA",
    "12 months",
    "0 months",
    "99999 years",
    "-5 months",
    "once",
    "1.0.0",
    "v1.0",
    "1.0.0.0",
    "simple",
    "hierarchical",
    "flowchart",
    "Flowchart",
    "draft",
    "in-review",
    "approved",
    "retired",
    "0123456789abcdef",
    "x" * 10_000,
    "é" * 100,
    "\u202e\u0301",
    "'\x00'",
]

#: Fields the front matter has or might have (also keys Sphinx and MyST read).
#: Values that are right for one field, or nearly: the edges of what it takes.
EDGES = {
    "id": ["SOP-CC-٠١٠", "SOP-CC-0100", "SOP-CC-10", "SOP-ÉÉ-010", "SOP-CC-010\t", "'SOP-CC-010'"],
    "title": ["<script>alert(1)</script>", "{{ jinja }}", "%s %(x)s {0}", "`code` *b* [l](x)",
              "|", "'Title: with colon'", "\"a\\nb\"", "# heading", "' '"],
    "format": ["Simple", " simple", "flowchart ", "'flowchart'"],
    "version": ["١.٢.٣", "01.002.0003", "99999999999999999999.0.0", "1.0.0-rc1", "'1.0.0'"],
    "status": ["Approved", "in review", "'draft'"],
    "owner": ["ROLE_" + "A" * 10_000, "role_agent", "ROLE_AGENT ROLE_TRAINER", "STEP_REC_NOTICE",
              "KPI_ASA", "ROLE_TEAM_LEADER"],
    "effective": ["9999-12-31", "9999-12-01", "0001-01-01", "2024-02-29", "2026-02-29",
                  "1970-01-01", "2026-09-01T10:00", "2026-W01", "'2026-09-01'", "२०२६-०९-०१"],
    "next_review": ["9999-12-31", "0001-01-01", "2000-01-01", "2024-02-29", "2100-01-01"],
    "review_every": ["99999 years", "9999 years", "999999999 days", "10000000000 weeks",
                     "0 days", "1 day", "١٢ months", "１２ months", "12 Months", "12\tmonths",
                     "120000 months", "12 months ", "'12 months'"],
    "editorial": ["True", "yes", "1", "'true'", "on"],
    "approved_fingerprint": ["ffffffffffffffff", "FFFFFFFFFFFFFFFF", "0" * 64, "٠١٢٣٤٥٦٧٨٩abcdef"],
}  # fmt: skip

#: Lines of YAML written inside the front matter: keys of every kind, merges, anchors.
FRONT_LINES = [
    "<<: {owner: ROLE_NOWHERE, approver: ROLE_NOWHERE, id: SOP-CC-010}",
    "<<: {next_review: 2000-01-01, effective: 9999-12-31}",
    "<<: [{status: approved}, {format: simple}]",
    "base: &base {owner: ROLE_NOWHERE}",
    "<<: *base",
    "? [a, b]",
    ": value",
    "? {a: 1}",
    "1: one",
    "null: nothing",
    "true: yes",
    "2026-09-01: a date as key",
    "'id': SOP-CC-099",
    '"owner": ROLE_AGENT',
    "id : SOP-CC-099",
    "  indented: field",
    "\tid: tab",
    "- a list item",
    "--- # a second document",
    "%YAML 1.2",
    "!!map {}",
    "owner: !!str",
    "owner: !custom tag",
    "effective: !!timestamp 2026-09-01",
    "next_review: !!timestamp 9999-12-31",
    "title: &t A title",
    "approver: *t",
    "id: SOP-CC-001 # a comment",
    "# a comment",
    "...",
]

FIELDS = [
    "id", "title", "format", "version", "status", "owner", "approver", "effective",
    "review_every", "next_review", "editorial", "approved_fingerprint",
    "orphan", "tocdepth", "nosearch", "html_meta", "myst", "unknown", "1", "",
]  # fmt: skip

#: Bytes that are not UTF-8, and byte-order marks.
RAW = [
    b"\xef\xbb\xbf",
    b"\xef\xbb\xbf\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\xff",
    b"\xc3",
    b"\xe9",
    b"\x80",
    b"\xed\xa0\x80",
    b"\xc0\xaf",
    b"\xf4\x90\x80\x80",
    b"\xe2\x82",
    b"\x00",
]

#: Fence lines written over an existing one.
FENCES = ["```", "````", "~~~", ":::", "```{step", "```{ step }", "```{unknown}", "```{role}",
          "```{mermaid}", "```mermaid", ":::{step}", "``", "```{step}}"]  # fmt: skip


# -- strategies ----------------------------------------------------------------------------

positions = st.integers(min_value=0, max_value=10**6)


def mutations(real_lines: list[str]) -> st.SearchStrategy[Mutation]:
    """Any one mutation; real_lines are lines of the real files, to splice in."""
    inserted_lines = st.one_of(st.sampled_from(LINES), st.sampled_from(real_lines))
    long_runs = st.builds(
        lambda unit, count: unit * count,
        st.sampled_from(RUNS),
        st.sampled_from([100, 1_000, 5_000, 20_000, 100_000]),
    )
    set_field = st.sampled_from(FIELDS).flatmap(
        lambda name: st.builds(
            SetField,
            st.just(name),
            st.one_of(st.sampled_from(VALUES), st.sampled_from(EDGES.get(name, VALUES))),
        )
    )
    return st.one_of(
        st.builds(DeleteLines, positions, st.integers(1, 20)),
        st.builds(DuplicateLines, positions, st.integers(1, 10), st.integers(1, 3)),
        st.builds(MoveLines, positions, st.integers(1, 15), positions),
        st.builds(ShuffleLines, positions, st.integers(2, 10), st.integers(0, 2**16)),
        st.builds(PutLine, positions, inserted_lines, st.booleans()),
        st.builds(PutLine, positions, long_runs, st.booleans()),
        st.builds(InsertText, positions, positions, st.sampled_from(TEXTS)),
        st.builds(InsertText, positions, positions, long_runs),
        st.builds(InsertText, positions, positions, st.text(min_size=1, max_size=20)),
        st.builds(DropFrontMatterFence, st.booleans()),
        *[set_field] * 3,  # the front matter is where an author's slip meets the most code
        st.builds(FrontMatterLine, positions, st.sampled_from(FRONT_LINES), st.booleans()),
        st.builds(
            ChangeFence,
            positions,
            st.one_of(st.sampled_from(["delete", "repeat"]), st.sampled_from(FENCES)),
            st.booleans(),
        ),
        st.builds(LineEndings, st.sampled_from(["\r\n", "\r"]), st.integers(1, 5)),
        st.builds(InsertBytes, st.one_of(st.just(0), positions), st.sampled_from(RAW)),
        st.builds(Truncate, positions),
        st.builds(Reencode, st.sampled_from(["empty", "blank", "utf-16", "cp1250", "latin-1"])),
    )
