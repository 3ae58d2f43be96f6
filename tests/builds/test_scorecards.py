"""QA scorecards made from the steps: a line for each step an agent-facing role carries
out, in order, with its behaviour, weight and criticality; a page per SOP with its
calibration sheet, and the same as CSV and JSON files beside it, that follow the steps
when they change; the bad values of the options said where they are written."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from samples import SIMPLE, line_of, replace
from samples.defects import made_unique, with_guide
from soplib.model.records import sop_records
from support.pages import row_of, text_of
from support.projects import REPO, Build, build, touch, write_project

X = "sops/area/x.md"
Y = "sops/area/y.md"
TODAY = "2026-11-23"
#: The test SOP: its first step checked and weighed, a team leader's step between, and a
#: step of the team leader and the agent.
QUEUE = (
    "```{step} Check the queue\n:id: STEP_T_QUEUE\n:responsible: ROLE_TEAM_LEADER\n"
    ":metrics: KPI_ASA\n:training: TRN_CALL_HANDLING\n\nWatch the queue.\n```\n\n"
)
SOP = replace(
    replace(
        replace(
            SIMPLE,
            ":metrics: KPI_ASA\n:training: TRN_CALL_HANDLING\n",
            ":metrics: KPI_ASA\n:training: TRN_CALL_HANDLING\n"
            ":qa_check: The agent answered within three rings\n:qa_weight: 3\n:qa_critical: yes\n",
        ),
        "```{step} Close the call",
        QUEUE + "```{step} Close the call",
    ),
    ":id: STEP_T_CLOSE\n:responsible: ROLE_AGENT",
    ":id: STEP_T_CLOSE\n:responsible: ROLE_TEAM_LEADER, ROLE_AGENT",
)
DRAFT = replace(
    made_unique(replace(SIMPLE, "status: approved", "status: draft"), 2, "y"),
    "title: Answering a test call",
    "title: A draft procedure",
)
FILES = {
    X: SOP,
    Y: DRAFT,
    "views/scorecards.md": (REPO / "views" / "scorecards.md").read_text(encoding="utf-8"),
    "index.md": "# Test\n\n```{toctree}\n:glob:\n\nsops/*/*\nviews/*\n```\n",
}
SETTINGS = {"sop_today": TODAY, "sop_calibration_analysts": 2}
HEADERS = ["SOP", "Version", "Line", "Step ID", "Step", "Behaviour", "Weight", "Critical"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("scorecards")
    return build(write_project(root / "project", FILES), confoverrides=SETTINGS, freshenv=True)


def out(build_: Build, name: str) -> Path:
    return Path(build_.app.outdir) / name


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a byte-order mark, for Excel"
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def lines_of(build_: Build, sop_id: str) -> list[tuple[object, ...]]:
    """The lines of a scorecard's JSON: line, step, step number, behaviour, weight, critical."""
    data = json.loads(out(build_, f"scorecards/{sop_id}.json").read_text(encoding="utf-8"))
    return [tuple(line.values()) for line in data["lines"]]


def test_the_build_is_clean(site):
    assert site.lines == []


def test_a_line_for_each_step_an_agent_carries_out_in_order(site):
    assert lines_of(site, "SOP-T-001") == [
        (1, "STEP_T_ANSWER", "1", "The agent answered within three rings", 3, True),
        (2, "STEP_T_CLOSE", "3", "Agent: Close the call", 1, False),
    ], "the team leader's step is no line; a shared step names the agent-facing role only"


def test_the_json_carries_the_sop_its_version_date_and_fingerprint(site):
    data = json.loads(out(site, "scorecards/SOP-T-001.json").read_text(encoding="utf-8"))
    fingerprint = sop_records(site.app.env)["sops/area/x"].fingerprint
    assert {k: v for k, v in data.items() if k != "lines"} == {
        "sop_id": "SOP-T-001",
        "title": "Answering a test call",
        "version": "1.0.0",
        "status": "approved",
        "in_force": True,
        "effective": "2026-09-01",
        "fingerprint": fingerprint,
        "total_weight": 4,
    }
    assert list(data["lines"][0]) == [
        "line", "step_id", "step_number", "behaviour", "weight", "critical"
    ]  # fmt: skip


#: The score of the results in a column of SOP-T-001's sheets (line 1, weight 3, critical;
#: line 2, weight 1).
def score(column: str) -> str:
    return (
        f'=100*(G2*({column}2="met")+G3*({column}3="met"))'
        f'/(G2*({column}2<>"n/a")+G3*({column}3<>"n/a"))*({column}2<>"missed")'
    )


def test_the_csv_is_a_form_to_score_a_call_on(site):
    assert read_csv(out(site, "scorecards/SOP-T-001.csv")) == [
        [*HEADERS, "Result (met, missed or n/a)", "Comment", "Evaluator", "Call ID", "Date"],
        ["SOP-T-001", "1.0.0", "1", "STEP_T_ANSWER", "1", "The agent answered within three rings",
         "3", "yes", "", "", "", "", ""],
        ["SOP-T-001", "1.0.0", "2", "STEP_T_CLOSE", "3", "Agent: Close the call", "1", "no",
         "", "", "", "", ""],
        ["", "", "", "", "", "Score (0 to 100)", "", "", score("I"), "", "", "", ""],
    ]  # fmt: skip


def test_the_calibration_sheet_has_a_column_per_analyst_and_the_agreed_score(site):
    rows = read_csv(out(site, "scorecards/SOP-T-001-calibration.csv"))
    assert rows[0] == [*HEADERS, "Analyst 1", "Analyst 2", "Agreed"]
    assert rows[1][:8] == ["SOP-T-001", "1.0.0", "1", "STEP_T_ANSWER", "1",
                           "The agent answered within three rings", "3", "yes"]  # fmt: skip
    assert rows[1][8:] == ["", "", ""], "to fill in"
    assert [row[5] for row in rows[3:]] == [
        "Score (0 to 100)",
        "Variance: difference from the agreed score (points)",
        "Calibration variance: the analysts' average difference, either way (points)",
    ]
    assert [row[8:] for row in rows[3:]] == [
        [score("I"), score("J"), score("K")],
        ["=I4-K4", "=J4-K4", ""],
        ["", "", "=(I5*((I5>0)-(I5<0))+J5*((J5>0)-(J5<0)))/2"],
    ], "each score and variance worked out as the results are written in"


def test_the_page_shows_what_the_scorecard_was_made_from_and_its_lines(site):
    html = site.page("scorecards/SOP-T-001")
    assert "<title>QA scorecard: SOP-T-001 Answering a test call" in html
    fingerprint = sop_records(site.app.env)["sops/area/x"].fingerprint
    assert (
        "SOP: SOP-T-001 Answering a test call Version: 1.0.0 Effective: 2026-09-01 "
        f"Fingerprint: {fingerprint} Lines: 2 Total weight: 4"
    ) in text_of(html)
    assert row_of(html, 'href="../sops/area/x.html#STEP_T_ANSWER"') == (
        "1 Step 1 The agent answered within three rings 3 yes"
    )
    assert row_of(html, 'href="../sops/area/x.html#STEP_T_CLOSE"') == (
        "2 Step 3 Agent: Close the call 1 no"
    )
    assert "STEP_T_QUEUE" not in html
    assert row_of(html, "Analyst 1") == "Line Behaviour Weight Critical Analyst 1 Analyst 2 Agreed"


def test_the_page_links_its_files_and_its_sop_links_to_it(site):
    html = site.page("scorecards/SOP-T-001")
    for name in ("SOP-T-001.csv", "SOP-T-001.json", "SOP-T-001-calibration.csv"):
        assert f'href="{name}"' in html
        assert out(site, f"scorecards/{name}").is_file()
    sop = site.page("sops/area/x")
    assert 'href="../../scorecards/SOP-T-001.html">QA scorecard</a>' in sop


def test_the_view_lists_the_scorecards_in_force_and_the_others_apart(site):
    html = site.page("views/scorecards")
    assert row_of(html, 'href="../scorecards/SOP-T-001.html"') == (
        "SOP-T-001 Answering a test call approved 1.0.0 2026-09-01 2 1"
    )
    assert row_of(html, 'href="../scorecards/SOP-T-021.html"') == (
        "SOP-T-021 A draft procedure Draft: not in force 1.0.0 2026-09-01 2 0"
    )
    text = text_of(html)
    assert text.index("In force") < text.index("SOP-T-001") < text.index("Not in force yet")
    assert text.index("Not in force yet") < text.index("SOP-T-021")


def test_a_scorecard_not_in_force_says_so(site):
    html = site.page("scorecards/SOP-T-021")
    notice = re.search(r'<div class="sop-standing sop-standing-draft[^"]*">(.*?)</div>', html, re.S)
    assert notice is not None and text_of(notice[1]) == "Draft: not in force"
    data = json.loads(out(site, "scorecards/SOP-T-021.json").read_text(encoding="utf-8"))
    assert (data["status"], data["in_force"]) == ("draft", False)


def test_library_json_gives_each_step_its_weight_and_criticality(site):
    steps = json.loads(out(site, "library.json").read_text(encoding="utf-8"))["steps"]
    assert {s: (steps[s]["qa_weight"], steps[s]["qa_critical"]) for s in steps} == {
        "STEP_T_ANSWER": (3, True),
        "STEP_T_QUEUE": (1, False),
        "STEP_T_CLOSE": (1, False),
        "STEP_T2_ANSWER": (1, False),
        "STEP_T2_CLOSE": (1, False),
    }


def test_the_scorecard_follows_the_steps_and_the_role_catalog(tmp_path):
    srcdir = write_project(tmp_path / "project", FILES)
    build(srcdir, tmp_path / "build", confoverrides=SETTINGS)
    folder = tmp_path / "build" / "html" / "scorecards"
    draft = (folder / "SOP-T-021.html").stat().st_mtime_ns

    def rebuilt_after(path: Path, text: str | None) -> Build:
        """The site built again, clean, after path is written with text (removed: None)."""
        if text is None:
            path.unlink()
        else:
            touch(path, text)
        built = build(srcdir, tmp_path / "build", confoverrides=SETTINGS)
        assert built.lines == []
        return built

    edited = replace(SOP, "Answer within three rings.", "Answer within three rings, and smile.")
    rebuilt = rebuilt_after(srcdir / X, edited)
    fingerprint = sop_records(rebuilt.app.env)["sops/area/x"].fingerprint
    data = json.loads((folder / "SOP-T-001.json").read_text(encoding="utf-8"))
    assert data["fingerprint"] == fingerprint, "the scorecard of the content as it is now"
    assert f"Fingerprint: {fingerprint}" in text_of(rebuilt.page("scorecards/SOP-T-001"))
    assert (folder / "SOP-T-021.html").stat().st_mtime_ns == draft, "unchanged, not rewritten"

    edited = replace(edited, ":qa_weight: 3", ":qa_weight: 5")
    rebuilt = rebuilt_after(
        srcdir / X, replace(edited, "{step} Close the call", "{step} End the call")
    )
    assert lines_of(rebuilt, "SOP-T-001") == [
        (1, "STEP_T_ANSWER", "1", "The agent answered within three rings", 5, True),
        (2, "STEP_T_CLOSE", "3", "Agent: End the call", 1, False),
    ]
    assert read_csv(folder / "SOP-T-001.csv")[2][5:7] == ["Agent: End the call", "1"]
    assert read_csv(folder / "SOP-T-001-calibration.csv")[1][6] == "5"
    html = rebuilt.page("scorecards/SOP-T-001")
    assert "Lines: 2 Total weight: 6" in text_of(html)
    assert row_of(html, "#STEP_T_CLOSE") == "2 Step 3 Agent: End the call 1 no"

    roles = srcdir / "sops" / "catalog" / "roles.md"
    text = roles.read_text(encoding="utf-8")
    leader = text.index(":id: ROLE_TEAM_LEADER")
    leader_facing = text[leader:].replace(":agent_facing: no", ":agent_facing: yes", 1)
    rebuilt = rebuilt_after(roles, text[:leader] + leader_facing)
    assert [line[1:4] for line in lines_of(rebuilt, "SOP-T-001")] == [
        ("STEP_T_ANSWER", "1", "The agent answered within three rings"),
        ("STEP_T_QUEUE", "2", "Team leader: Check the queue"),
        ("STEP_T_CLOSE", "3", "Agent, Team leader: End the call"),
    ]
    assert "Team leader: Check the queue" in rebuilt.page("scorecards/SOP-T-001")

    edited = replace(edited, ":qa_weight: 5", ":qa_weight: 0")
    off = replace(edited, ":id: STEP_T_CLOSE\n", ":id: STEP_T_CLOSE\n:qa_weight: 0\n")
    rebuilt = rebuilt_after(srcdir / X, off)
    assert lines_of(rebuilt, "SOP-T-001") == [
        (1, "STEP_T_ANSWER", "1", "The agent answered within three rings", 0, True),
        (2, "STEP_T_QUEUE", "2", "Team leader: Check the queue", 1, False),
    ], "weight 0: a critical step is a pass-or-fail line, another step no line"

    rebuilt_after(srcdir / Y, None)
    assert sorted(path.name for path in folder.iterdir()) == [
        "SOP-T-001-calibration.csv", "SOP-T-001.csv", "SOP-T-001.html", "SOP-T-001.json"
    ], "the scorecard of an SOP removed goes with it"  # fmt: skip


ROLES = """
```{role} Night agent
:id: ROLE_NIGHT_AGENT
:summary: Takes the calls of the night shift.
:agent_facing: sometimes
```

```{role} Chat agent
:id: ROLE_CHAT_AGENT
:summary: Answers the chat.
```
"""
DEFECTS = replace(
    replace(
        replace(SIMPLE, ":metrics: KPI_ASA\n", ":metrics: KPI_ASA\n:qa_critical: Yes\n"),
        ":metrics: KPI_FCR\n",
        ":metrics: KPI_FCR\n:qa_weight: 2.5\n",
    ),
    "The greeting script.\n",
    "The greeting script.\n" + ROLES,
)


def test_a_bad_value_is_said_where_it_is_written(build_project):
    built = build_project({X: DEFECTS}, confoverrides={"sop_calibration_analysts": 13})
    assert sorted(built.warnings_of("sop.")) == sorted(
        [
            with_guide(
                "WARNING: conf.py: sop_calibration_analysts 13 is not a number of analysts from 1 "
                "to 12; 3 are used [sop.config]"
            ),
            with_guide(
                f"{X}:{line_of(DEFECTS, '{step} Answer')}: WARNING: step STEP_T_ANSWER has "
                "':qa_critical: Yes', which the build cannot use: did you mean yes? Write yes or "
                "no, or leave the line out for no [sop.invalid_step_field]"
            ),
            with_guide(
                f"{X}:{line_of(DEFECTS, '{step} Close')}: WARNING: step STEP_T_CLOSE has "
                "':qa_weight: 2.5', which the build cannot use: write a whole number from 0 to 10, "
                "or leave the line out for 1 [sop.invalid_step_field]"
            ),
            with_guide(
                f"{X}:{line_of(DEFECTS, '{role} Night agent')}: WARNING: role ROLE_NIGHT_AGENT has "
                "':agent_facing: sometimes', which the build cannot use: write one of yes, no "
                "[sop.invalid_entry_field]"
            ),
            with_guide(
                f"{X}:{line_of(DEFECTS, '{role} Chat agent')}: WARNING: role ROLE_CHAT_AGENT has "
                "no ':agent_facing:' line (whether the role takes the calls QA scores: its steps "
                "are the lines of the QA scorecards): add ':agent_facing: <yes or no>' "
                "[sop.missing_entry_field]"
            ),
        ]
    )
    assert lines_of(built, "SOP-T-001") == [
        (1, "STEP_T_ANSWER", "1", "Agent: Answer the call", 1, False),
        (2, "STEP_T_CLOSE", "2", "Agent: Close the call", 1, False),
    ], "a value the build cannot use counts as the default"
    sheet = read_csv(Path(built.app.outdir) / "scorecards" / "SOP-T-001-calibration.csv")
    assert sheet[0][-4:] == ["Analyst 1", "Analyst 2", "Analyst 3", "Agreed"]


def test_the_real_complaint_scorecard_has_the_agents_steps(library):
    assert lines_of(library, "SOP-CC-003") == [
        (1, "STEP_CMP_LISTEN", "1", "The agent lets the customer finish, acknowledges and "
         "apologises without admitting fault, and opens a Complaint case during the call.", 3,
         True),
        (2, "STEP_CMP_RESOLVE", "2", "The agent offers a remedy within their authority and "
         "applies it before the call ends, or hands the call to the team leader.", 3, False),
        (3, "STEP_CMP_CONFIRM", "5", "The agent gives the case reference and says the outcome "
         "will be confirmed in writing within one business day.", 2, False),
    ]  # fmt: skip


def test_the_real_compliance_steps_are_critical(library):
    critical = {
        sop: [line[1] for line in lines_of(library, sop) if line[5]]
        for sop in ("SOP-CC-003", "SOP-CC-004", "SOP-CC-010", "SOP-CC-011", "SOP-CC-018")
    }
    assert critical == {
        "SOP-CC-003": ["STEP_CMP_LISTEN"],
        "SOP-CC-004": ["STEP_IDV_ASK", "STEP_IDV_THIRD_PARTY", "STEP_IDV_CHECK", "STEP_IDV_FAIL"],
        "SOP-CC-010": ["STEP_REC_DISCLOSE"],
        "SOP-CC-011": ["STEP_PAY_VERIFY", "STEP_PAY_PAUSE", "STEP_PAY_KEY", "STEP_PAY_CODE",
                       "STEP_PAY_RECORD"],
        "SOP-CC-018": ["STEP_HO_VERIFY"],
    }  # fmt: skip


#: The SOPs of the library whose steps no agent-facing role carries out.
NOTHING_TO_SCORE = ["SOP-CC-012", "SOP-CC-013", "SOP-CC-014", "SOP-CC-016", "SOP-CC-020"]


def test_every_sop_with_something_to_score_has_a_scorecard_in_the_view(library):
    html = library.page("views/scorecards")
    for record in sop_records(library.app.env).values():
        sop_id = record.meta["id"]
        listed = f'href="../scorecards/{sop_id}.html"' in html
        assert listed == (sop_id not in NOTHING_TO_SCORE), sop_id
        if listed:
            data = json.loads(out(library, f"scorecards/{sop_id}.json").read_text("utf-8"))
            assert data["total_weight"] > 0, sop_id
    folder = out(library, "scorecards")
    assert not [
        path.name for path in folder.iterdir() if path.stem.startswith(tuple(NOTHING_TO_SCORE))
    ]
    text = text_of(html)
    assert text[text.index("No scorecard") :].startswith(
        "No scorecard No step of these SOPs that an agent-facing role carries out has a weight, "
        "so a call has nothing to be scored on: SOP-CC-012 "
    )


def test_a_scorecard_s_files_give_the_title_as_written(library):
    """The page's title has Sphinx's typographic apostrophe; the data has the front matter's."""
    data = json.loads(out(library, "scorecards/SOP-CC-004.json").read_text("utf-8"))
    exported = json.loads(out(library, "library.json").read_text("utf-8"))
    assert data["title"] == exported["sops"]["SOP-CC-004"]["meta"]["title"]
    assert data["title"] == "Verifying the caller's identity"


NOTHING = replace(
    replace(SIMPLE, ":responsible: ROLE_AGENT", ":responsible: ROLE_TEAM_LEADER"),
    ":id: STEP_T_CLOSE\n",
    ":id: STEP_T_CLOSE\n:qa_weight: 0\n:qa_critical: yes\n",
)


def test_an_sop_with_nothing_to_score_has_no_scorecard(build_project):
    """Its one line weighs nothing: the score, a share of the weight, could not be worked out."""
    pages = {name: FILES[name] for name in ("views/scorecards.md", "index.md")}
    built = build_project({X: NOTHING, **pages})
    assert built.lines == []
    assert not out(built, "scorecards").exists()
    assert "scorecards/SOP-T-001.html" not in built.page("sops/area/x"), "no link to it"
    view = text_of(built.page("views/scorecards"))
    assert "No scorecard" in view and "SOP-T-001 Answering a test call" in view
    assert "In force" not in view


def test_an_sop_links_to_its_scorecard_once_a_role_of_its_steps_is_agent_facing(tmp_path):
    pages = {name: FILES[name] for name in ("views/scorecards.md", "index.md")}
    srcdir, outdir = write_project(tmp_path / "project", {X: NOTHING, **pages}), tmp_path / "build"
    assert build(srcdir, outdir).lines == []
    roles = srcdir / "sops" / "catalog" / "roles.md"
    text = roles.read_text(encoding="utf-8")
    leader = text.index(":id: ROLE_TEAM_LEADER")
    touch(
        roles, text[:leader] + text[leader:].replace(":agent_facing: no", ":agent_facing: yes", 1)
    )
    rebuilt = build(srcdir, outdir)
    assert rebuilt.lines == []
    assert lines_of(rebuilt, "SOP-T-001")[0][1:5] == (
        "STEP_T_ANSWER", "1", "Team leader: Answer the call", 1
    )  # fmt: skip
    assert 'href="../../scorecards/SOP-T-001.html">QA scorecard</a>' in rebuilt.page("sops/area/x")


def test_a_translated_scorecard_gives_the_title_as_its_catalog_translates_it(tmp_path):
    sop = replace(SIMPLE, "title: Answering a test call", "title: The caller's call")
    catalog = tmp_path / "project" / "locales" / "hu" / "LC_MESSAGES" / "sops" / "area" / "x.po"
    catalog.parent.mkdir(parents=True)
    catalog.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "The caller\'s call"\nmsgstr "A hívó \'fontos\' hívása"\n',
        encoding="utf-8",
    )
    edition = {"language": "hu", "sop_source_language": "en"}
    built = build(write_project(tmp_path / "project", {X: sop}), confoverrides=edition)
    assert built.lines == []
    assert "<h1>A hívó «fontos» hívása<" in built.page("sops/area/x"), "the page's typography"
    data = json.loads(out(built, "scorecards/SOP-T-001.json").read_text(encoding="utf-8"))
    assert data["title"] == "A hívó 'fontos' hívása"
