"""The offline figures print (their values are never asserted)."""

from __future__ import annotations

import re

from journal_bench import run as bench
from journal_bench.offline import bench_offline


def test_the_offline_figures_print(app, monkeypatch, capsys):
    monkeypatch.setitem(bench.BENCHMARKS, "offline", bench_offline)
    bench.run(["offline"], pupils=2, rounds=1, database_url=None)
    out = capsys.readouterr().out
    assert re.search(r"^offline-record-form .* scripts, [\d,]+ bytes gzipped", out, re.M)
    assert re.search(r"^offline-worker .*\(precache 9 files", out, re.M)
    assert re.search(r"^offline-queued-send .*\(20 queued entries", out, re.M)
