"""The model: what an SOP and its trace are, and where the extension keeps what it knows.

``settings`` (the ``sop_*`` settings and the required sections), ``i18n`` (the catalogs
of the words the site generates, in the library's language), ``problems`` (the
registry of ``sop.*`` warnings), ``trace`` (the sphinx-needs data model that conf.py
hands over), ``frontmatter`` (an SOP's front matter, read), ``dates``, ``outline`` (a
page's sections, stages, steps and diagrams), ``records`` (what is known of each SOP
page), ``in_force`` (which SOPs are in force, the rule of document control), ``kpi``
(KPI figures against their thresholds), ``kpi_csv`` (the figures files, read),
``revisions`` (the files' history from git), ``step_changes`` (what a commit changed in
an SOP's steps), ``worddiff`` (two texts compared word by word) and ``store`` (slots and
data kept per document).

May use: nothing of soplib outside the model.
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import i18n, in_force, problems, records, revisions, settings, translatable, translations


def setup(app: Sphinx) -> None:
    settings.setup(app)
    i18n.setup(app)
    problems.setup(app)
    in_force.setup(app)
    records.SOPS.setup(app)
    revisions.setup(app)
    translatable.setup(app)
    translations.setup(app)
