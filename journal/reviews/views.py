"""Annual review pages: staff open a review and run it; the pupil writes what they want people
to know; each linked family member writes their contribution; everyone who may see the review
reads its summary and downloads it as a PDF."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from journal.accounts.forms import ButtonForm
from journal.documents import exports
from journal.extensions import db
from journal.family import operations as family
from journal.family.guards import family_child_or_404
from journal.guidance.queries import staff_of_school
from journal.schools.guards import own_pupil_or_403, staff_pupil_or_404

from . import bp, operations, queries
from .forms import (
    PROMPTS,
    AreaNotesForm,
    ContributionForm,
    OpenReviewForm,
    OutcomesForm,
    SimpleWordsForm,
    split,
)
from .models import FAMILY, PUPIL, STAFF
from .permissions import can_read_reviews, can_run_review, can_write_staff_summary, has_pfa

PDF = "application/pdf"


def _closed(review, back: str):
    flash(operations.COMPLETED, "info")
    return redirect(back)


# --- staff ------------------------------------------------------------------------------------


def _list_page(pupil, form, status: int = 200):
    return render_template(
        "reviews/pupil_reviews.html",
        pupil=pupil,
        reviews=queries.reviews_of(pupil),
        form=form,
        can_run=can_run_review(current_user, pupil),
    ), status


@bp.route("/pupils/<int:pupil_id>/reviews")
@login_required
def pupil_reviews(pupil_id: int):
    pupil = staff_pupil_or_404(pupil_id, can_read_reviews)
    operations.record_list_opened(current_user, pupil)
    db.session.commit()
    return _list_page(pupil, OpenReviewForm(formdata=None, pupil=pupil))


@bp.post("/pupils/<int:pupil_id>/reviews")
@login_required
def open_review(pupil_id: int):
    pupil = staff_pupil_or_404(pupil_id, can_run_review)
    form = OpenReviewForm(pupil=pupil)
    if not form.validate_on_submit():
        return _list_page(pupil, form, 422)
    review = operations.open_review(pupil, form.held_on.data, by=current_user)
    db.session.commit()
    flash("The review is open. The pupil and their family can now add their words.", "success")
    return redirect(url_for("reviews.staff_review", pupil_id=pupil.id, review_id=review.id))


CONFIRM_COMPLETE = (
    "Tick the box to say everything is recorded: a completed review cannot be changed."
)


def _staff_page(
    pupil, review, *, summary_form=None, areas_form=None, complete_error="", status: int = 200
):
    summary = queries.summary_of(review, "staff")
    own = queries.contribution_of(review, STAFF, current_user)
    if summary_form is None:
        summary_form = ContributionForm(formdata=None, data={"text": own.text if own else ""})
    if areas_form is None and summary.areas is not None:
        areas_form = AreaNotesForm(
            formdata=None, data={a.code: a.note.text if a.note else "" for a in summary.areas}
        )
    page = render_template(
        "reviews/staff_review.html",
        pupil=pupil,
        review=review,
        summary=summary,
        summary_form=summary_form,
        areas_form=areas_form,
        own_summary=own,
        can_run=can_run_review(current_user, pupil),
        can_summarise=can_write_staff_summary(current_user, pupil),
        button=ButtonForm(),
        complete_error=complete_error,
        pdf_endpoint="reviews.staff_pdf",
        pdf_args={"pupil_id": pupil.id, "review_id": review.id},
    )
    return page, status


@bp.route("/pupils/<int:pupil_id>/reviews/<int:review_id>")
@login_required
def staff_review(pupil_id: int, review_id: int):
    pupil = staff_pupil_or_404(pupil_id, can_read_reviews)
    review = queries.review_of(pupil, review_id)
    page = _staff_page(pupil, review)
    operations.viewed(current_user, review, "summary")
    db.session.commit()
    return page


def _staff_back(pupil, review, anchor: str = "") -> str:
    return url_for("reviews.staff_review", pupil_id=pupil.id, review_id=review.id) + anchor


@bp.post("/pupils/<int:pupil_id>/reviews/<int:review_id>/summary")
@login_required
def staff_summary(pupil_id: int, review_id: int):
    pupil = staff_pupil_or_404(pupil_id, can_write_staff_summary)
    review = queries.review_of(pupil, review_id)
    if review.is_completed:
        return _closed(review, _staff_back(pupil, review))
    form = ContributionForm()
    if not form.validate_on_submit():
        return _staff_page(pupil, review, summary_form=form, status=422)
    operations.write_contribution(review, STAFF, form.text.data, by=current_user)
    db.session.commit()
    flash("Your summary is saved.", "success")
    return redirect(_staff_back(pupil, review, "#voice-staff"))


@bp.post("/pupils/<int:pupil_id>/reviews/<int:review_id>/areas")
@login_required
def area_notes(pupil_id: int, review_id: int):
    pupil = staff_pupil_or_404(pupil_id, can_run_review)
    review = queries.review_of(pupil, review_id)
    if not has_pfa(pupil):
        abort(404)
    if review.is_completed:
        return _closed(review, _staff_back(pupil, review))
    form = AreaNotesForm()
    if not form.validate_on_submit():
        return _staff_page(pupil, review, areas_form=form, status=422)
    operations.write_area_notes(review, form.notes(), by=current_user)
    db.session.commit()
    flash("The Preparing for Adulthood notes are saved.", "success")
    return redirect(_staff_back(pupil, review, "#pfa"))


@bp.route("/pupils/<int:pupil_id>/reviews/<int:review_id>/outcomes", methods=["GET", "POST"])
@login_required
def outcomes(pupil_id: int, review_id: int):
    """The decisions and actions agreed at the review, several at once (no script needed)."""
    pupil = staff_pupil_or_404(pupil_id, can_run_review)
    review = queries.review_of(pupil, review_id)
    if review.is_completed:
        return _closed(review, _staff_back(pupil, review))
    form = OutcomesForm(staff=staff_of_school(pupil.school_id))
    if form.validate_on_submit():
        operations.record_outcomes(
            review,
            by=current_user,
            decisions=form.decision_texts(),
            actions=form.new_actions(),
            visibility=form.visibility.data,
        )
        db.session.commit()
        flash("The decisions and actions are saved in the guidance record.", "success")
        return redirect(_staff_back(pupil, review, "#agreed"))
    page = render_template("reviews/outcomes.html", pupil=pupil, review=review, form=form)
    return page, 422 if form.errors else 200


@bp.post("/pupils/<int:pupil_id>/reviews/<int:review_id>/complete")
@login_required
def complete(pupil_id: int, review_id: int):
    pupil = staff_pupil_or_404(pupil_id, can_run_review)
    review = queries.review_of(pupil, review_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    if review.is_completed:
        return _closed(review, _staff_back(pupil, review))
    if request.form.get("confirm") != "yes":  # completing cannot be undone: no mis-taps
        return _staff_page(pupil, review, complete_error=CONFIRM_COMPLETE, status=422)
    operations.complete(review, by=current_user)
    db.session.commit()
    flash("The review is completed. It can no longer be changed.", "success")
    return redirect(_staff_back(pupil, review))


@bp.route("/pupils/<int:pupil_id>/reviews/<int:review_id>/summary.pdf")
@login_required
def staff_pdf(pupil_id: int, review_id: int):
    pupil = staff_pupil_or_404(pupil_id, can_read_reviews)
    review = queries.review_of(pupil, review_id)
    style = _style()
    operations.exported(current_user, review, style)
    db.session.commit()
    return _pdf(review, "staff", style)


# --- the PDF ----------------------------------------------------------------------------------


def _style() -> str:
    style = request.args.get("style", exports.DEFAULT_STYLE)
    if style not in exports.STYLES:
        abort(404)
    return style


def print_html(review, audience: str, style: str) -> str:
    summary = queries.summary_of(review, audience)
    return render_template(
        "reviews/print.html",
        summary=summary,
        style=style,
        print_symbols=style == "symbols",
        print_title=f"{review.pupil.full_name} – Annual review summary",
        language=exports.LANGUAGE,
    )


def _pdf(review, audience: str, style: str) -> Response:
    data = exports.html_to_pdf(print_html(review, audience, style))
    response = Response(data, mimetype=PDF)
    name = f"{review.pupil.full_name} annual review {review.held_on:%Y-%m-%d}"
    if style != exports.DEFAULT_STYLE:
        name += f" ({exports.STYLES[style].lower()})"
    response.headers.set("Content-Disposition", "attachment", filename=f"{name}.pdf")
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


# --- the pupil --------------------------------------------------------------------------------


@bp.route("/my-reviews")
@login_required
def my_reviews():
    pupil = own_pupil_or_403()
    return render_template(
        "reviews/my_reviews.html", pupil=pupil, reviews=queries.reviews_of(pupil)
    )


def _reader_page(review, audience: str, **links):
    return render_template(
        "reviews/review.html",
        pupil=review.pupil,
        review=review,
        summary=queries.summary_of(review, audience),
        **links,
    )


@bp.route("/my-reviews/<int:review_id>")
@login_required
def my_review(review_id: int):
    pupil = own_pupil_or_403()
    review = queries.review_of(pupil, review_id)
    return _reader_page(
        review,
        "pupil",
        back=url_for("reviews.my_reviews"),
        write=url_for("reviews.my_words", review_id=review.id),
        write_voice=PUPIL,
        pdf_endpoint="reviews.my_pdf",
        pdf_args={"review_id": review.id},
    )


@bp.route("/my-reviews/<int:review_id>/my-words", methods=["GET", "POST"])
@login_required
def my_words(review_id: int):
    """What I want people to know: one box in the full view, short questions in simple mode."""
    pupil = own_pupil_or_403()
    review = queries.review_of(pupil, review_id)
    back = url_for("reviews.my_review", review_id=review.id)
    if review.is_completed:
        return _closed(review, back)
    own = queries.contribution_of(review, PUPIL, current_user)
    simple = request.values.get("mode", _mode()) == "simple"
    form = _words_form(simple, own)
    if form.validate_on_submit():
        text = form.text() if simple else form.text.data
        operations.write_contribution(review, PUPIL, text, by=current_user)
        db.session.commit()
        flash("Thank you. Your words are saved.", "success")
        return redirect(back + "#voice-pupil")
    page = render_template(
        "reviews/my_words.html",
        review=review,
        form=form,
        simple=simple,
        prompts=PROMPTS,
        own=own,
    )
    return page, 422 if form.errors else 200


def _mode() -> str:
    from journal.accessibility.queries import current_view_settings

    return "simple" if current_view_settings().simple_mode else "full"


def _words_form(simple: bool, own):
    if request.method == "POST":
        return SimpleWordsForm() if simple else ContributionForm()
    text = own.text if own else ""
    if simple:
        return SimpleWordsForm(formdata=None, data=split(text))
    return ContributionForm(formdata=None, data={"text": text})


@bp.route("/my-reviews/<int:review_id>/summary.pdf")
@login_required
def my_pdf(review_id: int):
    review = queries.review_of(own_pupil_or_403(), review_id)
    return _pdf(review, "pupil", _style())


# --- the family -------------------------------------------------------------------------------


@bp.route("/family/children/<int:pupil_id>/reviews")
@login_required
def child_reviews(pupil_id: int):
    pupil = family_child_or_404(pupil_id)
    page = render_template(
        "reviews/child_reviews.html", pupil=pupil, reviews=queries.reviews_of(pupil)
    )
    family.viewed(current_user, pupil, "reviews")
    db.session.commit()
    return page


@bp.route("/family/children/<int:pupil_id>/reviews/<int:review_id>")
@login_required
def child_review(pupil_id: int, review_id: int):
    pupil = family_child_or_404(pupil_id)
    review = queries.review_of(pupil, review_id)
    page = _reader_page(
        review,
        "family",
        back=url_for("reviews.child_reviews", pupil_id=pupil.id),
        write=url_for("reviews.family_contribution", pupil_id=pupil.id, review_id=review.id),
        write_voice=FAMILY,
        pdf_endpoint="reviews.child_pdf",
        pdf_args={"pupil_id": pupil.id, "review_id": review.id},
    )
    family.viewed(current_user, pupil, "review", review_id=review.id)
    db.session.commit()
    return page


@bp.route(
    "/family/children/<int:pupil_id>/reviews/<int:review_id>/contribution",
    methods=["GET", "POST"],
)
@login_required
def family_contribution(pupil_id: int, review_id: int):
    pupil = family_child_or_404(pupil_id)
    review = queries.review_of(pupil, review_id)
    back = url_for("reviews.child_review", pupil_id=pupil.id, review_id=review.id)
    if review.is_completed:
        return _closed(review, back)
    own = queries.contribution_of(review, FAMILY, current_user)
    form = ContributionForm(formdata=None, data={"text": own.text if own else ""})
    if request.method == "POST":
        form = ContributionForm()
        if form.validate_on_submit():
            operations.write_contribution(review, FAMILY, form.text.data, by=current_user)
            db.session.commit()
            flash("Thank you. Your contribution is saved.", "success")
            return redirect(back + "#voice-family")
    page = render_template(
        "reviews/family_contribution.html", pupil=pupil, review=review, form=form, own=own
    )
    family.viewed(current_user, pupil, "review_contribution", review_id=review.id)
    db.session.commit()
    return page, 422 if form.errors else 200


@bp.route("/family/children/<int:pupil_id>/reviews/<int:review_id>/summary.pdf")
@login_required
def child_pdf(pupil_id: int, review_id: int):
    pupil = family_child_or_404(pupil_id)
    review = queries.review_of(pupil, review_id)
    style = _style()
    family.viewed(current_user, pupil, "review_pdf", review_id=review.id, style=style)
    db.session.commit()
    return _pdf(review, "family", style)
