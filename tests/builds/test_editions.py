"""Translated editions: the library's text translated through gettext catalogs kept by
make translations (Sphinx's gettext builder and sphinx-intl), an edition per language
with a switcher on every page, and translations that cannot fall behind unseen.

A small library in a real git repository: one approved SOP, its Hungarian catalog
filled in, committed; then its English text changes, as an author changes it.
"""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from samples import FLOWCHART, SIMPLE, replace
from samples.defects import with_guide
from soplib.tools.translations import update_library_catalogs
from support.pages import text_of
from support.projects import REPO, Build, build, git, write_project

X = "sops/area/x.md"
CATALOG = Path("locales/hu/LC_MESSAGES/sops/area/x.po")
VIEW = "# Translation status\n\n```{sop-translation-status}\n```\n"
TITLES = {
    "Purpose": "Cél",
    "Scope": "Hatály",
    "Responsibilities": "Felelősség",
    "Procedure": "Eljárások",
    "Performance metrics": "Teljesítménymérések",
    "Documentation and records": "Dokumentáció",
    "Training": "Képzés",
    "References": "Hivatkozások",
    "Review and approval": "Felülvizsgálat és jóváhagyás",
}
HUNGARIAN = {"language": "hu", "sop_source_language": "en"}


def commit(root: Path, message: str, day: str) -> None:
    """Commit everything, dated as if on that day."""
    stamp = f"{day}T10:00:00+00:00"
    git(root, "add", "-A")
    subprocess.run(
        ["git", "-c", "user.name=Ana", "-c", "user.email=a@example.org", "commit", "-qm", message],
        cwd=root, check=True, env={**os.environ, "GIT_AUTHOR_DATE": stamp,
                                   "GIT_COMMITTER_DATE": stamp},
    )  # fmt: skip


def edit_catalog(root: Path, translated: bool = True, draft: bool = False) -> None:
    """Fill in the Hungarian catalog of x.md as a translator would (the section titles as
    the library has them in Hungarian, everything else marked «hu»), or only mark it a
    draft."""
    path = root / CATALOG
    with path.open(encoding="utf-8") as source:
        catalog = read_po(source, locale="hu")
    for message in catalog if translated else []:
        if message.id:
            message.string = TITLES.get(str(message.id), f"«hu» {message.id}")
            message.flags.discard("fuzzy")
    catalog.fuzzy = draft
    with path.open("wb") as target:
        write_po(target, catalog)


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """The library translated into Hungarian, committed on 1 October 2026."""
    root = write_project(tmp_path / "library", {X: SIMPLE, "views/status.md": VIEW})
    (root / "index.md").write_text("# Test\n\n```{toctree}\n:glob:\n\nsops/*/*\nviews/*\n```\n")
    (root / "_ext").symlink_to(REPO / "_ext")
    git(root, "init", "-q", "-b", "main")
    assert update_library_catalogs(root, tmp_path / "catalogs") == 0
    edit_catalog(root)
    commit(root, "Library, translated", "2026-10-01")
    return root


def edition(root: Path, builddir: Path, **settings: str) -> Build:
    return build(root, builddir, confoverrides={**HUNGARIAN, **settings}, freshenv=True)


def reword(root: Path, day: str) -> None:
    """The author changes a step's English text, and runs make translations."""
    (root / X).write_text(replace(SIMPLE, "Answer within three rings.", "Answer within two rings."))
    assert update_library_catalogs(root, root.parent / "catalogs") == 0
    commit(root, "Answer faster", day)


def test_a_translated_edition_shows_the_translation_and_its_words(library, tmp_path):
    built = edition(library, tmp_path / "hu")
    assert built.lines == []
    page = built.page("sops/area/x")
    assert "«hu» Answer within three rings." in page
    assert '<html lang="hu"' in page and "1. lépés:" in text_of(page)
    assert "sop-behind" not in page and "még nem fordították le" not in page


def test_the_switcher_leads_to_the_same_page_in_each_edition(library, tmp_path):
    source = build(library, tmp_path / "en", freshenv=True)
    hungarian = edition(library, tmp_path / "hu")
    portuguese = build(library, tmp_path / "pt", freshenv=True,
                       confoverrides={"language": "pt", "sop_source_language": "en"})  # fmt: skip
    sites = {"": source.app.outdir, "hu/": hungarian.app.outdir, "pt/": portuguese.app.outdir}
    for prefix, outdir in sites.items():
        for page in ("sops/area/x", "views/status", "index"):
            html = (outdir / f"{page}.html").read_text(encoding="utf-8")
            links = re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', html)
            assert [language for _, language in links][:3] == ["en", "hu", "pt"]
            for href, language in links:
                target = posixpath.normpath(posixpath.join(prefix + posixpath.dirname(page), href))
                edition_prefix = "" if language == "en" else f"{language}/"
                assert target == f"{edition_prefix}{page}.html", (prefix, page, href)


def test_an_untranslated_page_says_so(library, tmp_path):
    (library / CATALOG).unlink()
    page = edition(library, tmp_path / "hu").page("sops/area/x")
    assert "Ezt az oldalt még nem fordították le: eredeti nyelvén (angol) látható." in text_of(page)


def test_a_changed_step_is_behind_on_its_page_and_in_the_status_view(library, tmp_path):
    reword(library, "2026-10-10")
    built = edition(library, tmp_path / "hu")
    assert built.lines == []
    text = text_of(built.page("sops/area/x"))
    assert ("Ez a fordítás le van maradva a forrás 1.0.0 verziójától: kövesd a forrást."
            in text)  # fmt: skip
    assert 'href="../../../sops/area/x.html">a forrást</a>' in built.page("sops/area/x")
    step = built.page("sops/area/x").split('id="STEP_T_ANSWER"')[1].split("</table>")[0]
    assert "Le van maradva a forrástól: kövesd" in text_of(step)
    assert 'href="../../../sops/area/x.html#STEP_T_ANSWER"' in step
    assert "Answer within two rings." in step, "the English text stands in for the fuzzy one"
    status = text_of(built.page("views/status"))
    assert re.search(r"SOP-T-001 «hu» Answering a test call Magyar \d+ ?% lemaradt a forrástól "
                     r"STEP_T_ANSWER", status)  # fmt: skip


@pytest.mark.parametrize(
    ("today", "draft", "late"),
    [("2026-11-10", False, True), ("2026-11-09", False, False), ("2026-12-31", True, False)],
    ids=["past-grace", "within-grace", "draft"],
)
def test_an_approved_sops_translation_behind_past_the_grace_period_fails(
    library, tmp_path, today, draft, late
):
    reword(library, "2026-10-10")
    if draft:
        edit_catalog(library, translated=False, draft=True)
    built = build(library, tmp_path / "en", freshenv=True,
                  confoverrides={"sop_today": today, "sop_translation_grace_days": 30})  # fmt: skip
    with (library / CATALOG).open(encoding="utf-8") as source:
        fuzzy = next(m for m in read_po(source) if m.fuzzy and m.id)
    expected = [
        with_guide(
            f"{CATALOG}:{fuzzy.lineno}: WARNING: the Hungarian translation of SOP SOP-T-001 has "
            "been behind its source since 2026-10-10 (31 days, 30 allowed; behind: "
            "STEP_T_ANSWER): run make translations, translate what is empty or fuzzy in this "
            "file and remove the fuzzy marks [sop.translation_outdated]",
            guide=f"{tmp_path}/en/html/views/authoring-guide.html",
        )
    ]
    assert built.warnings_of("sop.") == (expected if late else [])


def test_the_structure_checks_hold_in_a_translated_edition(library, tmp_path):
    path = library / CATALOG
    text = path.read_text(encoding="utf-8")
    path.write_text(replace(text, 'msgstr "Képzés"', 'msgstr "Oktatás"'), encoding="utf-8")
    built = edition(library, tmp_path / "hu")
    assert built.warnings_of("sop.") == [
        # said in the library's language, English, as every edition's build says it
        with_guide(
            f"{X}:{SIMPLE.splitlines().index('## References') + 1}: WARNING: SOP SOP-T-001 has no "
            "'Training' section: add '## Training' before '## Hivatkozások' "
            "[sop.missing_section]",
            guide=f"{tmp_path}/hu/views/authoring-guide.html",
        )
    ]


def paragraph_of(page: str, text: str) -> str:
    """The opening tag of the paragraph holding a text."""
    return re.findall(r"<p[^>]*>(?=[^<]*" + re.escape(text) + ")", page)[0]


def test_what_an_edition_shows_untranslated_is_marked_english(library, tmp_path):
    reword(library, "2026-10-10")
    roles = library / "locales/hu/LC_MESSAGES/sops/catalog/roles.po"
    with roles.open(encoding="utf-8") as source:
        catalog = read_po(source, locale="hu")
    catalog["Agent"].string = "Agent"  # the same word in Hungarian
    with roles.open("wb") as target:
        write_po(target, catalog)
    built = edition(library, tmp_path / "hu")
    page = built.page("sops/area/x")
    assert paragraph_of(page, "Answer within two rings.") == '<p lang="en">'
    assert paragraph_of(page, "«hu» Summarise and thank the caller.") == "<p>"
    assert '<span class="needs_title">«hu» Answer the call</span>' in page
    assert '<span class="needs_title">Agent</span>' in built.page("sops/catalog/roles")
    metrics = built.page("sops/catalog/metrics")
    assert '<span class="needs_threshold">legfeljebb 20</span>' in metrics, "the site's words"
    assert re.search(r'<span class="needs_definition" lang="en">\w', metrics)
    for compiled in (library / CATALOG.parent).glob("x.*"):
        compiled.unlink()  # the catalog, and what Sphinx compiled of it
    page = edition(library, tmp_path / "hu-none").page("sops/area/x")
    assert '<h1 lang="en">Answering a test call' in page
    assert '<h2 lang="en">Purpose' in page
    assert paragraph_of(page, "Summarise and thank the caller.") == '<p lang="en">'
    assert '<span class="needs_title" lang="en">Answer the call</span>' in page
    roles = edition(library, tmp_path / "hu-none").page("sops/catalog/roles")
    leader = roles.split('id="ROLE_TEAM_LEADER"')[1].split("</table>")[0]
    assert '<span class="needs_title" lang="en">Team leader</span>' in leader
    assert re.search(r'<span class="needs_summary" lang="en">\w', leader)
    assert '<span class="needs_agent_facing">nem</span>' in leader, "a token, in Hungarian"
    source = build(library, tmp_path / "en", freshenv=True).page("sops/area/x")
    assert ' lang="' not in article(source), "the source edition is English throughout"


def article(page: str) -> str:
    """The page's own part: its article, without the top bar's switcher."""
    return page.split('<article class="bd-article">')[1].split("</article>")[0]


def hungarian_sop() -> str:
    """An SOP written in Hungarian, as make sop LANG=hu starts it, in the English library."""
    text = SIMPLE.replace("STEP_T_", "STEP_H_")
    for old, new in (
        ("format: simple", "format: simple\nlanguage: hu"),
        ("id: SOP-T-001", "id: SOP-T-002"),
        ("title: Answering a test call", "title: Próbahívás fogadása"),
        ("Answer the call", "Vedd fel a hívást"),
        ("Answer within three rings.", "Három csengetésen belül vedd fel."),
        *((f"## {english}", f"## {hungarian}") for english, hungarian in TITLES.items()),
    ):
        text = replace(text, old, new)
    return text


def test_an_sop_written_in_another_language_is_its_own_in_every_edition(library, tmp_path):
    (library / "sops/area/h.md").write_text(hungarian_sop(), encoding="utf-8")
    source = build(library, tmp_path / "en", freshenv=True)
    assert source.lines == []
    page = source.page("sops/area/h")
    assert '<html lang="en"' in page and '<h1 lang="hu">Próbahívás fogadása' in page
    assert paragraph_of(page, "Három csengetésen belül vedd fel.") == '<p lang="hu">'
    assert '<span class="needs_title" lang="hu">Vedd fel a hívást</span>' in page
    assert "Step 1:" in text_of(page), "the site's words are the edition's, the page's marked"

    hungarian = edition(library, tmp_path / "hu")
    page = hungarian.page("sops/area/h")
    assert ' lang="' not in article(page), "in its own language's edition, the original"
    assert "még nem fordították le" not in page and "1. lépés:" in text_of(page)
    status = text_of(hungarian.page("views/status"))
    assert "Próbahívás fogadása Português" in status
    assert "Próbahívás fogadása Magyar" not in status, "nothing to translate into its own"

    portuguese = build(library, tmp_path / "pt", freshenv=True,
                       confoverrides={"language": "pt", "sop_source_language": "en"})  # fmt: skip
    page = portuguese.page("sops/area/h")
    assert "tal como foi escrita, em húngaro." in text_of(page)
    assert '<h1 lang="hu">Próbahívás fogadása' in page


def test_a_views_sop_title_shown_in_another_language_is_marked(library, tmp_path):
    """The catalog view lists each SOP by its title: one written in Hungarian is marked
    so in the English edition, and one not translated yet is marked English in the
    Hungarian edition."""
    catalog = (REPO / "views" / "catalog.md").read_text(encoding="utf-8")
    (library / "views/catalog.md").write_text(catalog, encoding="utf-8")
    (library / "sops/area/h.md").write_text(hungarian_sop(), encoding="utf-8")
    (library / CATALOG).unlink()
    source = build(library, tmp_path / "en", freshenv=True).page("views/catalog")
    assert re.search(r'<a class="reference internal" href="[^"]*h.html" lang="hu">', source)
    assert not re.search(r'<a class="[^"]*" href="[^"]*x.html" lang=', source)
    hungarian = edition(library, tmp_path / "hu").page("views/catalog")
    assert re.search(r'<a class="reference internal" href="[^"]*x.html" lang="en">', hungarian)
    assert not re.search(r'<a class="[^"]*" href="[^"]*h.html" lang=', hungarian)


def test_a_flowchart_shown_untranslated_is_marked_with_its_language(library, tmp_path):
    (library / "sops/area/f.md").write_text(FLOWCHART, encoding="utf-8")
    source = build(library, tmp_path / "en", freshenv=True).page("sops/area/f")
    assert '<pre class="mermaid">' in source
    hungarian = edition(library, tmp_path / "hu").page("sops/area/f")
    assert '<pre class="mermaid" lang="en">' in hungarian


ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def feed_languages(built: Build) -> dict[str, tuple[str | None, str | None]]:
    """SOP id -> the xml:lang of its entry's title and content in the library's feed."""
    feed = ET.parse(Path(built.app.outdir) / "whats-new.xml").getroot()
    found = {}
    for entry in feed.iter(f"{ATOM}entry"):
        title, content = entry.find(f"{ATOM}title"), entry.find(f"{ATOM}content")
        assert title is not None and content is not None and title.text
        sop_id = re.findall(r"SOP-T-\d+", title.text)[0]
        found[sop_id] = (title.get(XML_LANG), content.get(XML_LANG))
    return found


def test_the_feeds_mark_what_they_show_untranslated(library, tmp_path):
    page = (REPO / "views" / "whats-new.md").read_text(encoding="utf-8")
    (library / "views/whats-new.md").write_text(page, encoding="utf-8")
    (library / "sops/area/h.md").write_text(hungarian_sop(), encoding="utf-8")
    commit(library, "A procedure of the Hungarian site", "2026-10-05")
    today = {"sop_today": "2026-10-10"}
    source = build(library, tmp_path / "en", confoverrides=today, freshenv=True)
    assert feed_languages(source) == {"SOP-T-001": (None, None), "SOP-T-002": ("hu", "hu")}
    assert feed_languages(edition(library, tmp_path / "hu", **today)) == {
        "SOP-T-001": (None, None),
        "SOP-T-002": (None, None),
    }
    for compiled in (library / CATALOG.parent).glob("x.*"):
        compiled.unlink()
    assert feed_languages(edition(library, tmp_path / "hu-none", **today)) == {
        "SOP-T-001": ("en", "en"),
        "SOP-T-002": (None, None),
    }


def test_the_printed_contents_mark_what_is_untranslated(library, tmp_path):
    for compiled in (library / CATALOG.parent).glob("x.*"):
        compiled.unlink()
    page = edition(library, tmp_path / "hu").page("sops/area/x")
    contents = page.split('<div class="sop-print-toc')[1].split("</div>")[0]
    assert '<p lang="en"><a class="reference internal" href="#purpose">Purpose</a></p>' in contents
    assert '1. lépés: <span lang="en">Answer the call</span></a>' in contents
    assert (
        '<a class="reference internal" href="#sop-revision-history">Változástörténet</a>'
        in contents
    )
