"""``flask bench programme-attendance`` prints its figure (timings are never asserted)."""

from __future__ import annotations

import re

from journal_bench.cli import bench_cmd


def test_the_programme_benchmark_prints_its_line(app):
    result = app.test_cli_runner().invoke(
        bench_cmd, ["programme-attendance", "--pupils", "20", "--rounds", "2"]
    )
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if x.startswith("programme-attendance"))
    assert re.search(r"median\s+[\d,.]+ ms", line)
    assert "pupils marked present in one request" in line
