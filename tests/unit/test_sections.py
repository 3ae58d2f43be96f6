"""The required sections without Sphinx: titles compared, the order checked, the setting read."""

from __future__ import annotations

import pytest
import sphinx.config

from soplib.checks.structure import check_placeholders, check_sections
from soplib.model.outline import Outline, Part, Step, section_texts
from soplib.model.problems import Problem
from soplib.model.settings import SettingsError, normalise_title, section_spec


class Config(sphinx.config.Config):
    """Just the settings section_spec reads."""

    def __init__(self, sections, procedure="Procedure", language="en"):
        super().__init__()
        self.sop_sections = sections
        self.sop_procedure_section = procedure
        self.language = language


SPEC = section_spec(Config([{"title": t} for t in ("Purpose", "Scope", "Procedure", "Training")]))


@pytest.mark.parametrize(
    ("title", "canonical"),
    [
        ("Purpose", "purpose"),
        ("1. Purpose", "purpose"),
        ("2) Scope:", "scope"),
        ("IV. Procedure", "procedure"),
        ("  Review   and approval ", "review and approval"),
        ("ÂMBITO", "âmbito"),
    ],
)
def test_normalise_title(title, canonical):
    assert normalise_title(title) == canonical


def outline(*titles: str) -> Outline:
    return Outline(
        [
            Part(
                t,
                line,
                2,
                has_text=True,
                steps=[Step("STEP_X", line + 1)] if t == "Procedure" else [],
            )
            for line, t in enumerate(titles, start=10)
        ]
    )


def test_sections_in_order_are_fine():
    assert (
        list(check_sections(outline("Purpose", "Scope", "Procedure", "Training"), SPEC, "SOP-T-1"))
        == []
    )


def test_order_flags_the_fewest_sections():
    found = check_sections(outline("Training", "Purpose", "Scope", "Procedure"), SPEC, "S")
    assert [(f.line, f.problem, f.message.split(":")[1].strip()) for f in found] == [
        (
            10,
            Problem.SECTION_ORDER,
            "move it after 'Procedure' (the order is Purpose, Scope, Procedure, Training)",
        )
    ]


def test_a_section_moved_to_the_front_is_the_one_flagged():
    found = check_sections(outline("Procedure", "Purpose", "Scope", "Training"), SPEC, "S")
    assert [(f.line, f.problem) for f in found] == [(10, Problem.SECTION_ORDER)]


@pytest.mark.parametrize(
    ("sections", "error"),
    [
        ([], "sop_sections is empty: list the required sections in conf.py"),
        (["Purpose"], "sop_sections entry 1 must be a dict with a 'title' string, not 'Purpose'"),
        (
            [{"title": "Purpose", "alias": ["Cél"]}],
            "sop_sections entry 1 has unknown keys ['alias']: use title, titles, aliases, hint",
        ),
        (
            [{"title": "Purpose", "aliases": "Cél"}],
            "sop_sections entry 1: 'aliases' must be a list of strings",
        ),
        (
            [{"title": "Purpose", "titles": ["Cél"]}],
            'sop_sections entry 1: \'titles\' must map a language to the title, like {"hu": "Cél"}',
        ),
        (
            [{"title": "Purpose"}, {"title": "Aim", "aliases": ["purpose"]}],
            "sop_sections entry 2: 'purpose' already names the section 'Purpose'",
        ),
        (
            [{"title": "Purpose"}],
            "sop_procedure_section 'Procedure' is not one of the titles in sop_sections: Purpose",
        ),
    ],
)
def test_bad_section_settings_say_what_is_wrong(sections, error):
    with pytest.raises(SettingsError) as raised:
        section_spec(Config(sections))
    assert str(raised.value) == error


TITLED = [{"title": "Purpose", "titles": {"hu": "Cél", "pt": "Objetivo"}},
          {"title": "Procedure", "titles": {"hu": "Eljárások"}}]  # fmt: skip


@pytest.mark.parametrize(
    ("language", "names"),
    [
        ("en", ["Purpose", "Procedure"]),
        ("hu", ["Cél", "Eljárások"]),
        ("pt_PT", ["Objetivo", "Procedure"]),
    ],  # fmt: skip
)
def test_a_section_is_named_in_the_library_language(language, names):
    spec = section_spec(Config(TITLED, language=language))
    assert [spec.name(title) for title in spec.titles] == names
    assert spec.canonical("2. Eljárások:") == "Procedure", "every language's title is accepted"


def test_a_message_names_the_section_in_the_library_language():
    spec = section_spec(Config(TITLED, language="hu"))
    found = check_sections(outline("Eljárások"), spec, "SOP-X-001")
    assert [f.message for f in found if f.problem is Problem.MISSING_SECTION] == [
        "SOP SOP-X-001 has no 'Cél' section: add '## Cél' before '## Eljárások'"
    ]


def test_guidance_is_found_whatever_the_language_of_its_capital():
    lines = ["<Új lépés>", "<Âmbito da chamada>", "<br> and <https://example.org>", "<a>"]
    found = check_placeholders(lines, 0, "SOP-X-001")
    assert [(f.line, f.message.split(" still has the guidance ")[1].split(":")[0])
            for f in found] == [(1, "<Új lépés>"), (2, "<Âmbito da chamada>")]  # fmt: skip


def test_a_page_of_no_section_has_no_section_text():
    # Found by the robustness test (tests/fuzz): a page cut before its first heading.
    assert section_texts(Outline(), SPEC, ["---", "id: SOP-T-001", "---"]) == {}


HUNGARIAN = section_spec(
    Config(
        [
            {"title": "Performance metrics", "titles": {"hu": "Teljesítménymérések"}},
            {"title": "Training", "titles": {"hu": "Képzés"}},
            {"title": "Procedure", "titles": {"hu": "Eljárások"}},
            {"title": "Circle", "titles": {"hu": "Kör"}},
            {"title": "Age", "titles": {"hu": "Kor"}},
        ],
        language="hu",
    )
)


@pytest.mark.parametrize(
    ("heading", "canonical"),
    [
        ("Teljesitmenymeresek", "Performance metrics"),  # typed without accents
        ("5. Teljesítmenymeresek:", "Performance metrics"),  # some of them
        ("KEPZES", "Training"),
        ("Kor", "Age"),  # written as it is: that section, not the other
        ("Kőr", None),  # could be either: neither
        ("Kepzesek", None),  # another word
    ],
)
def test_a_title_typed_without_its_accents_is_the_section_unless_it_could_be_two(
    heading, canonical
):
    assert HUNGARIAN.canonical(heading) == canonical
    assert HUNGARIAN.name("Training") == "Képzés"


@pytest.mark.parametrize(
    ("title", "language", "name"),
    [
        ("Purpose", "hu", "Cél"),
        ("Purpose", "pt_PT", "Objetivo"),  # the language without its country
        ("Purpose", "pt_BR", "Finalidade"),  # the country's own title first
        ("Procedure", "pt", "Procedure"),  # no title in that language
        ("Purpose", None, "Purpose"),  # the library's language
        ("Scope", "hu", "Scope"),  # no such section
    ],
)
def test_a_section_is_named_in_the_language_of_an_sop_written_in_another(title, language, name):
    titled = [{"title": "Purpose", "titles": {"hu": "Cél", "pt": "Objetivo",
                                               "pt_BR": "Finalidade"}},
              {"title": "Procedure", "titles": {"hu": "Eljárások"}}]  # fmt: skip
    assert section_spec(Config(titled, language="en")).name(title, language) == name
