"""CODEOWNERS as make codeowners writes it: each SOP's approver team, its only code owner."""

from __future__ import annotations

import pytest

from samples import SIMPLE, replace
from soplib.tools.codeowners import HEADER, codeowners, review_teams
from support.projects import REPO, write_project

TEAMS = {"ROLE_TEAM_LEADER": "@t/leaders", "ROLE_OPS_MANAGER": "@t/ops"}


def test_each_sop_is_owned_by_its_approver_team_alone(tmp_path):
    root = write_project(
        tmp_path,
        {
            "sops/area/x.md": SIMPLE,
            "sops/area/y.md": replace(
                replace(SIMPLE, "SOP-T-001", "SOP-T-002"),
                "approver: ROLE_OPS_MANAGER",
                "approver: ROLE_TEAM_LEADER",
            ),
        },
    )
    assert codeowners(root, TEAMS, "@t/default") == (
        f"{HEADER}\n* @t/default\n/sops/area/x.md @t/ops\n/sops/area/y.md @t/leaders\n"
    ), "the owner's team (@t/leaders for x.md) is no code owner"


def test_the_header_says_who_must_approve_and_who_may():
    assert "Each SOP file has one code owner, the team of its approver" in HEADER
    assert (
        "The team of the SOP's owner writes or reviews the change; its approval\n# is optional"
        in HEADER
    )


def test_the_repository_codeowners_names_each_approver_team():
    text = (REPO / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert (
        "/sops/customer-issues/refunds-and-goodwill.md @callcenter/compliance" in text.splitlines()
    )
    assert "/sops/inbound/callbacks.md @callcenter/operations-management" in text.splitlines()


def test_the_teams_are_read_from_conf_py():
    teams, default = review_teams(REPO)
    assert teams["ROLE_OPS_MANAGER"] == "@callcenter/operations-management"
    assert default == "@callcenter/knowledge-managers"


def test_an_approver_without_a_team_is_named_and_an_owner_needs_none(tmp_path):
    root = write_project(tmp_path, {"sops/area/x.md": SIMPLE})
    assert codeowners(root, {"ROLE_OPS_MANAGER": "@t/ops"}, "@d").endswith("x.md @t/ops\n")
    with pytest.raises(ValueError) as raised:
        codeowners(root, {"ROLE_TEAM_LEADER": "@t/leaders"}, "@d")
    assert str(raised.value) == (
        "sop_role_teams in conf.py has no team for ROLE_OPS_MANAGER, approver of SOP-T-001 "
        "(sops/area/x.md)"
    )
