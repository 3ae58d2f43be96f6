"""What's new, read from a real git repository: a library committed long ago, then an SOP
added, then a step of one SOP reworded and a role added to another of its steps, and a
step of a draft reworded. The library's page, each role's page, their Atom feeds and the
notes at the top of the SOP pages tell exactly these changes, and only those of the last
``sop_whats_new_days`` days.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from samples import HIERARCHICAL, SIMPLE, replace
from samples.defects import made_unique
from support.pages import text_of
from support.projects import REPO, Build, build, commit_library, git

TODAY = "2026-10-01"
LONG_AGO, ADDED, CHANGED = "2026-08-01", "2026-09-21", "2026-09-29"
ATOM = "{http://www.w3.org/2005/Atom}"

#: The close step of SIMPLE, done by the agent; and by the team leader too.
CLOSED_BY_AGENT = ":responsible: ROLE_AGENT\n:metrics: KPI_FCR"
CLOSED_BY_TWO = ":responsible: ROLE_AGENT, ROLE_TEAM_LEADER\n:metrics: KPI_FCR"

DRAFT = replace(made_unique(SIMPLE, 3, "d"), "status: approved", "status: draft")
DRAFT = replace(DRAFT, "title: Answering a test call", "title: Drafting a test call")


AUTHOR = ("-c", "user.name=Ana Author", "-c", "user.email=ana@example.org")


def commit(repo: Path, day: str, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, *AUTHOR, "commit", "-q", "--date", f"{day}T10:00:00+00:00", "-m", message)


def library(root: Path, files: dict[str, str]) -> Path:
    """A library of these SOPs and the What's new page, committed long ago."""
    files = {
        **files,
        "views/whats-new.md": (REPO / "views" / "whats-new.md").read_text(encoding="utf-8"),
        "index.md": "# Test library\n\n```{toctree}\n:glob:\n\nsops/*/*\nviews/*\n```\n",
    }
    repo = commit_library(root, files)
    git(repo, *AUTHOR, "commit", "-q", "--amend", "--no-edit", "--date", f"{LONG_AGO}T10:00")
    return repo


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Long ago, x and the draft d; then y added; then x and d changed."""
    from soplib.tools.approve import stamp

    root = tmp_path_factory.mktemp("whats-new")
    repo = library(root / "repo", {"sops/area/x.md": stamp(SIMPLE), "sops/area/d.md": DRAFT})
    (repo / "sops/area/y.md").write_text(stamp(HIERARCHICAL), encoding="utf-8")
    commit(repo, ADDED, "Onboarding")
    x = replace(SIMPLE, "version: 1.0.0", "version: 1.1.0")
    x = replace(x, "Answer within three rings.", "Answer within two rings.")
    x = replace(x, CLOSED_BY_AGENT, CLOSED_BY_TWO)
    (repo / "sops/area/x.md").write_text(stamp(x), encoding="utf-8")
    (repo / "sops/area/d.md").write_text(
        replace(DRAFT, "three rings", "two rings"), encoding="utf-8"
    )
    commit(repo, CHANGED, "Two rings; the team leader closes calls too")
    return build(repo, root / "build", confoverrides={"sop_today": TODAY}, freshenv=True)


class Entries(HTMLParser):
    """The entries of a What's new page, each the text of its lines (paragraphs)."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.depth = 0  # of lists, in the list of entries
        self.found: list[list[str]] = []
        self.line: list[str] | None = None
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "ul" and (self.depth or "sop-whats-new" in (dict(attrs).get("class") or "")):
            self.depth += 1
        elif tag == "li" and self.depth == 1:
            self.found.append([])
        elif tag == "p" and self.depth:
            self.line = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul" and self.depth:
            self.depth -= 1
        elif tag == "p" and self.line is not None:
            self.found[-1].append(" ".join("".join(self.line).split()))
            self.line = None

    def handle_data(self, data: str) -> None:
        if self.line is not None:
            self.line.append(data)


def entries(html: str) -> list[list[str]]:
    return Entries(html).found


def test_the_build_is_clean(site):
    assert site.lines == []


def test_the_library_page_lists_each_recent_change_newest_first(site):
    assert entries(site.page("views/whats-new")) == [
        [
            "2026-09-29: SOP-T-031 Drafting a test call, version 1.0.0 Draft: not in force",
            "Step 1 Answer the call: reworded",
        ],
        [
            "2026-09-29: SOP-T-001 Answering a test call, version 1.1.0",
            "Step 1 Answer the call: reworded",
            "Step 2 Close the call: roles changed",
            "Agent: retrain in Call-handling essentials.",
            "Team leader: retrain in Call-handling essentials.",
        ],
        [
            "2026-09-21: SOP-T-002 Onboarding a test agent, version 1.0.0",
            "Step 1 Deliver the induction: new step",
            "Step 1.1 Pass the knowledge check: new step",
            "Step 2 Take calls in nesting: new step",
            "Brief on the new SOP: Trainer, Agent.",
        ],
    ]


def test_a_role_page_lists_the_changes_to_its_steps_in_force(site):
    """Not the draft's: its reworded step is the agent's too."""
    html = site.page("whats-new/ROLE_AGENT")
    assert "<h1>What&#x27;s new: Agent</h1>" in html
    assert entries(html) == [
        [
            "2026-09-29: SOP-T-001 Answering a test call, version 1.1.0",
            "Step 1 Answer the call: reworded",
            "Step 2 Close the call: roles changed",
            "Retrain in Call-handling essentials.",
        ],
        [
            "2026-09-21: SOP-T-002 Onboarding a test agent, version 1.0.0",
            "Step 1.1 Pass the knowledge check: new step",
            "Step 2 Take calls in nesting: new step",
            "Brief on the new SOP.",
        ],
    ]
    assert 'href="../sops/area/x.html#STEP_T_ANSWER">Step 1 Answer the call</a>' in html


def test_a_role_given_a_step_sees_only_that_change(site):
    assert entries(site.page("whats-new/ROLE_TEAM_LEADER")) == [
        [
            "2026-09-29: SOP-T-001 Answering a test call, version 1.1.0",
            "Step 2 Close the call: roles changed",
            "Retrain in Call-handling essentials.",
        ]
    ]


def test_a_role_not_concerned_sees_no_change(site):
    html = site.page("whats-new/ROLE_QA_LEAD")
    assert 'class="sop-whats-new' not in html
    assert "No changes." in text_of(html)


def test_each_role_page_links_to_its_whats_new(site):
    assert '<a class="reference internal" href="../whats-new/ROLE_AGENT.html">' in site.page(
        "roles/ROLE_AGENT"
    )


def test_a_changed_sop_page_says_so_under_its_header(site):
    def note(docname: str) -> str:
        html = site.page(docname)
        found = re.search(r'<p class="sop-change-note">(.*?)</p>', html, flags=re.S)
        assert found is not None, docname
        assert html.index('class="sop-meta') < found.start()
        return found[1]

    x = note("sops/area/x")
    assert text_of(x) == "Changed on 2026-09-29: steps 1 and 2."
    assert 'href="#STEP_T_ANSWER"' in x and 'href="#STEP_T_CLOSE"' in x
    assert text_of(note("sops/area/y")) == "Added on 2026-09-21."


def link(entry: ET.Element) -> str | None:
    """Where a feed's entry links to."""
    found = entry.find(f"{ATOM}link")
    return found.get("href") if found is not None else None


def test_the_feeds_are_atom_with_the_entries_of_their_pages(site):
    outdir = site.app.outdir
    agent = ET.parse(outdir / "whats-new" / "ROLE_AGENT.xml").getroot()
    assert agent.tag == f"{ATOM}feed"
    assert agent.findtext(f"{ATOM}title") == "What's new: Agent"
    assert agent.findtext(f"{ATOM}updated") == "2026-09-29T10:00:00+00:00"
    assert agent.findtext(f"{ATOM}id", "").startswith("urn:uuid:")
    links = {link.get("rel"): link.get("href") for link in agent.findall(f"{ATOM}link")}
    assert links == {"self": "ROLE_AGENT.xml", "alternate": "ROLE_AGENT.html"}
    items = agent.findall(f"{ATOM}entry")
    assert [[e.findtext(f"{ATOM}{tag}") for tag in ("title", "updated")] for e in items] == [
        ["2026-09-29: SOP-T-001 Answering a test call, version 1.1.0", "2026-09-29T10:00:00+00:00"],
        [
            "2026-09-21: SOP-T-002 Onboarding a test agent, version 1.0.0",
            "2026-09-21T10:00:00+00:00",
        ],
    ]
    assert [link(e) for e in items] == ["../sops/area/x.html", "../sops/area/y.html"]
    assert "<li>Step 1 Answer the call: reworded</li>" in items[0].findtext(f"{ATOM}content", "")
    library = ET.parse(outdir / "whats-new.xml").getroot()
    assert [link(e) for e in library.findall(f"{ATOM}entry")] == [
        "sops/area/d.html",
        "sops/area/x.html",
        "sops/area/y.html",
    ]


def test_the_pages_name_their_feeds(site):
    html = site.page("whats-new/ROLE_AGENT")
    head = html[: html.index("</head>")]
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Atom feed" href="ROLE_AGENT.xml"'
        in head
    )
    assert 'href="ROLE_AGENT.xml">Atom feed</a>' in html
    library = site.page("views/whats-new")
    assert 'type="application/atom+xml" title="Atom feed" href="../whats-new.xml" />' in library


def test_changes_older_than_the_days_shown_are_not_listed(site, tmp_path):
    days = {"sop_today": TODAY, "sop_whats_new_days": 5}
    short = build(site.app.srcdir, tmp_path / "build", confoverrides=days, freshenv=True)
    html = short.page("views/whats-new")
    assert "The changes of the last 5 days, newest first." in text_of(html)
    assert [entry[0] for entry in entries(html)] == [
        "2026-09-29: SOP-T-031 Drafting a test call, version 1.0.0 Draft: not in force",
        "2026-09-29: SOP-T-001 Answering a test call, version 1.1.0",
    ]
    assert "sop-change-note" not in short.page("sops/area/y")


def test_a_commit_alone_brings_the_pages_up_to_date(tmp_path):
    """The pages follow git: a change built before it is committed is listed once it is,
    though no file changed between the builds."""
    from soplib.tools.approve import stamp

    repo = library(tmp_path / "repo", {"sops/area/x.md": stamp(SIMPLE)})
    changed = replace(SIMPLE, "version: 1.0.0", "version: 1.0.1")
    (repo / "sops/area/x.md").write_text(stamp(replace(changed, "three", "two")), encoding="utf-8")
    today = {"sop_today": TODAY}
    before = build(repo, tmp_path / "build", confoverrides=today, freshenv=True)
    assert "No changes." in text_of(before.page("views/whats-new"))
    assert "sop-change-note" not in before.page("sops/area/x")
    commit(repo, CHANGED, "Two rings")
    after = build(repo, tmp_path / "build", confoverrides=today)
    assert entries(after.page("views/whats-new")) == [
        [
            "2026-09-29: SOP-T-001 Answering a test call, version 1.0.1",
            "Step 1 Answer the call: reworded",
            "Agent: retrain in Call-handling essentials.",
        ]
    ]
    assert "Changed on 2026-09-29: step 1." in text_of(after.page("sops/area/x"))
    assert entries(after.page("whats-new/ROLE_AGENT"))[0][1:] == [
        "Step 1 Answer the call: reworded",
        "Retrain in Call-handling essentials.",
    ]
