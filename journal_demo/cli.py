"""``flask --app journal seed-demo``: registered through the ``flask.commands`` entry point in
``pyproject.toml``, so the app itself never imports the demo."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from journal.extensions import db

from .school import entries_in, seed_demo


@click.command("seed-demo")
@click.option("--pupils", default=60, show_default=True, help="How many pupils to create.")
@click.option(
    "--seed",
    default=2026,
    show_default=True,
    help="Seed for the made-up people and passports (the same seed gives the same demo).",
)
@click.option(
    "--passports/--no-passports",
    default=True,
    show_default=True,
    help="Write a passport (entries, skills, plans) for each pupil that has none yet.",
)
@with_appcontext
def seed_demo_cmd(pupils: int, seed: int, passports: bool) -> None:
    """Load a demo school and print its sign-ins. Running it again adds only what is missing."""
    school, sign_ins = seed_demo(pupils, seed=seed, passports=passports)
    db.session.commit()
    click.echo(f"Demo school: {school.name} (URN {school.urn}), {pupils} pupils.")
    click.echo(f"Passport entries in the demo school: {entries_in(school):,}.")
    click.echo("Demo sign-ins (username / password):")
    for s in sign_ins:
        click.echo(f"  {s.role:<16} {s.username:<10} {s.password}")
