"""What Mermaid's parser says when it cannot read a diagram, in words an SOP author
understands: the line and the token it stumbled on, what it expected there instead, and
the fix that fits the mistake.

Pure functions over the error that ``mermaid_parse.mjs`` returns (see
:mod:`soplib.diagrams.mermaid`): ``kind``, Mermaid's own ``message``, the ``line`` and
``column`` (1-based, within the diagram's code) of the offending ``token``, Mermaid's name
for it (``got``) and its names of what it would have accepted (``expected``). Any of them
may be missing; the message then says less, never nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from ..model.i18n import N_, say

#: Mermaid's names of its tokens, in words.
WORDS = {
    "PS": N_("an opening parenthesis '('"),
    "PE": N_("a closing parenthesis ')'"),
    "SQS": N_("an opening bracket '['"),
    "SQE": N_("a closing bracket ']'"),
    "DIAMOND_START": N_("an opening brace '{'"),
    "DIAMOND_STOP": N_("a closing brace '}'"),
    "STADIUMSTART": N_("an opening '(['"),
    "STADIUMEND": N_("a closing '])'"),
    "SUBROUTINESTART": N_("an opening '[['"),
    "SUBROUTINEEND": N_("a closing ']]'"),
    "CYLINDERSTART": N_("an opening '[('"),
    "CYLINDEREND": N_("a closing ')]'"),
    "DOUBLECIRCLESTART": N_("an opening '((('"),
    "DOUBLECIRCLEEND": N_("a closing ')))'"),
    "(-": N_("an opening '(-'"),
    "-)": N_("a closing '-)'"),
    "TRAPSTART": N_("an opening '[/'"),
    "TRAPEND": N_("a closing '\\]'"),
    "INVTRAPSTART": N_("an opening '[\\'"),
    "INVTRAPEND": N_("a closing '/]'"),
    "VERTEX_WITH_PROPS_START": N_("an opening '[|'"),
    "TAGSTART": N_("a '<'"),
    "TAGEND": N_("a '>'"),
    "PIPE": N_("a pipe '|'"),
    "QUOTE": N_("a double quote '\"'"),
    "STR": N_("quoted text"),
    "MD_STR": N_("quoted text"),
    "TEXT": N_("label text"),
    "UNICODE_TEXT": N_("text"),
    "EDGE_TEXT": N_("the arrow's label"),
    "NODE_STRING": N_("a box id or text"),
    "LINK": N_("an arrow such as '-->'"),
    "START_LINK": N_("an arrow with a label, such as '-- yes -->'"),
    "LINK_ID": N_("an arrow such as '-->'"),
    "TESTSTR": N_("a label between pipes '|'"),
    "NEWLINE": N_("the end of the line"),
    "SEMI": N_("the end of the line"),
    "EOF": N_("the end of the diagram"),
    "SPACE": N_("a space"),
    "AMP": N_("'&'"),
    "COLON": N_("':'"),
    "COMMA": N_("','"),
    "MULT": N_("'*'"),
    "BRKT": N_("'#'"),
    "MINUS": N_("a single '-'"),
    "NUM": N_("a number"),
    "DOWN": N_("'v'"),
    "UP": N_("'^'"),
    "DEFAULT": N_("the word 'default'"),
    "end": N_("the word 'end'"),
    "subgraph": N_("the word 'subgraph'"),
    "GRAPH": N_("the diagram's type, such as 'flowchart TD'"),
    "DIR": N_("a direction, such as 'TD'"),
    "STYLE_SEPARATOR": N_("':::'"),
    "SHAPE_DATA": N_("'@{'"),
}
#: The tokens that open a box's label, and those that close one.
OPENERS = {
    "PS",
    "SQS",
    "DIAMOND_START",
    "STADIUMSTART",
    "SUBROUTINESTART",
    "CYLINDERSTART",
    "DOUBLECIRCLESTART",
    "(-",
    "TRAPSTART",
    "INVTRAPSTART",
    "VERTEX_WITH_PROPS_START",
}
CLOSERS = {
    "PE",
    "SQE",
    "DIAMOND_STOP",
    "STADIUMEND",
    "SUBROUTINEEND",
    "CYLINDEREND",
    "DOUBLECIRCLEEND",
    "-)",
    "TRAPEND",
    "INVTRAPEND",
    "PIPE",
}
#: Tokens that can begin a box id; what a label may hold; what ends a statement.
BOX_ID = {"NODE_STRING", "NUM", "DOWN", "UP", "DEFAULT", "MINUS", "MULT", "BRKT", "COMMA", "COLON"}
LABEL_TEXT = {"TEXT", "UNICODE_TEXT", "TAGSTART", "TAGEND"}
LINE_END = {"NEWLINE", "SEMI", "EOF"}
ARROWS = {"LINK", "START_LINK", "LINK_ID"}
#: Tokens Mermaid would accept that say nothing useful to an author at that place.
UNSAID = {
    "SPACE",
    "AMP",
    "STYLE_SEPARATOR",
    "SHAPE_DATA",
    "subgraph",
    "acc_title",
    "acc_descr",
    "acc_descr_multiline_value",
    "STYLE",
    "LINKSTYLE",
    "CLASSDEF",
    "CLASS",
    "CLICK",
    "direction_tb",
    "direction_bt",
    "direction_rl",
    "direction_lr",
}
#: The words of what Mermaid expected, in the order they are said.
ORDER = [
    "label text",
    "the label's closing bracket",
    "a box id",
    "a label between pipes '|'",
    "the arrow's label",
    "an arrow such as '-->'",
    "the word 'end'",
    "the end of the line",
]
PAIRS = {"(": ")", "[": "]", "{": "}"}
CLOSING = {
    "]": N_("a closing bracket ']'"),
    ")": N_("a closing parenthesis ')'"),
    "}": N_("a closing brace '}'"),
    "|": N_("a closing pipe '|'"),
    '"': "a closing double quote '\"'",
}
INFINITE = 1 << 30  # a column past the end of any line
ARROW_FIX = N_("write the arrow as '-->' (or '---', '-.->', '==>')")
GENERIC_FIX = N_("check that its brackets, quotes and arrows are complete")


class Opener(NamedTuple):
    """What opens a label on a line: its column (0-based) and its characters, such as
    '[', '([', '|' or '"'."""

    column: int
    text: str

    @property
    def closer(self) -> str:
        if self.text == '"':
            return '"'
        if self.text == ">":
            return "]"
        return "".join(PAIRS.get(char, char) for char in reversed(self.text))


def open_at(line: str, column: int) -> list[Opener]:
    """The labels still open just before column (0-based) of a line, outermost first:
    brackets, parentheses and braces (those written one after another, such as '([', as
    one), an arrow's label between pipes, and double quotes. A closer that matches nothing
    open is taken as text of the label."""
    stack: list[Opener] = []
    for at, char in enumerate(line[:column]):
        top = stack[-1].text if stack else ""
        if top == '"':
            if char == '"':
                stack.pop()
        elif char == '"':
            stack.append(Opener(at, char))
        elif char in PAIRS:
            if stack and top[-1] in PAIRS and stack[-1].column + len(top) == at:
                stack[-1] = Opener(stack[-1].column, top + char)  # '([', '{{', '[(' ...
            else:
                stack.append(Opener(at, char))
        elif char in PAIRS.values() and top and PAIRS.get(top[-1]) == char:
            stack[-1] = Opener(stack[-1].column, top[:-1])
            if not stack[-1].text:
                stack.pop()
        elif char == "|" and top in ("", "|"):
            if top:
                stack.pop()
            else:
                stack.append(Opener(at, char))
        elif char == ">" and not stack and at and (line[at - 1].isalnum() or line[at - 1] == "_"):
            stack.append(Opener(at, char))  # an asymmetric box, A>label]
    return stack


def label_end(line: str, opener: Opener) -> int | None:
    """Where (0-based) the label that opener opens is closed on the line, or None: the
    first closer of that shape outside the brackets and quotes the label holds."""
    closer = opener.closer
    nested: list[str] = []
    at = opener.column + len(opener.text)
    while at < len(line):
        char = line[at]
        if nested and nested[-1] == '"':
            if char == '"':
                nested.pop()
        elif not nested and line.startswith(closer, at):
            return at
        elif char == '"' or char in PAIRS:
            nested.append(char)
        elif nested and PAIRS.get(nested[-1]) == char:
            nested.pop()
        at += 1
    return None


def quoted_label(line: str, opener: Opener, end: int) -> str:
    """The box (or the arrow's label) that opener opens, with its label in double quotes,
    as Mermaid reads it whatever it holds: D1{"Is it (urgent)?"}."""
    label = line[opener.column + len(opener.text) : end].strip()
    inside, before, after = label, "", ""
    if len(label) > 1 and label[0] in "/\\" and label[-1] in "/\\":  # [/trapezoid/]
        inside, before, after = label[1:-1], label[0], label[-1]
    inside = inside.replace('"', "#quot;")
    if opener.text == "|":  # an arrow's label: the arrow may end in a letter, as --x does
        return f'|"{inside}"|'
    box_id = re.findall(r"\w*$", line[: opener.column])[0]  # the id written before it, if any
    return f'{box_id}{opener.text}{before}"{inside}"{after}{opener.closer}'


def _join(words: list[str]) -> str:
    """The words, in the library's language: 'a, b or c'."""
    said = [say(word) for word in words]
    if len(said) < 2:
        return "".join(said)
    return say("%(first)s or %(last)s", first=", ".join(said[:-1]), last=said[-1])


def expected_words(expected: list[str], closer: str | None = None) -> str:
    """What Mermaid expected, in words: its token names grouped ('SQE', 'PE', 'TEXT'
    ... inside a label become "label text or a closing brace '}'", the brace being
    closer, the closer of the label that is open, when known)."""
    names = set(expected)
    in_label = bool(names & (CLOSERS - {"PIPE"})) or "TEXT" in names
    said: list[str] = []
    for name in expected:
        if name in UNSAID:
            continue
        if in_label and name in CLOSERS:
            closers = [n for n in expected if n in CLOSERS]
            if closer:
                word = CLOSING.get(closer) or say("a closing %(closer)s", closer=repr(closer))
            elif len(closers) == 1:
                word = WORDS[closers[0]]
            else:
                word = N_("the label's closing bracket")
        elif in_label and name in LABEL_TEXT:
            word = N_("label text")
        elif name in BOX_ID or (name == "UNICODE_TEXT" and "NODE_STRING" in names):
            word = N_("a box id")
        elif name == "EDGE_TEXT" or (name == "UNICODE_TEXT" and "EDGE_TEXT" in names):
            word = N_("the arrow's label")
        elif name in ("PIPE", "TESTSTR"):
            word = N_("a label between pipes '|'")
        elif name in ARROWS:
            word = N_("an arrow such as '-->'")
        elif name in LINE_END:
            word = N_("the end of the line")
        else:
            word = WORDS.get(name, repr(name))
        if word not in said:
            said.append(word)
    said.sort(key=lambda word: ORDER.index(word) if word in ORDER else len(ORDER))
    return _join(said)


def got_words(got: str | None, token: str | None) -> str:
    """What Mermaid found instead, in words: "an opening parenthesis '('"."""
    text = (token or "").strip()
    if got in ("NODE_STRING", "TEXT", "UNICODE_TEXT", "EDGE_TEXT") and text:
        return say("the text %(text)s", text=repr(text))
    if got in ("STR", "MD_STR") and text:
        return say('the quoted text "%(text)s"', text=text)
    if got in ("LINK", "START_LINK") and text:
        return say("the arrow %(arrow)s", arrow=repr(text))
    if got == "end":
        return say("the word 'end', which closes a subgraph")
    if got in WORDS:
        return say(WORDS[got])
    if got and text:
        return f"{text!r} ({got})"
    if got:
        return repr(got)
    return repr(text) if text else say("something it did not expect")


def explain(code: str, error: Mapping[str, object]) -> tuple[int, str]:
    """Where in a diagram's code (1-based; 0 for the diagram as a whole) Mermaid stumbles,
    and why, with the fix: 'what is wrong: how to fix it'."""
    lines = code.splitlines()
    kind = _text(error.get("kind"))
    message = _text(error.get("message")) or ""
    line = _number(error.get("line"))
    column = _number(error.get("column"))
    token = _text(error.get("token"))
    got = _text(error.get("got"))
    raw = error.get("expected")
    expected = [str(name) for name in raw] if isinstance(raw, list) else []
    if kind == "type":
        return _no_type(lines, line)
    if kind == "parse" and got == "EOF" and (line is None or line > len(lines)):
        return _at_the_end(lines, expected)
    if line is None or not 0 < line <= len(lines):
        # Translators: reason is Mermaid's own message in parentheses, in English, or nothing.
        return 0, say(
            "Mermaid cannot read this diagram%(reason)s: check that its first line names a "
            "diagram type, such as 'flowchart TD', and that its brackets, quotes and arrows "
            "are complete",
            reason=_reason(message),
        )
    text = lines[line - 1]
    at = column - 1 if column is not None and 0 < column <= len(text) + 1 else None
    if kind == "lexical":
        return line, _unrecognised(text, at, token, message)
    if kind == "parse":
        if got == "EOF":
            return line, _unfinished(text, expected)
        start = _number(error.get("from_line"))
        if start is not None and 0 < start < line and open_at(lines[start - 1], INFINITE):
            found = got_words(got, token)
            return start, _never_closed(lines[start - 1], expected, found)
        return line, _unexpected(text, at, token, got, expected)
    return line, say(
        "Mermaid cannot read %(line)s%(reason)s: %(fix)s",
        line=repr(text.strip()),
        reason=_reason(message),
        fix=say(GENERIC_FIX),
    )


def _no_type(lines: list[str], line: int | None) -> tuple[int, str]:
    written = [text.strip() for text in lines if text.strip()]
    if not written:
        return 0, say(
            "the diagram is empty, so Mermaid finds no diagram type in it: write the diagram, "
            "starting with its type, such as 'flowchart TD'"
        )
    if line is None or not 0 < line <= len(lines):
        line = next(n for n, text in enumerate(lines, start=1) if text.strip())
    return line, say(
        "the first line of the diagram, %(line)s, names no type of diagram Mermaid knows: "
        "start the diagram with its type, such as 'flowchart TD'",
        line=repr(written[0]),
    )


def _at_the_end(lines: list[str], expected: list[str]) -> tuple[int, str]:
    filled = [n for n, text in enumerate(lines, start=1) if text.strip()]
    last = filled[-1] if filled else 0
    wanted = expected_words(expected)
    still = say(" still expecting %(wanted)s", wanted=wanted) if wanted else ""
    after = say(" after %(line)s", line=repr(lines[last - 1].strip())) if last else ""
    fix = say("close each subgraph with a line 'end'") if "end" in expected else say(GENERIC_FIX)
    # Translators: after is " after <its last line>", still " still expecting <words>".
    return last, say(
        "Mermaid reached the end of the diagram%(after)s%(still)s: %(fix)s",
        after=after,
        still=still,
        fix=fix,
    )


def _unrecognised(text: str, at: int | None, token: str | None, message: str) -> str:
    shown = (token or "").strip()[:1] or (text[at] if at is not None and at < len(text) else "")
    where = (
        say(" at %(text)s (column %(column)d)", text=repr(shown), column=at + 1)
        if shown and at is not None
        else ""
    )
    if shown and shown in "-=~.<>":
        fix = say(ARROW_FIX)
    elif shown:
        fix = say("remove it, or write it inside a box's label in double quotes")
    else:
        fix = say(GENERIC_FIX)
    reason = say("text it does not recognise there")
    if not shown:
        reason = say("text it does not recognise%(reason)s", reason=_reason(message))
    # Translators: where is " at <text> (column <n>)" or nothing; reason says what it met.
    return say(
        "Mermaid cannot read %(line)s%(where)s, %(reason)s: %(fix)s",
        line=repr(text.strip()),
        where=where,
        reason=reason,
        fix=fix,
    )


def _unfinished(text: str, expected: list[str]) -> str:
    """Mermaid reached the end of the diagram reading this line: a label left open, or a
    statement left unfinished."""
    if open_at(text, len(text)):
        return _never_closed(text, expected)
    wanted = expected_words(expected)
    if {"LINK", "EDGE_TEXT"} <= set(expected):
        fix = say("end the arrow's label with '-->', such as A -- yes --> B")
    elif set(expected) & BOX_ID:
        fix = say("write the box the arrow leads to, such as A --> B")
    else:
        fix = say(GENERIC_FIX)
    instead = (
        say(", where it expected %(wanted)s, not the end of the diagram", wanted=wanted)
        if wanted
        else ""
    )
    return say(
        "Mermaid cannot read %(line)s at its end (column %(column)d)%(instead)s: %(fix)s",
        line=repr(text.strip()),
        column=len(text.rstrip()) + 1,
        instead=instead,
        fix=fix,
    )


def _never_closed(text: str, expected: list[str], found: str | None = None) -> str:
    """A label opened on this line and never closed: Mermaid reads on, over the following
    lines, until the end of the diagram or a token no label can hold (found)."""
    still_open = open_at(text, len(text))
    opener = still_open[-1]
    brackets = [o for o in still_open if o.text not in ('"', "|")]
    hint = opener.closer if opener.text == "|" else brackets[-1].closer if brackets else None
    wanted = expected_words(expected, hint)
    if found is None:
        then = say(
            "it read on to the end of the diagram expecting %(wanted)s",
            wanted=wanted or say("more"),
        )
    elif wanted:
        then = say(
            "it read the lines after it as its label, until %(found)s, where it expected "
            "%(wanted)s",
            found=found,
            wanted=wanted,
        )
    else:
        then = say("it read the lines after it as its label, until %(found)s", found=found)
    return say(
        "Mermaid cannot read %(line)s at %(opener)s (column %(column)d), never closed "
        "(%(then)s): close it with %(closer)s",
        line=repr(text.strip()),
        opener=repr(opener.text),
        column=opener.column + 1,
        then=then,
        closer=repr(opener.closer),
    )


def _unexpected(
    text: str, at: int | None, token: str | None, got: str | None, expected: list[str]
) -> str:
    """Mermaid met a token it did not expect on this line."""
    enclosing = [o for o in open_at(text, at) if o.text != '"'] if at is not None else []
    label = enclosing[-1] if enclosing else None
    wanted = expected_words(expected, label.closer if label else None)
    found = got_words(got, token)
    shown = (token or "").strip()
    if got in ("STR", "MD_STR"):
        shown = f'"{shown}"'
    where = ""
    if at is not None:
        where = (
            say(" at %(text)s (column %(column)d)", text=repr(shown), column=at + 1)
            if shown
            else say(" at column %(column)d", column=at + 1)
        )
    reason = (
        say("where it expected %(wanted)s, not %(found)s", wanted=wanted, found=found)
        if wanted
        else say("where it found %(found)s", found=found)
    )
    return say(
        "Mermaid cannot read %(line)s%(where)s, %(reason)s: %(fix)s",
        line=repr(text.strip()),
        where=where,
        reason=reason,
        fix=_fix(text, at, shown, got, expected, label),
    )


def _fix(
    text: str,
    at: int | None,
    shown: str,
    got: str | None,
    expected: list[str],
    label: Opener | None,
) -> str:
    if label and got in OPENERS | CLOSERS | {"STR", "MD_STR"}:
        end = label_end(text, label)
        if end is None and got in OPENERS and at is not None:  # A[Call back (later]
            found = text.find(label.closer, at)
            end = found if found >= 0 else None
        if end is not None:
            return say(
                "put the label in double quotes: %(label)s", label=quoted_label(text, label, end)
            )
        if got in CLOSERS:
            return say(
                "end the label with %(closer)s, which matches its %(opener)s",
                closer=repr(label.closer),
                opener=repr(label.text),
            )
        return say(
            "put the label in double quotes and close it with %(closer)s",
            closer=repr(label.closer),
        )
    if got in OPENERS and at is not None and (shown or at < len(text)):
        opener = Opener(at, shown or text[at])
        end = label_end(text, opener)
        inside = text[at + len(opener.text) : end].strip()
        example = f"ID{opener.text}{inside or '...'}{opener.closer}"
        values = {"opener": repr(opener.text), "example": example}
        if end is not None:
            return say(
                "give the box an id before the %(opener)s, such as %(example)s, or remove the "
                "%(opener)s",
                **values,
            )
        return say(
            "give the box an id before the %(opener)s and close it with %(closer)s, such as "
            "%(example)s, or remove the %(opener)s",
            closer=repr(opener.closer),
            **values,
        )
    if got in ("STR", "MD_STR"):
        return say("give the box an id before its quoted label, such as ID[%(label)s]", label=shown)
    if got == "end":
        return say("write the box id another way, such as END or End")
    if set(expected) & ARROWS:
        if got == "MINUS":
            return say(ARROW_FIX)
        return say("join the boxes with an arrow such as '-->'")
    return say(GENERIC_FIX)


def _reason(message: str) -> str:
    """Mermaid's own message, its first line, in parentheses; or nothing."""
    written = [line.strip() for line in message.splitlines() if line.strip()]
    return f" ({written[0].rstrip(':')})" if written else ""


def _number(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None
