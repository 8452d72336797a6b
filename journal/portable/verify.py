"""Checking a passport file before anything is written: a safe zip, ``passport.json`` against
the JSON Schema and the format version, the Ed25519 signature, the key belonging to the school
the file names, every sign-off's hash recomputed, every attachment's hash.

``check`` returns a ``Checked`` (what an import would bring in) or raises ``Refused`` with a
message for the person: the first thing wrong, in words, never a stack trace."""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import json
import stat
import zipfile
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from jsonschema import Draft202012Validator, FormatChecker

from journal.credentials.carried import is_credential_file, verify_carried
from journal.schools.models import Pupil, School
from journal.schools.queries import school_by_urn

from . import formats as f


class Refused(ValueError):
    """The file cannot be imported; the message says why, for the person who sent it."""


@dataclass
class Checked:
    """A file that passed every check, and what importing it would bring."""

    file_sha256: str
    document: dict
    files: dict[str, bytes]  # attachment SHA-256 -> bytes
    public_key: bytes
    key_check: str  # "deployment" (matches the key held here) or "unchecked"
    warnings: list[str] = field(default_factory=list)
    credentials: list = field(default_factory=list)  # a verdict on each Open Badge carried

    @property
    def issuer(self) -> dict:
        return self.document["issuer"]

    @property
    def fingerprint(self) -> str:
        return f.fingerprint(self.public_key)

    @property
    def counts(self) -> dict[str, int]:
        d, g = self.document, self.document["guidance"]
        return {
            "entries": len(d["entries"]),
            "sign_offs": sum(len(e["sign_offs"]) for e in d["entries"]),
            "attachments": len(d["attachments"]),
            "skills": len(d["skills"]),
            "aspirations": len(d["aspirations"]),
            "intended_destinations": len(d["intended_destinations"]),
            "profile_versions": len(d["profile_versions"]),
            "guidance": len(g["interviews"]) + len(g["notes"]) + len(g["actions"]),
        }


def check(data: bytes, *, receiving: School, pupil: Pupil | None = None) -> Checked:
    """Every check, in order; the first that fails raises ``Refused``."""
    body, signature, files = unpack(data)
    carried = {name: files.pop(name) for name in [n for n in files if is_credential_file(n)]}
    document = _parsed(body)
    public_key = _verified_signature(document, body, signature)
    key_check = _key_belongs(document["issuer"], public_key)
    if document["issuer"]["urn"] == receiving.urn:
        raise Refused(
            f"This passport was issued by {receiving.name}, this school. "
            "Only a passport from another school can be imported."
        )
    _check_sign_offs(document)
    attachments = _check_attachments(document, files)
    checked = Checked(
        hashlib.sha256(data).hexdigest(), document, attachments, public_key, key_check
    )
    if pupil is not None:
        _check_pupil(document["pupil"], pupil)
    checked.credentials = verify_carried(carried)
    for verdict in checked.credentials:
        if not verdict.is_valid:
            checked.warnings.append(f"Open Badge “{verdict.title}”: {verdict.headline}")
    if key_check == "unchecked":
        checked.warnings.append(
            f"{document['issuer']['name']} does not use this service here, so we cannot compare "
            "its key ourselves. Compare the key's fingerprint with the one the school publishes."
        )
    return checked


def unpack(data: bytes) -> tuple[bytes, bytes, dict[str, bytes]]:
    """``(passport.json, signature, {name: bytes})`` from a zip, refusing anything unsafe
    before a byte is extracted: names that climb out (``../``) or are absolute, links, too many
    members, too much unpacked, or a member that expands more than ``MAX_RATIO`` times."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise Refused("This is not a passport file: it is not a zip file.") from None
    _check_directory(members)
    contents = {}
    for member in members:
        if member.is_dir() or member.filename == f.PASSPORT_PDF:
            continue  # the PDF is a convenience copy, never read (its size is checked above)
        contents[member.filename] = _read(archive, member)
    if f.PASSPORT_JSON not in contents:
        raise Refused("This zip has no passport.json: it is not a passport file.")
    if f.SIGNATURE not in contents:
        raise Refused("This passport has no signature, so we cannot tell who issued it.")
    body = contents.pop(f.PASSPORT_JSON)
    signature = contents.pop(f.SIGNATURE)
    contents.pop(f.PASSPORT_PDF, None)
    return body, signature, contents


def _check_directory(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > f.MAX_MEMBERS:
        raise Refused(
            f"This zip holds {len(members)} files; a passport holds at most {f.MAX_MEMBERS}."
        )
    total = 0
    for member in members:
        name = member.filename
        parts = name.replace("\\", "/").split("/")
        if name.startswith(("/", "\\")) or ":" in parts[0] or ".." in parts:
            raise Refused(f"This zip has an unsafe file name ({name[:80]}): it was refused.")
        if stat.S_ISLNK(member.external_attr >> 16):
            raise Refused(f"This zip holds a link ({name[:80]}), which a passport never does.")
        if not member.is_dir() and not _allowed(name):
            raise Refused(f"This zip holds a file a passport does not have: {name[:80]}.")
        total += member.file_size
        if (
            member.file_size > f.MAX_RATIO * max(member.compress_size, 1)
            and member.file_size > 1024 * 1024
        ):
            raise Refused(
                f"{name[:80]} would unpack to {member.file_size:,} bytes from "
                f"{member.compress_size:,}: that looks like a zip bomb, so it was refused."
            )
    if total > f.MAX_TOTAL_BYTES:
        raise Refused(
            f"This zip would unpack to {total // (1024 * 1024):,} MB; "
            f"a passport unpacks to at most {f.MAX_TOTAL_BYTES // (1024 * 1024)} MB."
        )


def _allowed(name: str) -> bool:
    return (
        name in (f.PASSPORT_JSON, f.SIGNATURE, f.PASSPORT_PDF)
        or bool(f.ATTACHMENT_NAME.fullmatch(name))
        or is_credential_file(name)
    )


def _read(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes:
    """Read at most the size the directory declared (plus one byte, to catch a lie)."""
    limit = f.MAX_JSON_BYTES if member.filename == f.PASSPORT_JSON else f.MAX_TOTAL_BYTES
    try:
        with archive.open(member) as handle:
            data = handle.read(min(member.file_size, limit) + 1)
    except (zipfile.BadZipFile, RuntimeError, OSError, NotImplementedError, EOFError):
        raise Refused(
            f"{member.filename[:80]} in this zip cannot be read: the file is damaged."
        ) from None
    if len(data) > min(member.file_size, limit):
        raise Refused(f"{member.filename[:80]} is bigger than this zip says, or too big.")
    return data


@cache
def schema_validator() -> Draft202012Validator:
    text = resources.files(__package__).joinpath("schema.json").read_text("utf-8")
    return Draft202012Validator(json.loads(text), format_checker=FormatChecker())


def _parsed(body: bytes) -> dict:
    try:
        document = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise Refused("passport.json is not readable JSON: the file is damaged.") from None
    if not isinstance(document, dict):
        raise Refused("passport.json does not hold a passport.")
    version = document.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > f.FORMAT_VERSION:
        raise Refused(
            f"This passport uses format version {version}, newer than this service reads "
            f"(version {f.FORMAT_VERSION}). Ask for it to be updated, or for a version "
            f"{f.FORMAT_VERSION} file."
        )
    error = next(iter(sorted(schema_validator().iter_errors(document), key=str)), None)
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "the top level"
        raise Refused(
            f"passport.json does not follow the passport format (at {where}: "
            f"{error.message[:200]})."
        )
    return document


def _verified_signature(document: dict, body: bytes, signature: bytes) -> bytes:
    issuer = document["issuer"]
    public_key = base64.b64decode(issuer["public_key"])
    try:
        raw_signature = base64.b64decode(signature.strip(), validate=True)
        Ed25519PublicKey.from_public_bytes(public_key).verify(raw_signature, body)
    except (InvalidSignature, binascii.Error, ValueError):
        raise Refused(
            f"The signature does not match: this file has been changed since "
            f"{issuer['name']} signed it, or it was not signed with the key it holds. "
            "Nothing was imported. Ask the school for a fresh copy."
        ) from None
    if f.fingerprint(public_key) != issuer["fingerprint"]:
        raise Refused("The fingerprint in this file is not the fingerprint of its key.")
    return public_key


def _key_belongs(issuer: dict, public_key: bytes) -> str:
    """A school in this deployment has its key here: the file's must be that one."""
    school = school_by_urn(issuer["urn"])
    if school is None:
        return "unchecked"
    if school.signing_key_public != public_key:
        raise Refused(
            f"This file says it comes from {school.name} (URN {school.urn}), but it was signed "
            "with a different key from that school's. It may have been forged. Nothing was "
            "imported."
        )
    return "deployment"


def _check_sign_offs(document: dict) -> None:
    """Recompute each sign-off's SHA-256 from its revision, exactly as the file holds it."""
    for entry in document["entries"]:
        revisions = {r["number"]: r for r in entry["revisions"]}
        if entry["current_revision"] not in revisions:
            raise Refused(f"Entry {entry['id']} has no revision {entry['current_revision']}.")
        for sign_off in entry["sign_offs"]:
            revision = revisions.get(sign_off["revision"])
            if (
                revision is None
                or f.revision_hash(entry["id"], entry["kind"], revision)
                != (sign_off["content_sha256"])
            ):
                raise Refused(
                    f"A signed entry (“{_title(entry)}”, version {sign_off['revision']}) is not "
                    f"what {sign_off['signer_name']} signed: its hash does not match. "
                    "Nothing was imported."
                )
        parents = {e["id"] for e in document["entries"]}
        if entry.get("parent") and entry["parent"] not in parents:
            raise Refused(f"Entry {entry['id']} belongs to an entry the file does not hold.")


def _title(entry: dict) -> str:
    content = next(
        (r["content"] for r in entry["revisions"] if r["number"] == entry["current_revision"]), {}
    )
    return str(
        content.get("title")
        or content.get("organisation")
        or content.get("employer")
        or entry["kind"]
    )[:60]


def _check_attachments(document: dict, files: dict[str, bytes]) -> dict[str, bytes]:
    found = {}
    for listed in document["attachments"]:
        data = files.get(listed["path"])
        if data is None:
            raise Refused(f"The file lists {listed['path']}, but the zip does not hold it.")
        if hashlib.sha256(data).hexdigest() != listed["sha256"] or not listed["path"].startswith(
            f"attachments/{listed['sha256']}."
        ):
            raise Refused(f"{listed['path']} is not the file it should be: its hash differs.")
        found[listed["sha256"]] = data
    return found


def _check_pupil(person: dict, pupil: Pupil) -> None:
    """The file must be this pupil's: the UPN stays with a pupil for life, in every school."""
    if person["upn"] != pupil.upn:
        raise Refused(
            f"This passport belongs to a pupil with UPN {person['upn']}, but "
            f"{pupil.full_name}'s UPN is {pupil.upn}. Check you have the right file."
        )
    if person["date_of_birth"] != pupil.date_of_birth.isoformat():
        raise Refused(
            f"This passport gives a different date of birth from {pupil.full_name}'s. "
            "Check you have the right file."
        )
