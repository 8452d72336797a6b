"""JSON replies for an entry sent from the phone's queue (``static/js/offline.js`` marks the
request with ``X-Queued-Entry: 1``). The record forms call these instead of redirecting or
rendering the form page, so the phone learns what became of each entry:

- ``{"status": "saved", "entry_url": ...}`` (200): stored, or stored already (a replay);
- ``{"status": "invalid", "errors": {...}, "attachment_ids": "..."}`` (422): to correct;
- ``{"status": "signed_out"}`` (401): sign in again, then sending carries on.
"""

from __future__ import annotations

from flask import jsonify, request, url_for

QUEUED_HEADER = "X-Queued-Entry"
FOR_HEADER = "X-Queued-For"  # the person the entry was queued for (their offline key)


def is_queued() -> bool:
    return request.method == "POST" and request.headers.get(QUEUED_HEADER) == "1"


def json(body: dict, status: int = 200):
    response = jsonify(body)
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    return response


def saved(entry, *, replay: bool = False):
    return json(
        {
            "status": "saved",
            "replay": replay,
            "entry_id": entry.id,
            "entry_url": url_for("passport.entry", entry_id=entry.id),
            "draft": entry.is_draft,
        }
    )


def replayed(entry):
    """The reply for a submission already stored as a saved entry (``entry``, the one found
    by the submission's client id, or None), or None. Answered before any photo is stored, so
    a replay leaves no stray copy of its photos behind."""
    if entry is None or entry.is_draft:
        return None
    return saved(entry, replay=True)


def invalid(form):
    """What needs correcting, by field, and the ids of the photos already stored (the phone
    drops its copies and sends these ids with the corrected entry)."""
    if form.client_id.errors:
        return json({"status": "bad_request", "errors": {"client_id": form.client_id.errors}}, 400)
    errors = {
        name: [str(e) for e in problems] for name, problems in form.errors.items() if problems
    }
    return json(
        {"status": "invalid", "errors": errors, "attachment_ids": form.attachment_ids.data or ""},
        422,
    )


def signed_out():
    return json({"status": "signed_out", "sign_in_url": url_for("accounts.sign_in")}, 401)
