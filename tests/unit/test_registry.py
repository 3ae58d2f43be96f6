"""The registry of warnings: every subtype has a defect that shows it, and the README
documents every one."""

from __future__ import annotations

import re

from samples.defects import CASES, FLOWCHART_CASES, STANDALONE, TRACE_CASES
from soplib.model.problems import Problem
from support.projects import REPO


def test_every_subtype_has_a_defect_case():
    expected = {
        line.rsplit("[sop.", 1)[1].rstrip("]")
        for param in CASES + FLOWCHART_CASES + TRACE_CASES
        for line in param.values[1]
    }
    assert expected | STANDALONE == {problem.subtype for problem in Problem}


def test_the_readme_documents_every_warning_subtype():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `sop\.(\w+)` \|", readme, flags=re.M))
    assert documented == {problem.subtype for problem in Problem}
