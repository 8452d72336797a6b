"""Checking a credential: openbadgeslib's verifier, with the key of the school the credential
names (held here), the status list as this deployment serves it, and the answer in plain
words: who issued it, to whom, for what, when, and whether it is valid, revoked, expired or
tampered with. Nothing is fetched from the network: a credential naming an issuer outside
this deployment is reported as one we cannot check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from openbadgeslib.ob3 import OB3VerificationError, OB3Verifier

from journal.schools.models import School

from . import issuing, queries

VALID = "valid"
REVOKED = "revoked"
EXPIRED = "expired"
TAMPERED = "tampered"
UNKNOWN_ISSUER = "unknown_issuer"
NOT_A_CREDENTIAL = "not_a_credential"

HEADLINES = {
    VALID: "This credential is valid.",
    REVOKED: "This credential has been revoked by the school that issued it.",
    EXPIRED: "This credential has expired.",
    TAMPERED: "This credential has been changed, or was not signed by the school it names.",
    UNKNOWN_ISSUER: "We cannot check this credential here.",
    NOT_A_CREDENTIAL: "This is not an Open Badges credential we can read.",
}


@dataclass
class Verdict:
    state: str
    detail: str = ""
    issuer_name: str = ""
    issuer_id: str = ""
    subject_name: str = ""
    title: str = ""
    description: str = ""
    criteria: str = ""
    evidence: str = ""
    benchmark: str = ""
    valid_from: datetime | None = None
    valid_until: datetime | None = None
    credential_id: str = ""

    @property
    def headline(self) -> str:
        return HEADLINES[self.state]

    @property
    def is_valid(self) -> bool:
        return self.state == VALID


def school_of_issuer(issuer_id: str) -> School | None:
    """The school in this deployment whose did:web is ``issuer_id``, or None."""
    if not isinstance(issuer_id, str) or not issuer_id.startswith("did:web:"):
        return None
    school = queries.school_by_urn(issuer_id.rsplit(":", 1)[-1])
    if school is None or issuing.issuer_did(school) != issuer_id:
        return None
    return school


def served_status_list(url: str) -> bytes:
    """The status list a credential points at, as this deployment serves it; any other
    address is refused (the verify page never fetches a URL named in an untrusted file)."""
    urn = url.rsplit("/", 1)[-1].removesuffix(".jwt")
    school = queries.school_by_urn(urn)
    if school is None or issuing.status_list_url(school) != url:
        raise ValueError("that status list is not served here")
    return issuing.signed_status_list(school, queries.revoked_indices(school)).encode()


def verify(token: str, *, download=served_status_list) -> Verdict:
    """The verdict on a compact VC-JWT. ``download`` fetches a status list (the test suite
    passes one that goes through the served route)."""
    token = (token or "").strip()
    try:
        claimed = OB3Verifier._decode_unverified(token)
    except OB3VerificationError:
        return Verdict(NOT_A_CREDENTIAL, "It is not a signed credential (a compact JWT).")
    verdict = _described(claimed)
    school = school_of_issuer(verdict.issuer_id)
    if school is None:
        verdict.state = UNKNOWN_ISSUER
        verdict.detail = (
            "It names an issuer whose key this service does not hold, so we cannot tell "
            "whether it is genuine. Check it with the issuer's own verifier or a wallet."
        )
        return verdict
    verifier = OB3Verifier(pubkey_pem=issuing.public_key_pem(school))
    try:
        credential = verifier.verify(token)
    except OB3VerificationError as error:
        return _refused(verdict, str(error))
    try:
        verifier.check_status(credential, verify_list=True, download=download)
    except OB3VerificationError as error:
        if "status 'revocation' is set" in str(error):
            verdict.state = REVOKED
            verdict.detail = f"{verdict.issuer_name} no longer stands behind it."
        else:
            verdict.state = TAMPERED
            verdict.detail = "Its revocation status could not be checked."
        return verdict
    verdict.state = VALID
    verdict.detail = f"It was signed by {verdict.issuer_name}, and has not been changed since."
    return verdict


def _refused(verdict: Verdict, message: str) -> Verdict:
    if "expired" in message.lower():
        verdict.state = EXPIRED
        verdict.detail = "Its signature is genuine, but its validity has ended."
    elif "not yet valid" in message.lower():
        verdict.state = TAMPERED
        verdict.detail = "It says it is valid only from a later date."
    else:
        verdict.state = TAMPERED
        verdict.detail = (
            "Its signature does not match what it says: a character was changed, or it "
            "was signed with a key that is not the school's."
        )
    return verdict


def _described(claims: dict) -> Verdict:
    """What the credential says of itself (not yet trusted: shown with the verdict)."""
    from openbadgeslib.ob3.credential import _parse_iso

    issuer = claims.get("issuer")
    subject = claims.get("credentialSubject") or {}
    subject = subject[0] if isinstance(subject, list) and subject else subject
    subject = subject if isinstance(subject, dict) else {}
    achievement = subject.get("achievement") if isinstance(subject.get("achievement"), dict) else {}
    names = [
        i.get("identityHash", "")
        for i in subject.get("identifier") or []
        if isinstance(i, dict) and i.get("identityType") == "name" and not i.get("hashed")
    ]
    evidence = [e.get("narrative", "") for e in claims.get("evidence") or [] if isinstance(e, dict)]
    alignment = [
        a.get("targetName", "") for a in achievement.get("alignment") or [] if isinstance(a, dict)
    ]

    def moment(name):
        try:
            return _parse_iso(claims[name]) if isinstance(claims.get(name), str) else None
        except ValueError:
            return None

    return Verdict(
        NOT_A_CREDENTIAL,
        issuer_name=str(issuer.get("name", "")) if isinstance(issuer, dict) else "",
        issuer_id=str(issuer.get("id", "")) if isinstance(issuer, dict) else str(issuer or ""),
        subject_name=", ".join(str(n) for n in names),
        title=str(achievement.get("name", "")),
        description=str(achievement.get("description", "")),
        criteria=str((achievement.get("criteria") or {}).get("narrative", ""))
        if isinstance(achievement.get("criteria"), dict)
        else "",
        evidence=" ".join(str(e) for e in evidence),
        benchmark=", ".join(str(a) for a in alignment),
        valid_from=moment("validFrom"),
        valid_until=moment("validUntil"),
        credential_id=str(claims.get("id", "")),
    )
