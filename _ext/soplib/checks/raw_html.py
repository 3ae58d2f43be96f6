"""No code from content: what an author writes never runs in a reader's browser.

MyST publishes HTML written in a page as it is. A block of HTML (lines that start with
a tag or ``<!--``), a tag inside a paragraph, a heading or the front matter's ``title``,
the ``{raw} html`` directive and ``.. raw:: html`` in ``{eval-rst}`` all become
``raw`` nodes that Sphinx copies into the page; so does a step's or a catalog entry's
text, which is parsed like the page. Every such node, on every page (SOPs, catalogs,
area and view pages), is read here with Python's HTML parser as the page is read, and
before Sphinx copies its titles into the navigation:

- tags that ``sop_allowed_html`` allows (``<br>``, ``<kbd>``, ``<sub>``, ``<sup>`` unless
  ``conf.py`` says otherwise), with no ``on...`` or ``style`` attribute and no
  ``javascript:``, ``vbscript:`` or ``data:`` address, are published: written again
  from what the parser read, so the browser reads exactly what was checked;
- anything else is a located ``sop.raw_html`` warning naming the tag or attribute, and
  the node is shown as text, as written (as code): nothing of it runs, and nothing of
  it is hidden, even when the warning is silenced;
- an HTML comment is allowed and not published; one never closed, which would hide
  everything after it, is a warning, and is shown as text;
- text in angle brackets that is no HTML element, such as the skeletons' guidance
  ``<Role>`` or ``<name of the stage>`` (which MyST reads as tags), is shown as the
  text it is, with no warning (``sop.placeholder`` reports guidance left in an SOP);
- the ``<br />`` MyST writes for a hard line break is its own, and left alone.

Links and images: MyST (markdown-it) already refuses a ``javascript:``, ``vbscript:``
or ``data:`` address (``[x](javascript:...)``), leaving the Markdown as text on the
page; that is a located ``sop.unsafe_link`` warning. A link or an image whose address
is one of these once entities and percent escapes are decoded and white space removed,
as browsers read it (``java&#x09;script:``), from Markdown, ``{image}``, ``{figure}``
or ``{eval-rst}``, is the same warning, and is replaced by its text.

A step's or catalog entry's title and fields, and the front matter's other values,
reach the page as text, escaped (``site/need_layout.py``, ``site/header.py``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..model.frontmatter import read_front_matter
from ..model.problems import Finding, Problem
from ..model.store import DocumentStore, source_text
from ..upstream import ancestors
from .html_policy import link_message, read_html, refused_links, unsafe_scheme

#: The findings of each page, kept until it is read again (reported by :mod:`.library`).
FOUND: DocumentStore[list[Finding]] = DocumentStore("sop_raw_html_findings")

#: The line that opens a raw directive, and an option line of a directive.
RAW_DIRECTIVE = re.compile(r"^\s*(?:(?:`{3,}|~{3,}|:{3,})\s*\{raw\}|\.\.\s+raw::)")
OPTION = re.compile(r"^\s*:[\w-]+:")
#: Where no text is checked for refused links: code, and what is no text of the page.
NOT_PROSE = (nodes.FixedTextElement, nodes.literal, nodes.math, nodes.comment)


class _Locator:
    """The source line of a node of the page being read."""

    def __init__(self, env: BuildEnvironment) -> None:
        self.env = env
        self._title_line: int | None = None

    def line(self, node: nodes.Node, within: str = "") -> int:
        """The line of node (a Text node's, plus the line breaks of ``within``, the part
        of its text before what is located): an inline node's is its paragraph's or
        title's, plus the line breaks before it there."""
        parent = node.parent
        if isinstance(node, nodes.Text) or isinstance(parent, nodes.TextElement):
            block = parent
            while isinstance(block.parent, nodes.TextElement):
                block = block.parent
            line = self.block_line(block)
            for text in block.findall(nodes.Text):
                if text is node or any(parent is node for parent in ancestors(text)):
                    break
                line += text.count("\n")
        else:
            line = self.block_line(node)
        return line + within.count("\n")

    def block_line(self, node: nodes.Node | None) -> int:
        while node is not None and node.line is None:
            node = node.parent
        line = node.line if node is not None and node.line else 1
        if isinstance(node, nodes.title) and line == 1:  # the front matter's title
            return self.title_line()
        return line

    def content_line(self, line: int) -> int:
        """The first line of a raw directive's content, when line is the directive's
        (```{raw} html, or .. raw:: html in {eval-rst}): past its options and blank lines."""
        lines = source_text(self.env).splitlines()
        if not 0 < line <= len(lines) or not RAW_DIRECTIVE.match(lines[line - 1]):
            return line
        while line < len(lines) and (not lines[line].strip() or OPTION.match(lines[line])):
            line += 1
        return line + 1

    def title_line(self) -> int:
        if self._title_line is None:
            front, _ = read_front_matter(source_text(self.env))
            self._title_line = front.line("title") if front is not None else 1
        return self._title_line


def is_html(node: nodes.raw) -> bool:
    return "html" in node.get("format", "").lower().split()


def is_hard_break(node: nodes.raw) -> bool:
    """MyST's own <br /> for a hard line break, paired with its LaTeX line break."""
    following = node.next_node(descend=False, siblings=True)
    return (
        node.astext() == "<br />\n"
        and isinstance(following, nodes.raw)
        and following.get("format") == "latex"
    )


def _replace(node: nodes.Element, new: list[nodes.Node]) -> None:
    """Put new in node's place (docutils' replace_self would refuse to drop its names)."""
    parent = node.parent
    assert parent is not None
    if new:
        parent.replace(node, new)
    else:
        parent.remove(node)


def check_raw(node: nodes.raw, allowed: Collection[str], locate: _Locator) -> Iterator[Finding]:
    """Check one raw HTML node, and leave in its place only what may be published."""
    source = node.astext()
    verdict = read_html(source, allowed)
    inline = isinstance(node.parent, nodes.TextElement)
    if verdict.offences:
        line = locate.line(node) if inline else locate.content_line(locate.line(node))
        for offence in verdict.offences:
            yield Finding(line + offence.line, Problem.RAW_HTML, offence.message)
        written = source.rstrip("\n")
        if inline:
            _replace(node, [nodes.literal(written, written)])
        else:
            _replace(node, [nodes.literal_block(written, written, language="none")])
    elif verdict.has_tags:
        node.replace(node[0], nodes.Text(verdict.html))
    elif not verdict.text.strip():
        _replace(node, [])  # a comment
    elif inline:
        _replace(node, [nodes.Text(verdict.text)])
    else:
        _replace(node, [nodes.paragraph(verdict.text.strip(), verdict.text.strip())])


def check_links(doctree: nodes.document, locate: _Locator) -> Iterator[Finding]:
    """Links and images with an unsafe address: each replaced by its text."""
    for node in [n for n in doctree.findall(nodes.Element) if _is_link(n)]:
        if isinstance(node, nodes.image):
            address, image = node.get("uri", ""), True
        elif isinstance(node, nodes.reference):
            address, image = node.get("refuri", ""), False
        else:
            address, image = node.get("reftarget", ""), False
        if not address or not unsafe_scheme(address):
            continue
        yield Finding(locate.line(node), Problem.UNSAFE_LINK, link_message(address, image))
        if not image:
            _replace(node, list(node.children))
        elif alt := node.get("alt", ""):
            inline = isinstance(node.parent, nodes.TextElement)
            _replace(node, [nodes.Text(alt) if inline else nodes.paragraph(alt, alt)])
        else:
            _replace(node, [])


def _is_link(node: nodes.Node) -> bool:
    """An image, a link, or a Markdown link not resolved yet."""
    return isinstance(node, nodes.image | nodes.reference) or (
        isinstance(node, addnodes.pending_xref) and node.get("reftype") == "myst"
    )


def check_refused_links(doctree: nodes.document, locate: _Locator) -> Iterator[Finding]:
    """Markdown links and images markdown-it left as text for their address."""
    for text in list(doctree.findall(nodes.Text)):
        found = list(refused_links(str(text)))
        if not found or any(isinstance(a, NOT_PROSE) for a in ancestors(text)):
            continue
        for start, address, image in found:
            line = locate.line(text, within=str(text)[:start])
            yield Finding(line, Problem.UNSAFE_LINK, link_message(address, image))


def check_page(app: Sphinx, doctree: nodes.document) -> None:
    """Check every raw HTML node, link and image of a page as it is read, leave only
    what may be published, and keep what was found."""
    env = app.env
    allowed = app.config.sop_allowed_html
    locate = _Locator(env)
    findings: list[Finding] = []
    for node in list(doctree.findall(nodes.raw)):
        if is_html(node) and not is_hard_break(node):
            findings.extend(check_raw(node, allowed, locate))
    findings.extend(check_links(doctree, locate))
    findings.extend(check_refused_links(doctree, locate))
    if findings:
        FOUND.of(env)[env.docname] = list(dict.fromkeys(findings))


def raw_html_findings(env: BuildEnvironment) -> dict[str, list[Finding]]:
    """What was found in each page, by docname."""
    return FOUND.of(env)


def setup(app: Sphinx) -> None:
    FOUND.setup(app)
    # Before Sphinx's collectors (500) copy the titles into the navigation and the
    # page's own checks read it.
    app.connect("doctree-read", check_page, priority=100)
