"""Annual reviews: opening one, the three voices (each person's own, editable until the review
is completed), the summary for staff, pupil and family, decisions and actions flowing into the
guidance records, completion, audit and a fixed number of queries."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

from pypdf import PdfReader
from sqlalchemy import func, select

from journal.calendar import today
from journal.extensions import db
from journal.guidance import operations as guidance
from journal.guidance.models import Action, GuidanceNote
from journal.passport.plans.models import Aspiration, SkillRating
from journal.passport.plans.operations import add_aspiration, rate_skill
from journal.reviews import operations, queries
from journal.reviews.forms import joined, split
from journal.reviews.models import ReviewContribution, review_actions, review_decisions
from tests.support import audit_actions, counting_queries


def _entry(make, pupil, organisation, *, shared=True, on=None, state="submitted"):
    made = make.entry(
        pupil, state=state, occurred_on=on or today() - timedelta(days=3), organisation=organisation
    )
    made.shared_with_family = shared
    db.session.commit()
    return made


def _url(pupil, review, tail=""):
    return f"/pupils/{pupil.id}/reviews/{review.id}{tail}"


# --- opening ----------------------------------------------------------------------------------


def test_careers_staff_open_a_review_from_the_pupil_record(client, login, adviser, pupil):
    login(adviser)
    record = client.get(f"/pupils/{pupil.id}")
    assert f"/pupils/{pupil.id}/reviews" in record.text
    page = client.post(f"/pupils/{pupil.id}/reviews", data={"held_on": "2027-03-14"})
    assert page.status_code == 302
    review = queries.reviews_of(pupil)[0]
    assert review.held_on == date(2027, 3, 14) and not review.is_completed
    assert audit_actions("review_opened")[0].pupil_id == pupil.id


def test_a_bad_date_is_shown_at_the_field_and_kept(client, login, adviser, pupil):
    login(adviser)
    page = client.post(f"/pupils/{pupil.id}/reviews", data={"held_on": "2019-01-01"})
    assert page.status_code == 422
    assert "before this pupil&#39;s record began" in page.text and 'value="2019-01-01"' in page.text
    page = client.post(f"/pupils/{pupil.id}/reviews", data={"held_on": "nonsense"})
    assert page.status_code == 422 and 'aria-invalid="true"' in page.text
    assert queries.reviews_of(pupil) == []


def test_a_tutor_may_write_a_summary_but_not_open_or_complete(client, login, tutor, pupil, review):
    login(tutor)
    assert (
        client.post(f"/pupils/{pupil.id}/reviews", data={"held_on": "2027-03-14"}).status_code
        == 403
    )
    page = client.post(_url(pupil, review, "/summary"), data={"text": "Settled well in 10H."})
    assert page.status_code == 302
    assert client.post(_url(pupil, review, "/complete")).status_code == 403
    assert "Settled well in 10H." in client.get(_url(pupil, review)).text


def test_the_period_runs_from_the_previous_review(adviser, pupil):
    first = operations.open_review(pupil, date(2025, 3, 1), by=adviser)
    second = operations.open_review(pupil, date(2026, 3, 1), by=adviser)
    assert queries.period_start(first) == pupil.record_began_on
    assert queries.period_start(second) == date(2025, 3, 2)


# --- the voices -------------------------------------------------------------------------------


def test_each_voice_is_its_own_text_with_who_and_when(
    client, login, adviser, tutor, pupil, parent, review
):
    login(pupil.user)
    assert (
        client.post(
            f"/my-reviews/{review.id}/my-words", data={"mode": "full", "text": "I like dogs."}
        ).status_code
        == 302
    )
    login(parent)
    url = f"/family/children/{pupil.id}/reviews/{review.id}/contribution"
    assert client.post(url, data={"text": "She is more confident."}).status_code == 302
    login(adviser)
    client.post(_url(pupil, review, "/summary"), data={"text": "A good year."})
    login(tutor)
    client.post(_url(pupil, review, "/summary"), data={"text": "Tutor's view."})
    rows = db.session.scalars(select(ReviewContribution).order_by(ReviewContribution.id)).all()
    assert [(r.voice, r.author_name) for r in rows] == [
        ("pupil", "Maya Patel"),
        ("family", "Kim Patel"),
        ("staff", "Ada Adviser"),
        ("staff", "Tim Tutor"),
    ]
    login(parent)
    page = client.get(f"/family/children/{pupil.id}/reviews/{review.id}")
    for text in (
        "I like dogs.",
        "She is more confident.",
        "A good year.",
        "Tutor&#39;s view.",
        "Written by Kim Patel",
    ):
        assert text in page.text


def test_writing_again_replaces_your_own_words_only(client, login, parent, pupil, review):
    login(parent)
    url = f"/family/children/{pupil.id}/reviews/{review.id}/contribution"
    client.post(url, data={"text": "First go."})
    client.post(url, data={"text": "Second go."})
    texts = db.session.scalars(select(ReviewContribution.text)).all()
    assert texts == ["Second go."]
    assert "Second go." in client.get(url).text


def test_an_empty_contribution_keeps_the_page_and_says_why(client, login, parent, pupil, review):
    login(parent)
    url = f"/family/children/{pupil.id}/reviews/{review.id}/contribution"
    page = client.post(url, data={"text": "   "})
    assert page.status_code == 422 and "Write something first." in page.text
    assert db.session.scalar(select(func.count(ReviewContribution.id))) == 0


def test_simple_mode_asks_short_questions_and_keeps_what_was_typed(client, login, pupil, review):
    login(pupil.user)
    url = f"/my-reviews/{review.id}/my-words"
    page = client.get(url + "?mode=simple")
    assert "What I am good at" in page.text and "openmoji/1F4AA." in page.text
    page = client.post(url, data={"mode": "simple", "good_at": "x" * 1001, "like": "Dogs"})
    assert page.status_code == 422 and "under 1000 characters" in page.text
    assert "Dogs</textarea>" in page.text
    empty = client.post(url, data={"mode": "simple"})
    assert empty.status_code == 422 and "at least one box" in empty.text
    assert (
        client.post(url, data={"mode": "simple", "like": "Dogs", "next": "College"}).status_code
        == 302
    )
    saved = db.session.scalar(select(ReviewContribution.text))
    assert saved == "What I like: Dogs\nWhat I want to do next: College"
    assert "College</textarea>" in client.get(url + "?mode=simple").text


def test_simple_answers_come_back_out_and_nothing_typed_elsewhere_is_lost():
    text = joined({"like": "Dogs", "hard": "Noise"})
    assert split(text) == {"like": "Dogs", "hard": "Noise"}
    assert split("Free text line\nWhat I like: cats") == {"more": "Free text line", "like": "cats"}


def test_the_pupil_home_page_points_to_an_open_review(client, login, pupil, review):
    login(pupil.user)
    assert f"/my-reviews/{review.id}/my-words" in client.get("/").text


def test_the_family_home_links_to_the_reviews(client, login, parent, pupil, review):
    login(parent)
    assert f"/family/children/{pupil.id}/reviews" in client.get("/").text
    listing = client.get(f"/family/children/{pupil.id}/reviews")
    assert f"/family/children/{pupil.id}/reviews/{review.id}" in listing.text


# --- who sees what ----------------------------------------------------------------------------


def test_staff_only_records_never_reach_the_pupil_or_family(
    client, login, make, adviser, pupil, parent, review
):
    _entry(make, pupil, "Shared Vets")
    _entry(make, pupil, "Private Garage", shared=False)
    _entry(make, pupil, "Draft Bakery", state="draft")
    for visibility, what in (
        ("pupil_family", "Everyone"),
        ("pupil", "PupilOnly"),
        ("staff", "StaffSecret"),
    ):
        guidance.add_action(
            pupil, guidance.NewAction(f"Act {what}", "pupil"), by=adviser, visibility=visibility
        )
    db.session.commit()
    login(adviser)
    staff = client.get(_url(pupil, review)).text
    assert all(t in staff for t in ("Shared Vets", "Private Garage", "Act StaffSecret"))
    assert "Draft Bakery" not in staff
    login(pupil.user)
    own = client.get(f"/my-reviews/{review.id}").text
    assert "Private Garage" in own and "Act PupilOnly" in own and "StaffSecret" not in own
    login(parent)
    fam = client.get(f"/family/children/{pupil.id}/reviews/{review.id}").text
    assert "Shared Vets" in fam and "Act Everyone" in fam
    assert all(t not in fam for t in ("Private Garage", "PupilOnly", "StaffSecret", "Draft Bakery"))


def test_a_family_member_cannot_open_another_childs_review(
    client, login, adviser, parent, pupil, other
):
    theirs = operations.open_review(other, today(), by=adviser)
    db.session.commit()
    login(parent)
    for tail in ("", "/contribution", "/summary.pdf"):
        assert (
            client.get(f"/family/children/{other.id}/reviews/{theirs.id}{tail}").status_code == 404
        )
        assert (
            client.get(f"/family/children/{pupil.id}/reviews/{theirs.id}{tail}").status_code == 404
        )
    assert client.get(f"/family/children/{other.id}/reviews").status_code == 404


def test_a_family_member_cannot_write_anyone_elses_words(client, login, parent, pupil, review):
    login(parent)
    assert client.post(f"/my-reviews/{review.id}/my-words", data={"text": "x"}).status_code == 403
    assert client.post(_url(pupil, review, "/summary"), data={"text": "x"}).status_code == 403
    assert client.post(_url(pupil, review, "/outcomes"), data={"decisions": "x"}).status_code == 403
    assert db.session.scalar(select(func.count(ReviewContribution.id))) == 0


def test_another_schools_staff_get_404(client, login, make, pupil, review):
    from journal.accounts.roles import Role

    elsewhere = make.user(make.school("Elsewhere"), Role.CAREERS_LEADER)
    db.session.commit()
    login(elsewhere)
    assert client.get(_url(pupil, review)).status_code == 404
    assert client.get(_url(pupil, review, "/summary.pdf")).status_code == 404


# --- the summary ------------------------------------------------------------------------------


def _at(moment_day: date) -> datetime:
    return datetime(moment_day.year, moment_day.month, moment_day.day, 12, tzinfo=UTC)


def test_skills_and_aspirations_then_and_now(adviser, pupil):
    before = operations.open_review(pupil, date(2025, 3, 1), by=adviser)
    review = operations.open_review(pupil, date(2026, 3, 1), by=adviser)
    for step, day in (
        (3, date(2024, 5, 1)),
        (5, date(2025, 1, 1)),
        (8, date(2025, 9, 1)),
        (12, date(2026, 6, 1)),
    ):
        rating = rate_skill(pupil, "listening", step, "", [], pupil.user)
        rating.created_at = _at(day)
    for what, day in (
        ("Vet", date(2024, 1, 1)),
        ("Vet nurse", date(2025, 6, 1)),
        ("Later", date(2026, 9, 1)),
    ):
        add_aspiration(pupil, what, "", pupil.user).created_at = _at(day)
    db.session.commit()
    summary = queries.summary_of(review, "staff")
    assert [(g.name, g.then, g.now, g.change) for g in summary.skills] == [("Listening", 5, 8, 3)]
    assert (summary.aspiration_then.what, summary.aspiration_now.what) == ("Vet", "Vet nurse")
    first = queries.summary_of(before, "staff")
    assert [(g.then, g.now) for g in first.skills] == [(3, 5)]
    assert db.session.scalar(select(func.count(SkillRating.id))) == 4
    assert db.session.scalar(select(func.count(Aspiration.id))) == 3


def test_entries_are_those_of_the_period(make, adviser, pupil):
    operations.open_review(pupil, date(2025, 3, 1), by=adviser)
    review = operations.open_review(pupil, today() + timedelta(days=5), by=adviser)
    _entry(make, pupil, "Old Farm", on=date(2025, 2, 1))
    _entry(make, pupil, "New Vets", on=date(2025, 6, 1))
    titles = [e.title for e in queries.summary_of(review, "staff").entries]
    assert any("New Vets" in t for t in titles) and not any("Old Farm" in t for t in titles)


def test_preparing_for_adulthood_only_for_an_ehcp_from_year_9(client, login, make, school, adviser):
    ehcp = make.pupil(school, None, first="Sam", sen_status="E", year_group=9)
    younger = make.pupil(school, None, first="Ali", sen_status="E", year_group=8)
    support = make.pupil(school, None, first="Bea", sen_status="K", year_group=11)
    reviews = {
        p.first_name: operations.open_review(p, today(), by=adviser)
        for p in (ehcp, younger, support)
    }
    db.session.commit()
    login(adviser)
    page = client.get(_url(ehcp, reviews["Sam"]))
    assert "Preparing for adulthood" in page.text and "Being as healthy as possible" in page.text
    saved = client.post(
        _url(ehcp, reviews["Sam"], "/areas"),
        data={"independent_living": "Travel training going well."},
    )
    assert saved.status_code == 302
    assert "Travel training going well." in client.get(_url(ehcp, reviews["Sam"])).text
    assert "Preparing for adulthood" not in client.get(_url(younger, reviews["Ali"])).text
    assert "Preparing for adulthood" not in client.get(_url(support, reviews["Bea"])).text
    assert client.post(_url(support, reviews["Bea"], "/areas"), data={}).status_code == 404


def test_summary_queries_do_not_grow_with_the_record(
    client, login, make, adviser, pupil, parent, review
):
    def add(n: int) -> None:
        for i in range(n):
            _entry(make, pupil, f"Place {i}")
            guidance.add_action(pupil, guidance.NewAction(f"Thing {i}", "pupil"), by=adviser)
            rate_skill(pupil, ("listening", "teamwork")[i % 2], i % 16, "", [], pupil.user)
            add_aspiration(pupil, f"Idea {i}", "", pupil.user)
        db.session.commit()

    operations.write_contribution(review, "staff", "Summary", by=adviser)
    db.session.commit()
    counts = {}
    for n in (2, 18):
        add(n)
        for who, url in (
            (adviser, _url(pupil, review)),
            (parent, f"/family/children/{pupil.id}/reviews/{review.id}"),
        ):
            login(who)
            with counting_queries() as statements:
                page = client.get(url)
            assert page.status_code == 200 and f"Place {n - 1}" in page.text
            counts.setdefault(who.id, []).append(len(statements))
    for few, many in counts.values():
        assert few == many and few <= 30, counts


# --- after the review -------------------------------------------------------------------------


def test_decisions_and_actions_become_guidance_records_linked_to_the_review(
    client, login, adviser, pupil, review
):
    login(adviser)
    assert client.get(_url(pupil, review, "/outcomes")).status_code == 200
    page = client.post(
        _url(pupil, review, "/outcomes"),
        data={
            "decisions": "Apply to City College\n\nVisit the sixth form",
            "actions-0-what": "Book travel training",
            "actions-0-owner_kind": "agency",
            "actions-0-owner_name": "",
            "actions-1-what": "Fill in the form",
            "actions-1-owner_kind": "pupil",
            "visibility": "pupil_family",
        },
    )
    assert page.status_code == 422 and "Give the agency&#39;s name." in page.text
    assert (
        'value="Book travel training"' in page.text
        or "Book travel training</textarea>" in page.text
    )
    page = client.post(
        _url(pupil, review, "/outcomes"),
        data={
            "decisions": "Apply to City College\n\nVisit the sixth form",
            "actions-0-what": "Book travel training",
            "actions-0-owner_kind": "agency",
            "actions-0-owner_name": "Connexions",
            "actions-1-what": "Fill in the form",
            "actions-1-owner_kind": "pupil",
            "visibility": "staff",
        },
    )
    assert page.status_code == 302
    notes = db.session.scalars(select(GuidanceNote).order_by(GuidanceNote.id)).all()
    assert [(n.kind, n.text, n.visibility) for n in notes] == [
        ("decision", "Apply to City College", "staff"),
        ("decision", "Visit the sixth form", "staff"),
    ]
    actions = db.session.scalars(select(Action).order_by(Action.id)).all()
    assert [(a.what, a.owner_kind, a.owner_name) for a in actions] == [
        ("Book travel training", "agency", "Connexions"),
        ("Fill in the form", "pupil", ""),
    ]
    assert db.session.scalar(select(func.count()).select_from(review_decisions)) == 2
    assert db.session.scalar(select(func.count()).select_from(review_actions)) == 2
    assert "Apply to City College" in client.get(_url(pupil, review)).text
    login(pupil.user)
    assert "Apply to City College" not in client.get(f"/my-reviews/{review.id}").text
    assert audit_actions("review_outcomes_recorded")


def test_outcomes_need_a_decision_or_an_action(client, login, adviser, pupil, review):
    login(adviser)
    page = client.post(_url(pupil, review, "/outcomes"), data={"visibility": "pupil_family"})
    assert page.status_code == 422 and "Write a decision or an action." in page.text


def test_completing_asks_for_the_box_to_be_ticked(client, login, adviser, pupil, review):
    login(adviser)
    page = client.post(_url(pupil, review, "/complete"))
    assert page.status_code == 422
    assert "Tick the box to say everything is recorded" in page.text
    assert 'aria-invalid="true"' in page.text
    assert not audit_actions("review_completed")
    assert db.session.get(type(review), review.id).completed_at is None


def test_a_completed_review_is_read_only(client, login, adviser, parent, pupil, review):
    login(adviser)
    assert client.post(_url(pupil, review, "/complete"), data={"confirm": "yes"}).status_code == 302
    assert audit_actions("review_completed")
    after = client.post(_url(pupil, review, "/summary"), data={"text": "Late"})
    assert after.status_code == 302
    assert client.get(_url(pupil, review, "/outcomes")).status_code == 302
    page = client.get(_url(pupil, review))
    assert "Completed" in page.text and "Save the summary" not in page.text
    login(parent)
    url = f"/family/children/{pupil.id}/reviews/{review.id}/contribution"
    assert client.post(url, data={"text": "Late"}).status_code == 302
    login(pupil.user)
    assert (
        client.post(f"/my-reviews/{review.id}/my-words", data={"text": "Late"}).status_code == 302
    )
    assert db.session.scalar(select(func.count(ReviewContribution.id))) == 0
    assert f"/my-reviews/{review.id}/my-words" not in client.get("/").text


# --- audit and the PDF ------------------------------------------------------------------------


def test_staff_and_family_views_are_audited(client, login, adviser, parent, pupil, review):
    login(adviser)
    client.get(f"/pupils/{pupil.id}/reviews")
    client.get(_url(pupil, review))
    assert [e.detail["page"] for e in audit_actions("review_viewed")] == ["summary"]
    assert audit_actions("review_list_opened")
    login(parent)
    client.get(f"/family/children/{pupil.id}/reviews")
    client.get(f"/family/children/{pupil.id}/reviews/{review.id}")
    client.get(f"/family/children/{pupil.id}/reviews/{review.id}/contribution")
    pages = [e.detail["page"] for e in audit_actions("family_viewed")]
    assert pages == ["reviews", "review", "review_contribution"]


def _pdf_text(response) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)


def test_the_pdf_holds_all_three_voices_in_each_style(
    client, login, adviser, parent, pupil, review
):
    operations.write_contribution(review, "pupil", "I want to work with horses.", by=pupil.user)
    operations.write_contribution(review, "family", "We are proud of her.", by=parent)
    operations.write_contribution(review, "staff", "Strong attendance at events.", by=adviser)
    db.session.commit()
    login(adviser)
    for style in ("standard", "large", "symbols"):
        response = client.get(_url(pupil, review, f"/summary.pdf?style={style}"))
        assert response.status_code == 200 and response.mimetype == "application/pdf"
        assert response.headers["Cache-Control"] == "private, no-store"
        text = " ".join(_pdf_text(response).split())
        for words in ("horses", "We are proud of her.", "Strong attendance at events."):
            assert words in text, (style, words)
    assert [e.detail["style"] for e in audit_actions("review_exported")] == [
        "standard",
        "large",
        "symbols",
    ]
    assert client.get(_url(pupil, review, "/summary.pdf?style=odd")).status_code == 404
    login(parent)
    assert (
        client.get(f"/family/children/{pupil.id}/reviews/{review.id}/summary.pdf").status_code
        == 200
    )
    login(pupil.user)
    assert "proud" in _pdf_text(client.get(f"/my-reviews/{review.id}/summary.pdf"))


def test_the_summary_page_prints_without_its_controls(client, login, adviser, pupil, review):
    login(adviser)
    page = client.get(_url(pupil, review)).text
    assert 'class="review-summary"' in page
    for control in ("Save the summary", "Complete the review", "Download the summary (PDF)"):
        section = page[: page.index(control)].rsplit("<section", 1)[1]
        assert section.startswith(' class="no-print'), control
