"""``flask --app journal bench``: registered through the ``flask.commands`` entry point in
``pyproject.toml``, so the app itself never imports the benchmarks."""

from __future__ import annotations

from pathlib import Path

import click

from .run import run
from .sizes import parse_sizes


@click.command("bench")
@click.argument("names", nargs=-1)
@click.option("--pupils", default=2000, show_default=True, help="Size of the scratch school.")
@click.option("--rounds", default=30, show_default=True, help="Requests per figure.")
@click.option(
    "--database-url",
    default=None,
    help="Scratch database (default: a new SQLite file in a temporary folder).",
)
@click.option(
    "--sizes",
    default=None,
    help="Sizes to run at, each on a database built once and cached: PUPILS or "
    "PUPILS:SCHOOLS, e.g. 2000,50000:5 (instead of --pupils).",
)
@click.option(
    "--cache",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where --sizes keeps its databases (default: ~/.cache/careers-passport-bench).",
)
def bench_cmd(
    names, pupils: int, rounds: int, database_url: str | None, sizes: str | None, cache
) -> None:
    """Build a scratch database and print benchmark figures (median, 95th percentile)."""
    run(
        list(names),
        pupils=pupils,
        rounds=rounds,
        database_url=database_url,
        sizes=parse_sizes(sizes) if sizes else None,
        cache=cache,
    )
