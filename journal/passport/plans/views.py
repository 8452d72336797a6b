"""Skills, aspirations, intended destinations and the vocational profile ("all about me"):
the pupil writes their own; staff who can see the pupil read them, and every opening is
audited."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from journal.audit.operations import record
from journal.extensions import db
from journal.passport.blueprint import bp
from journal.passport.entries.permissions import can_write_passport
from journal.passport.plans import operations, queries
from journal.passport.plans.forms import (
    PROFILE_SECTIONS,
    AspirationForm,
    DestinationForm,
    ProfileForm,
    RateSkillForm,
    stage_phrase,
)
from journal.reference.destinations import STAGES, activity_label
from journal.reference.skills import BANDS, SKILLS, Skill, band_name, descriptor
from journal.schools.guards import own_pupil_or_403, staff_pupil_or_404


def _audited(pupil, action: str, **detail) -> None:
    """Record that staff opened this page about the pupil, and commit before reading on."""
    record(action, actor=current_user, pupil=pupil, **detail)
    db.session.commit()


def _skill(code: str) -> Skill:
    if code not in SKILLS:
        abort(404)
    return SKILLS[code]


def _status(*forms) -> int:
    return 422 if any(form.errors for form in forms) else 200


# --- skills -----------------------------------------------------------------------------------


@bp.route("/passport/skills")
@login_required
def skills():
    """ "My skills": each skill's latest step and how it grew."""
    return _skills_page(own_pupil_or_403(can_write_passport), for_pupil=True)


def _skills_page(pupil, *, for_pupil: bool):
    return render_template(
        "passport/skills.html",
        pupil=pupil,
        ratings=queries.ratings_by_skill(pupil),
        for_pupil=for_pupil,
    )


@bp.route("/passport/skills/<skill>/rate", methods=["GET", "POST"])
@login_required
def rate_skill(skill: str):
    """A new rating of one skill, with what shows it; earlier ratings are kept."""
    pupil = own_pupil_or_403(can_write_passport)
    skill = _skill(skill)
    last = queries.latest_ratings(pupil).get(skill.code)
    start = {"step": last.step} if last and request.method == "GET" else None
    form = RateSkillForm(skill=skill.code, entries=queries.evidence_choices(pupil), data=start)
    if form.validate_on_submit():
        operations.rate_skill(
            pupil, skill.code, form.step.data, form.note.data, form.evidence_ids, current_user
        )
        db.session.commit()
        flash(f"Saved: {skill.name}, step {form.step.data}.", "success")
        return redirect(url_for("passport.skills", _anchor=skill.code))
    page = render_template("passport/skills_rate.html", form=form, skill=skill, last=last)
    return page, _status(form)


@bp.route("/passport/skills/<skill>")
@login_required
def skill_history(skill: str):
    """Every rating of one skill, newest first, with notes and evidence."""
    pupil = own_pupil_or_403(can_write_passport)
    skill = _skill(skill)
    return _skill_history_page(pupil, skill, for_pupil=True)


def _skill_history_page(pupil, skill: Skill, *, for_pupil: bool):
    return render_template(
        "passport/skills_history.html",
        pupil=pupil,
        skill=skill,
        ratings=queries.rating_history(pupil, skill.code),
        for_pupil=for_pupil,
    )


# --- aspirations and intended destinations ---------------------------------------------------


@bp.route("/passport/aspirations", methods=["GET", "POST"])
@login_required
def aspirations():
    """ "What I want to do": a new aspiration at the top, everything written before below."""
    pupil = own_pupil_or_403(can_write_passport)
    form = AspirationForm()
    if form.validate_on_submit():
        operations.add_aspiration(pupil, form.what.data, form.why.data, current_user)
        db.session.commit()
        flash("Saved. What you wrote before is kept too.", "success")
        return redirect(url_for("passport.aspirations"))
    return _aspirations_page(pupil, form=form, for_pupil=True), _status(form)


def _aspirations_page(pupil, *, for_pupil: bool, form=None):
    return render_template(
        "passport/aspirations.html",
        pupil=pupil,
        form=form,
        aspirations=queries.aspirations_of(pupil),
        destinations=queries.destination_history(pupil),
        stages=operations.stages_for(pupil),
        open_stages=operations.open_stages(pupil),
        for_pupil=for_pupil,
    )


@bp.route("/passport/destinations", methods=["GET", "POST"])
@login_required
def destinations():
    """ "My plans after school": the intended destination at each stage the pupil can plan
    for, and what they chose before."""
    pupil = own_pupil_or_403(can_write_passport)
    history = queries.destination_history(pupil)
    forms = {
        stage: DestinationForm.showing(stage, (history.get(stage) or [None])[0])
        for stage in operations.open_stages(pupil)
    }
    if request.method == "POST":
        saved = _save_destination(pupil, forms)
        if saved:
            return saved
    return render_template(
        "passport/destinations.html",
        pupil=pupil,
        forms=forms,
        destinations=history,
        stages=operations.stages_for(pupil),
        for_pupil=True,
    ), _status(*forms.values())


def _save_destination(pupil, forms: dict):
    """Save the stage the pupil sent, or put its form (with its errors) in ``forms``. A stage
    the pupil cannot plan for now (up to 25 without an EHCP, 16 after Year 11) is refused."""
    stage = request.form.get("stage", "")
    if stage not in STAGES:
        abort(400)
    if stage not in forms:
        abort(403)
    form = forms[stage] = DestinationForm(stage=stage)
    if not form.validate_on_submit():
        return None
    row = operations.set_intended_destination(
        pupil, stage, form.category.data, form.detail.data, current_user
    )
    db.session.commit()
    if row is None:
        flash("Nothing changed: that was already your plan.", "info")
    else:
        flash(f"Saved your plan for {stage_phrase(stage)}.", "success")
    return redirect(url_for("passport.destinations", _anchor=f"stage-{stage}"))


# --- "all about me" ---------------------------------------------------------------------------


@bp.route("/passport/profile")
@login_required
def profile():
    """ "All about me", as the pupil last saved it."""
    return _profile_page(own_pupil_or_403(can_write_passport), for_pupil=True)


def _profile_page(pupil, *, for_pupil: bool):
    versions = queries.profile_versions(pupil, limit=2)
    return render_template(
        "passport/profile.html",
        pupil=pupil,
        version=versions[0] if versions else None,
        has_earlier=len(versions) > 1,
        for_pupil=for_pupil,
    )


@bp.route("/passport/profile/edit", methods=["GET", "POST"])
@login_required
def edit_profile():
    """Change "all about me": a new version if anything changed; earlier ones are kept."""
    pupil = own_pupil_or_403(can_write_passport)
    if request.method == "GET":
        form = ProfileForm.from_version(queries.current_profile(pupil))
    else:
        form = ProfileForm()
    if form.validate_on_submit():
        version = operations.save_profile(pupil, form.content(), current_user)
        db.session.commit()
        if version is None:
            flash("Nothing changed.", "info")
        else:
            flash("Saved. Your earlier version is kept too.", "success")
        return redirect(url_for("passport.profile"))
    return render_template("passport/profile_edit.html", form=form), _status(form)


@bp.route("/passport/profile/history")
@login_required
def profile_history():
    """Every saved version of "all about me", newest first."""
    pupil = own_pupil_or_403(can_write_passport)
    return _profile_history_page(pupil, for_pupil=True)


def _profile_history_page(pupil, *, for_pupil: bool):
    return render_template(
        "passport/profile_history.html",
        pupil=pupil,
        versions=queries.profile_versions(pupil),
        for_pupil=for_pupil,
    )


# --- staff, read-only and audited ------------------------------------------------------------


@bp.route("/pupils/<int:pupil_id>/skills")
@login_required
def pupil_skills(pupil_id: int):
    pupil = staff_pupil_or_404(pupil_id)
    _audited(pupil, "pupil_skills_opened")
    return _skills_page(pupil, for_pupil=False)


@bp.route("/pupils/<int:pupil_id>/skills/<skill>")
@login_required
def pupil_skill_history(pupil_id: int, skill: str):
    pupil = staff_pupil_or_404(pupil_id)
    skill = _skill(skill)
    _audited(pupil, "pupil_skill_history_opened", skill=skill.code)
    return _skill_history_page(pupil, skill, for_pupil=False)


@bp.route("/pupils/<int:pupil_id>/aspirations")
@login_required
def pupil_aspirations(pupil_id: int):
    """A pupil's aspirations and intended destinations, each with its history."""
    pupil = staff_pupil_or_404(pupil_id)
    _audited(pupil, "pupil_aspirations_opened")
    return _aspirations_page(pupil, for_pupil=False)


@bp.route("/pupils/<int:pupil_id>/profile")
@login_required
def pupil_profile(pupil_id: int):
    pupil = staff_pupil_or_404(pupil_id)
    _audited(pupil, "pupil_profile_opened")
    return _profile_page(pupil, for_pupil=False)


@bp.route("/pupils/<int:pupil_id>/profile/history")
@login_required
def pupil_profile_history(pupil_id: int):
    pupil = staff_pupil_or_404(pupil_id)
    _audited(pupil, "pupil_profile_history_opened")
    return _profile_history_page(pupil, for_pupil=False)


def plans_words() -> dict:
    """The plans pages' words (given to the passport's templates by ``journal.templating``)."""
    return {
        "skills": SKILLS,
        "bands": BANDS,
        "descriptor": descriptor,
        "band_name": band_name,
        "stage_labels": STAGES,
        "activity_label": activity_label,
        "profile_sections": PROFILE_SECTIONS,
    }
