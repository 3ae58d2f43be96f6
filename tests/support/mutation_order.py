"""A pytest plugin of make mutate: the unit tests run before the builds.

mutmut stops a mutant's tests at the first failure, so a mutant a unit test kills costs
milliseconds instead of the builds' seconds.
"""

from __future__ import annotations

import pytest


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: item.nodeid.startswith("tests/builds/"))
