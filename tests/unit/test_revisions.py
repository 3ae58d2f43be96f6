"""The library's history from git: each file's revisions, the texts of the recent ones,
when a text first appeared in a file (model.revisions), and so since when a translation is
behind and for how long it may be (checks.translations), on a real repository."""

from __future__ import annotations

import datetime
import os
import subprocess
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest

from soplib.checks.translations import behind_since, lag_findings
from soplib.model.problems import Finding, Problem
from soplib.model.records import SopRecord
from soplib.model.revisions import Revision, first_appearance, read_history
from soplib.model.translations import Status

SOP = "sops/area/x.md"


def commit(root: Path, files: dict[str, str | None], when: str, author: str, summary: str) -> str:
    """Write (or, for None, delete) the files and commit them at when, as author."""
    for name, text in files.items():
        path = root / name
        if text is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    environment = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when,
                   "GIT_AUTHOR_NAME": author, "GIT_AUTHOR_EMAIL": "a@example.org"}  # fmt: skip
    run = {"cwd": root, "check": True, "capture_output": True, "env": environment}
    subprocess.run(["git", "add", "-A"], **run)  # type: ignore[call-overload]
    subprocess.run(["git", "commit", "-q", "-m", summary], **run)  # type: ignore[call-overload]
    done = subprocess.run(["git", "rev-parse", "HEAD"], **run, text=True)  # type: ignore[call-overload]
    return str(done.stdout.strip())


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, list[str]]:
    """Three commits of an SOP (its version 1.0.0, 1.1.0, 2.0.0), a catalog and a file
    outside the folders read; the commits' ids, oldest first."""
    root = tmp_path / "repo"
    root.mkdir()
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, check=True)
    first = commit(root, {SOP: "---\nversion: 1.0.0\n---\nAnswer within\nthree rings.\n",
                          "README.md": "readme\n"},
                   "2026-09-01T09:00:00+02:00", "Ana Lima", "First: the SOP")  # fmt: skip
    second = commit(root, {SOP: "---\nversion: 1.1.0\n---\nAnswer within three rings.\n"
                                "Greet the caller.\n",
                           "locales/hu/x.po": "msgid \"\"\n"},
                    "2026-10-01T10:30:00+00:00", "Béla Kiss", "Greet | the caller")  # fmt: skip
    third = commit(root, {SOP: "---\nversion: 2.0.0\n---\nGreet the caller.\n",
                          "locales/hu/x.po": None},
                   "2026-10-20T08:00:00+00:00", "Ana Lima", "Drop the rings")  # fmt: skip
    return root, [first, second, third]


def test_each_files_revisions_are_read_newest_first_with_their_version(repo):
    root, (first, second, third) = repo
    history = read_history(root, ["sops", "locales"])
    assert history == {
        SOP: [
            Revision("2026-10-20", "2.0.0", "Ana Lima", "Drop the rings",
                     "2026-10-20T08:00:00+00:00", third),
            Revision("2026-10-01", "1.1.0", "Béla Kiss", "Greet | the caller",
                     "2026-10-01T10:30:00+00:00", second),
            Revision("2026-09-01", "1.0.0", "Ana Lima", "First: the SOP",
                     "2026-09-01T09:00:00+02:00", first),
        ],
        "locales/hu/x.po": [
            Revision("2026-10-20", "", "Ana Lima", "Drop the rings",
                     "2026-10-20T08:00:00+00:00", third),
            Revision("2026-10-01", "", "Béla Kiss", "Greet | the caller",
                     "2026-10-01T10:30:00+00:00", second),
        ],
    }  # fmt: skip


def test_the_recent_revisions_of_a_page_carry_its_text_before_and_after(repo):
    root, _commits = repo
    history = read_history(root, ["sops", "locales"], since="2026-10-01")
    assert history is not None
    texts = [revision.texts for revision in history[SOP]]
    assert texts == [
        ("---\nversion: 1.1.0\n---\nAnswer within three rings.\nGreet the caller.\n",
         "---\nversion: 2.0.0\n---\nGreet the caller.\n"),
        ("---\nversion: 1.0.0\n---\nAnswer within\nthree rings.\n",
         "---\nversion: 1.1.0\n---\nAnswer within three rings.\nGreet the caller.\n"),
        None,  # before the day asked for
    ]  # fmt: skip
    assert [revision.texts for revision in history["locales/hu/x.po"]] == [None, None]


def test_a_page_added_recently_had_no_text_before(repo):
    root, _commits = repo
    history = read_history(root, ["sops"], since="2026-09-01")
    assert history is not None
    assert history[SOP][-1].texts == ("", "---\nversion: 1.0.0\n---\nAnswer within\nthree rings.\n")


def test_only_the_folders_asked_for_are_read(repo):
    root, _commits = repo
    assert list(read_history(root, ["sops"]) or {}) == [SOP]
    assert read_history(root, ["nothing"]) == {}


def test_a_folder_that_is_no_git_checkout_has_no_history(tmp_path):
    assert read_history(tmp_path, ["sops"]) is None
    assert first_appearance(tmp_path, SOP, ["a text"]) == {}


def test_a_revision_git_cannot_read_gives_no_history(repo):
    root, _commits = repo
    (root / ".git" / "HEAD").write_text("ref: refs/heads/none\n")
    assert read_history(root, ["sops"]) is None


def test_each_text_first_appeared_in_the_oldest_commit_that_holds_it(repo):
    root, _commits = repo
    found = first_appearance(
        root, SOP, ["Answer within three rings.", "Greet  the\ncaller.", "Never written."]
    )
    assert found == {
        "Answer within three rings.": "2026-09-01T09:00:00+02:00",  # across a line break
        "Greet  the\ncaller.": "2026-10-01T10:30:00+00:00",
    }
    assert first_appearance(root, "sops/none.md", ["Greet the caller."]) == {}


def status(catalog: str | None, *missing: str) -> Status:
    """A translation behind by the texts missing."""
    return Status(catalog=Path(catalog) if catalog else None, total=3, translated=1,
                  behind=(), missing=missing, page_behind=False, line=1, draft=False)  # fmt: skip


@pytest.mark.parametrize(
    ("catalog", "missing", "since"),
    [
        # the text came with the translation's first commit
        ("locales/hu/x.po", ["Greet the caller."], "2026-10-01"),
        # a text older than the translation: behind since the translation was committed
        ("locales/hu/x.po", ["Answer within three rings."], "2026-10-01"),
        # the oldest of the texts the translation lacks
        ("locales/hu/x.po", ["version: 2.0.0", "Greet the caller."], "2026-10-01"),
        ("locales/hu/x.po", ["version: 2.0.0"], "2026-10-20"),
        ("locales/hu/x.po", ["Never written."], None),
        ("locales/pt/x.po", ["Greet the caller."], None),  # a catalog never committed
        (None, ["Greet the caller."], None),
    ],
)
def test_a_translation_is_behind_since_the_oldest_text_it_lacks_came(repo, catalog, missing,
                                                                      since):  # fmt: skip
    root, _commits = repo
    app = SimpleNamespace(srcdir=str(root), sop_history=read_history(root, ["sops", "locales"]))
    found = behind_since(cast(Any, app), SOP, status(catalog, *missing))
    assert found == (datetime.date.fromisoformat(since) if since else None)


def test_a_library_without_history_has_no_translation_behind_since_a_day(tmp_path):
    app = SimpleNamespace(srcdir=str(tmp_path), sop_history=None)
    assert behind_since(cast(Any, app), SOP, status("locales/hu/x.po", "Greet")) is None


def library(root: Path, pages: dict[str, Status], status: str = "approved",
            **settings: Any) -> Any:  # fmt: skip
    """A build of the library in root, in English, on 2026-11-15, with 30 days' grace: the
    SOP x (its status given) and the Hungarian translations of its pages."""
    config = {"language": "en", "sop_source_language": "", "sop_today": "2026-11-15",
              "sop_translation_grace_days": 30, **settings}  # fmt: skip
    records = {"sops/area/x": SopRecord(meta={"id": "SOP-T-001", "status": status})}
    env = SimpleNamespace(sop_records=records, doc2path=lambda docname, base=True: SOP)
    return SimpleNamespace(config=SimpleNamespace(**config), env=env, srcdir=str(root),
                           sop_history=read_history(root, ["sops", "locales"]),
                           sop_translation_status={"hu": pages})  # fmt: skip


def behind(*steps: str, draft: bool = False, catalog: str | None = "locales/hu/x.po") -> Status:
    """A translation behind by the text 'version: 2.0.0' (committed on 2026-10-20)."""
    return Status(catalog=Path(catalog) if catalog else None, total=4, translated=2,
                  behind=steps, missing=("version: 2.0.0",), page_behind=not steps, line=12,
                  draft=draft)  # fmt: skip


def test_a_translation_behind_past_the_grace_is_said_in_its_catalog(repo):
    root, _commits = repo
    pages = {"sops/area/x": behind("STEP_T_CLOSE", "STEP_T_A")}
    found = lag_findings(library(root, pages, sop_translation_grace_days=20))
    assert found == [
        (
            Path("locales/hu/x.po"),
            Finding(12, Problem.TRANSLATION_OUTDATED,
                    "the Hungarian translation of SOP SOP-T-001 has been behind its source "
                    "since 2026-10-20 (26 days, 20 allowed; behind: STEP_T_CLOSE, STEP_T_A): run "
                    "make translations, translate what is empty or fuzzy in this file and "
                    "remove the fuzzy marks"),
        )
    ]  # fmt: skip


@pytest.mark.parametrize(("grace", "said"), [(26, False), (25, True), (0, True)])
def test_a_translation_is_held_to_the_grace_in_days(repo, grace, said):
    root, _commits = repo
    build = library(root, {"sops/area/x": behind()}, sop_translation_grace_days=grace)
    found = lag_findings(build)
    assert bool(found) is said
    if said:
        assert "behind: its headings and text)" in found[0][1].message


@pytest.mark.parametrize(
    ("pages", "status", "settings"),
    [
        ({"sops/area/x": behind("S", draft=True)}, "approved", {}),  # a draft translation
        ({"sops/area/x": behind("S", catalog=None)}, "approved", {}),  # not translated
        ({"sops/area/y": behind("S")}, "approved", {}),  # no SOP of that page
        ({"sops/area/x": behind("S")}, "in-review", {}),  # not approved
        ({"sops/area/x": behind("S")}, "approved", {"language": "hu"}),  # the edition's build
        ({"sops/area/x": behind("S")}, "approved", {"sop_today": "2026-10-20"}),  # same day
    ],
)
def test_a_translation_not_held_to_the_grace_is_not_said(repo, pages, status, settings):
    root, _commits = repo
    assert lag_findings(library(root, pages, status, **settings)) == []


def test_a_translation_up_to_date_is_not_said(repo):
    root, _commits = repo
    current = Status(catalog=Path("locales/hu/x.po"), total=4, translated=4, behind=(),
                     missing=(), page_behind=False, line=1, draft=False)  # fmt: skip
    assert lag_findings(library(root, {"sops/area/x": current})) == []
