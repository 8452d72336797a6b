"""Bringing a checked passport file into a pupil's record at the receiving school.

Everything the file holds lands in the pupil's record marked as from the previous school
(``source = "imported_passport"``), each row linked to its origin by an ``ImportedRecord``.
The same file imported again changes nothing (``PassportImport`` is unique per pupil and file
SHA-256), and a record already brought by another file is not written twice.

Revisions keep their number, content and time; their author becomes "none here" (the signer and
author ids belonged to the other deployment), and attachment ids in their content are the new
local ones. So each imported sign-off is stored with the hash of the revision as stored here, and
keeps the hash it had in the file (already checked) in its ``ImportedRecord``.
"""

from __future__ import annotations

import base64
import hashlib

from sqlalchemy import select

from journal.accounts.models import User
from journal.audit.operations import record
from journal.extensions import db
from journal.guidance.models import Action, GuidanceInterview, GuidanceNote
from journal.media.images import UploadProblem, clean_upload
from journal.media.models import Attachment
from journal.media.storage import storage
from journal.passport.entries.models import Entry, EntryRevision
from journal.passport.plans.models import (
    Aspiration,
    IntendedDestination,
    ProfileVersion,
    SkillRating,
)
from journal.passport.signoff.models import SignOff
from journal.passport.signoff.signing import revision_sha256
from journal.reference import kinds
from journal.schools.models import Pupil

from . import formats as f
from .models import ImportedRecord, PassportImport
from .verify import Checked, Refused

IMPORTED = "imported_passport"  # journal.reference.kinds.SOURCES


def previous_import(pupil: Pupil, checked: Checked) -> PassportImport | None:
    return db.session.scalar(
        select(PassportImport).where(
            PassportImport.pupil_id == pupil.id,
            PassportImport.file_sha256 == checked.file_sha256,
        )
    )


def import_passport(
    pupil: Pupil, checked: Checked, *, by: User | None, fingerprint_compared: bool = False
) -> tuple[PassportImport, bool]:
    """Write what the file holds into ``pupil``'s record; ``(import, written)``. A file
    imported before is found and nothing is written. Flushes and audits; the caller commits."""
    if (earlier := previous_import(pupil, checked)) is not None:
        return earlier, False
    key_check = checked.key_check
    if key_check == "unchecked" and fingerprint_compared:
        key_check = "fingerprint"
    issuer = checked.issuer
    done = PassportImport(
        pupil_id=pupil.id,
        file_sha256=checked.file_sha256,
        format_version=checked.document["format_version"],
        issuer_urn=issuer["urn"],
        issuer_name=issuer["name"],
        issuer_public_key=issuer["public_key"],
        key_check=key_check,
        exported_at=f.parse_timestamp(checked.document["exported_at"]),
        imported_by_id=getattr(by, "id", None),
    )
    db.session.add(done)
    db.session.flush()
    writer = _Writer(pupil, checked, done)
    done.counts = writer.write_all()
    record(
        "passport_imported",
        actor=by,
        pupil=pupil,
        file_sha256=checked.file_sha256,
        issuer_urn=issuer["urn"],
        key_check=key_check,
        counts=done.counts,
    )
    return done, True


def key_fingerprint(done: PassportImport) -> str:
    """The fingerprint of the key that signed an imported file, as staff compare it."""
    return f.fingerprint(base64.b64decode(done.issuer_public_key))


def confirm_issuer_key(done: PassportImport, *, by: User) -> int:
    """Staff compared the issuing school's key fingerprint with the one the school publishes,
    after the import: every import of the pupil's with that key (unchecked until now) counts
    as checked, and the sign-offs they brought become verified. Returns how many sign-offs
    changed. Flushes and audits; the caller commits."""
    imports = list(
        db.session.scalars(
            select(PassportImport).where(
                PassportImport.pupil_id == done.pupil_id,
                PassportImport.issuer_public_key == done.issuer_public_key,
                PassportImport.key_check == "unchecked",
            )
        )
    )
    for each in imports:
        each.key_check = "fingerprint"
    origins = db.session.scalars(
        select(ImportedRecord).where(
            ImportedRecord.import_id.in_([each.id for each in imports]),
            ImportedRecord.record_type == "sign_off",
        )
    )
    changed = 0
    for origin in origins:
        if not origin.detail.get("verified"):
            origin.detail = {**origin.detail, "verified": True}  # a new dict: JSON is not mutable
            changed += 1
    db.session.flush()
    record(
        "passport_key_confirmed",
        actor=by,
        pupil=db.session.get(Pupil, done.pupil_id),
        issuer_urn=done.issuer_urn,
        fingerprint=key_fingerprint(done),
        imports=[each.id for each in imports],
        sign_offs_verified=changed,
    )
    return changed


class _Writer:
    """One import's writes, remembering which origins the pupil's record already holds."""

    def __init__(self, pupil: Pupil, checked: Checked, done: PassportImport):
        self.pupil, self.checked, self.done = pupil, checked, done
        self.document = checked.document
        self.issuer = checked.issuer
        self.held = set(
            tuple(row)
            for row in db.session.execute(
                select(ImportedRecord.record_type, ImportedRecord.origin_id).where(
                    ImportedRecord.pupil_id == pupil.id
                )
            ).all()
        )
        self.counts: dict[str, int] = {}

    def _link(self, record_type, row_id, origin_id, school=None, **detail) -> None:
        school = school or self.issuer
        db.session.add(
            ImportedRecord(
                import_id=self.done.id,
                pupil_id=self.pupil.id,
                record_type=record_type,
                record_id=row_id,
                origin_id=origin_id[:120],
                school_name=school["name"],
                school_urn=school["urn"],
                detail=detail,
            )
        )
        self.held.add((record_type, origin_id[:120]))
        self.counts[record_type] = self.counts.get(record_type, 0) + 1

    def _new(self, record_type: str, origin_id: str) -> bool:
        return (record_type, origin_id[:120]) not in self.held

    def write_all(self) -> dict[str, int]:
        existing = set(
            db.session.scalars(select(Entry.client_id).where(Entry.pupil_id == self.pupil.id))
        )
        items = [
            item
            for item in self.document["entries"]
            if item["id"] not in existing and self._new("entry", item["id"])
        ]
        needed = {
            a.get("sha256")
            for item in items
            for r in item["revisions"]
            for a in r["content"].get("attachments") or []
        }
        self._entries(items, self._attachments(needed))
        self._history()
        self._guidance()
        db.session.flush()
        return self.counts

    # --- attachments and entries ------------------------------------------------------------

    def _attachments(self, needed: set) -> dict[str, Attachment]:
        """Each file the new entries show, cleaned as an upload would be (a file from
        elsewhere is not trusted)."""
        out = {}
        files = storage()
        for listed in self.document["attachments"]:
            if listed["sha256"] not in needed:
                continue
            try:
                cleaned = clean_upload(self.checked.files[listed["sha256"]], allow_pdf=True)
            except UploadProblem as problem:
                raise Refused(f"{listed['path']} cannot be kept: {problem}") from None
            attachment = Attachment(
                pupil_id=self.pupil.id,
                key=files.put(cleaned.data, cleaned.media_type),
                sha256=hashlib.sha256(cleaned.data).hexdigest(),
                media_type=cleaned.media_type,
                size=len(cleaned.data),
                width=cleaned.width,
                height=cleaned.height,
                thumbnail_key=(
                    files.put(cleaned.thumbnail, cleaned.thumbnail_media_type or "")
                    if cleaned.thumbnail
                    else None
                ),
                original_name=listed["path"].split("/")[-1],
                description=(listed.get("description") or "")[:300],
            )
            db.session.add(attachment)
            out[listed["sha256"]] = attachment
        db.session.flush()
        return out

    def _entries(self, items: list[dict], attachments: dict[str, Attachment]) -> None:
        made = {item["id"]: self._entry(item, attachments) for item in items}
        for item in items:
            if item.get("parent") in made:
                made[item["id"]].parent = made[item["parent"]]
        db.session.flush()

    def _entry(self, item: dict, attachments: dict[str, Attachment]) -> Entry:
        current = next(r for r in item["revisions"] if r["number"] == item["current_revision"])
        content = _local_content(current["content"], attachments)
        entry = Entry(
            pupil_id=self.pupil.id,
            kind=item["kind"],
            client_id=item["id"],
            state=item["state"],
            shared_with_family=item.get("shared_with_family", True),
            source=IMPORTED,
            created_at=f.parse_timestamp(item.get("created_at") or current["created_at"]),
            occurred_on=_date(item["occurred_on"]),
            category=kinds.category_of_entry(item["kind"], content),
            benchmark=kinds.benchmark_of_entry(item["kind"], content),
        )
        db.session.add(entry)
        db.session.flush()
        by_number = {}
        for r in sorted(item["revisions"], key=lambda r: r["number"]):
            revision = EntryRevision(
                entry_id=entry.id,
                number=r["number"],
                content=_local_content(r["content"], attachments),
                created_at=f.parse_timestamp(r["created_at"]),
            )
            db.session.add(revision)
            by_number[r["number"]] = revision
        db.session.flush()
        entry.current_revision = by_number[item["current_revision"]]
        for a in content.get("attachments") or []:
            db.session.get(Attachment, a["id"]).entry_id = entry.id
        self._link("entry", entry.id, item["id"], item["school"])
        for s in item["sign_offs"]:
            self._sign_off(entry, by_number[s["revision"]], s, item)
        return entry

    def _sign_off(self, entry: Entry, revision: EntryRevision, s: dict, item: dict) -> None:
        sign_off = SignOff(
            entry_id=entry.id,
            revision_id=revision.id,
            decision=s["decision"],
            comment=s.get("comment", ""),
            content_sha256=revision_sha256(entry, revision),
            signer_name=s["signer_name"],
            signer_role=s["signer_role"],
            signed_at=f.parse_timestamp(s["signed_at"]),
        )
        db.session.add(sign_off)
        db.session.flush()
        origin = f"{item['id']}:{s['revision']}:{s['decision']}:{s['signed_at']}"
        self._link(
            "sign_off",
            sign_off.id,
            origin,
            s["school"],
            content_sha256=s["content_sha256"],
            verified=self.done.key_verified,
        )

    # --- histories and guidance -------------------------------------------------------------

    def _history(self) -> None:
        for name, model, fields in (
            ("skills", SkillRating, ("skill", "step", "note")),
            ("aspirations", Aspiration, ("what", "why")),
            ("intended_destinations", IntendedDestination, ("stage", "category", "detail")),
            ("profile_versions", ProfileVersion, ("content",)),
        ):
            for item in self.document[name]:
                origin = hashlib.sha256(
                    repr([item["created_at"], *(item.get(n) for n in fields)]).encode()
                ).hexdigest()
                if not self._new(name[:20], origin):
                    continue
                values = {n: item[n] for n in fields if item.get(n) is not None}
                row = model(
                    pupil_id=self.pupil.id,
                    source=IMPORTED,
                    created_at=f.parse_timestamp(item["created_at"]),
                    **values,
                )
                db.session.add(row)
                db.session.flush()
                self._link(name[:20], row.id, origin)

    def _guidance(self) -> None:
        g, urn = self.document["guidance"], self.issuer["urn"]
        interviews = {}
        for i in g["interviews"]:
            origin = f"{urn}:{i['id']}"
            if not self._new("interview", origin):
                continue
            row = GuidanceInterview(
                pupil_id=self.pupil.id,
                adviser_name=f"{i['adviser_name']} ({self.issuer['name']})"[:200],
                held_on=_date(i["held_on"]),
                place=i.get("place", ""),
                notes=i.get("notes", ""),
                advice=i.get("advice", ""),
                visibility=i["visibility"],
                created_at=f.parse_timestamp(i["created_at"]),
            )
            db.session.add(row)
            db.session.flush()
            interviews[i["id"]] = row.id
            self._link("interview", row.id, origin)
        for n in g["notes"]:
            origin = f"{urn}:{n['id']}"
            if not self._new("note", origin):
                continue
            row = GuidanceNote(
                pupil_id=self.pupil.id,
                kind=n["kind"],
                text=_from(n["text"], n.get("author_name"), self.issuer["name"]),
                interview_id=interviews.get(n.get("interview") or ""),
                visibility=n["visibility"],
                created_at=f.parse_timestamp(n["created_at"]),
            )
            db.session.add(row)
            db.session.flush()
            self._link("note", row.id, origin)
        for a in g["actions"]:
            origin = f"{urn}:{a['id']}"
            if not self._new("action", origin):
                continue
            row = Action(
                pupil_id=self.pupil.id,
                what=a["what"],
                owner_kind=a["owner_kind"],
                owner_name=(a.get("owner_name") or "")[:200],
                due_on=_date(a["due_on"]) if a.get("due_on") else None,
                status=a["status"],
                interview_id=interviews.get(a.get("interview") or ""),
                visibility=a["visibility"],
                created_at=f.parse_timestamp(a["created_at"]),
            )
            db.session.add(row)
            db.session.flush()
            self._link("action", row.id, origin)


def _from(text: str, author: str | None, school: str) -> str:
    """Advice keeps saying who gave it: the author's account is at the other school."""
    who = f"{author}, {school}" if author else school
    return f"{text}\n\n(From {who}.)"


def _local_content(content: dict, attachments: dict[str, Attachment]) -> dict:
    """The revision's content with each attachment pointing at the local copy."""
    if not content.get("attachments"):
        return content
    local = []
    for a in content["attachments"]:
        row = attachments.get(a.get("sha256"))
        if row is not None:
            local.append(row.as_content() | {"description": a.get("description", "")})
    return {**content, "attachments": local}


def _date(text: str):
    from datetime import date

    return date.fromisoformat(text)
