"""The careers leader's dashboard (``/cohort``): benchmark coverage with gap lists of named
pupils (on screen and as CSV), aspirations by gender and sector, and leavers' destinations
by group and against what they planned. One audit event per page or export, never one per
pupil."""

from __future__ import annotations

from flask import Response, abort, render_template, request
from flask_login import current_user, login_required

from journal.audit.operations import record
from journal.calendar import year_group_label
from journal.extensions import db
from journal.milestones.coverage import MEASURES, coverage_for
from journal.schools.models import SEN_STATUSES

from . import bp, queries
from .export import gap_csv
from .filters import PupilFilter, filter_options
from .permissions import can_view_cohort


def _chosen():
    """The selection from the query string, with the school's filter options and groups."""
    if not can_view_cohort(current_user):
        abort(403)
    options = filter_options(current_user.school_id)
    groups = queries.custom_groups_of(current_user.school_id)
    selection = queries.Selection(
        PupilFilter.from_args(request.args), queries.group_from(request.args.get("group"), groups)
    )
    return selection, options, groups


def _coverage(selection):
    school_type = current_user.school.school_type
    return coverage_for(queries.on_roll_ids(current_user, selection), school_type=school_type)


def _measure(key: str):
    measure = MEASURES.get(key)
    if measure is None:
        abort(404)
    return measure


def _committed(page: str) -> str:
    """Commit the audit event once the page is rendered (committing first would expire
    everything the page reads, and reload it row by row)."""
    db.session.commit()
    return page


@bp.route("/cohort")
@login_required
def dashboard():
    selection, options, groups = _chosen()
    on_roll = queries.on_roll_ids(current_user, selection)
    found = queries.leavers(queries.leaver_ids(current_user, selection.pupil_filter))
    described = selection.describe(options.tutor_group_names)
    record("cohort_dashboard_viewed", actor=current_user, selection=described)
    return _committed(
        render_template(
            "cohort/dashboard.html",
            selection=selection,
            described=described,
            options=options,
            groups=groups,
            coverage=_coverage(selection),
            aspirations=queries.aspirations_by_gender(on_roll),
            by_group=queries.destinations_by_group(found),
            plans=queries.plans_against_destinations(found),
            leaver_count=len(found),
            actual_groups=queries.ACTUAL_GROUPS,
            actual_labels=queries.ACTUAL_LABELS,
            gender_label=queries.gender_label,
        )
    )


@bp.route("/cohort/gaps/<key>")
@login_required
def gap_list(key: str):
    selection, options, _groups = _chosen()
    measure = _measure(key)
    coverage = _coverage(selection)
    described = selection.describe(options.tutor_group_names)
    pupils = coverage.gap(key)
    record("cohort_gap_list_viewed", actor=current_user, measure=key, selection=described)
    count = next(c for c in coverage.counts if c.measure.key == key)
    return _committed(
        render_template(
            "cohort/gap_list.html",
            measure=measure,
            selection=selection,
            described=described,
            pupils=pupils,
            count=count,
            year_label=year_group_label,
            sen_labels=SEN_STATUSES,
        )
    )


@bp.route("/cohort/gaps/<key>/export.csv")
@login_required
def export_gap_list(key: str):
    selection, options, _groups = _chosen()
    measure = _measure(key)
    pupils = _coverage(selection).gap(key)
    described = selection.describe(options.tutor_group_names)
    record(
        "cohort_gap_list_exported",
        actor=current_user,
        measure=key,
        selection=described,
        pupils=len(pupils),
    )
    db.session.commit()
    return Response(
        gap_csv(measure, pupils),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="gap-{key}.csv"',
            "Cache-Control": "no-store",
        },
    )
