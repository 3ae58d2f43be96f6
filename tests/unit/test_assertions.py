"""The tests themselves: no assert that cannot fail. An assert of a constant always
passes; Sphinx's test application sets a non-zero ``statuscode`` only when warnings are
errors, and a crash raises before the assert, so asserting it is 0 checks nothing: assert
what the test means instead (the pages written, the exact warnings)."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def cannot_fail(test: ast.Assert) -> bool:
    check = test.test
    if isinstance(check, ast.Constant):
        return bool(check.value)
    return any(
        isinstance(node, ast.Compare)
        and isinstance(node.left, ast.Attribute)
        and node.left.attr == "statuscode"
        for node in ast.walk(check)
    )


def asserts_that_cannot_fail(source: str, name: str) -> list[str]:
    return [
        f"{name}:{node.lineno}: {ast.unparse(node)}"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Assert) and cannot_fail(node)
    ]


def test_no_test_asserts_what_cannot_fail():
    found = [
        line
        for path in sorted(TESTS.rglob("*.py"))
        for line in asserts_that_cannot_fail(
            path.read_text(encoding="utf-8"), path.relative_to(TESTS).as_posix()
        )
    ]
    assert found == []


def test_the_check_finds_such_asserts():
    source = "def test_x(build):\n    assert build.app.statuscode == 0\n    assert True\n"
    assert asserts_that_cannot_fail(source, "x.py") == [
        "x.py:2: assert build.app.statuscode == 0",
        "x.py:3: assert True",
    ]
