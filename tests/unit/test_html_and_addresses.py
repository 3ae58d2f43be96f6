"""Raw HTML and link addresses read without Sphinx (soplib.checks.raw_html), and the
sop_allowed_html setting (soplib.model.settings)."""

from __future__ import annotations

import pytest

from soplib.checks.html_policy import read_html, refused_links, unsafe_scheme
from soplib.model.settings import DEFAULT_ALLOWED_HTML, allowed_html

ALLOWED = list(DEFAULT_ALLOWED_HTML)
NEVER = (
    "raw HTML '<script>' is not published: it could run code or change the page in every "
    "reader's browser; remove it, or write the text in Markdown"
)


def offences(html: str, allowed: list[str] = ALLOWED) -> list[tuple[int, str]]:
    return [(offence.line, offence.message) for offence in read_html(html, allowed).offences]


def test_allowed_tags_are_written_again_from_what_was_read():
    verdict = read_html('<kbd title="a>b">Ctrl</kbd> &amp; <sub>2</sub><br/>', ALLOWED)
    assert verdict.offences == []
    assert verdict.has_tags
    assert verdict.html == '<kbd title="a&gt;b">Ctrl</kbd> &amp; <sub>2</sub><br>'


def test_a_tag_not_allowed_is_named_once_at_its_line():
    assert offences("<p>\nText\n<script>\nalert(1)\n</script>\n</p>", ["p"]) == [(2, NEVER)]
    assert offences("<u>x</u>") == [
        (
            0,
            "raw HTML '<u>' is not published: the library allows only <br>, <kbd>, <sub>, "
            "<sup> (sop_allowed_html in conf.py); remove it, or write the text in Markdown",
        )
    ]
    assert offences("<u>x</u>", [])[0][1].startswith(
        "raw HTML '<u>' is not published: the library allows no HTML tag (sop_allowed_html"
    )


@pytest.mark.parametrize(
    ("html", "message"),
    [
        (
            "<img src=x onerror=alert(1)>",
            "attribute 'onerror' of raw HTML '<img>' is not published: it could run code in "
            "every reader's browser; remove the attribute",
        ),
        (
            '<kbd style="display:none">x</kbd>',
            "attribute 'style' of raw HTML '<kbd>' is not published: a style can hide text "
            "from readers or cover the page; remove the attribute (the site's own styles apply)",
        ),
        (
            '<a href="java&#x09;script:alert(1)">x</a>',
            "attribute 'href' of raw HTML '<a>' is not published: its javascript: address "
            "could run code in every reader's browser; link to an https:// address or a page "
            "of the library",
        ),
        (
            '<img src=" DATA:text/html,x">',
            "attribute 'src' of raw HTML '<img>' is not published: its data: address could "
            "run code in every reader's browser; link to an https:// address or a page of the "
            "library",
        ),
    ],
)
def test_an_allowed_tag_with_code_in_an_attribute_is_refused(html, message):
    assert offences(html, ["a", "img", "kbd"]) == [(0, message)]


def test_a_safe_address_is_published():
    verdict = read_html('<a href="https://example.org/?a=1&amp;b=2">x</a>', ["a"])
    assert verdict.offences == []
    assert verdict.html == '<a href="https://example.org/?a=1&amp;b=2">x</a>'


def test_comments_are_not_published_and_one_never_closed_is_refused():
    assert read_html("<!-- a note\n  on two lines -->\n", ALLOWED) == ([], "\n\n", "\n\n", False)
    assert offences("text\n<!-- never closed\n## Scope") == [
        (
            1,
            "HTML comment '<!--' is never closed: it would hide everything after it from "
            "readers; close it with '-->', or remove it",
        )
    ]


def test_a_line_of_unclosed_comments_is_refused_at_once():
    # Found by the robustness test (tests/fuzz): Python's parser took minutes to read it.
    assert offences("<!--" * 100_000) == [
        (
            0,
            "HTML comment '<!--' is never closed: it would hide everything after it from "
            "readers; close it with '-->', or remove it",
        )
    ]


@pytest.mark.parametrize(
    "html",
    [
        "<!--><script>alert(1)</script>-->",  # '<!-->' is a whole comment to a browser
        "<!---><script>alert(1)</script>-->",
        "<!-- x --!><script>alert(1)</script>-->",
    ],
)
def test_a_comment_hides_no_tag_from_the_check(html):
    assert offences(html) == [(0, NEVER)]


def test_declarations_are_refused():
    assert offences("<![CDATA[><script>alert(1)</script>]]>") == [
        (
            0,
            "raw HTML '<![CDATA[><script>alert(1)</script>]>' is not published: a page takes no "
            "HTML declaration or processing instruction; remove it",
        )
    ]
    assert len(offences("<?php echo 1 ?>")) == len(offences("<!DOCTYPE html>")) == 1


@pytest.mark.parametrize(
    "guidance",
    [
        "<Role>",
        "<what this role does in the procedure.>",
        "<name of the stage>",
        "<a szakasz neve>",
        "<Summary of the call>",
    ],
)
def test_text_in_angle_brackets_is_text(guidance):
    assert read_html(guidance, ALLOWED) == ([], guidance.replace("<", "&lt;").replace(">", "&gt;"),
                                            guidance, False)  # fmt: skip


def test_a_tag_with_an_attribute_of_html_is_html():
    assert offences("<details open>", [])[0][1].startswith("raw HTML '<details>'")
    assert offences("<x-widget onclick=alert(1)>", [])[0][1].startswith("raw HTML '<x-widget>'")


@pytest.mark.parametrize(
    ("address", "scheme"),
    [
        ("javascript:alert(1)", "javascript:"),
        ("JavaScript:alert(1)", "javascript:"),
        ("java\tscript:alert(1)", "javascript:"),
        ("java%09script:alert(1)", "javascript:"),
        ("&#106;avascript:alert(1)", "javascript:"),
        (" \x01vbscript:msgbox(1)", "vbscript:"),
        ("data:text/html,<script>alert(1)</script>", "data:"),
        ("https://example.org/javascript:", None),
        ("../catalog/roles.html#ROLE_AGENT", None),
    ],
)
def test_an_address_is_read_as_a_browser_reads_it(address, scheme):
    assert unsafe_scheme(address) == scheme


def test_links_markdown_left_as_text_are_found():
    text = (
        "See [the CRM](javascript:open(1)). ![a form](DATA:text/html,x) <vbscript:x>\n"
        "[crm]: javascript:alert(1)\nand [a page](https://example.org)."
    )
    assert list(refused_links(text)) == [
        (text.index("](javascript"), "javascript:open(1)", False),
        (text.index("](DATA"), "DATA:text/html,x", True),
        (text.index("<vbscript"), "vbscript:x", False),
        (text.index("[crm]"), "javascript:alert(1)", False),
    ]


def test_the_allowed_tags_setting_is_read():
    assert allowed_html(["kbd", "SUB", "kbd"]) == (["kbd", "sub"], [])
    tags, problems = allowed_html(["kbd", "iframe", "<u>"])
    assert tags == ["kbd"]
    assert problems == [
        "sop_allowed_html lists 'iframe', which is never allowed: it could run code in every "
        "reader's browser or change the whole page; remove it",
        "sop_allowed_html: '<u>' is not the name of an HTML tag: write the name alone, like 'kbd'",
    ]
    assert allowed_html("kbd") == (
        ALLOWED,
        [
            "sop_allowed_html must be a list of tag names, such as ['br', 'kbd', 'sub', "
            "'sup'], not 'kbd'; the default is used"
        ],
    )


def test_an_attribute_name_html_does_not_have_is_not_published():
    """A name a browser reads in its own way (`x"y`) is refused like an event handler:
    the HTML is shown as text, never written again from what was read."""
    verdict = read_html('<kbd x"y="1">Ctrl</kbd>', ALLOWED)
    assert [(offence.line, offence.message) for offence in verdict.offences] == [
        (
            0,
            "attribute 'x\"y' of raw HTML '<kbd>' is not published: it could run code in "
            "every reader's browser; remove the attribute",
        )
    ]


def test_an_allowed_element_written_self_closed_is_closed_at_once():
    verdict = read_html("<kbd/>Enter <br/>", ALLOWED)
    assert (verdict.offences, verdict.html) == ([], "<kbd></kbd>Enter <br>")
