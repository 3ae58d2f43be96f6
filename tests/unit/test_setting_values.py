"""The sop_* settings of conf.py, read at the start of a build (model.settings): each value
that cannot be used is said at its line of conf.py and replaced, never a traceback."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from soplib.model import settings
from soplib.model.problems import Finding, Problem
from soplib.model.settings import (
    DEFAULT_ALLOWED_HTML,
    DEFAULT_ID_PATTERN,
    SETTINGS,
    allowed_html,
    assignment_line,
    of_type,
    read_settings,
    sections,
)

SECTIONS = [{"title": "Purpose"}, {"title": "Procedure", "aliases": ["Steps"]}]


@pytest.mark.parametrize(
    ("value", "tags", "problems"),
    [
        (["kbd", " SUB ", "kbd", "x-note"], ["kbd", "sub", "x-note"], []),
        (("br",), ["br"], []),
        ([], [], []),
        (
            ["kbd", "k bd", "script", "-x", "IFRAME"],
            ["kbd"],
            [
                "sop_allowed_html: 'k bd' is not the name of an HTML tag: write the name alone, "
                "like 'kbd'",
                "sop_allowed_html lists 'script', which is never allowed: it could run code in "
                "every reader's browser or change the whole page; remove it",
                "sop_allowed_html: '-x' is not the name of an HTML tag: write the name alone, "
                "like 'kbd'",
                "sop_allowed_html lists 'IFRAME', which is never allowed: it could run code in "
                "every reader's browser or change the whole page; remove it",
            ],
        ),
    ],
)
def test_the_tags_allowed_are_those_that_can_be(value, tags, problems):
    assert allowed_html(value) == (tags, problems)


@pytest.mark.parametrize("value", ["kbd", ["kbd", 3], None])
def test_tags_not_given_as_a_list_of_names_leave_the_default(value):
    assert allowed_html(value) == (
        list(DEFAULT_ALLOWED_HTML),
        [
            "sop_allowed_html must be a list of tag names, such as ['br', 'kbd', 'sub', "
            f"'sup'], not {value!r}; the default is used"
        ],
    )


def test_a_setting_is_found_at_the_line_that_sets_it_last(tmp_path):
    conf = tmp_path / "conf.py"
    conf.write_text(
        "sop_root = 'sops'\n"
        "sop_checks: bool = True\n"
        "other = 1\n"
        "sop_root = 'procedures'\n"
        "sop_review_grace_days += 2\n"
        "sop_a, sop_b = 1, 2\n"
        "x.sop_root = 3\n",
        encoding="utf-8",
    )
    assert assignment_line(conf, "sop_root") == 4
    assert assignment_line(conf, "sop_checks") == 2
    assert assignment_line(conf, "sop_review_grace_days") == 5
    assert assignment_line(conf, "sop_a") == 0
    assert assignment_line(conf, "sop_today") == 0


@pytest.mark.parametrize("text", ["sop_root = (\n", "\0"])
def test_a_conf_py_python_cannot_read_locates_nothing(tmp_path, text):
    conf = tmp_path / "conf.py"
    conf.write_text(text, encoding="utf-8")
    assert assignment_line(conf, "sop_root") == 0
    assert assignment_line(tmp_path / "none.py", "sop_root") == 0


@pytest.mark.parametrize(
    ("value", "types", "fits"),
    [
        (True, (bool,), True),
        (True, (int,), False),  # True is no whole number
        (3, (int,), True),
        (3, (bool,), False),
        ("a", (list, tuple), False),
        (("a",), (list, tuple), True),
    ],
)
def test_a_value_is_of_a_settings_type_and_true_is_no_number(value, types, fits):
    assert of_type(value, types) is fits


@pytest.fixture
def reported(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Finding]]:
    """What the settings report, each with where: conf.py's path, or '' for no file."""
    said: list[tuple[str, Finding]] = []
    monkeypatch.setattr(settings, "report_in_file",
                        lambda finding, path: said.append((Path(path).name, finding)))  # fmt: skip
    monkeypatch.setattr(settings, "report",
                        lambda finding, docname: said.append(("", finding)))  # fmt: skip
    return said


def build(tmp_path: Path, conf: str, overrides: dict[str, Any] | None = None, **values: Any):
    """A build of a library whose conf.py is conf, with these settings' values."""
    (tmp_path / "conf.py").write_text(conf, encoding="utf-8")
    config = {s.name: s.default for s in SETTINGS} | {
        "sop_sections": SECTIONS, "sop_procedure_section": "Procedure", "language": "en",
        "sop_source_language": "", "overrides": overrides or {}} | values  # fmt: skip
    return SimpleNamespace(confdir=str(tmp_path), config=SimpleNamespace(**config))


def messages(said: list[tuple[str, Finding]]) -> list[tuple[str, int, str]]:
    assert all(finding.problem is Problem.CONFIG for _, finding in said)
    return [(where, finding.line, finding.message) for where, finding in said]


def test_settings_that_can_be_used_say_nothing(tmp_path, reported):
    app = build(tmp_path, "", sop_allowed_html=["KBD"], sop_today="2026-09-01",
                sop_live_reload="127.0.0.1:8000", sop_unpublished=("draft", "retired"))  # fmt: skip
    read_settings(app, app.config)
    assert reported == []
    assert app.config.sop_allowed_html == ["kbd"]
    assert (app.config.sop_today, app.config.sop_live_reload) == ("2026-09-01", "127.0.0.1:8000")
    assert sections(app).titles == ("Purpose", "Procedure")  # type: ignore[union-attr]


def test_each_value_that_cannot_be_used_is_said_at_its_line_and_replaced(tmp_path, reported):
    conf = (
        "sop_today = '2026-13-01'\nsop_live_reload = 'localhost'\nsop_id_pattern = '(['\n"
        "sop_unpublished = ['approved']\nsop_kpi_review_periods = 0\n"
        "sop_calibration_analysts = 99\nsop_sections = [{'title': 'Purpose'}]\n"
    )
    app = build(tmp_path, conf, sop_today="2026-13-01", sop_live_reload="localhost",
                sop_id_pattern="([", sop_unpublished=["approved"], sop_kpi_review_periods=0,
                sop_calibration_analysts=99, sop_sections=[{"title": "Purpose"}])  # fmt: skip
    read_settings(app, app.config)
    assert messages(reported) == [
        ("conf.py", 7, "sop_procedure_section 'Procedure' is not one of the titles in "
         "sop_sections: Purpose"),
        ("conf.py", 1, "sop_today '2026-13-01' is not a date: write it as YYYY-MM-DD, or leave "
         "it empty for the day of the build"),
        ("conf.py", 2, "sop_live_reload 'localhost' is not the address of the preview server, "
         "host:port such as 127.0.0.1:8000: make serve sets it; the pages will not reload by "
         "themselves"),
        ("conf.py", 3, "sop_id_pattern is not a valid regular expression (unterminated "
         "character set at position 1); the default is used"),
        ("conf.py", 4, "sop_unpublished ['approved'] can name only the statuses draft, "
         "in-review, retired (an approved SOP is always published); every SOP is published"),
        ("conf.py", 5, "sop_kpi_review_periods 0 is not a number of months of 1 or more; 3 are "
         "used"),
        ("conf.py", 6, "sop_calibration_analysts 99 is not a number of analysts from 1 to 12; "
         "3 are used"),
    ]  # fmt: skip
    config = app.config
    assert (config.sop_today, config.sop_live_reload, config.sop_id_pattern) == (
        "", "", DEFAULT_ID_PATTERN)  # fmt: skip
    assert (config.sop_unpublished, config.sop_kpi_review_periods) == ([], 3)
    assert config.sop_calibration_analysts == 3
    assert sections(app) is None


@pytest.mark.parametrize(
    ("name", "value", "replaced"),
    [
        ("sop_kpi_review_periods", True, 3),
        ("sop_calibration_analysts", 0, 3),
        ("sop_calibration_analysts", 13, 3),
        ("sop_calibration_analysts", 12, 12),
        ("sop_calibration_analysts", 1, 1),
        ("sop_kpi_review_periods", 1, 1),
        ("sop_unpublished", "draft", []),
    ],
)
def test_a_number_out_of_its_range_is_replaced(tmp_path, reported, name, value, replaced):
    app = build(tmp_path, "", **{name: value})
    read_settings(app, app.config)
    assert getattr(app.config, name) == replaced
    assert len(reported) == (0 if value == replaced else 1)


def test_a_setting_of_the_wrong_type_is_said_once_and_given_its_default(tmp_path, reported):
    app = build(tmp_path, "sop_review_grace_days = '30'\nsop_sections = 'x'\n",
                sop_review_grace_days="30", sop_sections="x")  # fmt: skip
    read_settings(app, app.config)
    assert messages(reported) == [
        ("conf.py", 2, "sop_sections 'x' is not a list in brackets; the default, [], is used"),
        ("conf.py", 1, "sop_review_grace_days '30' is not a whole number; the default, 0, is "
         "used"),
    ]  # fmt: skip
    assert (app.config.sop_review_grace_days, app.config.sop_sections) == (0, [])
    assert sections(app) is None  # the sections are not checked, and not said twice


def test_a_setting_given_on_the_command_line_or_not_in_conf_py_names_conf_py(tmp_path, reported):
    app = build(tmp_path, "sop_today = '2026-13-01'\n", overrides={"sop_today": "2026-13-01"},
                sop_today="2026-13-01", sop_live_reload="x")  # fmt: skip
    read_settings(app, app.config)
    assert [(where, line) for where, line, _ in messages(reported)] == [("", 0), ("", 0)]
    assert reported[0][1].message.startswith("conf.py: sop_today '2026-13-01' is not a date")
