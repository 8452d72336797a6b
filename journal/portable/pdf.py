"""``passport.pdf``: the passport file's record in words, for a person to read or print.

It is made from the exported ``passport.json`` data (the dict the file holds, not the
database), so it shows exactly what the file holds. It is a convenience copy: the signature
covers ``passport.json`` only, and nobody should trust the PDF over it (see
``docs/passport-format.md``).

It is rendered as the CV and statement PDFs are (``journal.documents.exports``): WeasyPrint
through ``StaticFetcher``, which reads only our ``static/`` files and ``data:`` URLs, so nothing
is fetched from the network. Pupils' and staff's free text is Markdown, rendered with
``journal.passport.entries.text.render_markdown`` (escaped first, then cleaned to an allow-list
with no images), so nothing typed becomes a tag or a request. Photos are listed by their description
and name in the zip, not embedded: the PDF stays small.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from flask import current_app
from markupsafe import Markup

from journal.calendar import london_time
from journal.documents.exports import LANGUAGE, StaticFetcher, clean_text, html_to_pdf
from journal.guidance.models import ACTION_STATUSES, NOTE_KINDS, OWNERS
from journal.passport.entries.text import render_markdown
from journal.passport.plans.forms import PROFILE_SECTIONS
from journal.reference import kinds, skills
from journal.reference.destinations import STAGES, activity_label

from . import formats as f

TEMPLATE = "portable/passport_pdf.html"
TYPST_TEMPLATE = "portable/passport.typ"
KIND_LABEL = "Careers passport"
ROLE_WORDS = {  # as journal.passport.signoff.views.ROLE_WORDS
    "tutor": "tutor",
    "careers_leader": "careers leader",
    "careers_adviser": "careers adviser",
    "senco": "SENCO",
}
# Facts about an entry shown as "label: value" above the pupil's answers.
FACTS = {
    "organisation": "Organisation",
    "employer": "Employer",
    "role": "Role",
    "sector": "Sector",
    "awarded_by": "Awarded by",
    "ends_on": "Until",
    "hours": "Hours",
}
ANSWERS = ("what_i_did", "who_i_met", "what_i_learned", "what_next")


def render_passport_pdf(data: dict, *, fetcher: StaticFetcher | None = None) -> bytes:
    """The record ``data`` (a ``passport.json`` document) as an A4 PDF with page numbers, its
    title and language (en-GB) in the metadata, and tagged for screen readers: through Typst
    (``templates/portable/passport.typ``), which lays out 500 entries about 20 times faster
    than WeasyPrint (see the README). ``render_passport_pdf_weasyprint`` is the HTML copy."""
    import json

    import typst

    from journal.documents.typeset import TEMPLATES, typeset
    from journal.jobs.cache import made_once

    given = typst_input(data)
    source = (TEMPLATES / TYPST_TEMPLATE).read_bytes() + json.dumps(given, default=str).encode()
    return made_once(
        f"typst {typst.__version__}",
        source,
        "application/pdf",
        lambda: typeset(TYPST_TEMPLATE, given),
    )


def render_passport_pdf_weasyprint(data: dict, *, fetcher: StaticFetcher | None = None) -> bytes:
    """The same record through WeasyPrint and ``portable/passport_pdf.html`` (kept for the
    measurement beside Typst, and for the HTML print view)."""
    return html_to_pdf(passport_html(data), fetcher=fetcher)


def typst_input(data: dict, *, scale: float = 1.0) -> dict:
    """What the Typst template reads: the record in words, free text as nodes."""
    from journal.documents.typeset import nodes_of

    def plain(value):
        if isinstance(value, Markup):
            return nodes_of(value)
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [plain(v) for v in value]
        return value

    record = record_of(data)
    return {
        "record": plain(record),
        "title": f"{record['name']} – {KIND_LABEL}",
        "kind": KIND_LABEL,
        "description": "A copy of the passport file for reading. Only passport.json is signed.",
        "scale": scale,
    }


def passport_html(data: dict) -> str:
    """The print page WeasyPrint renders. Rendered from the app's Jinja environment without a
    request, so the command line can make it too."""
    record = record_of(data)
    template = current_app.jinja_env.get_template(TEMPLATE)
    return template.render(
        record=record,
        language=LANGUAGE,
        print_title=f"{record['name']} – {KIND_LABEL}",
        kind_label=KIND_LABEL,
    )


# --- the record in words --------------------------------------------------------------------


def record_of(data: dict) -> dict:
    """What the PDF shows, every value already in words (text still to be escaped by the
    template, or ``Markup`` made safe here)."""
    pupil, issuer = data.get("pupil") or {}, data.get("issuer") or {}
    return {
        "name": _name(pupil),
        "pupil": pupil,
        "date_of_birth": _day(pupil.get("date_of_birth")),
        "record_began_on": _day(pupil.get("record_began_on")),
        "issuer": issuer,
        "exported_at": _moment(data.get("exported_at"), "%-d %B %Y at %H:%M"),
        "includes_drafts": bool(data.get("includes_drafts")),
        "entries": _entries(data, issuer),
        "skills": _skills(data.get("skills") or []),
        "aspirations": [
            {
                "what": clean_text(a.get("what")),
                "why": _markdown(a.get("why")),
                "on": _moment(a.get("created_at")),
            }
            for a in reversed(data.get("aspirations") or [])
        ],
        "destinations": _destinations(data.get("intended_destinations") or []),
        "profile": _profile(data.get("profile_versions") or []),
        "guidance": _guidance(data.get("guidance") or {}),
    }


def _name(pupil: dict) -> str:
    first = pupil.get("preferred_first_name") or pupil.get("legal_first_name") or ""
    last = pupil.get("preferred_last_name") or pupil.get("legal_last_name") or ""
    return clean_text(f"{first} {last}".strip()) or "A pupil"


def _entries(data: dict, issuer: dict) -> list[dict]:
    entries = [e for e in data.get("entries") or [] if isinstance(e, dict)]
    contents = {e.get("id"): _current(e) for e in entries}
    paths = {a.get("sha256"): a.get("path") for a in data.get("attachments") or []}
    ordered = sorted(entries, key=lambda e: (str(e.get("occurred_on")), str(e.get("created_at"))))
    return [_entry(e, contents, paths, issuer) for e in ordered]


def _current(entry: dict) -> dict:
    for revision in entry.get("revisions") or []:
        if revision.get("number") == entry.get("current_revision"):
            return revision.get("content") or {}
    return {}


def _entry(entry: dict, contents: dict, paths: dict, issuer: dict) -> dict:
    kind = entry.get("kind") or ""
    content = contents.get(entry.get("id")) or {}
    school = entry.get("school") or {}
    facts = [
        (label, clean_text(content.get(name)))
        for name, label in FACTS.items()
        if content.get(name) not in (None, "")
    ]
    feeling = kinds.FEELINGS.get(content.get("feeling"))
    if feeling:
        facts.append(("How I felt", feeling))
    return {
        "kind": kinds.KINDS.get(kind, clean_text(kind)),
        "title": clean_text(kinds.title_of(kind, content, contents.get(entry.get("parent")))),
        "on": _day(entry.get("occurred_on")),
        "state": kinds.STATES.get(entry.get("state"), clean_text(entry.get("state"))),
        "source": kinds.source_label(entry.get("source") or "", for_pupil=False),
        "school": clean_text(school.get("name")) if school.get("urn") != issuer.get("urn") else "",
        "facts": facts,
        "answers": [
            (kinds.question_for(kind, name), _markdown(content.get(name)))
            for name in ANSWERS
            if clean_text(content.get(name)).strip()
        ],
        "files": [
            (clean_text(a.get("description")) or "A file", paths.get(a.get("sha256")) or "")
            for a in content.get("attachments") or []
            if isinstance(a, dict)
        ],
        "revisions": len(entry.get("revisions") or []),
        "sign_offs": [_sign_off(s, entry) for s in entry.get("sign_offs") or []],
    }


def _sign_off(s: dict, entry: dict) -> dict:
    """One decision as a line: "Signed by Ms Tutor, tutor, Riverside Academy, 3 October 2026"."""
    verb = "Signed" if s.get("decision") == "signed" else "Returned with a comment"
    who = ", ".join(
        part
        for part in (
            clean_text(s.get("signer_name")),
            ROLE_WORDS.get(s.get("signer_role"), clean_text(s.get("signer_role"))),
            clean_text((s.get("school") or {}).get("name")),
            _moment(s.get("signed_at")),
        )
        if part
    )
    earlier = s.get("revision") != entry.get("current_revision")
    return {
        "signed": s.get("decision") == "signed",
        "line": f"{verb} by {who}",
        "version": f"version {s.get('revision')}, an earlier version than the one above"
        if earlier
        else "",
        "comment": clean_text(s.get("comment")),
    }


def _skills(ratings: Iterable[dict]) -> list[dict]:
    """The latest step the pupil chose for each skill, in the framework's order."""
    latest = {r.get("skill"): r for r in ratings if isinstance(r, dict)}
    order = list(skills.SKILLS)
    out = []
    for code in sorted(latest, key=lambda c: (order.index(c) if c in order else len(order), c)):
        r = latest[code]
        step = r.get("step")
        try:
            meaning, band = skills.descriptor(code, step), skills.band_name(step)
        except (KeyError, IndexError, TypeError):
            meaning, band = "", ""
        out.append(
            {
                "name": clean_text(skills.skill_name(code)),
                "step": step,
                "band": band,
                "meaning": meaning,
                "note": clean_text(r.get("note")),
                "on": _moment(r.get("created_at")),
            }
        )
    return out


def _destinations(rows: list[dict]) -> list[dict]:
    """The latest plan at each stage."""
    latest = {d.get("stage"): d for d in rows if isinstance(d, dict)}
    order = list(STAGES)
    return [
        {
            "stage": STAGES.get(stage, clean_text(stage)),
            "what": _destination(d.get("category")),
            "detail": clean_text(d.get("detail")),
            "on": _moment(d.get("created_at")),
        }
        for stage, d in sorted(
            latest.items(), key=lambda i: order.index(i[0]) if i[0] in order else len(order)
        )
    ]


def _profile(versions: list[dict]) -> list[tuple[str, Markup]]:
    """The latest "all about me": each answered question and its answer."""
    if not versions or not isinstance(versions[-1], dict):
        return []
    content = versions[-1].get("content") or {}
    if not isinstance(content, dict):
        return []
    known = {s.name: s.mine for s in PROFILE_SECTIONS}
    names = [s.name for s in PROFILE_SECTIONS] + sorted(set(content) - set(known))
    return [
        (known.get(name, clean_text(name)), _markdown(content.get(name)))
        for name in names
        if clean_text(content.get(name)).strip()
    ]


def _guidance(guidance: dict) -> dict:
    return {
        "interviews": [
            {
                "on": _day(i.get("held_on")),
                "adviser": clean_text(i.get("adviser_name")),
                "place": clean_text(i.get("place")),
                "notes": _markdown(i.get("notes")),
                "advice": _markdown(i.get("advice")),
            }
            for i in guidance.get("interviews") or []
        ],
        "notes": [
            {
                "kind": NOTE_KINDS.get(n.get("kind"), "Note"),
                "text": _markdown(n.get("text")),
                "by": clean_text(n.get("author_name")),
                "on": _moment(n.get("created_at")),
            }
            for n in guidance.get("notes") or []
        ],
        "actions": [
            {
                "what": clean_text(a.get("what")),
                "who": clean_text(a.get("owner_name"))
                or OWNERS.get(a.get("owner_kind"), "Someone"),
                "due": _day(a.get("due_on")),
                "status": ACTION_STATUSES.get(a.get("status"), clean_text(a.get("status"))),
            }
            for a in guidance.get("actions") or []
        ],
    }


# --- words for values -----------------------------------------------------------------------


def _destination(code: object) -> str:
    """An intended destination's code in words (an unknown code as it is)."""
    label = activity_label(code if isinstance(code, str) else None)
    return clean_text(code) if label == activity_label(None) and code else label


def _markdown(text: object) -> Markup:
    """Free text as safe HTML (Markdown, escaped first, cleaned to an allow-list)."""
    return render_markdown(clean_text(text))


def _day(text: object) -> str:
    """``2026-10-01`` as "1 October 2026" (anything else as it was)."""
    try:
        return date.fromisoformat(str(text)).strftime("%-d %B %Y")
    except ValueError:
        return clean_text(text)


def _moment(text: object, fmt: str = "%-d %B %Y") -> str:
    """An RFC 3339 time from the file as a day (or day and time) in London."""
    if not text:
        return ""
    try:
        return london_time(f.parse_timestamp(str(text))).strftime(fmt)
    except ValueError:
        return clean_text(text)
