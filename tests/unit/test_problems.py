"""Where a message sends an author: the address of its entry in the Authoring guide."""

from __future__ import annotations

import pytest

from soplib.model.problems import Problem, published_guide, with_guide


@pytest.mark.parametrize(
    ("baseurl", "guide"),
    [
        ("https://sops.example.org/library", "https://sops.example.org/library"),
        ("https://sops.example.org/library/", "https://sops.example.org/library"),
        ("https://sops.example.org/SOPX/", "https://sops.example.org/SOPX"),
    ],
)
def test_the_published_guide_is_the_guide_page_under_the_sites_address(baseurl, guide):
    assert published_guide(baseurl) == f"{guide}/views/authoring-guide.html"


def test_a_message_ends_with_its_problems_entry_in_the_guide_given():
    guide = published_guide("https://sops.example.org")
    assert with_guide("step X has no title", Problem.MISSING_ENTRY_TITLE, guide) == (
        "step X has no title (see https://sops.example.org/views/authoring-guide.html"
        "#warning-missing_entry_title)"
    )
