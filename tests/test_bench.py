"""``flask bench`` prints its figures; timings themselves are never asserted in tests."""

from __future__ import annotations

import re

import click
import pytest
from stdnum.gb import upn as upn_lib

from journal.schools.roster import parse_roster
from journal_bench import run as bench
from journal_bench.cli import bench_cmd
from journal_bench.common import Figure
from journal_bench.roster import ROSTER_ROWS, roster_csv

FIGURE = re.compile(
    r"^(?P<name>\S+)\s+median\s+[\d,.]+ ms\s+p95\s+[\d,.]+ ms\s+queries [\d,.]+\s+bytes [\d,]+"
)


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def figures(output: str) -> dict[str, str]:
    return {m["name"]: m[0] for line in output.splitlines() if (m := FIGURE.match(line))}


def test_bench_prints_a_line_for_each_named_figure(runner):
    result = runner.invoke(
        bench_cmd, ["sign-in-page", "home-pupil", "--pupils", "20", "--rounds", "3"]
    )
    assert result.exit_code == 0, result.output
    printed = figures(result.output)
    assert set(printed) == {"sign-in-page", "home-pupil", "home-pupil-bare"}
    assert "20 pupils" in result.output
    assert "3 rounds per figure" in result.output


def full_lines(output: str) -> dict[str, str]:
    return {m["name"]: line for line in output.splitlines() if (m := FIGURE.match(line))}


def number(line: str, label: str) -> float:
    return float(re.search(rf"{label} ([\d,.]+)", line)[1].replace(",", ""))


def test_pages_are_measured_beside_a_bare_route_returning_the_same_bytes(runner):
    """The timeline of a pupil with 500 entries (first and last page) and the pupil's home,
    each with a "-bare" line: the same bytes, no queries, and the ratio in the page's note."""
    result = runner.invoke(
        bench_cmd, ["timeline-500", "home-pupil", "--pupils", "5", "--rounds", "2"]
    )
    assert result.exit_code == 0, result.output
    printed = full_lines(result.output)
    pages = ("timeline-500", "timeline-500-last", "home-pupil")
    assert set(printed) == {*pages, *(f"{page}-bare" for page in pages)}
    for page in pages:
        line, bare = printed[page], printed[f"{page}-bare"]
        assert number(line, "bytes") == number(bare, "bytes") > 1000
        assert number(line, "queries") > 0
        assert number(bare, "queries") == 0
        assert re.search(r"[\d.]+× the bare route\)$", line), line
    assert "(page 1 of 25;" in printed["timeline-500"]
    assert "(page 25;" in printed["timeline-500-last"]


def test_bench_with_an_unknown_name_lists_the_known_ones(runner):
    result = runner.invoke(bench_cmd, ["home-pupil", "nope", "--pupils", "1", "--rounds", "1"])
    assert result.exit_code == 2
    assert "Unknown benchmark: nope" in result.output
    for name in (
        "sign-in-page",
        "sign-in",
        "home-admin",
        "bare",
        "roster-import-2000",
        "timeline-500",
    ):
        assert name in result.output
    assert "median" not in result.output


def test_every_issue_benchmark_is_registered():
    assert list(bench.BENCHMARKS)[:9] == [
        "sign-in-page",
        "sign-in",
        "home-pupil",
        "home-tutor",
        "home-careers-leader",
        "home-admin",
        "bare",
        "roster-import-2000",
        "timeline-500",
    ]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("postgresql://postgres@127.0.0.1:5432/journal", "scratch database"),
        ("postgres://postgres@127.0.0.1:5432/production", "scratch database"),
        ("mysql://root@localhost/journal_bench", "SQLite or PostgreSQL"),
        ("sqlite://", "file path"),
    ],
)
def test_bench_refuses_a_database_it_may_not_wipe(runner, url, message):
    result = runner.invoke(bench_cmd, ["--database-url", url, "--rounds", "1"])
    assert result.exit_code == 2
    assert message in result.output
    assert "median" not in result.output


def test_bench_refuses_an_existing_sqlite_file(runner, tmp_path):
    existing = tmp_path / "journal.sqlite3"
    existing.write_bytes(b"precious")
    result = runner.invoke(bench_cmd, ["--database-url", f"sqlite:///{existing}"])
    assert result.exit_code == 2
    assert "already exists" in result.output
    assert existing.read_bytes() == b"precious"


def test_the_roster_file_is_valid_and_the_size_the_figure_says():
    data = roster_csv()
    parsed = parse_roster(data)
    assert len(parsed.rows) == ROSTER_ROWS == 2000
    assert parsed.rejections == []
    assert all(upn_lib.is_valid(row.upn) for row in parsed.rows[:50])


def test_percentiles_and_line_format():
    figure = Figure("x", [i / 1000 for i in range(1, 21)], 2.5, 12345, note="n")
    assert figure.median_ms == pytest.approx(10.5)
    assert figure.p95_ms == pytest.approx(19)
    assert Figure("x", [0.001, 0.003, 0.002], 0, 1).p95_ms == pytest.approx(3)
    line = figure.line()
    assert FIGURE.match(line)
    assert "queries 2.5" in line and "bytes 12,345" in line and line.endswith("(n)")


def test_the_documents_and_the_export_are_benchmarked():
    assert {"documents", "passport-export"} <= set(bench.BENCHMARKS)


def test_bench_runs_at_several_sizes_on_databases_it_builds_once(runner, tmp_path):
    """``--sizes 4,6:2``: the figures at 4 pupils and at 6 in a trust of two schools, then each
    figure's p95 side by side; a second run finds both databases in the cache."""
    args = ["home-pupil", "--sizes", "4,6:2", "--rounds", "1", "--cache", str(tmp_path)]
    first = runner.invoke(bench_cmd, args)
    assert first.exit_code == 0, first.output
    assert "bench: sqlite, 4 pupils (built in" in first.output
    assert "bench: sqlite, 6 pupils in 2 schools (built in" in first.output
    assert [line.split()[0] for line in first.output.splitlines() if "×)" in line] == [
        "home-pupil",
        "home-pupil-bare",
    ]
    assert len(list(tmp_path.glob("bench-*.sqlite3"))) == 2
    again = runner.invoke(bench_cmd, args)
    assert again.exit_code == 0, again.output
    assert again.output.count("(cached in ") == 2
    assert len(figures(again.output)) == 2


def test_sizes_are_pupils_or_pupils_and_schools():
    from journal_bench.sizes import Size, parse_sizes

    assert parse_sizes("2000, 50000:5") == [Size(2000), Size(50000, 5)]
    for wrong in ("", "many", "0", "10:0"):
        with pytest.raises(click.BadParameter):
            parse_sizes(wrong)
