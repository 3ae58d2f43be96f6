"""make mutate's reading of mutmut's results: where a survivor is, and which the README explains."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from pathlib import Path

import pytest

from support import mutation_testing
from support.mutation_order import chosen, module_of, rank
from support.mutation_testing import (
    EQUIVALENTS_HEADING,
    Results,
    Survivor,
    explained,
    function_lines,
    name_pattern,
    report,
    results,
)

ORIGINAL = '''"""A module."""


def due(day, months):
    """When."""
    return day + months // 12


class Clock:
    def tick(self):
        return 1
'''

#: mutmut's copy of it: each function as its original and its mutants, side by side.
MUTATED = '''def x_due__mutmut_orig(day, months):
    """When."""
    return day + months // 12
def x_due__mutmut_1(day, months):
    """When."""
    return day - months // 12
def x_due__mutmut_2(day, months):
    """When."""
    return day + months // 13
def xǁClockǁtick__mutmut_orig(self):
    return 1
def xǁClockǁtick__mutmut_1(self):
    return 2
'''


def staged(tmp_path: Path, codes: Mapping[str, int | None]) -> Path:
    """A stage holding the module and mutmut's results of it."""
    (tmp_path / "src" / "soplib" / "model").mkdir(parents=True)
    (tmp_path / "src" / "soplib" / "model" / "due.py").write_text(ORIGINAL)
    folder = tmp_path / "mutants" / "src" / "soplib" / "model"
    folder.mkdir(parents=True)
    (folder / "due.py").write_text(MUTATED)
    spans = {"x_due__mutmut_orig": [1, 3], "x_due__mutmut_1": [4, 6], "x_due__mutmut_2": [7, 9],
             "xǁClockǁtick__mutmut_orig": [10, 11], "xǁClockǁtick__mutmut_1": [12, 13]}  # fmt: skip
    (folder / "due.py.spans").write_text(json.dumps({"version": 1, "spans": spans}))
    meta = {f"soplib.model.due.{name}": code for name, code in codes.items()}
    (folder / "due.py.meta").write_text(json.dumps({"exit_code_by_key": meta}))
    return tmp_path


def test_functions_are_found_by_mutmuts_names_for_them():
    assert function_lines(ORIGINAL) == {"x_due": 4, "xǁClockǁtick": 10}


def test_a_survivor_is_located_at_the_line_it_changes(tmp_path):
    codes = {"x_due__mutmut_1": 1, "x_due__mutmut_2": 0, "xǁClockǁtick__mutmut_1": 33}
    found = results(staged(tmp_path, codes), ["model/*"])
    assert found.tested == Counter({"_ext/soplib/model/due.py": 3})
    assert found.killed == Counter({"_ext/soplib/model/due.py": 1})
    survivors = found.survivors
    assert survivors == [
        Survivor("soplib.model.due.x_due__mutmut_2", "_ext/soplib/model/due.py", 6, "due",
                 "return day + months // 12", "return day + months // 13", reached=True),
        Survivor("soplib.model.due.xǁClockǁtick__mutmut_1", "_ext/soplib/model/due.py", 11,
                 "Clock.tick", "return 1", "return 2", reached=False),
    ]  # fmt: skip
    assert survivors[1].describe() == (
        "_ext/soplib/model/due.py:11: in Clock.tick (no test reaches it)\n"
        "    - return 1\n    + return 2"
    )


def test_mutants_not_tested_yet_are_counted_apart_and_other_modules_left_out(tmp_path):
    folder = staged(tmp_path, {"x_due__mutmut_1": 1, "x_due__mutmut_2": None})
    found = results(folder, ["model/due.py"])
    assert (found.tested, found.untested) == (Counter({"_ext/soplib/model/due.py": 1}),
                                              Counter({"_ext/soplib/model/due.py": 1}))  # fmt: skip
    assert report(found, []).endswith(
        "1 mutants are not tested yet: make mutate goes on with them."
    )
    assert results(folder, ["checks/*"]) == Results(Counter(), Counter(), Counter(), [])


def test_a_module_is_chosen_by_the_names_of_its_mutants():
    assert name_pattern("model/dates.py") == "soplib.model.dates.*"
    assert name_pattern("checks/*") == "soplib.checks.*"


def test_the_readme_explains_a_survivor_by_its_file_and_both_lines():
    readme = f"""## Tests

{EQUIVALENTS_HEADING}

| file | before | after | why no test can kill it |
| --- | --- | --- | --- |
| `_ext/soplib/model/due.py` | `return a \\| b` | `return a ^ b` | a and b never overlap |

## Next
| `_ext/soplib/model/other.py` | `x` | `y` | outside the section |
"""
    assert explained(readme) == {("_ext/soplib/model/due.py", "return a | b", "return a ^ b")}


def test_the_report_gives_each_files_score_and_the_total_against_the_target():
    found = Results(
        Counter({"a.py": 4, "b.py": 16}), Counter({"a.py": 1, "b.py": 16}), Counter(), []
    )
    text = report(found, [])
    assert text.splitlines()[2:5] == ["| a.py | 4 | 1 | 25% |", "| b.py | 16 | 16 | 100% |",
                                      "| all | 20 | 17 | 85.0% |"]  # fmt: skip
    assert text.endswith("make mutate: 17 of 20 mutants killed (85.0%); the target is 85%.")


def test_a_mutants_tests_run_with_every_test_of_their_modules_and_the_builds_for_it():
    named = [
        "tests/builds/test_every_defect.py::test_each_defect_is_said_where_it_is[front]",
        "tests/unit/test_store.py::test_a[1]",
        "tests/builds/test_settings.py::test_a_setting",
        "tests/builds/test_every_defect.py::test_the_clean_samples_say_nothing_among_them",
        "tests/unit/test_store.py::test_b",
        "tests/builds/test_in_force.py::test_a_draft",
    ]
    every = ["tests/builds/test_every_defect.py", "tests/unit/test_store.py"]
    settings, in_force = "tests/builds/test_settings.py", "tests/builds/test_in_force.py"
    assert chosen(named, "model/settings.py") == [every[0], every[1], settings]
    assert chosen(named, "model/dates.py") == [every[0], every[1], in_force]
    assert chosen(named, "checks/fields.py") == every
    assert chosen(named, None) == [every[0], every[1], settings, in_force]


@pytest.mark.parametrize(
    ("mutant", "module"),
    [
        ("soplib.model.dates.x_parse_date__mutmut_3", "model/dates.py"),
        ("soplib.site.library.xǁLibraryǁfield__mutmut_12", "site/library.py"),
        ("soplib.tools.impact.rules.x_kind__mutmut_1", "tools/impact/rules.py"),
        ("stats", None),
        ("", None),
    ],
)
def test_a_mutants_file_is_read_from_its_name(mutant, module):
    assert module_of(mutant) == module


@pytest.mark.parametrize(
    ("codes", "runs"),
    [
        ({"x_due__mutmut_1": 1, "x_due__mutmut_2": 0, "xǁClockǁtick__mutmut_1": 33},
         [["soplib.model.due.x_due__mutmut_2", "soplib.model.due.xǁClockǁtick__mutmut_1"]]),
        ({"x_due__mutmut_1": 1, "x_due__mutmut_2": 1}, []),
    ],
)  # fmt: skip
def test_the_survivors_alone_are_tested_again_by_their_names(tmp_path, monkeypatch, codes, runs):
    staged(tmp_path / "mutate", codes)
    ran: list[list[str]] = []

    def run(folder: Path, jobs: int, patterns: list[str]) -> int:
        ran.append(patterns)
        return 0

    monkeypatch.setattr(mutation_testing, "stage", lambda folder: None)
    monkeypatch.setattr(mutation_testing, "run_mutmut", run)
    status = mutation_testing.main(
        ["--builddir", str(tmp_path), "--modules", "model/*", "--survivors"]
    )
    assert ran == runs
    assert status == (1 if runs else 0)


def test_a_mutants_tests_run_unit_tests_first_then_the_build_for_its_file():
    unit, every = "tests/unit/test_store.py", "tests/builds/test_every_defect.py"
    settings, kpi = "tests/builds/test_settings.py", "tests/builds/test_kpi.py"
    modules = [kpi, settings, every, unit]
    assert sorted(modules, key=lambda m: rank(m, "model/settings.py")) == [
        unit, settings, every, kpi]  # fmt: skip
    assert sorted(modules, key=lambda m: rank(m, "model/kpi.py")) == [unit, kpi, every, settings]
    assert sorted(modules, key=lambda m: rank(m, None)) == [unit, every, settings, kpi]
