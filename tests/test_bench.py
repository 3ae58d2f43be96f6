"""The benchmark's generator and runner, at a tiny size (the targets are measured by
make bench, not by tests)."""

from __future__ import annotations

import json

from conftest import build
from soplib.bench import corpus, main


def test_a_generated_library_builds_clean_with_every_check(tmp_path):
    root = corpus(tmp_path / "library", 7, "soplib")
    assert len(list(root.glob("sops/area000/sop*.md"))) == 7
    assert sum("format: flowchart" in p.read_text() for p in root.glob("sops/*/sop*.md")) == 2
    built = build(root, tmp_path / "build", freshenv=True)
    assert built.lines == []
    assert len(built.app.env.sop_records) == 7


def test_make_bench_prints_and_writes_the_table(tmp_path, capsys):
    assert main(["--sizes", "4", "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].startswith("| SOPs | ours serial | ours -j auto | ours one edit")
    (row,) = json.loads((tmp_path / "bench.json").read_text())
    assert row["sops"] == 4
    assert row["ratio_to_plain"] == row["soplib_serial_s"] / row["plain_serial_s"]
    assert all(row[key] > 0 for key in ("soplib_incremental_s", "soplib_parallel_s",
                                        "needs_serial_s", "soplib_peak_mib"))
