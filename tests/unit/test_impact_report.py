"""make impact's comparison and report, from the sample's two exports: no git, no build.

The sample (tests/samples/impact) is what the real command makes of every change its
tests make; tests/tools/test_impact.py checks that it still is.
"""

from __future__ import annotations

import json

from samples import IMPACT_SAMPLE, dumped
from soplib.tools.codeowners import review_teams
from soplib.tools.impact.compare import compare
from soplib.tools.impact.markdown import markdown
from support.projects import REPO


def sample(name: str) -> str:
    return (IMPACT_SAMPLE / name).read_text(encoding="utf-8")


def report() -> dict:
    base, new = json.loads(sample("base.json")), json.loads(sample("new.json"))
    return compare(base, new, *review_teams(REPO))


def test_the_comparison_finds_each_change_the_command_reports():
    assert dumped(report()) == sample("report.json")


def test_the_report_says_each_change_as_the_command_prints_it():
    assert markdown(report(), "HEAD") == sample("report.md")
