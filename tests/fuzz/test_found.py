"""What the robustness test found in whole builds, kept as plain cases: each once made
the build stop with a traceback, and is now a located warning or no problem at all."""

from __future__ import annotations

import pytest

from samples import SIMPLE, replace
from samples.defects import X, with_guide


def test_a_front_matter_key_that_is_a_number_builds(build_project):
    # MyST makes `1: [a, b]` a field whose name is the number 1, where Sphinx's message
    # extraction wants text (soplib.model.translatable.give_sources_text).
    text = replace(SIMPLE, "status: approved\n", "status: approved\n1: [a, b]\nnull: x\n")
    build = build_project({X: text})
    assert "Answering a test call" in build.page(X.removesuffix(".md")), "the page is written"
    assert build.warnings_of("sop.") == [
        with_guide(
            f"{X}:7: WARNING: unknown front matter field '1': SOP fields are id, title, format, "
            "version, status, owner, approver, effective, review_every, next_review, editorial, "
            "approved_fingerprint, language [sop.unknown_field]"
        ),
        with_guide(
            f"{X}:8: WARNING: unknown front matter field 'None': did you mean 'owner'? "
            "[sop.unknown_field]"
        ),
    ]


@pytest.mark.parametrize("value", ["!!int x", "!!bool x", "!!timestamp 2026-13-45"])
def test_a_value_that_is_not_what_its_tag_says_is_located(build_project, value):
    build = build_project({X: replace(SIMPLE, "version: 1.0.0", f"version: {value}")})
    assert [w for w in build.lines if "Traceback" in w or "WARNING" not in w] == []
    assert build.warnings_of("sop.") == [
        with_guide(
            f"{X}:5: WARNING: the value of 'version' in the front matter is not what "
            f"'{value.split()[0]}' says it is: remove the tag and write the value as plain text "
            "[sop.front_matter_syntax]"
        )
    ]
