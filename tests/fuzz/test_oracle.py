"""The robustness test's own parts, without a build: the oracle tells a crash from a
failed build that only reports problems, and every mutation applies to any file."""

from __future__ import annotations

import os
import signal
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from support import fuzzing
from support.fuzzing import Crash, Outcome, ParseMemo, build_in_child, judge, sample_slots
from support.mutations import mutations

SOPS, CATALOGS = sample_slots()
REAL_LINES = sorted({line for slot in SOPS + CATALOGS for line in slot.data.decode().splitlines()})


def kinds(outcome, src):
    return [crash.kind for crash in judge(outcome, src)]


def test_a_clean_build_with_the_whole_site_passes(tmp_path):
    assert judge(Outcome(statuscode=0), tmp_path) == []


def test_a_failed_build_whose_warnings_name_files_passes(tmp_path):
    (tmp_path / "sops").mkdir()
    (tmp_path / "sops" / "x.md").write_text("x", encoding="utf-8")
    warnings = [
        f"{tmp_path}/sops/x.md:3: WARNING: SOP x has no 'Scope' section: add it [sop.x]",
        "sops/x.md: WARNING: document isn't included in any toctree [toc.not_included]",
    ]
    assert judge(Outcome(statuscode=1, warnings=warnings), tmp_path) == []


def test_a_warning_without_a_file_of_the_project_is_a_crash(tmp_path):
    warnings = [
        "WARNING: Need 'STEP_X' has schema violations [sn_schema_violation]",
        "<unknown>:4: WARNING: something [x]",
        "/elsewhere/theme/layout.html:9: WARNING: something [x]",
        f"{tmp_path}/gone.md:1: WARNING: a file that is not there [x]",
    ]
    outcome = Outcome(statuscode=1, warnings=warnings)
    assert kinds(outcome, tmp_path) == ["unlocated warning"] * 4


def test_exceptions_tracebacks_hangs_and_deaths_are_crashes(tmp_path):
    traceback = 'Traceback (most recent call last):\n  File "/x/a.py", line 3, in f\nKeyError: 1'
    assert kinds(Outcome(error=traceback), tmp_path) == ["exception"]
    assert kinds(Outcome(statuscode=0, status=traceback), tmp_path) == ["crash message"]
    assert kinds(Outcome(hung=True), tmp_path) == ["hang"]
    assert kinds(Outcome(died="signal SIGSEGV"), tmp_path) == ["died"]


def test_a_failure_must_say_why_and_a_clean_build_must_write_every_page(tmp_path):
    assert kinds(Outcome(statuscode=1), tmp_path) == ["failed without a warning"]
    (tmp_path / "x.md").write_text("x", encoding="utf-8")
    warning = f"{tmp_path}/x.md:1: WARNING: a problem [x]"
    assert kinds(Outcome(statuscode=0, warnings=[warning]), tmp_path) == ["clean with a warning"]
    incomplete = Outcome(statuscode=0, incomplete=["sops/x.html"])
    assert kinds(incomplete, tmp_path) == ["incomplete site"]


def test_a_crash_is_known_by_its_root_cause_and_our_deepest_frame():
    detail = (
        "Traceback (most recent call last):\n"
        '  File "/r/_ext/soplib/model/frontmatter.py", line 95, in read_front_matter\n'
        '  File "/v/yaml/reader.py", line 143, in check_printable\n'
        "yaml.reader.ReaderError: unacceptable character #x0017\n"
        '  in "<unicode string>", position 104\n\n'
        "The above exception was the direct cause of the following exception:\n\n"
        "Traceback (most recent call last):\n"
        '  File "/v/sphinx/events.py", line 452, in emit\n'
        "sphinx.errors.ExtensionError: Handler threw an exception\n"
    )
    assert Crash("exception", detail).signature == (
        "exception: yaml.reader.ReaderError at reader.py:143 (check_printable), "
        "from frontmatter.py:95 (read_front_matter)"
    )


@settings(max_examples=300, deadline=None, database=None)
@given(
    slot=st.sampled_from(SOPS + CATALOGS),
    changes=st.lists(mutations(REAL_LINES), min_size=1, max_size=4),
)
def test_every_mutation_applies_to_any_file_and_says_where(slot, changes):
    data = slot.data
    for mutation in changes:
        assert mutation.explain(data)
        data = mutation.apply(data)
        assert isinstance(data, bytes)


def test_a_build_that_hangs_is_killed_and_one_that_dies_is_named(tmp_path, monkeypatch):
    monkeypatch.setattr(fuzzing, "build_here", lambda src, out: time.sleep(60))
    start = time.monotonic()
    hung = build_in_child(tmp_path, tmp_path / "out", ParseMemo(), timeout=0.2)
    assert hung.hung and time.monotonic() - start < 10
    monkeypatch.setattr(
        fuzzing, "build_here", lambda src, out: os.kill(os.getpid(), signal.SIGSEGV)
    )
    died = build_in_child(tmp_path, tmp_path / "out", ParseMemo(), timeout=10)
    assert died.died == "signal SIGSEGV"
    assert kinds(hung, tmp_path) == ["hang"] and kinds(died, tmp_path) == ["died"]


def test_a_hang_is_known_by_the_call_of_ours_it_was_stopped_in():
    detail = (
        "stopped after 61 s; where it was:\n"
        "Thread 0x00007fe673852b80 (most recent call first):\n"
        '  File "/usr/lib/python3.11/_markupbase.py", line 169 in parse_comment\n'
        '  File "/usr/lib/python3.11/html/parser.py", line 174 in goahead\n'
        '  File "/r/_ext/soplib/checks/raw_html.py", line 279 in read_html\n'
        '  File "/v/sphinx/events.py", line 441 in emit\n'
    )
    assert Crash("hang", detail).signature == "hang: in raw_html.py:279 (read_html)"
