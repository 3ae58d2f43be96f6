"""A pytest plugin of make mutate: what a mutant is tested with, and in what order.

A test module's fixtures serve all its tests (a build test's module builds its project
once); mutmut sees what a fixture calls only in the first test that uses it, and would run
that test alone on a mutant the fixture reaches. So a test named runs with every test of
its module. A build runs only on the mutants of the modules it is for
(:data:`~support.mutation_testing.BUILDS`): leaving a test out can only let a mutant
survive, never kill one.

mutmut stops a mutant's tests at the first failure, so the unit tests run first, then the
build for the mutant's file, then the others in the order of ``BUILDS``: a mutant a unit
test kills costs milliseconds instead of the builds' seconds.
"""

from __future__ import annotations

import os

import pytest

from support.mutation_testing import BUILDS

FOLDER = "tests/builds/"


def module_of(mutant: str) -> str | None:
    """The file of a mutant, from mutmut's name for it: soplib.model.dates.x_f__mutmut_3
    -> model/dates.py; None for what is no mutant (mutmut's own runs)."""
    parts = mutant.split(".")
    functions = [i for i, part in enumerate(parts) if part.startswith(("x_", "xǁ"))]
    if parts[0] != "soplib" or not functions:
        return None
    return "/".join(parts[1 : functions[0]]) + ".py"


def is_for(module: str, mutant: str | None) -> bool:
    """Whether a test module runs on a mutant of a file: a unit test does, and a build
    does when it is for that file or for every file."""
    if mutant is None or not module.startswith(FOLDER):
        return True
    files = BUILDS.get(module.removeprefix(FOLDER))
    return files is None or mutant in files


def chosen(args: list[str], mutant: str | None) -> list[str]:
    """The tests to run on a mutant of a file: each named by its whole module, each
    module once, and the builds that are for the file."""
    modules = dict.fromkeys(arg.partition("::")[0] for arg in args)
    return [module for module in modules if is_for(module, mutant)]


def pytest_configure(config: pytest.Config) -> None:
    config.args[:] = chosen(config.args, module_of(os.environ.get("MUTANT_UNDER_TEST", "")))


def rank(module: str, mutant: str | None) -> int:
    """Where a test module runs among a mutant's: the unit tests first, then the builds
    for the mutant's file alone, then the others in the order of BUILDS."""
    if not module.startswith(FOLDER):
        return 0
    name = module.removeprefix(FOLDER)
    own = mutant is not None and mutant in (BUILDS.get(name) or [])
    return 1 if own else 2 + list(BUILDS).index(name)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    mutant = module_of(os.environ.get("MUTANT_UNDER_TEST", ""))
    items.sort(key=lambda item: rank(item.nodeid.partition("::")[0], mutant))
