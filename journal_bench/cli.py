"""``flask --app journal bench``: registered through the ``flask.commands`` entry point in
``pyproject.toml``, so the app itself never imports the benchmarks."""

from __future__ import annotations

import click

from .run import run


@click.command("bench")
@click.argument("names", nargs=-1)
@click.option("--pupils", default=2000, show_default=True, help="Size of the scratch school.")
@click.option("--rounds", default=30, show_default=True, help="Requests per figure.")
@click.option(
    "--database-url",
    default=None,
    help="Scratch database (default: a new SQLite file in a temporary folder).",
)
def bench_cmd(names, pupils: int, rounds: int, database_url: str | None) -> None:
    """Build a scratch database and print benchmark figures (median, 95th percentile)."""
    run(list(names), pupils=pupils, rounds=rounds, database_url=database_url)
