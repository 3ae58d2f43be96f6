"""The settings of the SOP library, declared once and registered in a loop.

The required sections are configuration (``sop_sections`` in ``conf.py``); they are
read once per build into a :class:`SectionSpec`, which the checks use. A setting that
cannot be used is a ``sop.config`` warning that says why, not a traceback.
"""

from __future__ import annotations

import ast
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from sphinx.application import Sphinx
from sphinx.config import Config

from .dates import parse_date
from .i18n import N_, author_language, say
from .problems import Finding, Problem, report, report_in_file
from .store import Slot

DEFAULT_ID_PATTERN = r"^SOP-[A-Z]+-\d{3,}$"
#: The HTML tags a page may use when conf.py does not say (sop_allowed_html): harmless
#: inline tags, for keys, subscripts and superscripts, and a line break.
DEFAULT_ALLOWED_HTML = ("br", "kbd", "sub", "sup")
#: Tags never published, even when sop_allowed_html lists them: they run code, load
#: other pages or plug-ins into the page, send what a reader types elsewhere, or change
#: the whole page (its styles, its address, its head).
NEVER_ALLOWED_HTML = frozenset(
    {
        *("script", "noscript", "template", "style", "link", "meta", "base", "title"),
        *("html", "head", "body", "iframe", "frame", "frameset", "noframes", "object"),
        *("embed", "noembed", "applet", "portal", "form", "input", "button", "textarea"),
        *("select", "option", "optgroup", "datalist", "keygen", "isindex", "svg", "math"),
        *("xmp", "plaintext", "listing", "image"),
    }
)
#: The columns of analysts a QA calibration sheet has, unless conf.py says, and at most.
DEFAULT_ANALYSTS, MOST_ANALYSTS = 3, 12
#: The shape of a tag's name: letters and digits, parts joined by '-'.
TAG_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class Setting(NamedTuple):
    name: str
    default: Any
    types: tuple[type, ...]
    description: str


SETTINGS = (
    Setting("sop_root", "sops", (str,), "The folder that holds the SOPs."),
    Setting(
        "sop_sections",
        [],
        (list,),
        "The required sections in order: dicts with 'title', 'titles' (by language), "
        "'aliases' and 'hint'.",
    ),
    Setting(
        "sop_procedure_section",
        "Procedure",
        (str,),
        "The title of the required section that holds the steps.",
    ),
    Setting(
        "sop_review_grace_days",
        0,
        (int,),
        "Days an SOP may be past its next review before the build fails.",
    ),
    Setting(
        "sop_live_reload",
        "",
        (str,),
        "The address (host:port) of make serve's preview server, whose reload script "
        "the pages then allow (soplib.site.csp); empty, as for the published site: none.",
    ),
    Setting(
        "sop_today",
        "",
        (str,),
        "The date reviews are checked against, YYYY-MM-DD; empty: the day of the build.",
    ),
    Setting(
        "sop_whats_new_days",
        30,
        (int,),
        "How many days back the What's new pages, their feeds and the notes on changed "
        "SOP pages reach: a change committed on or after that many days before today.",
    ),
    Setting(
        "sop_checks",
        True,
        (bool,),
        "Whether the library's own checks run; off only to measure what they cost "
        "(make bench): the site is the same, the sop.* warnings are not looked for.",
    ),
    Setting(
        "sop_translations",
        [],
        (list,),
        "The languages the library is published in besides its own, such as ['hu', 'pt']: "
        "make html builds an edition of each from locales/<language>/.",
    ),
    Setting(
        "sop_source_language",
        "",
        (str,),
        "The library's own language, when this build is one of its translated editions "
        "(make html sets it); empty: this build is the library in its own language.",
    ),
    Setting(
        "sop_translation_grace_days",
        30,
        (int,),
        "Days an approved SOP's translation may be behind its source before the build fails.",
    ),
    Setting(
        "sop_id_pattern",
        DEFAULT_ID_PATTERN,
        (str,),
        "A regular expression every SOP id matches.",
    ),
    Setting(
        "sop_allowed_html",
        list(DEFAULT_ALLOWED_HTML),
        (list, tuple),
        "The HTML tags a page may use, such as ['br', 'kbd', 'sub', 'sup']: any other raw "
        "HTML is a sop.raw_html warning and is shown as text. Never script, style, iframe, "
        "form and the like (NEVER_ALLOWED_HTML), nor on... or style attributes.",
    ),
    Setting(
        "sop_unpublished",
        [],
        (list, tuple),
        "The statuses whose SOPs are left out of the site altogether, such as ['draft'] "
        "or ['draft', 'in-review']; empty: every SOP is published, those not in force "
        "marked so.",
    ),
    Setting(
        "sop_kpi_folder",
        "data/kpi",
        (str,),
        "The folder, in the project, of the KPI figures: CSV files with the columns period, "
        "metric, value and optionally team and site (soplib.model.kpi_csv).",
    ),
    Setting(
        "sop_kpi_review_periods",
        3,
        (int,),
        "How many months in a row a metric may miss its threshold before the SOPs in force "
        "whose steps it measures are flagged for review.",
    ),
    Setting(
        "sop_kpi_review_warning",
        False,
        (bool,),
        "Whether an SOP flagged for review by its metrics is also a sop.kpi_review warning "
        "(which fails make html).",
    ),
    Setting(
        "sop_kpi_sample",
        False,
        (bool,),
        "Whether the KPI figures are sample data (make kpi-sample), not the operation's: "
        "every place that shows them says so.",
    ),
    Setting(
        "sop_calibration_analysts",
        DEFAULT_ANALYSTS,
        (int,),
        "How many analysts the calibration sheet of each QA scorecard has a column for "
        f"(1 to {MOST_ANALYSTS}).",
    ),
)
#: The statuses sop_unpublished may name: an approved SOP is always published.
UNPUBLISHABLE = ("draft", "in-review", "retired")


def normalise_title(title: str) -> str:
    """The form in which section titles are compared: '2. Scope:' is 'scope'."""
    title = unicodedata.normalize("NFC", title).casefold()
    title = re.sub(r"^\s*(\d+(\.\d+)*[.)]?|[ivx]+[.)])\s+", "", title)
    return " ".join(title.rstrip(" :").split())


def without_accents(title: str) -> str:
    """A normalised title as it is typed without the language's keyboard:
    'teljesítménymérések' is 'teljesitmenymeresek'."""
    return "".join(c for c in unicodedata.normalize("NFD", title) if not unicodedata.combining(c))


@dataclass(frozen=True)
class SectionSpec:
    """The required sections: canonical titles in order, their aliases and hints, and the
    name of each in the library's language (what an author is told to write)."""

    titles: tuple[str, ...]
    hints: dict[str, str]
    procedure: str
    _canonical: dict[str, str]
    names: dict[str, str]
    #: Each section's title by language, as sop_sections gives them.
    translated: dict[str, dict[str, str]]

    def name(self, title: str, language: str | None = None) -> str:
        """A section's title in the library's language, or in language (that of an SOP
        written in another) when sop_sections gives it."""
        titles = self.translated.get(title, {})
        if language and (name := titles.get(language) or titles.get(language.partition("_")[0])):
            return name
        return self.names.get(title, title)

    def canonical(self, title: str) -> str | None:
        """The canonical title a heading stands for, or None if it is no required section.
        A title typed without its accents is the title ('Teljesitmenymeresek'), unless it
        could be two."""
        key = normalise_title(title)
        if key in self._canonical:
            return self._canonical[key]
        unaccented = {
            canonical
            for spelling, canonical in self._canonical.items()
            if without_accents(spelling) == without_accents(key)
        }
        return unaccented.pop() if len(unaccented) == 1 else None

    def spellings(self) -> dict[str, str]:
        """Every accepted spelling, normalised, with the canonical title it stands for."""
        return dict(self._canonical)


class SettingsError(ValueError):
    """A setting that cannot be used; the message says which and why."""


def section_spec(config: Config) -> SectionSpec:
    """Read ``sop_sections``; a malformed entry raises SettingsError saying why."""
    entries = config.sop_sections
    if not entries:
        raise SettingsError(say("sop_sections is empty: list the required sections in conf.py"))
    titles: list[str] = []
    hints: dict[str, str] = {}
    canonical: dict[str, str] = {}
    names: dict[str, str] = {}
    translations: dict[str, dict[str, str]] = {}
    language = author_language(config)
    base_language = language.partition("_")[0]
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not isinstance(entry.get("title"), str):
            raise SettingsError(
                say(
                    "sop_sections entry %(number)d must be a dict with a 'title' string, not "
                    "%(entry)s",
                    number=number,
                    entry=repr(entry),
                )
            )
        unknown = set(entry) - {"title", "titles", "aliases", "hint"}
        if unknown:
            raise SettingsError(
                say(
                    "sop_sections entry %(number)d has unknown keys %(keys)s: use title, "
                    "titles, aliases, hint",
                    number=number,
                    keys=sorted(unknown),
                )
            )
        aliases = entry.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise SettingsError(
                say(
                    "sop_sections entry %(number)d: 'aliases' must be a list of strings",
                    number=number,
                )
            )
        translated = entry.get("titles", {})
        if not isinstance(translated, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in translated.items()
        ):
            raise SettingsError(
                say(
                    "sop_sections entry %(number)d: 'titles' must map a language to the "
                    'title, like {"hu": "Cél"}',
                    number=number,
                )
            )
        title: str = entry["title"]
        titles.append(title)
        hints[title] = str(entry.get("hint", ""))
        names[title] = str(translated.get(language) or translated.get(base_language) or title)
        translations[title] = dict(translated)
        for spelling in [title, *translated.values(), *aliases]:
            key = normalise_title(spelling)
            if canonical.setdefault(key, title) != title:
                raise SettingsError(
                    say(
                        "sop_sections entry %(number)d: %(spelling)s already names the "
                        "section %(section)s",
                        number=number,
                        spelling=repr(spelling),
                        section=repr(canonical[key]),
                    )
                )
    if config.sop_procedure_section not in titles:
        raise SettingsError(
            say(
                "sop_procedure_section %(section)s is not one of the titles in sop_sections: "
                "%(titles)s",
                section=repr(config.sop_procedure_section),
                titles=", ".join(titles),
            )
        )
    return SectionSpec(
        tuple(titles), hints, config.sop_procedure_section, canonical, names, translations
    )


#: The required sections of this build; None when sop_sections cannot be used.
SECTIONS: Slot[SectionSpec | None] = Slot("sop_section_spec", lambda: None)


def sections(app: Sphinx) -> SectionSpec | None:
    """The required sections, as read at the start of the build (None: they are not
    checked, the setting being reported as sop.config)."""
    return SECTIONS.of(app)


def read_settings(app: Sphinx, config: Config) -> None:
    """Read the settings once per build; report what cannot be used."""
    wrong = check_types(app, config)
    SECTIONS.set(app, None)
    try:
        if "sop_sections" not in wrong:  # no sections to check against: said once
            SECTIONS.set(app, section_spec(config))
    except SettingsError as error:
        report_setting(app, "sop_sections", str(error))
    if config.sop_today and parse_date(config.sop_today) is None:
        report_setting(
            app,
            "sop_today",
            say(
                "sop_today %(value)s is not a date: write it as YYYY-MM-DD, or leave "
                "it empty for the day of the build",
                value=repr(config.sop_today),
            ),
        )
        config.sop_today = ""
    if config.sop_live_reload and not re.fullmatch(r"[\w.-]+:\d+", config.sop_live_reload):
        report_setting(
            app,
            "sop_live_reload",
            say(
                "sop_live_reload %(value)r is not the address of the preview server, "
                "host:port such as 127.0.0.1:8000: make serve sets it; the pages will not "
                "reload by themselves",
                value=config.sop_live_reload,
            ),
        )
        config.sop_live_reload = ""
    try:
        re.compile(config.sop_id_pattern)
    except re.error as error:
        # Translators: error is Python's own description, in English.
        report_setting(
            app,
            "sop_id_pattern",
            say(
                "sop_id_pattern is not a valid regular expression (%(error)s); the default is used",
                error=error,
            ),
        )
        config.sop_id_pattern = DEFAULT_ID_PATTERN
    tags, problems = allowed_html(config.sop_allowed_html)
    for problem in problems:
        report_setting(app, "sop_allowed_html", problem)
    config.sop_allowed_html = tags
    unpublished = config.sop_unpublished
    if not isinstance(unpublished, list | tuple) or any(
        s not in UNPUBLISHABLE for s in unpublished
    ):
        report_setting(
            app,
            "sop_unpublished",
            say(
                "sop_unpublished %(value)s can name only the statuses %(statuses)s "
                "(an approved SOP is always published); every SOP is published",
                value=repr(unpublished),
                statuses=", ".join(UNPUBLISHABLE),
            ),
        )
        config.sop_unpublished = []
    periods = config.sop_kpi_review_periods
    if type(periods) is not int or periods < 1:
        report_setting(
            app,
            "sop_kpi_review_periods",
            say(
                "sop_kpi_review_periods %(value)s is not a number of months of 1 or "
                "more; 3 are used",
                value=repr(periods),
            ),
        )
        config.sop_kpi_review_periods = 3
    analysts = config.sop_calibration_analysts
    if type(analysts) is not int or not 1 <= analysts <= MOST_ANALYSTS:
        report_setting(
            app,
            "sop_calibration_analysts",
            say(
                "sop_calibration_analysts %(value)s is not a number of analysts from 1 "
                "to %(most)d; %(default)d are used",
                value=repr(analysts),
                most=MOST_ANALYSTS,
                default=DEFAULT_ANALYSTS,
            ),
        )
        config.sop_calibration_analysts = DEFAULT_ANALYSTS


def allowed_html(value: object) -> tuple[list[str], list[str]]:
    """The tags of ``sop_allowed_html`` that can be allowed, in lower case, and what is
    wrong with the setting: an entry that is no tag name, or names a tag never allowed,
    is left out; a value that is no list of names leaves the default."""
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        return list(DEFAULT_ALLOWED_HTML), [
            say(
                "sop_allowed_html must be a list of tag names, such as %(default)s, not "
                "%(value)s; the default is used",
                default=repr(list(DEFAULT_ALLOWED_HTML)),
                value=repr(value),
            )
        ]
    tags: list[str] = []
    problems = []
    for entry in value:
        tag = entry.strip().lower()
        if not TAG_NAME.match(tag):
            problems.append(
                say(
                    "sop_allowed_html: %(entry)s is not the name of an HTML tag: write the name "
                    "alone, like 'kbd'",
                    entry=repr(entry),
                )
            )
        elif tag in NEVER_ALLOWED_HTML:
            problems.append(
                say(
                    "sop_allowed_html lists %(entry)s, which is never allowed: it could run code "
                    "in every reader's browser or change the whole page; remove it",
                    entry=repr(entry),
                )
            )
        elif tag not in tags:
            tags.append(tag)
    return tags, problems


def report_setting(app: Sphinx, name: str, message: str) -> None:
    """Report a setting that cannot be used, at its line of conf.py (or naming conf.py,
    when it is not set there, or set again by ``-D``)."""
    conf = Path(app.confdir) / "conf.py"
    line = 0 if name in app.config.overrides else assignment_line(conf, name)
    if line:
        report_in_file(Finding(line, Problem.CONFIG, message), conf)
    else:
        report(Finding(0, Problem.CONFIG, f"conf.py: {message}"), None)


def assignment_line(conf: Path, name: str) -> int:
    """The line of conf.py that sets name last, or 0."""
    try:
        tree = ast.parse(conf.read_text(encoding="utf-8"))
    except (OSError, SyntaxError, ValueError):
        return 0
    lines = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name) and target.id == name
    ]
    return max(lines, default=0)


#: What a setting's type is called in a message.
TYPE_NAMES = {
    str: N_("text in quotes"),
    int: N_("a whole number"),
    bool: N_("True or False"),
    list: N_("a list in brackets"),
    tuple: N_("a list in brackets"),
}


def of_type(value: object, types: tuple[type, ...]) -> bool:
    """Whether value is of one of types (True and False are no whole numbers)."""
    if isinstance(value, bool):
        return bool in types
    return isinstance(value, types)


def check_types(app: Sphinx, config: Config) -> set[str]:
    """Each setting of the wrong type is reported, and its default used; their names."""
    wrong = set()
    for setting in SETTINGS:
        value = getattr(config, setting.name)
        if of_type(value, setting.types):
            continue
        report_setting(
            app,
            setting.name,
            say(
                "%(setting)s %(value)s is not %(wanted)s; the default, %(default)s, is used",
                setting=setting.name,
                value=repr(value),
                wanted=say(TYPE_NAMES[setting.types[0]]),
                default=repr(setting.default),
            ),
        )
        setattr(config, setting.name, setting.default)
        wrong.add(setting.name)
    return wrong


def setup(app: Sphinx) -> None:
    for setting in SETTINGS:
        app.add_config_value(
            setting.name, setting.default, "env", setting.types, setting.description
        )
    app.connect("config-inited", read_settings)
