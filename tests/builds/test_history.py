"""Each SOP page's revision history, read from a real git repository."""

from __future__ import annotations

import re
import shutil

from samples import SIMPLE, replace
from soplib.site.history import HISTORY_ID, NO_GIT
from support.projects import build, git

X = "sops/area/x.md"

COMMIT = ("-c", "user.name=Ana Author", "-c", "user.email=ana@example.org", "commit", "-qam")


def history_rows(page: str) -> list[list[str]]:
    table = page[page.index(f'id="{HISTORY_ID}"') :]  # not the printed contents' link
    table = table[: table.index("</table>")]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, flags=re.S)[1:]
    return [
        [
            " ".join(re.sub(r"<[^>]+>", " ", cell).split())
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, flags=re.S)
        ]
        for row in rows
    ]


def test_a_page_shows_a_row_per_version_newest_first(repo, tmp_path):
    newer = replace(SIMPLE, "version: 1.0.0", "version: 1.1.0")
    (repo / X).write_text(newer, encoding="utf-8")
    git(repo, *COMMIT, "Answer within three rings, not four")
    (repo / X).write_text(newer + "\n", encoding="utf-8")
    git(repo, *COMMIT, "Change report (make impact BASE=...): tooling")
    page = build(repo, tmp_path / "build").page("sops/area/x")
    rows = history_rows(page)
    assert [row[1:] for row in rows] == [
        ["1.1.0", "Ana Author", "Answer within three rings, not four"],
        ["1.0.0", "Author", "First version"],
    ], "a commit that kept the version is left out; the first version says so"
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", row[0]) for row in rows)


def test_a_copy_without_git_builds_and_says_so(repo, tmp_path):
    shutil.rmtree(repo / ".git")
    built = build(repo, tmp_path / "build")
    assert built.lines == []
    assert NO_GIT in built.page("sops/area/x")
