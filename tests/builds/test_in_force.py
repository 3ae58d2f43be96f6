"""Only what is in force reaches agents: a draft, an SOP in review, one approved for a
later date and a retired one are built and marked so, kept off the role pages, the
matrices, the KPI catalog and the menus, and listed apart in the catalog."""

from __future__ import annotations

import re

import pytest

from samples import SIMPLE, replace
from samples.defects import made_unique, with_guide
from support.pages import row_of, text_of
from support.projects import Build, build, touch, write_project

X = "sops/area/x.md"

TODAY = "2026-11-23"
#: The SOPs of the library, by file name: their number and where each stands.
STANDINGS = {
    "in-force": (1, "status: approved"),
    "draft": (2, "status: draft"),
    "review": (3, "status: in-review"),
    "future": (4, "status: approved"),
    "retired": (5, "status: retired"),
}


def sop_id(name: str) -> str:
    return f"SOP-T-{STANDINGS[name][0]:02d}1"


def sop(name: str) -> str:
    number, status = STANDINGS[name]
    text = made_unique(replace(SIMPLE, "status: approved", status), number, name)
    text = replace(text, "title: Answering a test call", f"title: The {name} SOP")
    if name == "future":
        text = replace(text, "effective: 2026-09-01", "effective: 2026-12-01")
    # the steps not in force are the only ones to need the QA training
    return text if name == "in-force" else text.replace("TRN_CALL_HANDLING", "TRN_QA_EVALUATION")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("in-force")
    files = {f"sops/area/{name}.md": sop(name) for name in STANDINGS}
    files["views/catalog.md"] = "# SOP catalog\n\n```{sop-catalog}\n```\n"
    files["views/matrix.md"] = "# Training matrix\n\n```{sop-training-matrix}\n```\n"
    files["views/kpi.md"] = "# KPI catalog\n\n```{sop-kpi-catalog}\n```\n"
    files["views/reviews.md"] = "# Review schedule\n\n```{sop-review-schedule}\n```\n"
    files["views/trace.md"] = "# Traceability matrix\n\n```{sop-traceability}\n```\n"
    files["sops/area/index.md"] = "# The area\n\n```{toctree}\n:glob:\n\n*\n```\n"
    files["index.md"] = "# Test library\n\n```{toctree}\n:glob:\n\nsops/area/index\nviews/*\n```\n"
    return build(write_project(root, files), confoverrides={"sop_today": TODAY}, freshenv=True)


NOTICES = {
    "draft": "Draft: not in force",
    "review": "In review: not in force",
    "future": "Approved, in force from 2026-12-01: not in force yet",
    "retired": "Retired: no longer in force",
}


@pytest.mark.parametrize("name", NOTICES)
def test_an_sop_not_in_force_says_so_at_the_top_and_on_each_step(site, name):
    html = site.page(f"sops/area/{name}")
    notice = re.search(r'<div class="sop-standing[^"]*">(.*?)</div>', html, re.S)
    assert notice is not None and text_of(notice[1]) == NOTICES[name]
    assert html.index("sop-standing") < html.index('class="sop-meta'), "above the header"
    steps = re.findall(r'<p class="sop-step-standing"><strong>(.*?)</strong></p>', html)
    assert steps == [NOTICES[name]] * 2


def test_an_sop_in_force_says_nothing_of_it(site):
    html = site.page("sops/area/in-force")
    assert "sop-standing" not in html and "sop-step-standing" not in html


def test_the_agent_role_page_has_only_the_steps_in_force(site):
    text = text_of(site.page("roles/ROLE_AGENT"))
    assert (
        "Steps (2, in 1 SOP) SOP-T-011 The in-force SOP Step 1: Answer the call "
        "Step 2: Close the call Trainings needed: the onboarding checklist Training Delivery "
        "Duration Refresh Needed for Call-handling essentials classroom 2 days 12 months "
        "SOP-T-011 The in-force SOP Records kept"
    ) in text
    assert "QA evaluation" not in text, "a training only steps not in force need"


def test_the_training_matrix_leaves_out_what_is_not_in_force(site):
    matrix = site.page("views/matrix")
    assert (
        row_of(matrix, "QA evaluation") == "QA evaluation and calibration classroom 1 day 12 months"
    )
    assert row_of(matrix, "Call-handling essentials").endswith(" 12 months SOP-T-011")


def test_the_kpi_catalog_names_only_the_steps_in_force(site):
    assert row_of(site.page("views/kpi"), 'id="kpi-KPI_ASA"').endswith(
        "Steps it measures SOP-T-011 The in-force SOP: Step 1: Answer the call"
    ) or row_of(site.page("views/kpi"), 'id="kpi-KPI_ASA"').endswith(
        "SOP-T-011 The in-force SOP: Step 1: Answer the call"
    )


def test_the_traceability_matrix_counts_the_sops_in_force(site):
    assert row_of(site.page("views/trace"), 'href="../traceability/area.html"') == (
        "The area 1 2 2 100%"
    )
    area = site.page("traceability/area")
    assert re.findall(r"SOP-T-\d+", area) == ["SOP-T-011", "SOP-T-011"]


def test_a_catalog_entry_names_only_the_steps_in_force(site):
    html = site.page("sops/catalog/metrics")
    assert "STEP_T1_ANSWER" in html
    assert not re.search(r"STEP_T[2-5]_", html)


def test_the_catalog_lists_the_sops_not_in_force_apart(site):
    html = site.page("views/catalog")
    headings = re.findall(r'<p class="rubric">(.*?)</p>', html)
    assert headings == ["In force", "Not in force yet", "Retired"]
    in_force, later, retired = re.split(r'<p class="rubric">', html)[1:]
    assert re.findall(r"SOP-T-\d+", in_force) == ["SOP-T-011"]
    assert [row_of(later, sop_id(name)) for name in ("draft", "review", "future")] == [
        "SOP-T-021 The draft SOP The area simple Draft: not in force 1.0.0 not stamped Team leader "
        "2026-09-01 2027-09-01",
        "SOP-T-031 The review SOP The area simple In review: not in force 1.0.0 not stamped Team "
        "leader 2026-09-01 2027-09-01",
        "SOP-T-041 The future SOP The area simple Approved, in force from 2026-12-01: not in force "
        "yet 1.0.0 not stamped Team leader 2026-12-01 2027-12-01",
    ]
    assert re.findall(r"SOP-T-\d+", retired) == ["SOP-T-051"]
    assert 'href="../sops/area/retired.html"' in retired, "reachable from the catalog"


@pytest.mark.parametrize("page", ["sops/area/index", "sops/area/in-force", "sops/area/draft"])
def test_the_menu_and_the_area_page_list_only_the_sops_in_force(site, page):
    html = site.page(page)
    menu = html[html.index('class="bd-docs-nav') :]
    menu = menu[: menu.index("</nav>")]
    assert re.findall(r">The ([\w-]+) SOP</a>", menu) == ["in-force"]


def test_the_area_page_lists_only_the_sops_in_force(site):
    html = site.page("sops/area/index")
    body = html[html.index('<article class="bd-article"') :]
    assert re.findall(r'href="([\w-]+)\.html">The [\w-]+ SOP</a>', body) == ["in-force"]


def test_previous_and_next_pass_by_what_is_not_in_force(site):
    html = site.page("sops/area/in-force")
    footer = html[html.index('class="prev-next-area"') :]
    titles = re.findall(r'<p class="prev-next-title">(.*?)</p>', footer)
    assert titles == ["The area", "SOP catalog"], "not the future SOP, nor the retired one"


def test_the_review_schedule_lists_the_approved_sops(site):
    text = text_of(site.page("views/reviews"))
    assert re.findall(r"SOP-T-\d+", text) == ["SOP-T-011", "SOP-T-041"]


def menu_of(html: str) -> list[str]:
    menu = html[html.index('class="bd-docs-nav') :]
    return re.findall(r">The ([\w-]+) SOP</a>", menu[: menu.index("</nav>")])


def test_an_sop_approved_joins_the_menu_of_every_page(tmp_path):
    root = write_project(
        tmp_path / "src", {f"sops/area/{n}.md": sop(n) for n in ("in-force", "draft")}
    )
    (root / "index.md").write_text("# Test library\n\n```{toctree}\nsops/area/index\n```\n")
    (root / "sops/area/index.md").write_text("# The area\n\n```{toctree}\n:glob:\n\n*\n```\n")
    outdir = tmp_path / "build"
    first = build(root, outdir, confoverrides={"sop_today": TODAY})
    assert menu_of(first.page("sops/area/in-force")) == ["in-force"]
    touch(root / "sops/area/draft.md", sop("draft").replace("status: draft", "status: approved"))
    again = build(root, outdir, confoverrides={"sop_today": TODAY})
    assert menu_of(again.page("sops/area/in-force")) == ["draft", "in-force"], (
        "a page not read again"
    )


def test_a_setting_leaves_drafts_out_of_the_site(tmp_path):
    files = {f"sops/area/{name}.md": sop(name) for name in ("in-force", "draft", "review")}
    site = build(write_project(tmp_path, files), confoverrides={"sop_unpublished": ["draft"]})
    assert site.lines == []
    assert not (site.app.outdir / "sops/area/draft.html").exists()
    assert "The review SOP" in site.page("sops/area/review")


def test_a_setting_that_would_leave_out_approved_sops_is_refused(tmp_path):
    site = build(
        write_project(tmp_path, {X: SIMPLE}), confoverrides={"sop_unpublished": ["approved"]}
    )
    assert site.warnings_of("sop.config") == [
        with_guide(
            "WARNING: conf.py: sop_unpublished ['approved'] can name only the statuses draft, "
            "in-review, retired (an approved SOP is always published); every SOP is published "
            "[sop.config]"
        )
    ]
