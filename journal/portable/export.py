"""Writing a pupil's passport file: ``passport.json`` signed with the school's Ed25519 key,
the attachments, in one zip. What goes in, and what never does, is in
``docs/passport-format.md``: guidance only as the pupil sees it, never a staff-only note, and
never the school's private key (only its public key, to check the signature with)."""

from __future__ import annotations

import io
import json
import zipfile
from collections import defaultdict

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from flask import current_app, url_for
from sqlalchemy import select
from sqlalchemy.orm import aliased, selectinload

from journal.calendar import utcnow
from journal.credentials.carried import credential_files
from journal.extensions import db
from journal.guidance.models import Action, GuidanceInterview, GuidanceNote
from journal.media.models import Attachment
from journal.media.storage import storage
from journal.passport.entries.models import Entry, EntryRevision, entry_parents
from journal.passport.plans.models import (
    Aspiration,
    IntendedDestination,
    ProfileVersion,
    SkillRating,
)
from journal.passport.signoff.models import SignOff
from journal.schools.models import Pupil, School

from . import formats as f
from .models import ImportedRecord


def passport_zip(pupil: Pupil, *, include_drafts: bool) -> bytes:
    """The whole ``.passport.zip`` for ``pupil``, signed by the pupil's school."""
    school = db.session.get(School, pupil.school_id)
    document, files = passport_document(pupil, school, include_drafts=include_drafts)
    body = json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")
    signature = Ed25519PrivateKey.from_private_bytes(school.signing_key_private).sign(body)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f.PASSPORT_JSON, body)
        archive.writestr(f.SIGNATURE, f.b64(signature) + "\n")
        if (pdf := _readable_copy(body)) is not None:
            archive.writestr(f.PASSPORT_PDF, pdf)
        for name, key in sorted(files.items()):
            archive.writestr(name, storage().get(key), compress_type=zipfile.ZIP_STORED)
        for name, token in credential_files(pupil):  # Open Badges, beside passport.json
            archive.writestr(name, token)
    return out.getvalue()


def _readable_copy(body: bytes) -> bytes | None:
    """``passport.pdf``, made from the very bytes that are signed (so it shows what the file
    holds). Not signed itself. If it cannot be made the file goes without it: the signed
    record is what matters, and a pupil's copy of their data must not fail for a PDF."""
    from .pdf import render_passport_pdf

    try:
        return render_passport_pdf(json.loads(body))
    except Exception:
        current_app.logger.exception("passport.pdf could not be made; exporting without it")
        return None


def download_name(pupil: Pupil) -> str:
    """``Firstname-Surname-passport-2026-11-23.passport.zip``."""
    name = "-".join(
        "".join(c for c in part if c.isalnum() or c == "-") or "pupil"
        for part in (pupil.first_name, pupil.last_name)
    )
    return f"{name}-passport-{utcnow().date().isoformat()}.passport.zip"


def passport_document(pupil: Pupil, school: School, *, include_drafts: bool):
    """``(document, files)``: what ``passport.json`` holds, and zip names to storage keys."""
    origins = _origins(pupil)
    entries, attachments, files = _entries(pupil, school, origins, include_drafts)
    document = {
        "format": f.FORMAT,
        "format_version": f.FORMAT_VERSION,
        "exported_at": f.timestamp(utcnow()),
        "includes_drafts": include_drafts,
        "issuer": {
            "name": school.name,
            "urn": school.urn,
            "public_key": f.b64(school.signing_key_public),
            "fingerprint": f.fingerprint(school.signing_key_public),
        }
        | _key_url(school),
        "pupil": _pupil(pupil),
        "entries": entries,
        "attachments": attachments,
        "skills": [
            {
                "skill": r.skill,
                "step": r.step,
                "note": r.note,
                "source": r.source,
                "created_at": f.timestamp(r.created_at),
            }
            for r in _rows(SkillRating, pupil)
        ],
        "aspirations": [
            {
                "what": a.what,
                "why": a.why,
                "source": a.source,
                "created_at": f.timestamp(a.created_at),
            }
            for a in _rows(Aspiration, pupil)
        ],
        "intended_destinations": [
            {
                "stage": d.stage,
                "category": d.category,
                "detail": d.detail,
                "source": d.source,
                "created_at": f.timestamp(d.created_at),
            }
            for d in _rows(IntendedDestination, pupil)
        ],
        "profile_versions": [
            {"content": p.content, "source": p.source, "created_at": f.timestamp(p.created_at)}
            for p in _rows(ProfileVersion, pupil)
        ],
        "guidance": _guidance(pupil),
    }
    return document, files


def _key_url(school: School) -> dict:
    """Where this deployment publishes the key, when it knows its own address (a command run
    without SERVER_NAME does not: the field is optional)."""
    try:
        return {"key_url": url_for("portable.public_key", urn=school.urn, _external=True)}
    except RuntimeError:
        return {}


def _pupil(pupil: Pupil) -> dict:
    """Who the passport belongs to: names, UPN and date of birth to match them at the next
    school. Not their SEN, free-meals or care status: the next school's MIS holds those."""
    return {
        "upn": pupil.upn,
        "uln": pupil.uln,
        "legal_first_name": pupil.legal_first_name,
        "legal_last_name": pupil.legal_last_name,
        "preferred_first_name": pupil.preferred_first_name,
        "preferred_last_name": pupil.preferred_last_name,
        "date_of_birth": pupil.date_of_birth.isoformat(),
        "year_group": pupil.year_group,
        "record_began_on": pupil.record_began_on.isoformat(),
    }


def _rows(model, pupil: Pupil) -> list:
    return list(
        db.session.scalars(
            select(model).where(model.pupil_id == pupil.id).order_by(model.created_at, model.id)
        )
    )


def _origins(pupil: Pupil) -> dict[tuple[str, int], ImportedRecord]:
    """Rows this pupil's record holds from an earlier import, so a re-export keeps saying
    which school an entry or a sign-off came from."""
    rows = db.session.scalars(select(ImportedRecord).where(ImportedRecord.pupil_id == pupil.id))
    return {(r.record_type, r.record_id): r for r in rows}


def _entries(pupil: Pupil, school: School, origins: dict, include_drafts: bool):
    query = select(Entry).where(Entry.pupil_id == pupil.id).order_by(Entry.occurred_on, Entry.id)
    if not include_drafts:
        query = query.where(Entry.state != "draft")
    entries = list(db.session.scalars(query))
    ids = [e.id for e in entries]
    revisions, sign_offs = defaultdict(list), defaultdict(list)
    for revision in db.session.scalars(
        select(EntryRevision)
        .where(EntryRevision.entry_id.in_(ids))
        .order_by(EntryRevision.number)
        .options(selectinload(EntryRevision.author))
    ):
        revisions[revision.entry_id].append(revision)
    for sign_off in db.session.scalars(
        select(SignOff).where(SignOff.entry_id.in_(ids)).order_by(SignOff.signed_at, SignOff.id)
    ):
        sign_offs[sign_off.entry_id].append(sign_off)
    numbers = {r.id: r.number for rs in revisions.values() for r in rs}
    parents = _parents(pupil)
    out = [
        _entry(e, revisions[e.id], sign_offs[e.id], numbers, parents, school, origins)
        for e in entries
    ]
    attachments, files = _attachments(pupil, entries, revisions)
    return out, attachments, files


def _parents(pupil: Pupil) -> dict[int, str]:
    """Each diary day's workplace entry, as its ``client_id``, in one statement (loading
    ``Entry.parent`` entry by entry took most of a 500-entry export)."""
    parent = aliased(Entry)
    rows = db.session.execute(
        select(entry_parents.c.entry_id, parent.client_id)
        .join(parent, parent.id == entry_parents.c.parent_id)
        .where(parent.pupil_id == pupil.id)
    )
    return {entry_id: client_id for entry_id, client_id in rows}


def _entry(entry, revisions, sign_offs, numbers, parents, school, origins) -> dict:
    origin = origins.get(("entry", entry.id))
    return {
        "id": entry.client_id,
        "kind": entry.kind,
        "state": entry.state,
        "occurred_on": entry.occurred_on.isoformat(),
        "shared_with_family": entry.shared_with_family,
        "source": entry.source,
        "parent": parents.get(entry.id),
        "created_at": f.timestamp(entry.created_at),
        "school": _school_of(origin, school),
        "current_revision": numbers.get(entry.current_revision_id, 0),
        "revisions": [
            {
                "number": r.number,
                "author": r.author_id,
                "author_name": r.author.display_name if r.author else None,
                "created_at": f.timestamp(r.created_at),
                "content": r.content,
            }
            for r in revisions
        ],
        "sign_offs": [
            {
                "decision": s.decision,
                "revision": numbers[s.revision_id],
                "content_sha256": s.content_sha256,
                "signer_name": s.signer_name,
                "signer_role": s.signer_role,
                "comment": s.comment,
                "signed_at": f.timestamp(s.signed_at),
                "school": _school_of(origins.get(("sign_off", s.id)), school),
            }
            for s in sign_offs
        ],
    }


def _school_of(origin: ImportedRecord | None, school: School) -> dict:
    if origin is not None:
        return {"name": origin.school_name, "urn": origin.school_urn}
    return {"name": school.name, "urn": school.urn}


def _attachments(pupil: Pupil, entries: list[Entry], revisions: dict):
    """Every file a revision in the export shows, once each, named by its SHA-256."""
    wanted = {
        a["id"]
        for e in entries
        for r in revisions[e.id]
        for a in (r.content.get("attachments") or [])
        if isinstance(a, dict) and "id" in a
    }
    rows = db.session.scalars(
        select(Attachment).where(Attachment.pupil_id == pupil.id, Attachment.id.in_(wanted))
    )
    listed, files = {}, {}
    for a in rows:
        extension = f.EXTENSIONS.get(a.media_type)
        if extension is None or a.sha256 in listed:
            continue
        name = f"attachments/{a.sha256}.{extension}"
        listed[a.sha256] = {
            "sha256": a.sha256,
            "media_type": a.media_type,
            "size": a.size,
            "path": name,
            "description": a.description,
        }
        files[name] = a.key
    return [listed[k] for k in sorted(listed)], files


def _guidance(pupil: Pupil) -> dict:
    """Guidance as the pupil sees it: records shared with the pupil (and family), never a
    staff-only note."""

    def shared(model):
        return [row for row in _rows(model, pupil) if row.visibility in f.SHARED_VISIBILITIES]

    interviews = shared(GuidanceInterview)
    shown = {i.id for i in interviews}
    return {
        "interviews": [
            {
                "id": str(i.id),
                "adviser_name": i.adviser_name,
                "held_on": i.held_on.isoformat(),
                "place": i.place,
                "notes": i.notes,
                "advice": i.advice,
                "visibility": i.visibility,
                "created_at": f.timestamp(i.created_at),
            }
            for i in interviews
        ],
        "notes": [
            {
                "id": str(n.id),
                "kind": n.kind,
                "text": n.text,
                "interview": str(n.interview_id) if n.interview_id in shown else None,
                "author_name": n.author.display_name if n.author else None,
                "visibility": n.visibility,
                "created_at": f.timestamp(n.created_at),
            }
            for n in shared(GuidanceNote)
        ],
        "actions": [
            {
                "id": str(a.id),
                "what": a.what,
                "owner_kind": a.owner_kind,
                "owner_name": a.owner_name or (a.owner_user.display_name if a.owner_user else ""),
                "due_on": a.due_on.isoformat() if a.due_on else None,
                "status": a.status,
                "interview": str(a.interview_id) if a.interview_id in shown else None,
                "visibility": a.visibility,
                "created_at": f.timestamp(a.created_at),
            }
            for a in shared(Action)
        ],
    }
