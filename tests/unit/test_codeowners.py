"""CODEOWNERS as make codeowners writes it: each SOP's owner and approver teams."""

from __future__ import annotations

import re

import pytest

from soplib.tools.codeowners import codeowners
from support.projects import REPO


def test_each_sop_is_owned_by_its_owner_and_approver_teams():
    text = (REPO / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert (
        "/sops/customer-issues/refunds-and-goodwill.md @callcenter/operations-management "
        "@callcenter/compliance"
    ) in text.splitlines()


def test_a_role_without_a_team_is_named():
    with pytest.raises(ValueError) as raised:
        codeowners(REPO, {"ROLE_TEAM_LEADER": "@t"}, "@default")
    assert re.match(
        r"sop_role_teams in conf.py has no team for ROLE_\w+, (owner|approver) of "
        r"SOP-CC-\d+ \(sops/.+\.md\)$",
        str(raised.value),
    )
