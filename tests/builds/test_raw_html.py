"""No code from content: raw HTML, links and images on every page (soplib.checks.raw_html).

Two builds: the library's own settings, where every way of writing code into a page is
reported at its file and line and shown as text; and an allow-list of conf.py's own with
both warnings silenced, where still no code reaches a page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from samples import SIMPLE, line_of, replace
from samples.defects import with_guide
from support.projects import REPO, Build, build, write_project

X = "sops/area/x.md"
ROLES = "sops/catalog/roles.md"

PAGE = replace(
    replace(
        replace(
            replace(
                SIMPLE,
                "title: Answering a test call",
                "title: Answering a <script>alert(0)</script> call",
            ),
            "Inbound calls on the test queue.\n",
            """Inbound calls on the test queue: press <kbd>Ctrl</kbd>+<kbd>S</kbd>,
then see <img src=x onerror=alert(2)> and <kbd onclick="alert(3)">F1</kbd>.

<!-- A note for editors, never published. -->

Call [the CRM](java&#x09;script:alert(4)) or open ![the form](data:text/html,x).

```{raw} html
<iframe src="https://example.org"></iframe>
```
""",
        ),
        "```{step} Answer the call",
        "```{step} Answer the <script>alert(5)</script> call",
    ),
    "Answer within three rings.\n",
    "Answer within three rings.\n\n<script>alert(6)</script>\n",
)
CATALOG = (
    (REPO / ROLES)
    .read_text(encoding="utf-8")
    .replace(
        "# Roles\n",
        """# Roles

<object data="player.swf"></object>

```{role} Night <script>alert(7)</script> agent
:id: ROLE_NIGHT_AGENT
:summary: Covers the <script>alert(8)</script> night shift.
:agent_facing: yes
```
""",
        1,
    )
)
#: A page whose title shows code: text, which the theme's header wrote as HTML.
CODE_TITLE = "# The `<script>alert(9)</script>` tag\n\nNever in a page.\n"

#: A page without front matter whose title holds code, said at its first line.
PLAIN = "# A plain <script>alert(10)</script> page\n\nNo front matter.\n"

#: What no page may hold: code written into a page, as HTML.
CODE = re.compile(
    r"<script>alert|<img src=x|<iframe|<object|\sonclick=|\sonerror=|"
    r"href=\"\s*java|src=\"data:",
    re.IGNORECASE,
)


def code_in(result: Build) -> list[str]:
    """Each page of the build that holds code, with the code."""
    return [
        f"{page.relative_to(result.app.outdir)}: {match[0]}"
        for page in sorted(Path(result.app.outdir).rglob("*.html"))
        for match in [CODE.search(page.read_text(encoding="utf-8"))]
        if match
    ]


def raw_html(needle: str, tag: str, occurrence: int = 1) -> str:
    return with_guide(
        f"{X}:{line_of(PAGE, needle, occurrence)}: WARNING: raw HTML '<{tag}>' is not "
        "published: it could run code or change the page in every reader's browser; remove "
        "it, or write the text in Markdown [sop.raw_html]"
    )


def unsafe(needle: str, what: str, address: str, fix: str) -> str:
    return with_guide(
        f"{X}:{line_of(PAGE, needle)}: WARNING: {what} {address!r} is not published: a "
        "javascript:, vbscript: or data: address could run code in every reader's browser; "
        f"{fix} [sop.unsafe_link]"
    )


@pytest.fixture(scope="module")
def shown(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The page and the catalog, built with the library's settings."""
    files = {X: PAGE, ROLES: CATALOG, "sops/area/code.md": CODE_TITLE,
             "sops/area/plain.md": PLAIN}  # fmt: skip
    root = write_project(tmp_path_factory.mktemp("raw") / "project", files)
    return build(root, freshenv=True)


def test_each_way_of_writing_code_is_reported_where_it_is(shown):
    roles = f"{ROLES}:{line_of(CATALOG, '<object')}"
    assert shown.warnings_of("sop.") == [
        with_guide(
            "sops/area/plain.md:1: WARNING: raw HTML '<script>' is not published: it could "
            "run code or change the page in every reader's browser; remove it, or write the "
            "text in Markdown [sop.raw_html]"
        ),
        raw_html("title:", "script"),
        with_guide(
            f"{X}:{line_of(PAGE, '<img')}: WARNING: raw HTML '<img>' is not published: the "
            "library allows only <br>, <kbd>, <sub>, <sup> (sop_allowed_html in conf.py); "
            "remove it, or write the text in Markdown [sop.raw_html]"
        ),
        with_guide(
            f"{X}:{line_of(PAGE, 'onclick')}: WARNING: attribute 'onclick' of raw HTML "
            "'<kbd>' is not published: it could run code in every reader's browser; remove the "
            "attribute [sop.raw_html]"
        ),
        unsafe(
            "[the CRM]",
            "link to",
            "java\tscript:alert(4)",
            "link to an https:// address or a page of the library",
        ),
        unsafe(
            "![the form]",
            "image",
            "data:text/html,x",
            "save the image in the repository and give its path",
        ),
        raw_html("<iframe", "iframe"),
        raw_html("<script>alert(6)", "script"),
        with_guide(
            f"{roles}: WARNING: raw HTML '<object>' is not published: it could run code or "
            "change the page in every reader's browser; remove it, or write the text in "
            "Markdown [sop.raw_html]"
        ),
    ]


def test_raw_html_that_is_refused_is_shown_as_text(shown):
    page = shown.page("sops/area/x")
    assert (
        '<code class="docutils literal notranslate"><span class="pre">&lt;img</span> '
        '<span class="pre">src=x</span> <span class="pre">onerror=alert(2)&gt;</span></code>'
    ) in page
    assert "<pre><span></span>&lt;script&gt;alert(6)&lt;/script&gt;\n</pre>" in page
    assert "A note for editors" not in page, "a comment is not published"
    assert 'Call <span class="xref myst">the CRM</span> or' in page, "the link is its text"
    assert "open ![the form](data:text/html,x).</p>" in page, "Markdown left it as text"


def test_allowed_tags_are_published(shown):
    assert "press <kbd>Ctrl</kbd>+<kbd>S</kbd>," in shown.page("sops/area/x")


def test_no_page_holds_code_and_titles_and_fields_are_text(shown):
    assert code_in(shown) == []
    page, catalog = shown.page("sops/area/x"), shown.page("sops/catalog/roles")
    assert "Answer the &lt;script&gt;alert(5)&lt;/script&gt; call" in page
    assert "Night &lt;script&gt;alert(7)&lt;/script&gt; agent" in catalog
    assert "Covers the &lt;script&gt;alert(8)&lt;/script&gt; night shift." in catalog
    # the title at the top of the SOP, and in the theme's header of every page
    assert "<h1>Answering a <code" in page
    header = '<a class="nav-link nav-internal" href="sops/area/x.html">\n    Answering a '
    assert header + "&lt;script&gt;alert(0)&lt;/script&gt; call\n" in shown.page("index")


OWN = replace(
    replace(
        SIMPLE,
        "Inbound calls on the test queue.\n",
        """Inbound calls on the <u>test</u> queue, <sub>2</sub>\\
on a line of its own: <a href="https://example.org/" onclick="alert(1)">help</a>.

<script>alert(2)</script>

See [the CRM](javascript:alert(3)), <a href="https://example.org/?a=1&amp;b=2">here</a>.
""",
    ),
    "The greeting script.",
    "The greeting <img src=x onerror=alert(4)> script.",
)


def test_silenced_warnings_publish_no_code_and_conf_py_sets_the_tags(tmp_path):
    result = build(
        write_project(tmp_path, {X: OWN}),
        confoverrides={
            "sop_allowed_html": ["u", "A", "script", "k bd"],
            "suppress_warnings": ["sop.raw_html", "sop.unsafe_link"],
        },
    )
    assert result.warnings_of("sop.") == [
        with_guide(
            "WARNING: conf.py: sop_allowed_html lists 'script', which is never allowed: it could "
            "run code in every reader's browser or change the whole page; remove it [sop.config]"
        ),
        with_guide(
            "WARNING: conf.py: sop_allowed_html: 'k bd' is not the name of an HTML tag: write the "
            "name alone, like 'kbd' [sop.config]"
        ),
    ]
    assert code_in(result) == []
    page = result.page("sops/area/x")
    assert "Inbound calls on the <u>test</u> queue, &lt;sub&gt;" not in page
    assert "Inbound calls on the <u>test</u> queue, <code" in page, "<sub> is not listed"
    assert "<br />\non a line of its own" in page, "a Markdown hard line break is no HTML"
    assert '<a href="https://example.org/?a=1&amp;b=2">here</a>' in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page
    assert "See [the CRM](javascript:alert(3))" in page
