"""A word-by-word difference of two texts, such as a step's text before and after a change.

Pure functions, no Sphinx. White space is not compared: each word keeps the space before
it, and a changed run of words leaves the space before it with the text kept.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import NamedTuple

#: A word or a punctuation mark, with the white space before it.
TOKEN = re.compile(r"(\s*)(\w+|[^\w\s])")


class Piece(NamedTuple):
    """A run of text kept (=), removed (-) or added (+)."""

    change: str
    text: str


def word_diff(before: str, after: str) -> list[Piece]:
    """The pieces that turn before into after, in reading order: a run removed comes before
    the run added in its place. The kept and removed pieces read as before, the kept and
    added ones as after (white space folded)."""
    old, new = TOKEN.findall(before), TOKEN.findall(after)
    matcher = SequenceMatcher(None, [w for _, w in old], [w for _, w in new], autojunk=False)
    pieces: list[Piece] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _add(pieces, "=", "".join(s + w for s, w in old[i1:i2]))
            continue
        removed, added = old[i1:i2], new[j1:j2]
        spaces = {tokens[0][0] for tokens in (removed, added) if tokens}
        lead = spaces.pop() if len(spaces) == 1 else ""  # before the run, on both sides
        _add(pieces, "=", lead)
        _add(pieces, "-", "".join(s + w for s, w in removed)[len(lead) :])
        _add(pieces, "+", "".join(s + w for s, w in added)[len(lead) :])
    return pieces


def _add(pieces: list[Piece], change: str, text: str) -> None:
    if not text:
        return
    if pieces and pieces[-1].change == change:
        pieces[-1] = Piece(change, pieces[-1].text + text)
    else:
        pieces.append(Piece(change, text))


def counts(pieces: list[Piece]) -> tuple[int, int]:
    """How many words were removed and added (punctuation marks are no words)."""
    removed = sum(len(re.findall(r"\w+", p.text)) for p in pieces if p.change == "-")
    added = sum(len(re.findall(r"\w+", p.text)) for p in pieces if p.change == "+")
    return removed, added
