"""What make impact asks of each SOP (soplib.tools.impact.rules.verdict): the version and
status its change calls for, and each rule it breaks with its fix, without git or a build."""

from __future__ import annotations

from typing import Any

import pytest

from soplib.tools.impact.rules import Change, verdict

WHERE = "SOP-T-001 (sops/area/x.md)"
TEXT = Change("minor", ["the text of a step changed (STEP_A)"], True)
ADDED = Change("minor", ["a step was added (STEP_C)"], False)
REMOVED = Change("major", ["a step was removed (STEP_B)"], False)
WORDING = Change("patch", ["the wording of Purpose changed"], True)
APPROVAL = (
    ": set `status: in-review` while it is in review; to approve it, the approver runs "
    "`make approve SOP=SOP-T-001` and commits the stamp with `status: approved` (the "
    "approving commit)"
)


def record(version: str | None, status: str = "in-review", **meta: str) -> dict[str, Any]:
    """An SOP as the export gives it: its front matter, its page and its fingerprint."""
    fields = {"id": "SOP-T-001", "status": status, **meta}
    if version is not None:
        fields["version"] = version
    return {"meta": fields, "docname": "sops/area/x", "fingerprint": "F1"}


@pytest.mark.parametrize(
    ("status", "version", "recommended", "errors"),
    [
        ("draft", "0.1.0", "0.1.0", []),
        ("in-review", "1.0.0", "1.0.0", []),
        ("in-review", "0.3.0", "1.0.0", [
            f"{WHERE}: a new SOP goes for review as version 1.0.0, but its version is 0.3.0: "
            "set `version: 1.0.0`"
        ]),
        ("in-review", None, "1.0.0", []),
    ],
)  # fmt: skip
def test_a_new_sop_goes_for_review_as_1_0_0(status, version, recommended, errors):
    found = verdict(None, record(version, status), None)
    assert found == {
        "kind": "new", "editorial": False, "reasons": [], "version_at_base": None,
        "version": version, "recommended_version": recommended, "status_at_base": None,
        "status": status, "recommended_status": status, "errors": errors,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("change", "now", "meta", "errors"),
    [
        (TEXT, "1.2.0", {}, []),
        (TEXT, "1.1.0", {}, [
            f"{WHERE}: the text of a step changed (STEP_A), a minor change, but its version "
            "is still 1.1.0: set `version: 1.2.0` (or, if the change is wording only, "
            "`version: 1.1.1` and `editorial: true`)"
        ]),
        (TEXT, "1.1.1", {}, [
            f"{WHERE}: the text of a step changed (STEP_A), a minor change, but its version "
            "1.1.1 is not enough: set `version: 1.2.0` (or, if the change is wording only, "
            "add `editorial: true`)"
        ]),
        (ADDED, "1.0.9", {}, [
            f"{WHERE}: a step was added (STEP_C), a minor change, but its version is still "
            "1.0.9: set `version: 1.2.0`"
        ]),
        (ADDED, None, {}, [
            f"{WHERE}: a step was added (STEP_C), a minor change, but it has no version "
            "MAJOR.MINOR.PATCH: set `version: 1.2.0`"
        ]),
        (REMOVED, "1.2.0", {"editorial": "True"}, [
            f"{WHERE}: it is declared editorial (`editorial: true`) but a step was removed "
            "(STEP_B), a major change: remove `editorial: true` and set `version: 2.0.0`"
        ]),
        (REMOVED, "2.0.0", {"editorial": "True"}, [
            f"{WHERE}: it is declared editorial (`editorial: true`) but a step was removed "
            "(STEP_B), a major change: remove `editorial: true`"
        ]),
        (WORDING, "1.1.1", {"editorial": "True"}, []),
        (WORDING, "1.2.0", {"editorial": "True"}, [
            f"{WHERE}: the change is declared editorial but the version went from 1.1.0 to "
            "1.2.0, and an editorial change raises the patch number only: set "
            "`version: 1.1.1`"
        ]),
        (WORDING, "1.2.0", {}, []),
    ],
)  # fmt: skip
def test_a_changed_sop_raises_the_part_its_kind_of_change_asks(change, now, meta, errors):
    found = verdict(record("1.1.0"), record(now, **meta), change)
    assert found["errors"] == errors
    assert found["kind"] == change.kind and found["reasons"] == change.reasons
    assert found["editorial"] == bool(meta)
    assert (found["version_at_base"], found["version"]) == ("1.1.0", now)


def test_the_recommended_version_is_the_base_raised_by_the_kind():
    assert verdict(record("1.1.0"), record("1.1.0"), REMOVED)["recommended_version"] == "2.0.0"
    assert verdict(record("1.1.0"), record("1.1.0"), WORDING)["recommended_version"] == "1.1.1"


def test_a_base_version_that_is_not_major_minor_patch_asks_for_none():
    found = verdict(record("1.1"), record("1.1"), TEXT)
    assert (found["recommended_version"], found["errors"]) == (None, [])


def test_a_change_of_status_alone_keeps_the_version():
    found = verdict(record("1.1.0", "draft"), record("1.1.0"), None)
    assert found["kind"] == "status" and found["reasons"] == []
    assert (found["status_at_base"], found["status"]) == ("draft", "in-review")
    assert (found["recommended_version"], found["errors"]) == ("1.1.0", [])


@pytest.mark.parametrize(
    ("before", "stamp", "error"),
    [
        (None, None, "it is new and its status is approved, with no approval of it recorded "
                     "(no `approved_fingerprint`)"),
        (record("1.1.0", "approved"), "F0", "its content changed but its status is still "
         "approved, and its `approved_fingerprint` is the stamp of other content (an earlier "
         "version)"),
        (record("1.1.0", "in-review"), None, "its status is set to approved (it was "
         "in-review), with no approval of it recorded (no `approved_fingerprint`)"),
    ],
)  # fmt: skip
def test_an_approved_sop_without_the_stamp_of_its_content_goes_back_to_review(before, stamp, error):
    meta = {"approved_fingerprint": stamp} if stamp else {}
    found = verdict(before, record("1.1.0" if before else "1.0.0", "approved", **meta), None)
    assert found["errors"] == [f"{WHERE}: {error}{APPROVAL}"]
    assert (found["status"], found["recommended_status"]) == ("approved", "in-review")


def test_an_approved_sop_with_the_stamp_of_its_content_stays_approved():
    found = verdict(None, record("1.0.0", "approved", approved_fingerprint="F1"), None)
    assert (found["errors"], found["recommended_status"]) == ([], "approved")
