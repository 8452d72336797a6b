"""Building an OpenBadgeCredential and signing it, through openbadgeslib: the school's issuer
profile and did:web, the achievement (what was done, criteria, the Gatsby benchmark as an
alignment, the evidence), the subject (the name the pupil chose, nothing else), and the
school's Bitstring Status List. No cryptography or canonicalisation is written here: the
JWS (EdDSA) and the status list encoding are openbadgeslib's, on ``cryptography``'s key."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from flask import url_for
from openbadgeslib.keys import key_to_pem, public_jwk_from_pem
from openbadgeslib.ob3 import (
    Achievement,
    Alignment,
    Evidence,
    IdentityObject,
    Issuer,
    OB3Signer,
    OpenBadgeCredential,
    build_did_document,
    build_status_list_credential,
    did_web_from_url,
    sign_status_list_credential,
    status_entry,
)

from journal.calendar import utcnow
from journal.reference.gatsby import BENCHMARKS
from journal.schools.models import School

ALGORITHM = "EdDSA"
KEY_FRAGMENT = "passport-key"
# A credential says what happened; it stays true for a long time. Ten years, then a verifier
# reports it expired (the school may no longer exist to stand behind it).
VALID_FOR = timedelta(days=3653)
# The status list is signed afresh on every request and good for a day: a replayed old copy
# (with fewer revocations) is refused by verifiers after that.
STATUS_LIST_VALID_FOR = timedelta(days=1)
STATUS_LIST_BITS = 131072  # the Bitstring Status List minimum: a large crowd to hide in
GATSBY_URL = "https://www.goodcareerguidance.org.uk/benchmarks"


@dataclass(frozen=True)
class Claim:
    """What one credential says, in words, before it is signed."""

    title: str
    description: str
    criteria: str
    achievement_type: str
    benchmark: int | None
    evidence: str  # what staff confirmed, or (if the pupil chose) the pupil's own words
    occurred_on: str | None  # ISO date the activity happened


def issuer_base_url(school: School) -> str:
    """The HTTPS address the school's DID document lives under (did:web always means HTTPS)."""
    url = url_for("credentials.did_document", urn=school.urn, _external=True)
    base = url.rsplit("/did.json", 1)[0]
    return "https://" + base.split("://", 1)[1]


def issuer_did(school: School) -> str:
    """``did:web:<this deployment's host>:credentials:schools:<urn>``."""
    return did_web_from_url(issuer_base_url(school))


def status_list_url(school: School) -> str:
    return url_for("credentials.status_list", urn=school.urn, _external=True)


def public_key_pem(school: School) -> bytes:
    return key_to_pem(Ed25519PublicKey.from_public_bytes(school.signing_key_public))


def _signer(school: School) -> OB3Signer:
    key = Ed25519PrivateKey.from_private_bytes(school.signing_key_private)
    return OB3Signer(privkey_pem=key_to_pem(key), algorithm=ALGORITHM)


def did_document(school: School) -> dict:
    """The school's DID document: its passport-signing key as a JWK."""
    did = issuer_did(school)
    document = build_did_document(
        did, [(KEY_FRAGMENT, public_jwk_from_pem(public_key_pem(school)))]
    )
    document["alsoKnownAs"] = [
        url_for("portable.public_key", urn=school.urn, _external=True),
    ]
    return document


def issuer_profile(school: School) -> Issuer:
    return Issuer(id=issuer_did(school), name=school.name)


def credential_for(
    school: School,
    *,
    uuid: str,
    achievement_id: str,
    claim: Claim,
    subject_name: str,
    status_index: int,
    issued_at: datetime,
    valid_until: datetime,
) -> OpenBadgeCredential:
    """The unsigned credential: the subject carries only the name the pupil chose (as an
    OB 3.0 ``identifier`` of type ``name``), no id, no UPN, no date of birth."""
    alignments = []
    if claim.benchmark in BENCHMARKS:
        alignments.append(
            Alignment(
                target_name=BENCHMARKS[claim.benchmark],
                target_url=GATSBY_URL,
                target_framework="The Gatsby Benchmarks (2025)",
                target_code=f"benchmark-{claim.benchmark}",
            )
        )
    achievement = Achievement(
        id=f"urn:uuid:{achievement_id}",
        name=claim.title,
        description=claim.description,
        criteria_narrative=claim.criteria,
        achievement_type=claim.achievement_type,
        alignments=alignments,
    )
    url = status_list_url(school)
    return OpenBadgeCredential(
        id=f"urn:uuid:{uuid}",
        issuer=issuer_profile(school),
        recipient_id=None,
        identifiers=[
            IdentityObject(identity_hash=subject_name, identity_type="name", hashed=False)
        ],
        achievement=achievement,
        issuance_date=issued_at,
        expiration_date=valid_until,
        evidence=[Evidence(narrative=claim.evidence, name=claim.title)] if claim.evidence else [],
        credential_status=[status_entry(url, "revocation", status_index)],
    )


def sign(school: School, credential: OpenBadgeCredential) -> str:
    """The compact VC-JWT (EdDSA); openbadgeslib puts the public key in the header as ``jwk``
    (a verifier must still check it is the school's: see ``verification``)."""
    return _signer(school).sign(credential)


def signed_status_list(school: School, revoked: set[int]) -> str:
    """The school's Bitstring Status List credential (revocation), signed, valid for a day."""
    now = utcnow()
    document = build_status_list_credential(
        issuer_did(school),
        status_list_url(school),
        "revocation",
        revoked,
        size_bits=STATUS_LIST_BITS,
        issued=now,
        valid_until=now + STATUS_LIST_VALID_FOR,
    )
    key = Ed25519PrivateKey.from_private_bytes(school.signing_key_private)
    return sign_status_list_credential(document, key_to_pem(key), ALGORITHM)
