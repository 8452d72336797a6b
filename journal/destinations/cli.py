"""``flask --app journal destinations apply-retention``: the retention rule, run by the school
(or a nightly job). See ``journal.destinations.retention`` for the rule."""

from __future__ import annotations

from datetime import date

import click

from journal.extensions import db

from . import bp
from .retention import apply_retention


@bp.cli.command("apply-retention")
@click.option("--dry-run", is_flag=True, help="Say what would change, change nothing.")
@click.option("--on", "on", default=None, help="Apply as on this day (YYYY-MM-DD); default today.")
@click.option("--school-id", type=int, default=None, help="Only this school (default: all).")
def apply_retention_command(dry_run: bool, on: str | None, school_id: int | None) -> None:
    """Close former pupils' sign-in and reduce their destination records once their retention
    period has ended (one year after the third checkpoint)."""
    try:
        day = date.fromisoformat(on) if on else None
    except ValueError as problem:
        raise click.BadParameter("use YYYY-MM-DD", param_hint="--on") from problem
    result = apply_retention(day, school_id=school_id, dry_run=dry_run)
    if not dry_run:
        db.session.commit()
    verb = "Would change" if dry_run else "Changed"
    click.echo(
        f"{result.pupils} former pupils past retention. {verb}: "
        f"{result.accounts_closed} sign-ins closed, "
        f"{result.records_reduced} destination records reduced, "
        f"{result.role_models_removed} role-model listings removed."
    )
