"""A pytest plugin of make mutate: what a mutant is tested with, and in what order.

A test module's fixtures serve all its tests (a build test's module builds its project
once); mutmut sees what a fixture calls only in the first test that uses it, and would run
that test alone on a mutant the fixture reaches. So a test named runs with every test of
its module.

mutmut stops a mutant's tests at the first failure, so the unit tests run first, then the
builds, in the order of :data:`~support.mutation_testing.BUILDS`: a mutant a unit test
kills costs milliseconds instead of the builds' seconds.
"""

from __future__ import annotations

import pytest

from support.mutation_testing import BUILDS

FOLDER = "tests/builds/"


def widened(args: list[str]) -> list[str]:
    """The tests named, each by its whole module, each module once."""
    return list(dict.fromkeys(arg.partition("::")[0] for arg in args))


def pytest_configure(config: pytest.Config) -> None:
    config.args[:] = widened(config.args)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    order = {f"{FOLDER}{name}": rank for rank, name in enumerate(BUILDS, start=1)}
    items.sort(key=lambda item: order.get(item.nodeid.partition("::")[0], 0))
