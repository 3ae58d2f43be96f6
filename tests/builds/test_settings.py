"""The sop_* settings of conf.py: each one of the wrong type is a sop.config warning at
its line of conf.py, its default is used, and the build goes on: never a traceback."""

from __future__ import annotations

from pathlib import Path

from samples import SIMPLE
from samples.defects import X, with_guide
from support.projects import build, write_project

#: A value of the wrong type for each kind of setting.
WRONG = {str: 1, int: "30", bool: "yes", list: "draft"}


def test_every_setting_of_the_wrong_type_is_said_at_its_line(tmp_path: Path):
    from soplib.model.settings import SETTINGS

    root = write_project(tmp_path / "library", {X: SIMPLE})
    conf = root / "conf.py"
    text = conf.read_text(encoding="utf-8")
    first = len(text.splitlines()) + 1
    lines = [f"{s.name} = {WRONG[s.types[0]]!r}" for s in SETTINGS]
    conf.write_text(text + "\n".join(lines) + "\n", encoding="utf-8")
    built = build(root, root / "_build" / "html")
    said = built.warnings_of("sop.config")
    assert [line.split(": WARNING: ")[0] for line in said] == [
        f"conf.py:{first + n}" for n in range(len(SETTINGS))
    ]
    by_name = dict(zip([s.name for s in SETTINGS], said, strict=True))
    assert by_name["sop_review_grace_days"] == with_guide(
        f"conf.py:{first + 3}: WARNING: sop_review_grace_days '30' is not a whole number; the "
        "default, 0, is used [sop.config]"
    )
    assert by_name["sop_checks"].endswith(
        "sop_checks 'yes' is not True or False; the default, True, is used"
        " (see _build/html/views/authoring-guide.html#warning-config) [sop.config]"
    )
    assert by_name["sop_sections"].endswith(
        "sop_sections 'draft' is not a list in brackets; the default, [], is used"
        " (see _build/html/views/authoring-guide.html#warning-config) [sop.config]"
    )
    assert "Traceback" not in built.text
    assert (built.app.outdir / "sops" / "area" / "x.html").is_file(), "the site is written"
