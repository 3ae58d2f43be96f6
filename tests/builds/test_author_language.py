"""A library written in Hungarian or Portuguese hears about its problems in its own
language, once each: ``make html`` builds the library and each translated edition, and
every build says each problem alike (in the library's language, naming the sections as
the library's SOPs write them), so its collection of the builds' problems lists it once.
"""

from __future__ import annotations

from pathlib import Path

from samples import line_of, replace
from soplib.tools.editions import build, editions, problems
from support.projects import REPO, write_project

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
X = "sops/area/x.md"
#: The address of the Authoring guide's page, as the library's build gives it.
GUIDE = "_build/html/views/authoring-guide.html"


def library(root: Path, language: str, sop: str) -> Path:
    """A library in language (with its sample catalogs and the SOP text given), published
    in the two other languages too, as make html builds it."""
    others = [other for other in ("en", "hu", "pt") if other != language]
    pages = {f"sops/catalog/{name}.md": (SAMPLES / language / f"{name}.md").read_text()
             for name in ("roles", "metrics", "trainings", "records")}  # fmt: skip
    pages[X] = sop
    write_project(root, pages)
    conf = (root / "conf.py").read_text(encoding="utf-8")
    conf = replace(conf, 'language = "en"', f'language = "{language}"')
    conf = replace(conf, 'sop_translations = ["hu", "pt"]', f"sop_translations = {others!r}")
    (root / "conf.py").write_text(conf, encoding="utf-8")
    (root / "_ext").symlink_to(REPO / "_ext")
    return root


def make_html_problems(root: Path) -> list[str]:
    """The problems make html lists after building every edition of the library."""
    source, translations = editions(root)
    languages = [source, *translations]
    for language in languages:
        build(root, root / "_build", ["-q"], source, language)
    return problems(root, root / "_build", languages)


def said(language: str, where: str, message: str, subtype: str) -> str:
    """A problem as make html lists it: located, in the language, with its guide entry."""
    see = {"hu": "lásd:", "pt": "ver"}[language]
    return f"{where}: {message} ({see} {GUIDE}#warning-{subtype}) [sop.{subtype}]"


def at(text: str, needle: str) -> str:
    return f"{X}:{line_of(text, needle)}"


HU = (SAMPLES / "hu" / "sop.md").read_text(encoding="utf-8")


def with_changes(text: str, changes: list[tuple[str, str]]) -> str:
    for old, new in changes:
        text = replace(text, old, new)
    return text


HU_BROKEN = with_changes(HU, [
    ("## Képzés\n\nHíváskezelési alapok.\n\n", ""),  # a section left out
    ("## Teljesítménymérések", "## Teljesitmenymeresek"),  # typed without accents: still it
    ("## Dokumentáció", "## Dokumentácio"),  # one accent left out: still it
    ("## Cél", "## Cé"),  # misspelt
    (":metrics: KPI_FCR", ":metric: KPI_FCR"),
    ("status: approved", "status: jóváhagyva"),
])  # fmt: skip


def test_a_hungarian_library_hears_of_its_problems_in_hungarian_once_each(tmp_path):
    root = library(tmp_path / "lib", "hu", HU_BROKEN)
    close = at(HU_BROKEN, "{step} A hívás lezárása")
    assert make_html_problems(root) == [
        said(
            "hu",
            at(HU_BROKEN, "status:"),
            "a(z) status mező értéke, 'jóváhagyva', nem állapot: ezek egyikét írja: draft, "
            "in-review, approved, retired",
            "unknown_status",
        ),
        said(
            "hu",
            at(HU_BROKEN, "## Cé"),
            "a(z) SOP-T-003 SOP-ból hiányzik a(z) 'Cél' szakasz: itt a '## Cél' címre gondolt? "
            "Javítsa erre a '## Cé' címet, vagy ha ez egy másik rész, vegye fel mellé a "
            "'## Cél' szakaszt is",
            "missing_section",
        ),
        said(
            "hu",
            close,
            "egy lépés nem kaphat ':metric:' sort, ezért ezt a sort a build figyelmen kívül "
            "hagyja: erre gondolt: ':metrics:'? Javítsa ki a nevét, vagy törölje a sort. Egy "
            "lépés ezeket kaphatja: :id:, :responsible:, :metrics:, :training:, :records:, "
            ":qa_check:, :qa_weight:, :qa_critical:",
            "unknown_option",
        ),
        said(
            "hu",
            close,
            "a(z) STEP_F_CLOSE lépésnek nincs ':metrics:' sora (a lépést mérő mérőszámok): írja "
            "be a ':metrics: KPI_...' sort egy mérőszám azonosítójával innen: "
            "sops/catalog/metrics.md",
            "missing_link",
        ),
        said(
            "hu",
            at(HU_BROKEN, "## Hivatkozások"),
            "a(z) SOP-T-003 SOP-ból hiányzik a(z) 'Képzés' szakasz: írja be a '## Képzés' "
            "címet a '## Hivatkozások' elé",
            "missing_section",
        ),
        *(
            said(
                "hu",
                f"sops/catalog/{page}.md:{line}",
                f"a(z) {entry} egyetlen lépésben sem szerepel: nevezze meg azoknak a "
                f"lépéseknek a(z) ':{field}:' sorában, amelyekhez tartozik, vagy törölje a "
                "katalógusból",
                "unused_entry",
            )
            for page, line, entry, field in [
                ("metrics", 11, "KPI_FCR mérőszám", "metrics"),
                ("roles", 9, "ROLE_TEAM_LEADER szerepkör", "responsible"),
                ("roles", 15, "ROLE_OPS_MANAGER szerepkör", "responsible"),
            ]
        ),
    ]


PT = (SAMPLES / "pt" / "sop.md").read_text(encoding="utf-8")
PT_BROKEN = with_changes(PT, [
    ("## Referências\n", "## Referencias\n"),  # typed without accents: still it
    ("## Formação\n", "## Formaçoes\n"),  # misspelt
    ("STEP_F_CLOSE[Encerrar]", "STEP_F_SMS[Encerrar]"),
    ("STEP_F_CLOSE --> DONE", "STEP_F_SMS --> DONE"),
])  # fmt: skip


def test_a_portuguese_library_hears_of_its_problems_in_portuguese_once_each(tmp_path):
    root = library(tmp_path / "lib", "pt", PT_BROKEN)
    assert make_html_problems(root) == [
        said(
            "pt",
            at(PT_BROKEN, "```mermaid"),
            "o passo STEP_F_CLOSE do SOP SOP-T-003 não está no fluxograma: acrescente uma "
            "caixa STEP_F_CLOSE[...] onde ele acontece",
            "flowchart_missing_step",
        ),
        said(
            "pt",
            at(PT_BROKEN, "D1 -- sim --> STEP_F_SMS"),
            "a caixa STEP_F_SMS não corresponde a nenhum passo do SOP SOP-T-003: será o "
            "STEP_F_CLOSE, que falta no fluxograma? Mude o nome da caixa para STEP_F_CLOSE, "
            "ou acrescente o passo STEP_F_SMS ao SOP",
            "flowchart_unknown_step",
        ),
        said(
            "pt",
            at(PT_BROKEN, "## Formaçoes"),
            "falta ao SOP SOP-T-003 a secção 'Formação': queria dizer '## Formação' aqui? "
            "Corrija este título '## Formaçoes', ou, se for outra parte, acrescente também "
            "'## Formação'",
            "missing_section",
        ),
        said(
            "pt",
            "sops/catalog/roles.md:9",
            "a entrada ROLE_TEAM_LEADER (função) não é indicada por nenhum passo: indique-a "
            "em ':responsible:' dos passos a que pertence, ou remova-a do catálogo",
            "unused_entry",
        ),
        said(
            "pt",
            "sops/catalog/roles.md:15",
            "a entrada ROLE_OPS_MANAGER (função) não é indicada por nenhum passo: indique-a "
            "em ':responsible:' dos passos a que pertence, ou remova-a do catálogo",
            "unused_entry",
        ),
    ]


def test_a_hungarian_library_hears_of_a_bad_kpi_figure_in_hungarian_once(tmp_path):
    root = library(tmp_path / "lib", "hu", HU)
    figures = root / "data" / "kpi" / "figures.csv"
    figures.parent.mkdir(parents=True)
    figures.write_text("period,metric,value\n2026-08,KPI_FCR,78.4\n2026-09,KPI_FRC,81%\n")
    where = "data/kpi/figures.csv:3"
    assert [problem for problem in make_html_problems(root) if "[sop.kpi" in problem] == [
        said(
            "hu",
            where,
            "a(z) 'KPI_FRC' nincs a katalógus mérőszámai között: erre gondolt: KPI_FCR? "
            "Javítsa ki az azonosítót, vagy ha új mérőszám, előbb vegye fel ide: "
            "sops/catalog/metrics.md",
            "kpi_unknown_metric",
        ),
        said(
            "hu",
            where,
            "a(z) '81%' érték nem szám: csak magát a számot írja be, a mérőszám "
            "mértékegységében, a tizedesjegyek előtt pontot használva, mértékegység és % jel "
            "nélkül, például 78.4 (vagy törölje a sort, ha nincs adat)",
            "kpi_value",
        ),
    ]
