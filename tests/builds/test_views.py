"""The generated views, checked cell by cell against the SOPs they come from, and kept
up to date by every build."""

from __future__ import annotations

import re

import pytest

from samples import SIMPLE, line_of, replace
from samples.defects import with_guide
from soplib.site.freshness import DIGESTS
from support.pages import cells, row_html, row_of, text_of
from support.projects import REPO, build, touch, write_project

X = "sops/area/x.md"


@pytest.mark.parametrize(
    ("page", "title"),
    [
        ("views/catalog", "SOP catalog"),
        ("views/roles", "Roles"),
        ("views/training-matrix", "Training matrix"),
        ("views/kpi-catalog", "KPI catalog"),
        ("views/traceability", "Traceability matrix"),
        ("views/review-schedule", "Review schedule"),
        ("roles/ROLE_AGENT", "Role: Agent"),
        ("traceability/inbound", "Traceability matrix: Inbound calls"),
    ],
)
def test_each_view_has_its_title(library, page, title):
    assert f"<title>{title} &#8212;" in library.page(page) or f"<title>{title} " in library.page(
        page
    )


def test_the_catalog_lists_every_sop_with_its_metadata(library):
    html = library.page("views/catalog")
    assert html.count("<tr") == len(library.app.env.sop_records) + 1
    assert row_of(html, "SOP-CC-004") == (
        "SOP-CC-004 Verifying the caller’s identity Inbound "
        "calls flowchart approved 2.1.0 as approved Compliance "
        "officer "
        "2026-07-01 2027-07-01"
    )


def test_a_role_page_lists_its_steps_trainings_records_and_metrics(library):
    html = library.page("roles/ROLE_QA_LEAD")
    assert 'href="../sops/quality/qa-monitoring.html#STEP_QA_CALIBRATE"' in html
    text = text_of(html)
    assert "Steps (9, in 4 SOPs)" in text
    assert "QA evaluation and calibration classroom 1 day 12 months" in text
    assert (
        "Records kept Calibration minutes, QA scorecard, Survey response, Mystery-shopping "
        "report, SOP pull request Measured by"
    ) in text


def test_the_training_matrix_says_who_needs_what_and_why(library):
    html = library.page("views/training-matrix")
    head = re.search(r"<thead>.*?</thead>", html, re.S)
    assert head is not None
    headings = [text_of(cell) for cell in cells(head[0])]
    row = dict(zip(headings, cells(row_html(html, "Payment card security (PCI DSS)")), strict=True))
    assert [text_of(row[h]) for h in ("Delivery", "Duration", "Refresh")] == [
        "e-learning",
        "1 hour",
        "12 months",
    ]
    assert text_of(row["Agent"]) == "SOP-CC-011"
    assert text_of(row["Compliance officer"]) == "SOP-CC-011"
    assert text_of(row["Trainer"]) == ""


def test_the_training_matrix_leads_to_each_role_page(library):
    html = library.page("views/training-matrix")
    head = re.search(r"<thead>.*?</thead>", html, re.S)
    assert head is not None
    assert 'href="../roles/ROLE_COMPLIANCE_OFFICER.html">Compliance officer</a>' in head[0]
    phone = re.search(r"<p>On a phone, each role.s page lists the same trainings.*?</p>", html)
    assert phone is not None
    assert phone[0].count('href="../roles/ROLE_') == 12, "every role's page"


def test_the_kpi_catalog_lists_the_steps_each_metric_measures(library):
    row = row_of(library.page("views/kpi-catalog"), 'id="kpi-KPI_FCR"')
    assert row.startswith("First-contact resolution (FCR) Contacts whose reason was resolved")
    assert "SOP-CC-001 Answering and greeting an inbound call: Step 5: Agree the reason" in row
    assert "SOP-CC-005 Transferring a call to another team: Step 1: Check that a transfer" in row


def test_the_traceability_matrix_sums_up_the_library_and_each_area(library):
    html = library.page("views/traceability")
    records = library.app.env.sop_records
    steps = sum(len(r.steps) for r in records.values())
    assert f"Steps fully traced: {steps} of {steps}. Roles used: 12 of 12." in text_of(html)
    inbound = [r for d, r in records.items() if d.startswith("sops/inbound/")]
    inbound_steps = sum(len(r.steps) for r in inbound)
    assert row_of(html, 'href="../traceability/inbound.html"') == (
        f"Inbound calls {len(inbound)} {inbound_steps} {inbound_steps} 100%"
    )
    areas = re.findall(r'href="../traceability/([\w-]+).html">([^<]+)</a>', html)
    assert areas == [
        ("inbound", "Inbound calls"),
        ("customer-issues", "Customer issues"),
        ("compliance", "Compliance"),
        ("quality", "Quality"),
        ("people", "People"),
        ("operations", "Operations and technology"),
        ("governance", "Governance"),
    ], "every area, in the order of the navigation"
    assert "STEP_" not in html, "the steps are on the areas' pages"


def test_an_area_traceability_page_lists_the_steps_of_its_sops(library):
    html = library.page("traceability/inbound")
    assert row_of(html, 'href="../sops/inbound/answering-and-greeting.html#STEP_GREET_ANSWER"') == (
        "SOP-CC-001 Answering and greeting an inbound call Step 2: Answer within three rings "
        "Agent Average speed of answer (ASA), Service level Call-handling essentials"
    )
    steps = re.findall(r'href="../sops/([\w-]+)/[\w-]+.html#(STEP_\w+)"', html)
    inbound = [r for d, r in library.app.env.sop_records.items() if d.startswith("sops/inbound/")]
    assert sorted(step for _area, step in steps) == sorted(s.id for r in inbound for s in r.steps)
    assert {area for area, _step in steps} == {"inbound"}
    back = '<a class="reference internal" href="../views/traceability.html">Traceability matrix</a>'
    assert f"Coverage across the library: {back}" in html


def test_the_review_schedule_is_in_date_order(library):
    html = library.page("views/review-schedule")
    dates = re.findall(r"<tr[^>]*><td><p>(\d{4}-\d{2}-\d{2})</p>", html)
    assert len(dates) == len(library.app.env.sop_records)
    assert dates == sorted(dates)


VIEWS = {
    f"views/{path.name}": path.read_text(encoding="utf-8") for path in (REPO / "views").glob("*.md")
}


INDEX = "# Test\n\n```{toctree}\n:glob:\n\nsops/*/*\nviews/*\n```\n"


def test_one_new_step_reaches_every_view_in_a_rebuild(tmp_path):
    srcdir = write_project(tmp_path / "project", {X: SIMPLE, **VIEWS, "index.md": INDEX})
    build(srcdir, tmp_path / "build")
    new_step = (
        "```{step} Offer the survey\n:id: STEP_T_SURVEY\n:responsible: ROLE_AGENT\n"
        ":metrics: KPI_NPS\n:training: TRN_PCI_DSS\n\nTell the caller about the "
        "survey.\n```\n\n"
    )
    touch(
        srcdir / X, replace(SIMPLE, "## Performance metrics", new_step + "## Performance metrics")
    )
    rebuilt = build(srcdir, tmp_path / "build")
    assert rebuilt.lines == []
    for page in ("traceability/area", "views/kpi-catalog", "roles/ROLE_AGENT"):
        assert "Offer the survey" in rebuilt.page(page), page
    assert "Steps fully traced: 3 of 3." in rebuilt.page("views/traceability")
    assert "SOP-T-001" in row_of(rebuilt.page("views/training-matrix"), "Payment card security")


def test_views_are_written_again_only_when_what_they_show_changes(tmp_path):
    srcdir = write_project(tmp_path / "project", {X: SIMPLE, **VIEWS, "index.md": INDEX})
    build(srcdir, tmp_path / "build")
    pages = [
        tmp_path / "build" / "html" / f"{page}.html"
        for page in ("views/traceability", "traceability/area", "views/catalog", "roles/ROLE_AGENT")
    ]
    written = [page.stat().st_mtime_ns for page in pages]
    touch(
        srcdir / X,
        replace(SIMPLE, "Answer within three rings.", "Answer within three rings, and smile."),
    )
    assert build(srcdir, tmp_path / "build").lines == []
    assert [page.stat().st_mtime_ns for page in pages] == written, "no view shows step text"
    touch(srcdir / X, replace(SIMPLE, "{step} Answer the call", "{step} Pick up the call"))
    rebuilt = build(srcdir, tmp_path / "build")
    assert "Pick up the call" in rebuilt.page("traceability/area")
    assert "Pick up the call" in rebuilt.page("roles/ROLE_AGENT")
    written = [page.stat().st_mtime_ns for page in pages]
    (tmp_path / "build" / "html" / DIGESTS).unlink()  # as a build stopped before its end leaves it
    build(srcdir, tmp_path / "build")
    assert all(
        page.stat().st_mtime_ns > before for page, before in zip(pages, written, strict=True)
    )


def test_a_renamed_entry_or_step_reaches_the_pages_that_show_it(tmp_path):
    srcdir = write_project(tmp_path / "project", {X: SIMPLE})
    build(srcdir, tmp_path / "build")
    roles = srcdir / "sops" / "catalog" / "roles.md"
    touch(roles, roles.read_text(encoding="utf-8").replace("{role} Agent\n", "{role} Advisor\n"))
    rebuilt = build(srcdir, tmp_path / "build")
    assert "Who: Advisor" in text_of(rebuilt.page("sops/area/x")), "the SOP shows the new name"
    touch(srcdir / X, replace(SIMPLE, "{step} Answer the call", "{step} Pick up the call"))
    rebuilt = build(srcdir, tmp_path / "build")
    assert "Pick up the call" in rebuilt.page("sops/catalog/roles"), "and the catalog the step's"


@pytest.mark.parametrize(
    ("today", "grace", "late"), [("2027-09-20", 30, False), ("2027-10-02", 0, True)]
)
def test_an_overdue_review_fails_after_the_grace_period(build_project, today, grace, late):
    build = build_project(
        {X: SIMPLE}, confoverrides={"sop_today": today, "sop_review_grace_days": grace}
    )
    expected = (
        [
            with_guide(
                f"{X}:{line_of(SIMPLE, 'review_every')}: WARNING: SOP SOP-T-001 was due for "
                "review on 2027-09-01 (31 days ago, 0 allowed): review it and approve it again "
                "with a new effective date [sop.review_overdue]"
            )
        ]
        if late
        else []
    )
    assert build.warnings_of("sop.") == expected


def test_the_authoring_guide_explains_every_subtype_and_rule(library):
    from soplib.model.problems import Problem
    from soplib.model.trace import SCHEMA_DEFINITIONS
    from soplib.site.guide import EXAMPLES

    assert set(EXAMPLES) == set(Problem), "every subtype has a wrong example and a fix"
    html = library.page("views/authoring-guide")
    for problem in Problem:
        assert f'id="warning-{problem.subtype}"' in html
    for rule in SCHEMA_DEFINITIONS["schemas"]:
        assert f'<span class="pre">{rule["id"]}</span></code>: ' in html
