"""SOP front matter: the YAML block between the '---' lines, with the line of every field.

Pure functions, no Sphinx. Reading finds only what stops the block being read (its
syntax, a field given twice); what the values must be is checked in
:mod:`soplib.checks.fields`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeGuard

import yaml

from .i18n import say
from .problems import Finding, Problem

FORMATS = ("simple", "hierarchical", "flowchart")
STATUSES = ("draft", "in-review", "approved", "retired")
REQUIRED_FIELDS = ("id", "title", "format", "version", "status", "owner", "approver", "effective")
REVIEW_FIELDS = ("review_every", "next_review")
#: Optional: a change declared editorial, and the stamp of the last approval.
CHANGE_FIELDS = ("editorial", "approved_fingerprint")
#: Optional: the language the SOP is written in, when not the library's.
LANGUAGE_FIELD = "language"
SOP_FIELDS = REQUIRED_FIELDS + REVIEW_FIELDS + CHANGE_FIELDS + (LANGUAGE_FIELD,)
#: Front matter keys that Sphinx and MyST read; an SOP may carry them too.
SPHINX_FIELDS = ("orphan", "nocomments", "nosearch", "tocdepth", "myst", "html_meta")


class _Loader(yaml.SafeLoader):
    """Safe YAML that leaves dates as text, so a bad date is our finding, not a crash."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class FrontMatter:
    """The fields of a front matter block and the source line of each."""

    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    first_line: int = 1
    last_line: int = 1

    def line(self, key: Any) -> int:
        """The line of a field; of a key YAML reads as no text (1, null), by its str()."""
        return self.lines.get(key if isinstance(key, str) else str(key), self.first_line)


def fingerprint(text: str) -> str:
    """The fingerprint of an SOP's content: its body after the front matter, with white
    space folded, so rewrapping a paragraph does not change it."""
    block = split_front_matter(text)
    body = text.split("\n", block[1])[-1] if block else text  # unclosed: all of it
    return folded_fingerprint(body)


def folded_fingerprint(text: str) -> str:
    """The fingerprint of a text with white space folded (a section, a diagram)."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:16]


def split_front_matter(text: str) -> tuple[str, int] | None:
    """The YAML between the opening and closing '---' and the closing line's number,
    or None when the text has no front matter. An unclosed block is ('', 0)."""
    lines = text.splitlines()
    if not lines or lines[0].rstrip() != "---":
        return None
    for number, line in enumerate(lines[1:], start=2):
        if line.rstrip() in ("---", "..."):
            return "\n".join(lines[1 : number - 1]), number
    return "", 0


def read_front_matter(text: str) -> tuple[FrontMatter | None, list[Finding]]:
    """Parse a document's front matter; None when it has none."""
    block = split_front_matter(text)
    if block is None:
        return None, []
    yaml_text, closing_line = block
    front = FrontMatter(last_line=closing_line or 1)
    if not closing_line:
        return front, [
            Finding(
                1,
                Problem.FRONT_MATTER_SYNTAX,
                say(
                    "front matter opened with '---' on line 1 is never closed: "
                    "add a line '---' after the last field"
                ),
            )
        ]
    try:
        loader = _Loader(yaml_text)
    except yaml.reader.ReaderError as error:  # a character YAML does not take, anywhere
        return front, [unreadable_character(yaml_text, error)]
    node = None
    try:
        node = loader.get_single_node()
        values = loader.construct_document(node) if node is not None else {}
    except RecursionError:
        return front, [too_deep(yaml_text)]
    # A value whose tag asks for what it is not (`!!int x`, `!!timestamp 2026-13-45`):
    # PyYAML's constructors fail on it with whatever the conversion raises.
    except (ValueError, TypeError, KeyError, AttributeError, IndexError):
        return front, [untyped_value(node)]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 2 if mark else 1
        return front, [
            Finding(
                line,
                Problem.FRONT_MATTER_SYNTAX,
                say(
                    "front matter is not valid YAML (%(problem)s): write each field as "
                    "'key: value' and put quotes around a value containing ': ' or '#'",
                    problem=error.problem,
                ),
            )
        ]
    finally:
        loader.dispose()
    if not isinstance(node, yaml.MappingNode) or not isinstance(values, dict):
        return front, [
            Finding(
                2,
                Problem.FRONT_MATTER_SYNTAX,
                say("front matter is not a list of fields: write each field as 'key: value'"),
            )
        ]
    findings = []
    for key_node, _ in node.value:
        key, line = key_node.value, key_node.start_mark.line + 2
        if key in front.lines:
            findings.append(
                Finding(
                    line,
                    Problem.DUPLICATE_FIELD,
                    say(
                        "field '%(field)s' is given twice (first on line %(line)d): keep one",
                        field=key,
                        line=front.lines[key],
                    ),
                )
            )
            continue
        front.lines[key] = line
        if key_node.tag != "tag:yaml.org,2002:str":  # 1, null, true: also as what YAML read
            front.lines.setdefault(str(_Loader("").construct_object(key_node)), line)
    front.values = values
    return front, findings


def unreadable_character(yaml_text: str, error: yaml.reader.ReaderError) -> Finding:
    """A control character in the front matter, which YAML refuses before reading any."""
    line = yaml_text.count("\n", 0, error.position) + 2
    return Finding(
        line,
        Problem.FRONT_MATTER_SYNTAX,
        say(
            "front matter holds the character U+%(code)04X, which YAML does not take (a "
            "control character, often invisible in an editor): delete it",
            code=error.character,
        ),
    )


def untyped_value(node: yaml.Node | None) -> Finding:
    """A value that cannot be made what its tag says, at the line of its innermost part
    that cannot (the first such)."""
    for key_node, value_node in node.value if isinstance(node, yaml.MappingNode) else []:
        try:
            bad = innermost_untyped(value_node)
        except RecursionError:  # nested too deeply to look inside
            bad = value_node if untyped(value_node) else None
        if bad is not None:
            return Finding(
                bad.start_mark.line + 2,
                Problem.FRONT_MATTER_SYNTAX,
                say(
                    "the value of '%(field)s' in the front matter is not what '%(tag)s' says "
                    "it is: remove the tag and write the value as plain text",
                    field=key_node.value,
                    tag=bad.tag.replace("tag:yaml.org,2002:", "!!"),
                ),
            )
    return Finding(
        2,
        Problem.FRONT_MATTER_SYNTAX,
        say(
            "the value of a field in the front matter is not what its tag says it is: remove "
            "the tag and write the value as plain text"
        ),
    )


def untyped(node: yaml.Node) -> bool:
    """Whether a node cannot be made what its tag says (PyYAML's constructors fail on it
    with whatever the conversion raises, or nest too deeply to try)."""
    try:
        _Loader("").construct_object(node, deep=True)
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, yaml.YAMLError,
            RecursionError):  # fmt: skip
        return True
    return False


def innermost_untyped(node: yaml.Node) -> yaml.Node | None:
    """The innermost part of a value that cannot be made what its tag says, if any."""
    if not untyped(node):
        return None
    children: list[yaml.Node] = []
    if isinstance(node, yaml.SequenceNode):
        children = node.value
    elif isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    inner = (innermost_untyped(child) for child in children)
    return next((bad for bad in inner if bad is not None), node)


def too_deep(yaml_text: str) -> Finding:
    """Front matter nested deeper than YAML's reader can follow, located at the line
    that opens the most lists and maps."""
    lines = yaml_text.split("\n")
    depth = [line.count("[") + line.count("{") + line.count("- ") for line in lines]
    line = depth.index(max(depth)) + 2
    return Finding(
        line,
        Problem.FRONT_MATTER_SYNTAX,
        say(
            "front matter nests lists or maps too deeply to be read: write each field as "
            "'key: value', with a plain value"
        ),
    )


def sop_files(root: Path, pattern: str = "sops/**/*.md") -> Iterator[tuple[Path, FrontMatter]]:
    """The files under root that have readable front matter, with it, in path order (a
    byte that is not UTF-8 read as �: the build reports it, sop.encoding)."""
    for path in sorted(root.glob(pattern)):
        front, findings = read_front_matter(path.read_text(encoding="utf-8", errors="replace"))
        if front is not None and not findings:
            yield path, front


def is_sop(front: FrontMatter | None, findings: list[Finding]) -> TypeGuard[FrontMatter]:
    """A page is an SOP when its front matter has an SOP field, or cannot be read."""
    return front is not None and (bool(findings) or any(k in front.values for k in SOP_FIELDS))
