"""``flask --app journal seed-demo``: registered through the ``flask.commands`` entry point in
``pyproject.toml``, so the app itself never imports the demo."""

from __future__ import annotations

import time

import click
from flask.cli import with_appcontext

from journal.extensions import db

from .common import TRUST_SCHOOLS
from .school import entries_in, seed_demo


@click.command("seed-demo")
@click.option(
    "--pupils",
    default=60,
    show_default=True,
    help="How many pupils to create (in all, shared between the schools of a --trust).",
)
@click.option(
    "--trust",
    "schools",
    default=1,
    show_default=True,
    type=click.IntRange(1, 1 + len(TRUST_SCHOOLS)),
    help="How many schools: the demo school, and more of the same trust after it.",
)
@click.option(
    "--entries",
    default=0,
    show_default=True,
    type=click.IntRange(0),
    help="Give every pupil at least this many passport entries (more generated ones).",
)
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
def seed_demo_cmd(pupils: int, schools: int, entries: int, seed: int, passports: bool) -> None:
    """Load a demo school (or a trust of several) and print its sign-ins. Running it again adds
    only what is missing."""
    started, cpu = time.perf_counter(), time.process_time()
    school, sign_ins = seed_demo(
        pupils, seed=seed, passports=passports, schools=schools, entries=entries
    )
    db.session.commit()
    if schools > 1:
        click.echo(f"Demo trust: {schools} schools, {pupils:,} pupils in all.")
    click.echo(f"Demo school: {school.name} (URN {school.urn}), {-(-pupils // schools):,} pupils.")
    click.echo(f"Passport entries in the demo school: {entries_in(school):,}.")
    click.echo(
        f"Seeded in {time.perf_counter() - started:.1f} s "
        f"({time.process_time() - cpu:.1f} s of CPU in this process)."
    )
    click.echo("Demo sign-ins (username / password):")
    for s in sign_ins:
        click.echo(f"  {s.role:<16} {s.username:<10} {s.password}")
