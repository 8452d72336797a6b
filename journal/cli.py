"""Admin commands: ``flask --app journal COMMAND``.

``seed-demo`` and ``bench`` are not here: they live in ``journal_demo`` and ``journal_bench``,
outside the runtime, and Flask finds them through the ``flask.commands`` entry points in
``pyproject.toml``."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import Flask

from journal.extensions import db


def init_app(app: Flask) -> None:
    for command in (
        create_school_cmd,
        create_user_cmd,
        import_roster_cmd,
    ):
        app.cli.add_command(command)


@click.command("create-school")
@click.option("--urn", required=True, help="The school's unique reference number.")
@click.option("--name", required=True)
@click.option(
    "--type",
    "school_type",
    required=True,
    type=click.Choice(["mainstream", "special", "college", "ap"]),
)
def create_school_cmd(urn: str, name: str, school_type: str) -> None:
    """Create a school (with its passport-signing key)."""
    from journal.schools.operations import SchoolError, create_school

    try:
        school = create_school(urn=urn, name=name, school_type=school_type)
    except SchoolError as problem:
        raise click.ClickException(str(problem)) from None
    db.session.commit()
    click.echo(f"Created {school.name} (URN {school.urn}).")


@click.command("create-user")
@click.option("--school", "urn", required=True, help="URN of the person's school.")
@click.option("--username", required=True)
@click.option("--name", "display_name", required=True)
@click.option(
    "--role",
    "roles",
    multiple=True,
    required=True,
    type=click.Choice(
        ["pupil", "tutor", "careers_leader", "careers_adviser", "senco", "school_admin", "family"]
    ),
    help="Repeat for several roles.",
)
@click.option("--email", default=None)
@click.option(
    "--password",
    default=None,
    help="Leave out to get a temporary password that must be changed at first sign-in.",
)
def create_user_cmd(urn, username, display_name, roles, email, password) -> None:
    """Create a person with one or more roles."""
    from journal.accounts import operations
    from journal.accounts.passwords import weakness
    from journal.schools.queries import school_by_urn

    school = school_by_urn(urn)
    if school is None:
        raise click.ClickException(f"No school has URN {urn}.")
    if password and (problem := weakness(password, username=username)):
        raise click.ClickException(problem)
    try:
        user = operations.create_user(
            school=school,
            username=username,
            email=email,
            display_name=display_name,
            roles=roles,
            password=password,
        )
    except operations.AccountError as problem:
        raise click.ClickException(str(problem)) from None
    if password is None:
        temporary = operations.set_temporary_password(user, by=user)
        click.echo(f"Temporary password for {user.username}: {temporary}")
    db.session.commit()
    click.echo(f"Created {user.username} ({', '.join(sorted(roles))}) at {school.name}.")


@click.command("import-roster")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--school", "urn", required=True, help="URN of the school.")
@click.option("--dry-run", is_flag=True, help="Report what would change, and change nothing.")
def import_roster_cmd(path: Path, urn: str, dry_run: bool) -> None:
    """Import pupils from an MIS CSV export; re-importing the same file changes nothing."""
    from journal.schools.operations import apply_import, plan_import
    from journal.schools.queries import school_by_urn
    from journal.schools.roster import RosterFileError, parse_roster

    school = school_by_urn(urn)
    if school is None:
        raise click.ClickException(f"No school has URN {urn}.")
    try:
        parsed = parse_roster(path.read_bytes())
    except (OSError, RosterFileError) as problem:
        click.echo(f"Could not read {path}: {problem}", err=True)
        sys.exit(1)
    plan = plan_import(school, parsed)
    for rejection in plan.rejections:
        click.echo(f"line {rejection.line}: rejected: {rejection.reason}")
    if dry_run:
        db.session.rollback()
        click.echo(f"dry run: would have {plan.summary}")
        return
    apply_import(school, plan, by=None, filename=path.name)
    db.session.commit()
    click.echo(plan.summary)
