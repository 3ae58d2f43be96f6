"""The fast checks of the pre-commit hook, on one file: front matter and leftover guidance,
said as the build says them, with their Authoring guide entry."""

from __future__ import annotations

from samples import SIMPLE, line_of, replace
from samples.defects import with_guide
from soplib.tools.precheck import check_file


def test_fast_checks_name_file_line_and_fix(tmp_path):
    path = tmp_path / "x.md"
    path.write_text(
        replace(
            replace(SIMPLE, "status: approved", "status: aproved"),
            "Inbound calls on the test queue.",
            "<Which calls it covers>",
        )
    )
    assert check_file(path) == [
        with_guide(
            f"{path}:6: status 'aproved' is not a status: use one of draft, in-review, "
            "approved, retired [sop.unknown_status]"
        )
    ]
    text = replace(SIMPLE, "Inbound calls on the test queue.", "<Which calls>")
    path.write_text(text)
    assert check_file(path) == [
        with_guide(
            f"{path}:{line_of(text, '<Which calls>')}: SOP SOP-T-001 still has the guidance "
            "<Which calls>: replace it with the SOP's own text (only a draft may keep it) "
            "[sop.placeholder]"
        )
    ]
