"""Every route, every role: allowed, refused (403), or not found (404) where existence must
not leak.

A route added without a line here (or in ``tests/access_cases/<domain>.py``) fails
``test_every_route_is_covered``.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

import pytest

from journal.extensions import db

from .access_support import (
    CAREERS,
    ROLES,
    STAFF,
    action_of,
    entry_of,
    everyone,
    family_photo_of,
    note_of,
    only,
    photo_of,
    workplace_of,
)

# endpoint -> [(method, url(world), {role: expected status})]
CASES = {
    "home.index": [("GET", lambda w: "/", everyone(200))],
    "home.about": [("GET", lambda w: "/about", everyone(200, anonymous=200))],
    "home.health": [("GET", lambda w: "/healthz", everyone(200, anonymous=200))],
    "accounts.sign_in": [("GET", lambda w: "/sign-in", everyone(302, anonymous=200))],
    "accounts.sign_out": [("POST", lambda w: "/sign-out", everyone(302))],
    "accounts.account": [("GET", lambda w: "/account", everyone(200))],
    "accounts.sign_out_everywhere": [
        ("POST", lambda w: "/account/sign-out-everywhere", everyone(302))
    ],
    "accounts.change_password": [("GET", lambda w: "/account/password", everyone(200))],
    "accounts.card": [("GET", lambda w: "/card/not-a-real-card", everyone(404, anonymous=404))],
    "accounts.card_sign_in": [
        ("POST", lambda w: "/card/not-a-real-card", everyone(404, anonymous=404))
    ],
    "accounts.people": [("GET", lambda w: "/admin/people", only({"school_admin"}))],
    "accounts.new_person": [("GET", lambda w: "/admin/people/new", only({"school_admin"}))],
    "accounts.person": [
        ("GET", lambda w: f"/admin/people/{w.spare_staff.id}", only({"school_admin"})),
        ("GET", lambda w: f"/admin/people/{w.foreign_staff.id}", only({"school_admin"}, 404)),
    ],
    "accounts.temporary_password": [
        (
            "POST",
            lambda w: f"/admin/people/{w.spare_staff.id}/temporary-password",
            only({"school_admin"}),
        ),
        (
            "POST",
            lambda w: f"/admin/people/{w.foreign_staff.id}/temporary-password",
            only({"school_admin"}, 404),
        ),
    ],
    "schools.pupil_list": [("GET", lambda w: "/pupils", only(STAFF))],
    "home.pupil_record": [
        ("GET", lambda w: f"/pupils/{w.pupil.id}", only(STAFF)),
        ("GET", lambda w: f"/pupils/{w.other_pupil.id}", only(STAFF, tutor=404)),
        ("GET", lambda w: f"/pupils/{w.foreign_pupil.id}", only(STAFF, 404)),
    ],
    "schools.roster_upload": [("GET", lambda w: "/admin/roster", only({"school_admin"}))],
    "schools.roster_confirm": [
        ("POST", lambda w: "/admin/roster/confirm", only({"school_admin"}, 400))
    ],
    "schools.cards": [("GET", lambda w: "/cards", only(STAFF))],
    "schools.cards_print": [
        ("POST", lambda w: f"/cards/{w.group.id}/print", only(STAFF)),
        ("POST", lambda w: f"/cards/{w.foreign_group.id}/print", only(STAFF, 404, 404)),
    ],
    "schools.card_reissue": [
        ("POST", lambda w: f"/pupils/{w.pupil.id}/card", only(STAFF, family=404)),
        ("POST", lambda w: f"/pupils/{w.foreign_pupil.id}/card", only(STAFF, 404, 404)),
    ],
    "schools.card_revoke": [
        ("POST", lambda w: f"/pupils/{w.pupil.id}/card/revoke", only(STAFF, 302, family=404)),
        ("POST", lambda w: f"/pupils/{w.foreign_pupil.id}/card/revoke", only(STAFF, 404, 404)),
    ],
    "schools.career_send_group": [
        (
            "POST",
            lambda w: f"/pupils/{w.pupil.id}/career-send-group",
            only({*CAREERS, "school_admin"}, 400, tutor=403, pupil=403, family=404),
        ),
        (
            "POST",
            lambda w: f"/pupils/{w.foreign_pupil.id}/career-send-group",
            only(STAFF, 404, 404),
        ),
    ],
    "schools.settings": [("GET", lambda w: "/admin/school", only({"school_admin"}))],
    "audit.log": [("GET", lambda w: "/admin/audit", only({"school_admin"}))],
    "accessibility.settings": [("GET", lambda w: "/settings/view", everyone(200))],
    "accessibility.pupil_defaults": [
        (
            "GET",
            lambda w: f"/pupils/{w.pupil.id}/view-settings",
            only({*CAREERS, "tutor"}, family=404),
        ),
        (
            "GET",
            lambda w: f"/pupils/{w.other_pupil.id}/view-settings",
            only(CAREERS, tutor=404, pupil=404, family=404),
        ),
        ("GET", lambda w: f"/pupils/{w.foreign_pupil.id}/view-settings", only((), others=404)),
    ],
    "passport.simple_record": [("GET", lambda w: "/passport/simple", only({"pupil"}))],
    "passport.record_something": [("GET", lambda w: "/passport/record", only({"pupil"}))],
    "passport.new_entry": [
        ("GET", lambda w: "/passport/new/encounter", only({"pupil"})),
        ("GET", lambda w: "/passport/new/workplace", only({"pupil"})),
        ("GET", lambda w: "/passport/new/achievement", only({"pupil"})),
        ("GET", lambda w: "/passport/new/diary", only({"pupil"}, 404)),
    ],
    "passport.new_diary_day": [
        (
            "GET",
            lambda w: f"/passport/entries/{workplace_of(w.pupil).id}/diary/new",
            only({"pupil"}),
        ),
        (
            "GET",
            lambda w: f"/passport/entries/{workplace_of(w.other_pupil).id}/diary/new",
            only({"pupil"}, 404),
        ),
        (
            "GET",
            lambda w: f"/passport/entries/{entry_of(w.pupil).id}/diary/new",
            only({"pupil"}, 404),
        ),
    ],
    "passport.autosave": [("POST", lambda w: "/passport/autosave", only({"pupil"}, 400))],
    "passport.entry_history": [
        ("GET", lambda w: f"/passport/entries/{entry_of(w.pupil).id}/history", only({"pupil"})),
        (
            "GET",
            lambda w: f"/passport/entries/{entry_of(w.other_pupil).id}/history",
            only({"pupil"}, 404),
        ),
    ],
    "passport.pupil_entry_history": [
        (
            "GET",
            lambda w: f"/pupils/{w.pupil.id}/entries/{entry_of(w.pupil).id}/history",
            only(STAFF),
        ),
        (
            "GET",
            lambda w: f"/pupils/{w.pupil.id}/entries/{entry_of(w.other_pupil).id}/history",
            only(STAFF, 404),
        ),
        (
            "GET",
            lambda w: (
                f"/pupils/{w.foreign_pupil.id}/entries/{entry_of(w.foreign_pupil).id}/history"
            ),
            only(STAFF, 404),
        ),
    ],
    "passport.timeline": [("GET", lambda w: "/passport/timeline", only({"pupil"}))],
    "passport.entry": [
        ("GET", lambda w: f"/passport/entries/{entry_of(w.pupil).id}", only({"pupil"})),
        ("GET", lambda w: f"/passport/entries/{entry_of(w.other_pupil).id}", only({"pupil"}, 404)),
    ],
    "passport.edit_entry": [
        ("GET", lambda w: f"/passport/entries/{entry_of(w.pupil).id}/edit", only({"pupil"})),
        (
            "GET",
            lambda w: f"/passport/entries/{entry_of(w.other_pupil).id}/edit",
            only({"pupil"}, 404),
        ),
    ],
    "passport.pupil_timeline": [
        ("GET", lambda w: f"/pupils/{w.pupil.id}/timeline", only(STAFF)),
        ("GET", lambda w: f"/pupils/{w.other_pupil.id}/timeline", only(STAFF, tutor=404)),
        ("GET", lambda w: f"/pupils/{w.foreign_pupil.id}/timeline", only(STAFF, 404)),
    ],
    "passport.pupil_entry": [
        ("GET", lambda w: f"/pupils/{w.pupil.id}/entries/{entry_of(w.pupil).id}", only(STAFF)),
        (
            "GET",
            lambda w: f"/pupils/{w.other_pupil.id}/entries/{entry_of(w.other_pupil).id}",
            only(STAFF, tutor=404),
        ),
        (
            "GET",
            lambda w: f"/pupils/{w.pupil.id}/entries/{entry_of(w.other_pupil).id}",
            only(STAFF, 404),
        ),
        (
            "GET",
            lambda w: f"/pupils/{w.foreign_pupil.id}/entries/{entry_of(w.foreign_pupil).id}",
            only(STAFF, 404),
        ),
    ],
    "passport.skills": [("GET", lambda w: "/passport/skills", only({"pupil"}))],
    "passport.rate_skill": [
        ("GET", lambda w: "/passport/skills/listening/rate", only({"pupil"})),
        ("GET", lambda w: "/passport/skills/juggling/rate", only({"pupil"}, 404)),
    ],
    "passport.skill_history": [
        ("GET", lambda w: "/passport/skills/listening", only({"pupil"})),
        ("GET", lambda w: "/passport/skills/juggling", only({"pupil"}, 404)),
    ],
    "passport.aspirations": [("GET", lambda w: "/passport/aspirations", only({"pupil"}))],
    "passport.destinations": [
        ("GET", lambda w: "/passport/destinations", only({"pupil"})),
        ("POST", lambda w: "/passport/destinations", only({"pupil"}, 400)),
    ],
    "passport.profile": [("GET", lambda w: "/passport/profile", only({"pupil"}))],
    "passport.edit_profile": [("GET", lambda w: "/passport/profile/edit", only({"pupil"}))],
    "passport.profile_history": [("GET", lambda w: "/passport/profile/history", only({"pupil"}))],
    "passport.pupil_skills": [
        ("GET", lambda w: f"/pupils/{w.pupil.id}/skills", only(STAFF)),
        ("GET", lambda w: f"/pupils/{w.other_pupil.id}/skills", only(STAFF, tutor=404)),
        ("GET", lambda w: f"/pupils/{w.foreign_pupil.id}/skills", only(STAFF, 404)),
    ],
    "passport.pupil_skill_history": [
        ("GET", lambda w: f"/pupils/{w.pupil.id}/skills/listening", only(STAFF)),
        ("GET", lambda w: f"/pupils/{w.pupil.id}/skills/juggling", only(STAFF, 404)),
        ("GET", lambda w: f"/pupils/{w.other_pupil.id}/skills/listening", only(STAFF, tutor=404)),
        ("GET", lambda w: f"/pupils/{w.foreign_pupil.id}/skills/listening", only(STAFF, 404)),
    ],
    "passport.pupil_aspirations": [
        ("GET", lambda w: f"/pupils/{w.pupil.id}/aspirations", only(STAFF)),
        ("GET", lambda w: f"/pupils/{w.other_pupil.id}/aspirations", only(STAFF, tutor=404)),
        ("GET", lambda w: f"/pupils/{w.foreign_pupil.id}/aspirations", only(STAFF, 404)),
    ],
    "passport.pupil_profile": [
        ("GET", lambda w: f"/pupils/{w.pupil.id}/profile", only(STAFF)),
        ("GET", lambda w: f"/pupils/{w.other_pupil.id}/profile", only(STAFF, tutor=404)),
        ("GET", lambda w: f"/pupils/{w.foreign_pupil.id}/profile", only(STAFF, 404)),
    ],
    "passport.pupil_profile_history": [
        ("GET", lambda w: f"/pupils/{w.pupil.id}/profile/history", only(STAFF)),
        ("GET", lambda w: f"/pupils/{w.other_pupil.id}/profile/history", only(STAFF, tutor=404)),
        ("GET", lambda w: f"/pupils/{w.foreign_pupil.id}/profile/history", only(STAFF, 404)),
    ],
    "passport.queue": [("GET", lambda w: "/sign-off", only({"tutor", *CAREERS}))],
    "passport.decide": [
        ("POST", lambda w: f"/sign-off/{entry_of(w.pupil).id}", only({"tutor", *CAREERS}, 400)),
        (
            "POST",
            lambda w: f"/sign-off/{entry_of(w.other_pupil).id}",
            only(CAREERS, 400, tutor=404),
        ),
        (
            "POST",
            lambda w: f"/sign-off/{entry_of(w.foreign_pupil).id}",
            only({"pupil", "family"}, 403, others=404),
        ),
    ],
    "media.file": [
        (
            "GET",
            lambda w: f"/media/{photo_of(w.pupil).id}",
            only({"pupil"} | set(STAFF), others=404),
        ),
        (
            "GET",
            lambda w: f"/media/{photo_of(w.other_pupil).id}",
            only(set(STAFF) - {"tutor"}, others=404),
        ),
        ("GET", lambda w: f"/media/{photo_of(w.foreign_pupil).id}", only((), others=404)),
        (
            "GET",
            lambda w: f"/media/{family_photo_of(w).id}",
            only({"family"} | set(STAFF), others=404),
        ),
    ],
    "media.thumbnail": [
        (
            "GET",
            lambda w: f"/media/{photo_of(w.pupil).id}/thumbnail",
            only({"pupil"} | set(STAFF), others=404),
        ),
        ("GET", lambda w: f"/media/{photo_of(w.foreign_pupil).id}/thumbnail", only((), others=404)),
        (
            "GET",
            lambda w: f"/media/{family_photo_of(w).id}/thumbnail",
            only({"family"} | set(STAFF), others=404),
        ),
    ],
    "guidance.pupil_guidance": [
        ("GET", lambda w: f"/pupils/{w.pupil.id}/guidance", only(STAFF)),
        ("GET", lambda w: f"/pupils/{w.other_pupil.id}/guidance", only(STAFF, tutor=404)),
        ("GET", lambda w: f"/pupils/{w.foreign_pupil.id}/guidance", only(STAFF, 404)),
    ],
    "guidance.new_interview": [
        ("GET", lambda w: f"/pupils/{w.pupil.id}/guidance/interviews/new", only(CAREERS)),
        (
            "GET",
            lambda w: f"/pupils/{w.other_pupil.id}/guidance/interviews/new",
            only(CAREERS, tutor=404),
        ),
        (
            "GET",
            lambda w: f"/pupils/{w.foreign_pupil.id}/guidance/interviews/new",
            only(STAFF, 404),
        ),
        ("POST", lambda w: f"/pupils/{w.pupil.id}/guidance/interviews/new", only(CAREERS, 422)),
    ],
    "guidance.new_note": [
        ("GET", lambda w: f"/pupils/{w.pupil.id}/guidance/notes/new", only({*CAREERS, "tutor"})),
        (
            "GET",
            lambda w: f"/pupils/{w.other_pupil.id}/guidance/notes/new",
            only(CAREERS, tutor=404),
        ),
        ("GET", lambda w: f"/pupils/{w.foreign_pupil.id}/guidance/notes/new", only(STAFF, 404)),
        (
            "POST",
            lambda w: f"/pupils/{w.pupil.id}/guidance/notes/new",
            only({*CAREERS, "tutor"}, 422),
        ),
    ],
    "guidance.new_action": [
        (
            "GET",
            lambda w: f"/pupils/{w.pupil.id}/guidance/actions/new",
            only({*CAREERS, "tutor"}),
        ),
        (
            "GET",
            lambda w: f"/pupils/{w.other_pupil.id}/guidance/actions/new",
            only(CAREERS, tutor=404),
        ),
        ("GET", lambda w: f"/pupils/{w.foreign_pupil.id}/guidance/actions/new", only(STAFF, 404)),
        (
            "POST",
            lambda w: f"/pupils/{w.pupil.id}/guidance/actions/new",
            only({*CAREERS, "tutor"}, 422),
        ),
    ],
    "guidance.set_action_status": [
        (
            "POST",
            lambda w: f"/pupils/{w.pupil.id}/guidance/actions/{action_of(w.pupil).id}/status",
            only({*CAREERS, "tutor"}, 400),
        ),
        (
            "POST",
            lambda w: f"/pupils/{w.pupil.id}/guidance/actions/{action_of(w.other_pupil).id}/status",
            only({*CAREERS, "tutor"}, 404),
        ),
        (
            "POST",
            lambda w: (
                f"/pupils/{w.foreign_pupil.id}/guidance/actions/"
                f"{action_of(w.foreign_pupil).id}/status"
            ),
            only(STAFF, 404),
        ),
    ],
    "guidance.comment_on_entry": [
        (
            "POST",
            lambda w: f"/pupils/{w.pupil.id}/entries/{entry_of(w.pupil).id}/comments",
            only(STAFF, 422),
        ),
        (
            "POST",
            lambda w: f"/pupils/{w.other_pupil.id}/entries/{entry_of(w.other_pupil).id}/comments",
            only(STAFF, 422, tutor=404),
        ),
        (
            "POST",
            lambda w: f"/pupils/{w.pupil.id}/entries/{entry_of(w.other_pupil).id}/comments",
            only(STAFF, 404),
        ),
        (
            "POST",
            lambda w: (
                f"/pupils/{w.foreign_pupil.id}/entries/{entry_of(w.foreign_pupil).id}/comments"
            ),
            only(STAFF, 404),
        ),
    ],
    "guidance.my_guidance": [("GET", lambda w: "/guidance", only({"pupil"}))],
    "guidance.reply": [
        ("POST", lambda w: f"/guidance/note/{note_of(w.pupil).id}/reply", only({"pupil"}, 422)),
        (
            "POST",
            lambda w: f"/guidance/note/{note_of(w.pupil, 'staff').id}/reply",
            only({"pupil"}, 404),
        ),
        (
            "POST",
            lambda w: f"/guidance/note/{note_of(w.other_pupil).id}/reply",
            only({"pupil"}, 404),
        ),
        (
            "POST",
            lambda w: f"/guidance/entry/{entry_of(w.pupil).id}/reply",
            only({"pupil"}, 422),
        ),
        ("POST", lambda w: "/guidance/badger/1/reply", only({"pupil"}, 404)),
    ],
    "guidance.mark_done": [
        ("POST", lambda w: f"/guidance/actions/{action_of(w.pupil).id}/done", only({"pupil"}, 302)),
        (
            "POST",
            lambda w: f"/guidance/actions/{action_of(w.pupil, 'agency').id}/done",
            only({"pupil"}, 403),
        ),
        (
            "POST",
            lambda w: f"/guidance/actions/{action_of(w.other_pupil).id}/done",
            only({"pupil"}, 404),
        ),
    ],
}

for _module in sorted(Path(__file__).with_name("access_cases").glob("[!_]*.py")):
    _more = import_module(f"tests.access_cases.{_module.stem}").CASES
    assert not set(_more) & set(CASES), f"{_module.name} repeats cases: {set(_more) & set(CASES)}"
    CASES.update(_more)

NOT_ROUTES = {"static"}

# The matrix asks for about 26 PDFs, 11 of them distinct; WeasyPrint's layout was a quarter of
# the time of a role that may open them. The same HTML makes the same PDF whoever asks for it,
# so each distinct HTML is laid out once for the whole matrix.
_PDFS: dict[tuple[str, type], bytes] = {}


@pytest.fixture(autouse=True)
def _each_pdf_laid_out_once(monkeypatch):
    from journal.documents import exports

    lay_out = exports.html_to_pdf

    def html_to_pdf(html: str, *, fetcher=None) -> bytes:
        key = (html, type(fetcher))
        if key not in _PDFS:
            _PDFS[key] = lay_out(html, fetcher=fetcher)
        return _PDFS[key]

    monkeypatch.setattr(exports, "html_to_pdf", html_to_pdf)
    monkeypatch.setattr("journal.portable.pdf.html_to_pdf", html_to_pdf)


def test_every_route_is_covered(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules()} - NOT_ROUTES
    missing = endpoints - set(CASES)
    assert not missing, f"routes without access cases in tests/test_access.py: {sorted(missing)}"
    stale = set(CASES) - endpoints
    assert not stale, f"cases for routes that no longer exist: {sorted(stale)}"


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_right_answer_on_every_route(role, app, world, login):
    wrong = []
    for endpoint, cases in CASES.items():
        for method, url, expected in cases:
            client = app.test_client()
            if role != "anonymous":
                user = world.users[role]
                db.session.refresh(user)  # sign-out-everywhere bumps the session version
                login(user, on=client)
            response = client.open(url(world), method=method)
            if response.status_code != expected[role]:
                wrong.append(
                    f"{method} {url(world)} ({endpoint}): "
                    f"got {response.status_code}, expected {expected[role]}"
                )
    assert not wrong, f"{role}:\n" + "\n".join(wrong)
