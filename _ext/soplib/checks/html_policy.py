"""The HTML a page may publish, as pure functions over text: which tags and attributes
are allowed (``sop_allowed_html``), which addresses are unsafe, what is a comment or
text in angle brackets, and each refusal said as an author fixes it. :mod:`.raw_html`
applies it to the raw HTML, links and images of every page as it is read.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from html import escape, unescape
from html.parser import HTMLParser
from typing import NamedTuple
from urllib.parse import unquote

from ..model.i18n import say
from ..model.settings import NEVER_ALLOWED_HTML

#: The elements of HTML, as browsers know them (and a few they still read specially);
#: a name with a '-' is a custom element. Any other name in angle brackets is text.
HTML_ELEMENTS = frozenset(
    """a abbr acronym address applet area article aside audio b base basefont bdi bdo
    bgsound big blink blockquote body br button canvas caption center cite code col
    colgroup data datalist dd del details dfn dialog dir div dl dt em embed fieldset
    figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup
    hr html i iframe image img input ins isindex kbd keygen label legend li link listing
    main map mark marquee math menu menuitem meta meter nav nobr noembed noframes noscript
    object ol optgroup option output p param picture plaintext portal pre progress q rb rp
    rt rtc ruby s samp script search section select slot small source span strike strong
    style sub summary sup svg table tbody td template textarea tfoot th thead time title tr
    track tt u ul var video wbr xmp""".split()
)
#: Elements that have no end tag.
VOID_ELEMENTS = frozenset(
    "area base br col embed hr img input keygen link meta param source track wbr".split()
)
#: Addresses a browser runs, or opens as a page made of the address itself.
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
#: The attributes that hold an address.
URL_ATTRIBUTES = frozenset(
    """action archive background cite code codebase data dynsrc formaction href icon
    longdesc lowsrc manifest ping poster profile src srcset usemap xlink:href""".split()
)
#: The attributes of HTML written as a bare word (<details open>).
BOOLEAN_ATTRIBUTES = frozenset(
    """allowfullscreen async autofocus autoplay checked compact contenteditable controls
    declare default defer disabled download draggable formnovalidate hidden inert ismap
    itemscope loop multiple muted nohref nomodule noresize noshade novalidate nowrap open
    playsinline readonly required reversed scoped seamless selected sortable spellcheck
    translate truespeed typemustmatch""".split()
)
ATTRIBUTE_NAME = re.compile(r"^[a-z_:][-a-z0-9_:.]*$")
#: Markdown that markdown-it refused as a link, left as text: [x](javascript:...),
#: ![x](data:...), <javascript:...> and a definition [x]: javascript:...
REFUSED_LINK = re.compile(
    r"(?:\]\(\s*<?\s*|<|^ {0,3}\[[^\]\n]+\]:[ \t]*<?)"
    r"(?P<address>(?:javascript|vbscript|data):[^\s<>]*)",
    re.IGNORECASE | re.MULTILINE,
)


class Offence(NamedTuple):
    """What raw HTML may not publish: at a line of the HTML (0 for its first), and why."""

    line: int
    message: str


class Verdict(NamedTuple):
    """What to do with a piece of raw HTML. With offences, it is shown as text, as
    written; without, ``html`` is published, or ``text`` when it holds no tag at all."""

    offences: list[Offence]
    html: str
    text: str
    has_tags: bool


def unsafe_scheme(address: str) -> str | None:
    """The unsafe scheme ('javascript:') of an address, read as a browser reads it:
    entities and percent escapes decoded, white space and control characters dropped."""
    plain = unquote(unescape(address))
    plain = "".join(char for char in plain if char > " " and char != "\x7f").lower()
    return next((scheme for scheme in UNSAFE_SCHEMES if plain.startswith(scheme)), None)


def shown(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."


def tag_message(tag: str, allowed: Collection[str]) -> str:
    if tag in NEVER_ALLOWED_HTML:
        return say(
            "raw HTML '<%(tag)s>' is not published: it could run code or change the page in "
            "every reader's browser; remove it, or write the text in Markdown",
            tag=tag,
        )
    if allowed:
        return say(
            "raw HTML '<%(tag)s>' is not published: the library allows only %(tags)s "
            "(sop_allowed_html in conf.py); remove it, or write the text in Markdown",
            tag=tag,
            tags=", ".join(f"<{name}>" for name in allowed),
        )
    return say(
        "raw HTML '<%(tag)s>' is not published: the library allows no HTML tag "
        "(sop_allowed_html in conf.py); remove it, or write the text in Markdown",
        tag=tag,
    )


def attribute_message(tag: str, attribute: str, value: str | None) -> str | None:
    """Why an attribute of an allowed tag is not published, if it is not."""
    values = {"attribute": repr(attribute), "tag": tag}
    if attribute.startswith("on") or not ATTRIBUTE_NAME.match(attribute):
        return say(
            "attribute %(attribute)s of raw HTML '<%(tag)s>' is not published: it could run "
            "code in every reader's browser; remove the attribute",
            **values,
        )
    if attribute == "style":
        return say(
            "attribute %(attribute)s of raw HTML '<%(tag)s>' is not published: a style can "
            "hide text from readers or cover the page; remove the attribute (the site's own "
            "styles apply)",
            **values,
        )
    if attribute in URL_ATTRIBUTES and value and (scheme := unsafe_scheme(value)):
        return say(
            "attribute %(attribute)s of raw HTML '<%(tag)s>' is not published: its %(scheme)s "
            "address could run code in every reader's browser; link to an https:// address "
            "or a page of the library",
            scheme=scheme,
            **values,
        )
    return None


def is_angle_text(source: str, tag: str, attributes: list[tuple[str, str | None]]) -> bool:
    """Whether a start tag is text in angle brackets, such as <Role>, <name of the
    stage> or <a szakasz neve>: words only, and no element of HTML, or capitalised (as
    guidance is), or words that are no attributes of HTML."""
    if any(value is not None for _, value in attributes):
        return False
    if source[1:2].isupper() or not (tag in HTML_ELEMENTS or "-" in tag):
        return True
    return any(word not in BOOLEAN_ATTRIBUTES for word, _ in attributes)


def without_comments(html: str) -> tuple[str, int | None]:
    """The HTML with its comments taken out (their line breaks kept), and the line
    (0-based) of a comment never closed, if there is one: what follows it is left out,
    as a browser hides it (and Python's parser takes the square of its length to read
    an unclosed comment). A comment ends as browsers end it: at the first '-->' or
    '--!>', or at once for '<!-->' and '<!--->'."""
    kept: list[str] = []
    position = 0
    while (start := html.find("<!--", position)) >= 0:
        kept.append(html[position:start])
        body = start + 4
        if html.startswith(">", body):
            end = body + 1
        elif html.startswith("->", body):
            end = body + 2
        else:
            closes = [
                i + len(mark) for mark in ("-->", "--!>") if (i := html.find(mark, body)) >= 0
            ]
            if not closes:
                return "".join(kept), html.count("\n", 0, start)
            end = min(closes)
        kept.append("\n" * html.count("\n", start, end))
        position = end
    kept.append(html[position:])
    return "".join(kept), None


class _Reader(HTMLParser):
    """Reads raw HTML: what it may not publish, and the HTML to publish instead."""

    def __init__(self, allowed: Collection[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed = allowed
        self.offences: list[Offence] = []
        self.html: list[str] = []
        self.text: list[str] = []
        self.has_tags = False

    def offend(self, message: str) -> None:
        if message not in {offence.message for offence in self.offences}:
            self.offences.append(Offence(self.getpos()[0] - 1, message))

    def write_text(self, text: str) -> None:
        self.html.append(escape(text, quote=False))
        self.text.append(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.start(tag, attrs, closed=True)

    def start(self, tag: str, attributes: list[tuple[str, str | None]], closed: bool) -> None:
        source = self.get_starttag_text() or f"<{tag}>"
        if is_angle_text(source, tag, attributes):
            self.write_text(source)
            return
        if tag not in self.allowed:
            self.offend(tag_message(tag, self.allowed))
            return
        written = [f"<{tag}"]
        for name, value in attributes:
            if message := attribute_message(tag, name, value):
                self.offend(message)
            written.append(f" {name}" if value is None else f' {name}="{escape(value)}"')
        written.append(">" if not closed or tag in VOID_ELEMENTS else f"></{tag}>")
        self.html.append("".join(written))
        self.has_tags = True

    def handle_endtag(self, tag: str) -> None:
        if tag in self.allowed:
            self.html.append(f"</{tag}>")
            self.has_tags = True
        elif tag in HTML_ELEMENTS or "-" in tag:
            self.offend(tag_message(tag, self.allowed))
        else:
            self.write_text(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.write_text(data)

    def handle_comment(self, data: str) -> None:
        """A comment as browsers read '<!x>' or '</ x>': not published."""

    def declaration(self, text: str) -> None:
        self.offend(
            say(
                "raw HTML %(html)s is not published: a page takes no HTML declaration or "
                "processing instruction; remove it",
                html=repr(shown(text)),
            )
        )

    def handle_decl(self, decl: str) -> None:
        self.declaration(f"<!{decl}>")

    def unknown_decl(self, data: str) -> None:
        self.declaration(f"<![{data}]>")

    def handle_pi(self, data: str) -> None:
        self.declaration(f"<?{data}>")


def read_html(html: str, allowed: Collection[str]) -> Verdict:
    """What of a piece of raw HTML may be published, and what may not."""
    reader = _Reader(allowed)
    uncommented, unclosed = without_comments(html)
    reader.feed(uncommented)
    reader.close()
    offences = reader.offences
    if unclosed is not None:
        offences.append(
            Offence(
                unclosed,
                say(
                    "HTML comment '<!--' is never closed: it would hide everything after it "
                    "from readers; close it with '-->', or remove it"
                ),
            )
        )
    return Verdict(sorted(offences), "".join(reader.html), "".join(reader.text), reader.has_tags)


def refused_links(text: str) -> Iterator[tuple[int, str, bool]]:
    """Links and images markdown-it refused, left as text: for each, where it starts in
    the text, its address, and whether it is an image."""
    for match in REFUSED_LINK.finditer(text):
        address, inline = match["address"], match[0].startswith("](")
        if inline:  # it ends at the first ')' that closes no '(' of its own
            depth = 0
            for end, char in enumerate(address):
                depth += (char == "(") - (char == ")")
                if depth < 0:
                    address = address[:end]
                    break
        opening = text.rfind("[", 0, match.start())
        image = inline and opening > 0 and text[opening - 1] == "!"
        yield match.start(), address, image


def link_message(address: str, image: bool) -> str:
    if image:
        return say(
            "image %(address)s is not published: a javascript:, vbscript: or data: address "
            "could run code in every reader's browser; save the image in the repository and "
            "give its path",
            address=repr(shown(address)),
        )
    return say(
        "link to %(address)s is not published: a javascript:, vbscript: or data: address "
        "could run code in every reader's browser; link to an https:// address or a page of "
        "the library",
        address=repr(shown(address)),
    )


# -- the page ----------------------------------------------------------------------
