"""The traceability matrix: every step with its roles, metrics, trainings and records,
with coverage figures at the top."""

from __future__ import annotations

from docutils import nodes

from ..blocks import Cell, table
from ..library import Library

#: The kind of catalog entry each step link names, in the order of the coverage figures.
COVERED = (("role", "responsible"), ("metric", "metrics"), ("training", "training"),
           ("record", "records"))  # fmt: skip


def traceability_view(lib: Library) -> list[nodes.Node]:
    steps = list(lib.steps())
    traced = [s for _, s in steps if s["responsible"] and s["metrics"] and s["training"]]
    coverage = [f"Steps fully traced: {len(traced)} of {len(steps)}."]
    for kind, link in COVERED:
        used = lib.link_counts(link)
        entries = lib.of_type(kind)
        coverage.append(
            f"{kind.capitalize()}s used: "
            f"{sum(1 for e in entries if used[e['id']])} of {len(entries)}."
        )
    rows: list[list[Cell]] = [
        [
            lib.sop(d),
            lib.step(d, s),
            lib.needs_list(s["responsible"]),
            lib.needs_list(s["metrics"]),
            lib.needs_list(s["training"]),
            lib.needs_list(s["records"]),
        ]
        for d, s in steps
    ]
    headers = ["SOP", "Step", "Who", "Measured by", "Training", "Records"]
    return [
        nodes.paragraph(text=" ".join(coverage), classes=["sop-coverage"]),
        table(headers, rows, ["sop-filterable"]),
    ]
