"""What the credential tests share: a pupil with a signed entry of each kind and a Skills
Builder step staff recorded, the official OB 3.0 JSON Schema, and the independent JWS check."""

from __future__ import annotations

import json
import os
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from joserfc import jws
from joserfc.jwk import OKPKey
from jsonschema import Draft201909Validator, FormatChecker

from journal.accounts.roles import Role
from journal.extensions import db
from journal.passport.plans.operations import rate_skill
from journal.passport.signoff.operations import decide_sign_off
from journal.reference import kinds

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_NAME = "ob_v3p0_achievementcredential_schema.json"
# 1EdTech's schema, where the steering session keeps shared data files (see the README).
SCHEMA_PLACES = (
    os.environ.get("OB3_SCHEMA_PATH", ""),
    str(ROOT.parent / "shared" / "vendor" / "1edtech" / SCHEMA_NAME),
    str(ROOT / "docs" / "vendor" / "1edtech" / SCHEMA_NAME),
)


@cache
def ob3_schema() -> dict | None:
    for place in SCHEMA_PLACES:
        if place and Path(place).is_file():
            return json.loads(Path(place).read_text("utf-8"))
    return None


def schema_errors(payload: dict) -> list[str]:
    schema = ob3_schema()
    if schema is None:
        pytest.skip(f"the OB 3.0 JSON Schema ({SCHEMA_NAME}) is not at {SCHEMA_PLACES[1:]}")
    validator = Draft201909Validator(schema, format_checker=FormatChecker())
    return [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(payload)]


def independent_payload(client, token: str, urn: str) -> dict:
    """The payload, after joserfc checked the EdDSA signature against the school's key as
    published at /.well-known/careers-passport/schools/<urn>.pub (not the header's jwk)."""
    pem = client.get(f"/.well-known/careers-passport/schools/{urn}.pub").data
    key = OKPKey.import_key(pem)
    obj = jws.deserialize_compact(token, key, algorithms=["EdDSA"])
    return json.loads(obj.payload)


def served(client):
    """A status-list fetcher that goes through the served public route."""

    def download(url: str) -> bytes:
        path = url.split("://", 1)[1].split("/", 1)[1]
        response = client.get("/" + path)
        assert response.status_code == 200, url
        return response.data

    return download


def signed_entry(make, pupil, tutor, kind: str, **content):
    import uuid

    from journal.passport.entries.operations import record_entry

    fields = {name: "" for name in kinds.FIELDS[kind]} | {
        "occurred_on": date(2026, 10, 1).isoformat(),
        "what_i_did": "I asked about the job.",
        "what_i_learned": "Nurses work shifts.",
    }
    entry, _ = record_entry(
        pupil,
        kind=kind,
        client_id=str(uuid.uuid4()),
        content=fields | content,
        state="submitted",
        author=pupil.user,
    )
    db.session.flush()
    return entry, decide_sign_off(
        entry,
        revision_id=entry.current_revision_id,
        decision="signed",
        signer=tutor,
        signer_role="tutor",
    )


def record_with_everything(make, school=None):
    school = school or make.school("Riverside Academy")
    tutor = make.user(school, Role.TUTOR, name="Ms Tutor")
    careers = make.user(school, Role.CAREERS_LEADER, name="Mr Careers")
    group = make.group(school, "10H", tutors=[tutor])
    pupil = make.pupil(school, group, first="Maya", last="Patel")
    encounter = signed_entry(
        make,
        pupil,
        tutor,
        kinds.ENCOUNTER,
        category="employer_talk",
        organisation="Riverside Hospital",
    )
    workplace = signed_entry(
        make, pupil, tutor, kinds.WORKPLACE, placement_kind="placement", employer="City Vets"
    )
    achievement = signed_entry(
        make,
        pupil,
        tutor,
        kinds.ACHIEVEMENT,
        achievement_kind="award",
        title="Duke of Edinburgh Bronze",
    )
    rating = rate_skill(pupil, "listening", 6, "", [], careers)
    db.session.commit()
    return (
        school,
        pupil,
        tutor,
        careers,
        {
            "encounter": encounter,
            "workplace": workplace,
            "achievement": achievement,
            "skill": rating,
        },
    )
