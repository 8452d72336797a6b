"""Programme pages: the school year's activities (a list and a month calendar), recording an
activity for a group, its attendance list and CSV import, provider access, and custom groups."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from wtforms import SelectChoice

from journal import calendar
from journal.accounts.forms import ButtonForm
from journal.cohort.filters import PupilFilter, filter_options
from journal.cohort.models import BY_HAND
from journal.extensions import db
from journal.schools.models import Pupil
from journal.schools.queries import (
    pupils_in_scope,
    search_pupils,
    tutor_groups_for_school,
    tutor_groups_of,
)

from . import audience, bp, operations, queries, sheet
from .forms import MAX_ORGANISATIONS, ActivityForm, AttendanceUploadForm, GroupForm
from .models import GATSBY, ORGANISATION_TYPES
from .permissions import (
    can_manage_groups,
    can_record_activity,
    can_see_programme,
    can_take_attendance,
    is_tutor_only,
)


def _require(allowed: bool) -> None:
    if not allowed:
        abort(403)


# --- the programme ------------------------------------------------------------------------------


def _filters() -> dict:
    year_group = request.args.get("year_group", type=int)
    benchmark = request.args.get("benchmark", type=int)
    return {
        "year_group": year_group if year_group in calendar.YEAR_GROUPS else None,
        "benchmark": benchmark if benchmark in GATSBY else None,
    }


@bp.route("/programme")
@login_required
def programme():
    """The school year's activities, filterable by year group and benchmark."""
    _require(can_see_programme(current_user))
    this_year = calendar.school_year_of(calendar.today())
    school_year = request.args.get("year", this_year, type=int)
    if not 2000 <= school_year <= this_year + 5:
        school_year = this_year
    filters = _filters()
    first, last = calendar.school_year_bounds(school_year)
    activities = queries.activities_between(current_user.school_id, first, last, **filters)
    return render_template(
        "programme/programme.html",
        activities=activities,
        counts=queries.attendance_counts([a.id for a in activities]),
        filters=filters,
        school_year=school_year,
        years=[(y, calendar.school_year_label(y)) for y in range(this_year + 1, this_year - 4, -1)],
        gatsby=GATSBY,
        today=calendar.today(),
    )


@bp.route("/programme/calendar")
@login_required
def month():
    """One month of the programme, day by day."""
    _require(can_see_programme(current_user))
    first = _month_arg(request.args.get("month", ""))
    last = _add_months(first, 1) - timedelta(days=1)
    filters = _filters()
    activities = queries.activities_between(current_user.school_id, first, last, **filters)
    days: dict[date, list] = {}
    for activity in activities:
        days.setdefault(activity.occurred_on, []).append(activity)
    return render_template(
        "programme/calendar.html",
        first=first,
        days=days,
        counts=queries.attendance_counts([a.id for a in activities]),
        previous=_add_months(first, -1),
        following=_add_months(first, 1),
        filters=filters,
        gatsby=GATSBY,
        today=calendar.today(),
    )


def _month_arg(value: str) -> date:
    try:
        year, month_ = (int(part) for part in value.split("-"))
        return date(year, month_, 1)
    except (ValueError, TypeError):
        return calendar.today().replace(day=1)


def _add_months(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


# --- recording an activity ----------------------------------------------------------------------


def _activity_form() -> ActivityForm:
    form = ActivityForm()
    school_id = current_user.school_id
    groups = tutor_groups_of(current_user) if is_tutor_only(current_user) else None
    groups = groups if groups is not None else tutor_groups_for_school(school_id)
    form.tutor_group_ids.choices = [SelectChoice(g.id, g.name) for g in groups]
    saved = [SelectChoice(g.id, g.name) for g in queries.groups_of_school(school_id)]
    form.group_id.choices = [SelectChoice(0, "Choose a group"), *saved]
    return form


@bp.route("/programme/new", methods=["GET", "POST"])
@login_required
def new_activity():
    """Record an activity once for a group. Saving twice (a double click) makes one."""
    _require(can_record_activity(current_user))
    form = _new_activity_form()
    if form.add_organisation.data and len(form.organisations) < MAX_ORGANISATIONS:
        form.organisations.append_entry()
        return _activity_page(form)
    if not form.validate_on_submit():
        return _activity_page(form, 422 if request.method == "POST" else 200)
    existing = queries.activity_by_client_id(current_user.school_id, form.client_id.data)
    if existing is not None:
        return redirect(url_for("programme.activity", activity_id=existing.id))
    found = _audience_of(form)
    if found.problem:
        form.audience_kind.errors.append(found.problem)
        return _activity_page(form, 422)
    activity, _created = operations.create_activity(
        current_user.school, current_user, _new_activity(form, found), found.pupils
    )
    db.session.commit()
    return _after_recording(activity)


def _new_activity_form() -> ActivityForm:
    """The activity form; opened afresh, for today, with a new id against double saving."""
    form = _activity_form()
    if request.method == "GET":
        form.client_id.data = str(uuid.uuid4())
        form.occurred_on.data = calendar.today()
        form.benchmarks.data = []
    return form


def _audience_of(form: ActivityForm) -> audience.Resolution:
    return audience.resolve(
        current_user,
        form.audience_kind.data,
        year_groups=form.year_groups.data,
        tutor_group_ids=form.tutor_group_ids.data,
        group_id=form.group_id.data,
        names=form.names.data or "",
    )


def _after_recording(activity):
    """To the attendance list if the day has come, else to the activity."""
    if activity.occurred_on <= calendar.today() and not activity.attendance_taken:
        flash("Saved. Now untick anyone who was not there, and save the list.", "success")
        return redirect(url_for("programme.attendance", activity_id=activity.id))
    flash("Saved in the programme. Record who was there on the day.", "success")
    return redirect(url_for("programme.activity", activity_id=activity.id))


def _new_activity(form: ActivityForm, found) -> operations.NewActivity:
    return operations.NewActivity(
        client_id=form.client_id.data,
        title=form.title.data.strip(),
        kind_code=form.kind.data,
        occurred_on=form.occurred_on.data,
        starts_at=form.starts_at.data.strftime("%H:%M") if form.starts_at.data else None,
        place=(form.place.data or "").strip(),
        organisations=form.organisation_list(),
        benchmarks=form.benchmarks.data or [],
        audience_kind=form.audience_kind.data,
        audience=found.audience,
        audience_label=found.label,
        custom_group_id=found.custom_group_id,
    )


def _activity_page(form: ActivityForm, status: int = 200):
    return render_template(
        "programme/activity_form.html",
        form=form,
        tutor_only=is_tutor_only(current_user),
        organisation_types=ORGANISATION_TYPES,
    ), status


@bp.route("/programme/activities/<int:activity_id>")
@login_required
def activity(activity_id: int):
    _require(can_see_programme(current_user))
    found = queries.activity_of(current_user, activity_id)
    return render_template(
        "programme/activity.html",
        activity=found,
        attended=queries.attendance_counts([found.id]).get(found.id, 0),
        can_take=can_take_attendance(current_user, found),
        gatsby=GATSBY,
        today=calendar.today(),
        organisation_types=ORGANISATION_TYPES,
    )


# --- attendance ---------------------------------------------------------------------------------


def _attendance_activity(activity_id: int):
    _require(can_see_programme(current_user))
    found = queries.activity_of(current_user, activity_id)
    _require(can_take_attendance(current_user, found))
    return found


@bp.route("/programme/activities/<int:activity_id>/attendance", methods=["GET", "POST"])
@login_required
def attendance(activity_id: int):
    """Everyone the activity was for, ticked as there by default; one save for the list.
    The search narrows the list; pupils not shown keep what they had."""
    found = _attendance_activity(activity_id)
    form = ButtonForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        return _save_attendance(found)
    text = request.args.get("q", "")[:100]
    group = request.args.get("tutor_group", type=int)
    listed = queries.attendance_list(current_user, found, text=text, tutor_group_id=group)
    return render_template(
        "programme/attendance.html",
        activity=found,
        listed=listed,
        text=text,
        group=group,
        groups=_group_choices(listed, narrowed=bool(group)),
        future=found.occurred_on > calendar.today(),
        form=form,
    )


def _group_choices(listed, *, narrowed: bool) -> list:
    """The tutor groups to narrow the list by: those on it (or, once narrowed, the person's)."""
    if not narrowed:
        return sorted(
            {p.pupil.tutor_group for p in listed if p.pupil.tutor_group}, key=lambda g: g.name
        )
    if is_tutor_only(current_user):
        return tutor_groups_of(current_user)
    return tutor_groups_for_school(current_user.school_id)


def _ids(name: str) -> set[int]:
    return {int(v) for v in request.form.getlist(name) if v.isdigit()}


def _save_attendance(found):
    allowed = {p.pupil.id for p in queries.attendance_list(current_user, found)}
    listed = _ids("listed") & allowed
    try:
        change = operations.take_attendance(
            found, listed=listed, present=_ids("present"), by=current_user
        )
    except operations.AttendanceRefused as refused:
        db.session.rollback()
        flash(str(refused), "error")
        return redirect(url_for("programme.activity", activity_id=found.id))
    db.session.commit()
    _flash_change(change)
    return redirect(url_for("programme.activity", activity_id=found.id))


def _flash_change(change: operations.AttendanceChange) -> None:
    flash(f"Attendance saved: {len(change.added)} added, {len(change.removed)} removed.", "success")
    if change.kept:
        flash(
            f"{len(change.kept)} pupil{'s have' if len(change.kept) != 1 else ' has'} already "
            "written in or used their entry for this activity, so they are still marked as there "
            "and the entry is kept. Talk to them if they were not there: only they can remove "
            "their own words.",
            "error",
        )


@bp.route("/programme/activities/<int:activity_id>/import", methods=["GET", "POST"])
@login_required
def import_attendance(activity_id: int):
    """A CSV of who was there: shown first, with every row that matched nobody."""
    found = _attendance_activity(activity_id)
    form = AttendanceUploadForm()
    future = found.occurred_on > calendar.today()
    if future or not form.validate_on_submit():
        status = 422 if request.method == "POST" else 200
        return render_template(
            "programme/import.html", activity=found, form=form, future=future
        ), status
    try:
        rows = sheet.parse(form.sheet.data.read())
    except sheet.SheetError as problem:
        form.sheet.errors.append(str(problem))
        return render_template(
            "programme/import.html", activity=found, form=form, future=False
        ), 422
    return _import_preview(found, rows)


def _import_preview(found, rows):
    """Each row of the file matched to a pupil on the list, or to nobody."""
    listed = [p.pupil for p in queries.attendance_list(current_user, found)]
    everyone = list(db.session.scalars(pupils_in_scope(current_user)))
    matched = sheet.match(rows, listed, everyone)
    by_id = {p.id: p for p in listed}
    return render_template(
        "programme/import_preview.html",
        activity=found,
        matched=[by_id[i] for i in matched.pupil_ids],
        result=matched,
        rows=len(rows),
        form=ButtonForm(),
    )


@bp.post("/programme/activities/<int:activity_id>/import/confirm")
@login_required
def confirm_import(activity_id: int):
    """Mark the pupils from a previewed file as there; nobody else changes."""
    found = _attendance_activity(activity_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    allowed = {p.pupil.id for p in queries.attendance_list(current_user, found)}
    chosen = _ids("pupil") & allowed
    try:
        change = operations.take_attendance(
            found, listed=chosen, present=chosen, by=current_user, how="csv"
        )
    except operations.AttendanceRefused as refused:
        db.session.rollback()
        flash(str(refused), "error")
        return redirect(url_for("programme.activity", activity_id=found.id))
    db.session.commit()
    _flash_change(change)
    return redirect(url_for("programme.activity", activity_id=found.id))


@bp.route("/programme/provider-access")
@login_required
def provider_access():
    """Encounters with providers of technical education or apprenticeships, by year group."""
    _require(can_see_programme(current_user))
    return render_template(
        "programme/provider_access.html", rows=queries.provider_access(current_user)
    )


# --- custom groups ------------------------------------------------------------------------------


@bp.route("/programme/groups")
@login_required
def groups():
    _require(can_see_programme(current_user))
    live = queries.groups_of_school(current_user.school_id)
    archived = queries.groups_of_school(current_user.school_id, archived=True)
    return render_template(
        "programme/groups.html",
        groups=live,
        archived=archived,
        counts=queries.member_counts(live),
        can_manage=can_manage_groups(current_user),
        options=filter_options(current_user.school_id),
    )


def _valid_group(form: GroupForm, group=None) -> bool:
    """A posted group form that is valid and names no other group of the school."""
    if not form.validate_on_submit():
        return False
    clash = queries.group_named(current_user.school_id, form.name.data.strip())
    if clash is not None and clash is not group:
        form.name.errors.append("There is already a group with this name. Choose another.")
        return False
    return True


@bp.route("/programme/groups/new", methods=["GET", "POST"])
@login_required
def new_group():
    _require(can_manage_groups(current_user))
    form = GroupForm()
    pupil_filter = PupilFilter.from_args(request.form)
    options = filter_options(current_user.school_id)
    if _valid_group(form):
        group = operations.save_group(
            current_user.school_id,
            current_user,
            name=form.name.data.strip(),
            kind=form.kind.data,
            definition=pupil_filter.to_json(),
        )
        db.session.commit()
        flash("Group saved.", "success")
        return redirect(url_for("programme.group", group_id=group.id))
    status = 422 if request.method == "POST" else 200
    return render_template(
        "programme/group_form.html", form=form, pupil_filter=pupil_filter, options=options
    ), status


@bp.route("/programme/groups/<int:group_id>", methods=["GET", "POST"])
@login_required
def group(group_id: int):
    """A group's members now, and (for careers staff) its name and filter to change, or
    pupils to pick by name."""
    _require(can_see_programme(current_user))
    found = queries.group_of(current_user, group_id)
    form = GroupForm(obj=found if request.method == "GET" else None)
    if request.method != "POST":
        return _group_page(found, form, found.pupil_filter)
    _require(can_manage_groups(current_user))
    pupil_filter = PupilFilter.from_args(request.form)
    form.kind.data = found.kind
    if not _valid_group(form, found):
        return _group_page(found, form, pupil_filter, 422)
    operations.save_group(
        found.school_id,
        current_user,
        name=form.name.data.strip(),
        kind=found.kind,
        definition=pupil_filter.to_json(),
        group=found,
    )
    db.session.commit()
    flash("Group saved.", "success")
    return redirect(url_for("programme.group", group_id=found.id))


def _group_page(found, form: GroupForm, pupil_filter: PupilFilter, status: int = 200):
    """The group's members, its filter in words, and the pupils found by name to add."""
    options = filter_options(current_user.school_id)
    text = request.args.get("q", "")[:100]
    results = search_pupils(current_user, text, limit=30) if text and found.kind == BY_HAND else []
    members = queries.members_of(current_user, found)
    return render_template(
        "programme/group.html",
        group=found,
        form=form,
        members=members,
        member_ids={p.id for p in members},
        pupil_filter=pupil_filter,
        description=pupil_filter.describe(options.tutor_group_names),
        options=options,
        text=text,
        results=results,
        can_manage=can_manage_groups(current_user),
        button=ButtonForm(),
    ), status


@bp.post("/programme/groups/<int:group_id>/pupils")
@login_required
def group_pupils(group_id: int):
    """Add the ticked search results to a hand-picked group, or remove members."""
    _require(can_manage_groups(current_user))
    found = queries.group_of(current_user, group_id)
    if found.kind != BY_HAND:
        abort(404)
    if not ButtonForm().validate_on_submit():
        abort(400)
    wanted = _ids("add") | _ids("remove")
    visible = set(
        db.session.scalars(
            pupils_in_scope(current_user).with_only_columns(Pupil.id).where(Pupil.id.in_(wanted))
        )
    )
    operations.pick_pupils(
        found, current_user, add=_ids("add") & visible, remove=_ids("remove") & visible
    )
    db.session.commit()
    flash("Group saved.", "success")
    return redirect(url_for("programme.group", group_id=found.id))


@bp.post("/programme/groups/<int:group_id>/archive")
@login_required
def archive_group(group_id: int):
    """Archive a group (it leaves the lists; activities keep their record), or restore it."""
    _require(can_manage_groups(current_user))
    found = queries.group_of(current_user, group_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    restore = found.archived_at is not None
    operations.archive_group(found, current_user, archived=not restore)
    db.session.commit()
    flash("Group restored." if restore else "Group archived.", "success")
    return redirect(url_for("programme.groups"))
