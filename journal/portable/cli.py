"""``flask --app journal export-passport`` and ``import-passport``."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from sqlalchemy import select

from journal.extensions import db
from journal.schools.models import Pupil
from journal.schools.queries import school_by_urn

from . import bp


def _pupil(upn: str, urn: str | None) -> Pupil:
    query = select(Pupil).where(Pupil.upn == upn.strip().upper())
    if urn:
        school = school_by_urn(urn)
        if school is None:
            raise click.ClickException(f"No school has URN {urn}.")
        query = query.where(Pupil.school_id == school.id)
    pupils = list(db.session.scalars(query))
    if not pupils:
        raise click.ClickException(f"No pupil has UPN {upn}" + (f" at URN {urn}." if urn else "."))
    if len(pupils) > 1:
        raise click.ClickException(f"Several schools have a pupil with UPN {upn}: add --school.")
    return pupils[0]


@bp.cli.command("export-passport")
@click.option("--upn", required=True, help="The pupil's UPN.")
@click.option("--school", "urn", default=None, help="URN of the pupil's school, if needed.")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--drafts", is_flag=True, help="Include the pupil's drafts (their own copy).")
def export_passport_cmd(upn: str, urn: str | None, out: Path, drafts: bool) -> None:
    """Write a pupil's signed passport file (.passport.zip)."""
    from journal.audit.operations import record

    from .export import passport_zip

    pupil = _pupil(upn, urn)
    out.write_bytes(passport_zip(pupil, include_drafts=drafts))
    record("passport_exported", pupil=pupil, by="command line", drafts=drafts)
    db.session.commit()
    click.echo(f"Wrote {pupil.full_name}'s passport to {out}.")


@bp.cli.command("import-passport")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--school", "urn", required=True, help="URN of the receiving school.")
@click.option(
    "--fingerprint-compared",
    is_flag=True,
    help="You compared the issuing school's key fingerprint with the one it publishes.",
)
def import_passport_cmd(path: Path, urn: str, fingerprint_compared: bool) -> None:
    """Import a passport file for the pupil with the same UPN at the receiving school.
    Exits 1, writing nothing, if the file is refused."""
    from .importer import import_passport
    from .verify import Refused, check

    school = school_by_urn(urn)
    if school is None:
        raise click.ClickException(f"No school has URN {urn}.")
    try:
        data = path.read_bytes()
        upn = _upn_in(data)
        pupil = _pupil(upn, urn)
        checked = check(data, receiving=school, pupil=pupil)
        done, written = import_passport(
            pupil, checked, by=None, fingerprint_compared=fingerprint_compared
        )
    except (OSError, Refused) as problem:
        db.session.rollback()
        click.echo(f"Refused: {problem}", err=True)
        sys.exit(1)
    db.session.commit()
    click.echo(f"Issued by {checked.issuer['name']} (URN {checked.issuer['urn']}).")
    click.echo(f"Key fingerprint: {checked.fingerprint} ({done.key_check}).")
    if not written:
        click.echo("This file was imported before: nothing changed.")
    else:
        click.echo(f"Imported for {pupil.full_name}: {done.counts}")


def _upn_in(data: bytes) -> str:
    """The UPN the file names (read before the checks, only to find the pupil)."""
    import json

    from .verify import Refused, unpack

    body, _, _ = unpack(data)
    try:
        return str(json.loads(body)["pupil"]["upn"])
    except (ValueError, KeyError, TypeError):
        raise Refused("passport.json does not name the pupil it belongs to.") from None
