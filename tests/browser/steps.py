"""What browser tests look for on an SOP page: a step's box in a diagram, and the page
arrived at a step."""

from __future__ import annotations


def step_box(scope, step_id: str):
    """The box of a step in the diagrams of a page, or of one diagram."""
    return scope.locator(f'g.node[id*="flowchart-{step_id}-"]').first


def assert_at_step(page, step_id: str) -> None:
    """The page went to the step: it is at the top of the window, under the header."""
    page.wait_for_function(f"location.hash === '#{step_id}'")
    top = page.evaluate(f"document.getElementById('{step_id}').getBoundingClientRect().top")
    header = page.evaluate("document.querySelector('header').getBoundingClientRect().bottom")
    assert header - 2 <= top < header + 60, f"{step_id} is at {top}, the header ends at {header}"
