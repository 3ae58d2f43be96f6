"""Sphinx configuration of the SOP library.

Kept thin: the trace data model lives in _ext/soplib/model/trace.py. What a team adapts
is here: the required sections of an SOP and the titles they may go by.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

from soplib.model import trace

project = "Call-center SOP library"
author = "Operations"
# The language the library is written in: every word the site generates follows it
# (en, hu and pt out of the box).
language = "en"
# The languages it is published in too: make html builds an edition of each into
# _build/html/<language>/, from the translations in locales/<language>/LC_MESSAGES/ that
# make translations keeps in step with the text.
sop_translations = ["hu", "pt"]
locale_dirs = ["locales"]
gettext_compact = False  # a catalog per page: locales/<language>/LC_MESSAGES/sops/.../x.po
# An approved SOP's translation may be this many days behind its source before the build
# fails.
sop_translation_grace_days = 30

extensions = [
    "myst_parser",
    "sphinxcontrib.mermaid",
    "sphinx_needs",
    "soplib",
]

# The site is the landing page and the library; nothing else in the repository is a page.
include_patterns = ["index.md", "sops/**", "views/**"]
templates_path = ["_templates"]

# -- MyST ----------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist"]
# ```mermaid fences, as git hosts render them, become diagrams.
myst_fence_as_directive = ["mermaid"]
# The page title is the front matter's `title`.
myst_title_to_header = True
myst_heading_anchors = 3

# -- Mermaid -------------------------------------------------------------------
# sphinxcontrib-mermaid reads the ```mermaid fences; soplib draws them on the page with
# Mermaid served from the site (pinned in package.json), never from a CDN, so diagrams
# render on an intranet with no internet and from disk (site/diagrams.py).

# -- The trace (sphinx-needs) --------------------------------------------------
needs_types = trace.NEEDS_TYPES
needs_schema_definitions = trace.SCHEMA_DEFINITIONS
needs_id_required = True
needs_id_regex = r"^[A-Z][A-Z0-9_]*[A-Z0-9]$"
# Links show the names of what they link to (a catalog entry lists its steps by title).
needs_show_link_title = True
needs_show_link_id = False
# A step's and a catalog entry's head and meta cells are filled by soplib
# (site/need_layout.py): "Step 3: <title>", then who does it, what measures it, what
# training and records it needs; "Role: <name>", its fields and the steps that name it.
# Every name is a link, every label in the site's language.
needs_layouts = {
    "sop_step": {"grid": "simple", "layout": {"head": [], "meta": []}},
    "sop_entry": {"grid": "simple", "layout": {"head": [], "meta": []}},
}
needs_fields = {
    "layout": {"predicates": [("type == 'step'", "sop_step"), ("type != 'step'", "sop_entry")]},
    **trace.DERIVED_FIELDS,
}
# needs.json, written beside the pages for another sphinx-needs project to import
# (README, "needs.json"): the same file at every build, without the site's layouts.
needs_reproducible_json = True
needs_json_exclude_fields = trace.NEEDS_JSON_EXCLUDE_FIELDS

# -- The SOPs ------------------------------------------------------------------
sop_root = "sops"
sop_procedure_section = "Procedure"
# An SOP may be this many days past its next review before the build fails.
sop_review_grace_days = 30
# What's new (views/whats-new, each role's own, their Atom feeds, and the note at the top
# of a changed SOP) lists the changes committed in this many last days.
sop_whats_new_days = 30
# The QA scorecards' calibration sheets have a column for this many analysts.
sop_calibration_analysts = 3
# KPI figures: CSV files in data/kpi/ (period, metric, value, optional team and site). An
# SOP in force whose metrics missed their thresholds this many months in a row is flagged
# for review on its page, the review schedule, the catalog and the landing page; with
# sop_kpi_review_warning, also a sop.kpi_review warning, which fails the build.
sop_kpi_review_periods = 3
sop_kpi_review_warning = False
# The figures in data/kpi/ are samples made by make kpi-sample: the site says so wherever
# it shows them. Set it to False once the files are operations' own exports.
sop_kpi_sample = True
# The HTML tags a page may use (raw HTML, written as is in the Markdown): any other tag,
# an on... or style attribute, or a javascript:/data: address is a sop.raw_html warning
# and is shown as text. script, style, iframe, form and the like are never allowed.
sop_allowed_html = ["br", "kbd", "sub", "sup"]
# The required sections, in order: the title, the title in each language (what make sop
# LANG=... writes, and what the build tells an author to write in a library of that
# language), and further accepted spellings. A heading may use any of them (compared
# without case, numbering such as '1.' or a closing ':'); the hint is what an author is
# told to write when the section is empty.
sop_sections = [
    {
        "title": "Purpose",
        "titles": {"hu": "Cél", "pt": "Objetivo"},
        "aliases": ["Objectivo"],
        "hint": "why the procedure exists and what outcome it secures",
    },
    {
        "title": "Scope",
        "titles": {"hu": "Hatály", "pt": "Âmbito"},
        "aliases": ["Âmbito de aplicação"],
        "hint": "which calls, teams, sites and channels it covers, and what it does not",
    },
    {
        "title": "Responsibilities",
        "titles": {"hu": "Felelősség", "pt": "Responsabilidades"},
        "hint": "which role does what in this procedure",
    },
    {
        "title": "Procedure",
        "titles": {"hu": "Eljárások", "pt": "Procedimento"},
        "aliases": ["Eljárás", "Passos"],
        "hint": "the steps, each as a ```{step} block",
    },
    {
        "title": "Performance metrics",
        "titles": {"hu": "Teljesítménymérések", "pt": "Métricas de desempenho"},
        "hint": "how this procedure is measured and the targets that apply",
    },
    {
        "title": "Documentation and records",
        "titles": {"hu": "Dokumentáció", "pt": "Documentação e registos"},
        "aliases": ["Documentação e registros"],
        "hint": "the forms, reports and records the procedure fills in",
    },
    {
        "title": "Training",
        "titles": {"hu": "Képzés", "pt": "Formação"},
        "hint": "the training a person needs before carrying out the procedure",
    },
    {
        "title": "References",
        "titles": {"hu": "Hivatkozások", "pt": "Referências"},
        "hint": "the policies, laws and other SOPs this procedure relies on",
    },
    {
        "title": "Review and approval",
        "titles": {"hu": "Felülvizsgálat és jóváhagyás", "pt": "Revisão e aprovação"},
        "hint": "who reviews and approves the procedure, and how often",
    },
]

# -- Review: who approves what (make codeowners) ----------------------------------
# The git host team of each role that owns or approves SOPs; every other file is the
# knowledge managers'.
sop_role_teams = {
    "ROLE_TEAM_LEADER": "@callcenter/team-leaders",
    "ROLE_TRAINER": "@callcenter/training",
    "ROLE_QA_LEAD": "@callcenter/quality",
    "ROLE_COMPLIANCE_OFFICER": "@callcenter/compliance",
    "ROLE_OPS_MANAGER": "@callcenter/operations-management",
    "ROLE_WORKFORCE_PLANNER": "@callcenter/workforce",
    "ROLE_KNOWLEDGE_MANAGER": "@callcenter/knowledge-managers",
}
sop_default_team = "@callcenter/knowledge-managers"

# -- HTML ----------------------------------------------------------------------
html_title = project
# Light and dark mode, responsive, and a sidebar with the current area's SOPs only:
# themes that render the whole navigation tree on every page (Furo, Shibuya) made a
# 300-SOP build 3 to 4 times slower in our measurement (README, Performance).
html_theme = "pydata_sphinx_theme"
html_theme_options = {
    "navigation_depth": 2,
    "show_toc_level": 2,
    "header_links_before_dropdown": 4,
    "secondary_sidebar_items": ["page-toc"],
    "footer_start": ["copyright"],
    "footer_end": [],
}
html_show_sourcelink = False
html_context = {"default_mode": "auto"}  # follow the reader's light or dark setting
