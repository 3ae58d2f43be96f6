"""Every page of every edition is valid HTML: the Nu Html Checker (vnu-jar, pinned in
package.json, run with Java) reads every page of the English, Hungarian and Portuguese
editions of the real library in one run, and finds no error.

What is checked is every page Sphinx writes; not the files under ``_static/``, which are
assets: pydata-sphinx-theme's static folder holds ``webpack-macros.html``, a Jinja
template of its own that Sphinx copies along with its style sheets, which no page links
to and no reader opens. The checker's warnings are not errors and are not asserted; the
README ("Valid HTML") lists each kind and where it comes from.

Without Java the test is skipped with a line saying so, except under CI (CI=true), where
it fails: ``.ci/run`` installs Debian's default-jre-headless.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from support.projects import REPO

JAVA = shutil.which("java")
VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def pages(outdir: Path) -> list[Path]:
    """The HTML pages of an edition, without its assets (``_static/``)."""
    return sorted(
        path for path in outdir.rglob("*.html") if "_static" not in path.relative_to(outdir).parts
    )


def errors(files: list[Path], root: Path) -> list[str]:
    """The checker's errors, each 'page:line: message (the markup)'."""
    run = subprocess.run(
        [str(JAVA), "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
    )
    found = []
    for message in json.loads(run.stderr)["messages"]:
        page = Path(message["url"].removeprefix("file:")).relative_to(root)
        extract = " ".join(message.get("extract", "").split())
        found.append(f"{page}:{message.get('lastLine', '')}: {message['message']} ({extract})")
    return found


@pytest.mark.skipif(
    JAVA is None and os.environ.get("CI") != "true",
    reason="Java is not installed (apt-get install default-jre-headless): HTML not checked",
)
def test_every_page_of_every_edition_is_valid_html(
    library, hungarian_edition, portuguese_edition, tmp_path
):
    assert VNU.exists(), "vnu-jar is missing: run make venv"
    editions = {"en": Path(library.app.outdir), "hu": hungarian_edition, "pt": portuguese_edition}
    # One folder holding the three editions, so that each message names its edition.
    root = tmp_path / "editions"
    root.mkdir()
    files = []
    for name, outdir in editions.items():
        (root / name).symlink_to(outdir)
        files += [root / name / page.relative_to(outdir) for page in pages(outdir)]
    assert len(files) > 250, "every page of the three editions is checked"
    assert errors(files, root) == []
