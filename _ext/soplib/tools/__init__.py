"""The commands people run through ``make``, each a module with a ``main`` that
``python -m soplib.tools.<name>`` runs: ``impact`` (the change report), ``approve`` (an
approval stamp), ``scaffold`` (a new SOP), ``codeowners`` (the reviewers file),
``precheck`` (the pre-commit checks), ``bench`` (the benchmark) and ``sample_kpi``
(sample KPI figures).

May use every other layer; nothing uses it.
"""
