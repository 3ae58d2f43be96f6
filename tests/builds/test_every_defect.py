"""Every defect of the battery, each on its own page, found in one build of them all.

The same cases as the tests that build each defect alone, so a build's checks are seen
together, as in a real library, and a change to any rule is caught by one build
(``make mutate`` runs this test for each mutant of the checks). Only the messages are
looked at, so the build writes no pages (Sphinx's dummy builder), in half the time; the
checks run all the same, as they run on the pages read and resolved, not on the HTML.
"""

from __future__ import annotations

import pytest

from samples import FLOWCHART, HIERARCHICAL, SIMPLE
from samples.defects import CASES, FLOWCHART_CASES, GUIDE, TRACE_CASES, made_unique, together
from support.projects import Build, build, write_project

CLEAN = {"simple": SIMPLE, "hierarchical": HIERARCHICAL, "flowchart": FLOWCHART}
FILES, EXPECTED = together(CASES + FLOWCHART_CASES + TRACE_CASES)
#: Where the build without pages says the Authoring guide is.
DUMMY_GUIDE = GUIDE.replace("_build/html/", "_build/dummy/")


@pytest.fixture(scope="module")
def every_defect(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The battery, and a clean SOP of each format, built together once."""
    clean = {
        f"sops/clean/{name}.md": made_unique(text, 90 + number, name)
        for number, (name, text) in enumerate(CLEAN.items())
    }
    project = write_project(tmp_path_factory.mktemp("defects") / "project", FILES | clean)
    return build(project, freshenv=True, builder="dummy")


@pytest.mark.parametrize("name", list(EXPECTED))
def test_each_defect_is_said_where_it_is(every_defect, name):
    page = f"sops/area/{name}.md:"
    shown = [line for line in every_defect.warnings_of("sop.") if line.startswith(page)]
    assert shown == [line.replace(GUIDE, DUMMY_GUIDE) for line in EXPECTED[name]]


def test_the_clean_samples_say_nothing_among_them(every_defect):
    assert [line for line in every_defect.lines if line.startswith("sops/clean/")] == []


def test_no_message_of_sphinx_needs_reaches_the_author_in_its_own_words(every_defect):
    assert every_defect.warnings_of("needs.") == []
    assert "schema violation" not in every_defect.text
    assert "ERROR" not in every_defect.text
