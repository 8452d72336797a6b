"""Simple mode's recording: one question a screen, every answer carried in the page, nothing
kept on the server until "Save" (photos aside: they are stored as they arrive, like the normal
form's, and carried by id)."""

from __future__ import annotations

import uuid

from flask import abort, render_template, request
from flask_login import current_user, login_required

from journal.extensions import db
from journal.passport.blueprint import bp
from journal.passport.entries import operations, simple
from journal.passport.entries.forms import PHOTO_LIMIT
from journal.passport.entries.permissions import can_write_passport
from journal.passport.entries.uploads import take_uploads
from journal.passport.entries.views import _saved
from journal.schools.guards import own_pupil_or_403


@bp.route("/passport/simple", methods=["GET", "POST"])
@login_required
def simple_record():
    """GET starts at the first question; each POST checks the screen it came from and shows
    the next one ("Next"), the one before ("Back"), or saves the entry ("Save")."""
    pupil = own_pupil_or_403(can_write_passport)
    form = simple.SimpleForm(pupil=pupil)
    if request.method == "GET":
        form.client_id.data = str(uuid.uuid4())
        return _page(form, 0, [])
    if not form.client_id.validate(form):
        abort(400)
    step = form.step_index
    attachments, problems = take_uploads(form, pupil, noun="photos")
    go = request.form.get("go", "next")
    if problems:
        form.photos.errors = problems
        db.session.commit()  # the files that were taken are kept for the next try
        return _page(form, step, attachments, 422)
    if go == "back":
        db.session.commit()
        return _page(form, max(step - 1, 0), attachments)
    if go == "save" and step == simple.LAST:
        return _save(form, pupil, attachments)
    db.session.commit()
    return _next(form, step, attachments)


def _save(form: simple.SimpleForm, pupil, attachments: list):
    """Save the entry, or show the first screen with something to put right."""
    wrong = form.first_problem()
    if wrong is not None:
        db.session.commit()
        return _page(form, wrong, attachments, 422)
    entry, _changed = operations.save_entry(
        pupil,
        kind=form.activity.kind,
        client_id=form.client_id.data,
        content=form.content(),
        state="submitted",
        author=current_user,
        shared_with_family=pupil.school.family_sharing_default,
        attachments=attachments,
    )
    db.session.commit()
    return _saved(entry)


def _next(form: simple.SimpleForm, step: int, attachments: list):
    """The next screen, once this one is right (the last one only when all of them are)."""
    if not form.check_step(step):
        return _page(form, step, attachments, 422)
    if step + 1 == simple.LAST and form.first_problem() is not None:
        return _page(form, form.first_problem(), attachments, 422)
    return _page(form, min(step + 1, simple.LAST), attachments)


def _page(form: simple.SimpleForm, step: int, attachments: list, status: int = 200):
    form.step.data = str(step)
    if step != simple.STEPS.index(_step("photo")):
        form.photo_description.data = ""
    return render_template(
        "passport/simple.html",
        form=form,
        step=step,
        current=simple.STEPS[step],
        steps=simple.STEPS,
        carried=form.carried(step),
        attachments=attachments,
        attachments_content=[a.as_content() for a in attachments],
        activities=simple.ACTIVITIES,
        when_choices=simple.WHEN,
        roles=simple.ROLES,
        photo_limit=PHOTO_LIMIT,
    ), status


def _step(name: str) -> simple.Step:
    return next(s for s in simple.STEPS if s.name == name)
