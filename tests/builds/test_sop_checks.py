"""Each structure check, built on a small project with that one defect.

Every case asserts the exact located message, with its [sop.<subtype>] suffix, and that
no other sop warning appears.
"""

from __future__ import annotations

import pytest

from samples import FLOWCHART, HIERARCHICAL, SIMPLE, line_of, replace
from samples.defects import CASES, CLOSE_STEP, X, with_guide
from support.projects import build, write_project


@pytest.mark.parametrize(("files", "expected"), CASES)
def test_defect_is_reported_where_it_is(build_project, files, expected):
    build = build_project(files)
    assert build.warnings_of("sop.") == expected
    # warnings, not a crash: every page is written
    for name in files:
        if name.endswith(".md"):
            assert (build.app.outdir / name).with_suffix(".html").is_file(), name


def test_duplicate_sop_id_names_the_other_file(build_project):
    other = replace(FLOWCHART, "id: SOP-T-003", "id: SOP-T-001")
    build = build_project({X: SIMPLE, "sops/area/y.md": other})
    assert build.warnings_of("sop.") == [
        with_guide(
            "sops/area/y.md:2: WARNING: SOP id SOP-T-001 is already used by sops/area/x.md: give "
            "this SOP a new id [sop.duplicate_id]"
        )
    ]


def test_step_in_a_page_that_is_no_sop(build_project):
    notes = "# Notes\n\n" + CLOSE_STEP
    build = build_project({X: replace(SIMPLE, CLOSE_STEP, ""), "sops/area/notes.md": notes})
    assert build.warnings_of("sop.") == [
        with_guide(
            "sops/area/notes.md:3: WARNING: step STEP_T_CLOSE is in a page that is not an SOP: "
            "move it into the Procedure section of an SOP [sop.step_outside_sop]"
        )
    ]


@pytest.mark.parametrize(
    "sample", [SIMPLE, HIERARCHICAL, FLOWCHART], ids=["simple", "hierarchical", "flowchart"]
)
def test_each_format_sample_builds_clean(build_project, sample):
    build = build_project({X: sample})
    assert build.lines == []


PORTUGUESE = [
    ("Purpose", "Objectivo"),
    ("Scope", "Âmbito"),
    ("Responsibilities", "Responsabilidades"),
    ("Procedure", "Passos"),
    ("Performance metrics", "Métricas de desempenho"),
    ("Documentation and records", "Documentação e registos"),
    ("Training", "Formação"),
    ("References", "Referências"),
    ("Review and approval", "Revisão e aprovação"),
]
HUNGARIAN = [
    ("Purpose", "Cél"),
    ("Scope", "Hatály"),
    ("Responsibilities", "Felelősség"),
    ("Procedure", "Eljárások"),
    ("Performance metrics", "Teljesítménymérések"),
    ("Documentation and records", "Dokumentáció"),
    ("Training", "Képzés"),
    ("References", "Hivatkozások"),
    ("Review and approval", "Felülvizsgálat és jóváhagyás"),
]


@pytest.mark.parametrize("titles", [PORTUGUESE, HUNGARIAN], ids=["portuguese", "hungarian"])
def test_seed_language_titles_are_the_required_sections(build_project, titles):
    text = SIMPLE
    for english, local in titles:
        text = replace(text, f"## {english}\n", f"## {local}\n")
    build = build_project({X: text})
    assert build.lines == []


def test_numbered_titles_with_colons_are_recognised(build_project):
    text = replace(
        replace(SIMPLE, "## Purpose\n", "## 1. Purpose\n"), "## Scope\n", "## 2) scope:\n"
    )
    assert build_project({X: text}).lines == []


def test_a_page_without_sop_front_matter_is_not_checked(build_project):
    build = build_project({X: SIMPLE, "sops/area/notes.md": "# Notes\n\nNothing required.\n"})
    assert build.lines == []


BAD_SECTIONS = [{"title": "Purpose"}, {"title": "Procedure", "alias": ["Passos"]}]


def test_unusable_sections_setting_is_reported_not_a_traceback(build_project):
    build = build_project({X: SIMPLE}, confoverrides={"sop_sections": BAD_SECTIONS})
    assert build.lines == [
        with_guide(
            "WARNING: conf.py: sop_sections entry 2 has unknown keys ['alias']: use title, "
            "titles, aliases, hint [sop.config]"
        )
    ]


def test_unusable_id_pattern_falls_back_to_the_default(build_project):
    text = replace(SIMPLE, "id: SOP-T-001", "id: T1")
    build = build_project({X: text}, confoverrides={"sop_id_pattern": "^SOP-(["})
    assert build.lines == [
        with_guide(
            "WARNING: conf.py: sop_id_pattern is not a valid regular expression (unterminated "
            "character set at position 6); the default is used [sop.config]"
        ),
        with_guide(
            f"{X}:2: WARNING: id 'T1' does not match ^SOP-[A-Z]+-\\d{{3,}}$: write it like "
            "SOP-CC-001 [sop.invalid_id]"
        ),
    ]


def test_settings_warning_can_be_silenced(build_project):
    build = build_project(
        {X: SIMPLE},
        confoverrides={"sop_sections": BAD_SECTIONS, "suppress_warnings": ["sop.config"]},
    )
    assert build.lines == []


def test_a_page_saved_as_windows_1250_is_reported_at_its_byte_and_the_rest_is_checked(tmp_path):
    broken = replace(SIMPLE, "## Purpose\n", "## Purpose\n\nAz ügyfél panasza.\n")
    other = replace(SIMPLE, "SOP-T-001", "SOP-T-002").replace("STEP_T_", "STEP_U_")
    other = replace(other, "## Scope\n\nInbound calls on the test queue.\n\n", "")
    root = write_project(tmp_path / "lib", {X: "", "sops/area/y.md": other})
    (root / X).write_bytes(broken.encode("cp1250"))
    line = broken.splitlines().index("Az ügyfél panasza.") + 1
    built = build(root, freshenv=True)
    assert built.lines == [
        with_guide(
            f"{X}:{line}: WARNING: the file is not saved as UTF-8: byte 0xFC on line {line} is not "
            "a UTF-8 character (an editor set to Windows-1250 or Windows-1252 saves accented "
            "letters so); save the file as UTF-8 and write the letter again [sop.encoding]"
        ),
        with_guide(
            "sops/area/y.md:17: WARNING: SOP SOP-T-002 has no 'Scope' section: add '## Scope' "
            "before '## Responsibilities' [sop.missing_section]"
        ),
    ]


#: Scope sections that look written in the editor but give the reader nothing.
EMPTY_LOOKING = {
    "an_html_comment": "<!-- to do -->\n",
    "a_myst_comment": "% to do\n",
    "an_empty_list": "- \n- \n",
    "a_non_breaking_space": "&nbsp;\n",
    "an_empty_fence": "```\n```\n",
    "dots": "...\n",
    "a_lone_backslash": "\\\n",
    "an_empty_quote": ">\n",
}


def test_a_section_that_only_looks_written_is_empty(build_project):
    numbers = {name: number for number, name in enumerate(sorted(EMPTY_LOOKING), start=100)}
    pages = {
        f"sops/area/{name}.md": replace(
            replace(SIMPLE, "Inbound calls on the test queue.\n", EMPTY_LOOKING[name]),
            "SOP-T-001",
            f"SOP-T-{number}",
        ).replace("STEP_T_", f"STEP_T{number}_")
        for name, number in numbers.items()
    }
    build = build_project(pages)
    line = line_of(SIMPLE, "## Scope")
    assert build.warnings_of("sop.empty_section") == [
        with_guide(
            f"sops/area/{name}.md:{line}: WARNING: section 'Scope' of SOP SOP-T-{number} is empty: "
            "write which calls, teams, sites and channels it covers, and what it does not "
            "[sop.empty_section]"
        )
        for name, number in numbers.items()
    ]
