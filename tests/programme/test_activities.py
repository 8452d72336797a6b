"""Recording an activity for a group and its attendance: entries in every present pupil's
passport, signed off by the recorder; absentees get nothing; corrections never remove a
pupil's words; the refusals (future date, empty group, a tutor's reach, a double submit)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from journal.audit.models import AuditEvent
from journal.calendar import today
from journal.extensions import db
from journal.milestones.journey import journey_for
from journal.passport.entries.models import Entry, EntryRevision
from journal.passport.signoff.models import SignOff
from journal.passport.signoff.signing import sign_off_holds
from journal.programme.models import ProgrammeActivity, ProgrammeAttendance

from .support import activity_form, audit_actions


def _record(client, **changes):
    return client.post("/programme/new", data=activity_form(**changes))


def _activity() -> ProgrammeActivity:
    db.session.expire_all()
    return db.session.scalars(
        select(ProgrammeActivity).order_by(ProgrammeActivity.id.desc())
    ).first()


def _attend(client, activity, listed, present):
    return client.post(
        f"/programme/activities/{activity.id}/attendance",
        data={"listed": [p.id for p in listed], "present": [p.id for p in present]},
    )


def _entries_of(pupil):
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(Entry).where(Entry.pupil_id == pupil.id, Entry.source == "staff_group_activity")
        )
    )


def test_a_careers_fair_for_year_10_lands_in_each_present_pupils_passport(client, login, s):
    login(s.leader)
    response = _record(client)
    activity = _activity()
    assert response.status_code == 302
    assert response.location.endswith(f"/programme/activities/{activity.id}/attendance")
    assert activity.audience_count == 8 and activity.year_groups == [10]
    assert activity.benchmarks == [2, 5]  # the fair's own benchmark is always included
    assert activity.provider_access  # a college was there

    page = client.get(f"/programme/activities/{activity.id}/attendance").text
    assert page.count('name="present"') == 8 and page.count(" checked") == 8

    absent = s.year10[:3]
    response = _attend(client, activity, s.year10, s.year10[3:])
    assert response.status_code == 302

    for pupil in absent:
        assert _entries_of(pupil) == []
    for pupil in s.year10[3:]:
        (entry,) = _entries_of(pupil)
        assert (entry.kind, entry.category, entry.benchmark) == ("encounter", "careers_fair", 5)
        assert entry.state == "signed" and entry.created_by_id == s.leader.id
        assert entry.occurred_on == activity.occurred_on
        assert entry.content["organisation"] == "Riverside Hospital, Riverside College"
        (sign_off,) = db.session.scalars(select(SignOff).where(SignOff.entry_id == entry.id))
        assert sign_off.revision_id == entry.current_revision_id
        assert sign_off.signer_name == "Dee Okafor" and sign_off.signer_role == "careers_leader"
        assert sign_off_holds(sign_off, entry)  # the bulk hash is the passport's hash
    assert db.session.scalar(select(func.count()).select_from(ProgrammeAttendance)) == 5
    assert "programme_attendance_changed" in audit_actions()
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "programme_attendance_changed")
    ).one()
    assert event.actor_id == s.leader.id
    assert sorted(event.detail["added"]) == sorted(p.id for p in s.year10[3:])


def test_the_entry_counts_on_the_journey_and_prompts_the_pupil(client, login, s):
    login(s.leader)
    _record(client)
    activity = _activity()
    _attend(client, activity, s.year10, s.year10[1:])
    there, away = s.year10[1], s.year10[0]
    this_year = journey_for(there).milestones[0]
    assert this_year.done and this_year.count == 1
    assert not journey_for(away).milestones[0].done

    login(there.user)
    home = client.get("/").text
    assert "What did you learn at the Year 10 careers fair?" in home
    login(away.user)
    assert "What did you learn at the Year 10 careers fair?" not in client.get("/").text


def test_the_pupils_reflection_is_a_new_revision_and_the_sign_off_stays(client, login, s):
    login(s.leader)
    _record(client)
    activity = _activity()
    pupil = s.year10[0]
    _attend(client, activity, s.year10, s.year10)
    (entry,) = _entries_of(pupil)
    login(pupil.user)
    page = client.get(f"/passport/entries/{entry.id}").text
    assert "Signed off" in page and "Recorded by staff for a group activity" in page
    response = client.post(
        f"/passport/entries/{entry.id}/edit",
        data={
            "client_id": entry.client_id,
            "based_on": "1",
            "category": "careers_fair",
            "organisation": entry.content["organisation"],
            "occurred_on": entry.occurred_on.isoformat(),
            "what_i_did": "Talked to a nurse and a builder.",
            "what_i_learned": "Nursing needs science A levels.",
            "save": "Save",
        },
    )
    assert response.status_code == 302
    (entry,) = _entries_of(pupil)
    assert entry.revision_count == 2 and entry.state == "submitted"  # the passport's rule
    (sign_off,) = db.session.scalars(select(SignOff).where(SignOff.entry_id == entry.id))
    assert sign_off.revision.number == 1 and sign_off_holds(sign_off, entry)
    assert "What did you learn at the Year 10 careers fair?" not in client.get("/").text
    assert journey_for(pupil).milestones[0].done  # still counts while waiting for sign-off


def test_correcting_attendance_adds_and_removes_without_touching_what_pupils_wrote(
    client, login, s
):
    login(s.leader)
    _record(client)
    activity = _activity()
    _attend(client, activity, s.year10, s.year10[:4])
    writer, blank, late = s.year10[0], s.year10[1], s.year10[5]
    (written,) = _entries_of(writer)
    db.session.add(EntryRevision(entry_id=written.id, number=2, content=written.content | {
        "what_i_learned": "Lots."}, author_id=writer.user_id))  # fmt: skip
    db.session.flush()
    written.current_revision_id = db.session.scalar(
        select(EntryRevision.id).where(
            EntryRevision.entry_id == written.id, EntryRevision.number == 2
        )
    )
    db.session.commit()
    other = _entries_of(s.year10[2])[0].id

    # Untick the writer and the blank one, tick the late one: the others are untouched.
    present = [p for p in s.year10[:4] if p not in (writer, blank)] + [late]
    response = _attend(client, activity, s.year10, present)
    assert response.status_code == 302
    page = client.get(response.location).text
    assert "already written in or used their entry for this activity" in page
    assert "1 added, 1 removed" in page

    assert [e.id for e in _entries_of(writer)] == [written.id]  # kept, with both revisions
    assert (
        db.session.scalar(
            select(func.count())
            .select_from(EntryRevision)
            .where(EntryRevision.entry_id == written.id)
        )
        == 2
    )
    assert _entries_of(blank) == []
    assert (
        db.session.scalar(
            select(func.count()).select_from(SignOff).join(Entry).where(Entry.pupil_id == blank.id)
        )
        == 0
    )
    assert len(_entries_of(late)) == 1
    assert [e.id for e in _entries_of(s.year10[2])] == [other]
    rows = {r.pupil_id for r in db.session.scalars(select(ProgrammeAttendance))}
    assert writer.id in rows and blank.id not in rows and late.id in rows


def test_saving_a_filtered_list_leaves_the_pupils_not_shown_alone(client, login, s):
    login(s.leader)
    _record(client)
    activity = _activity()
    _attend(client, activity, s.year10, s.year10)
    page = client.get(f"/programme/activities/{activity.id}/attendance?q=ava").text
    assert page.count('name="present"') == 1 and "Saving changes only the pupils shown" in page
    _attend(client, activity, [s.year10[0]], [])  # Ava unticked, nobody else listed
    assert _entries_of(s.year10[0]) == []
    assert all(len(_entries_of(p)) == 1 for p in s.year10[1:])


def test_saving_the_same_form_twice_makes_one_activity(client, login, s):
    login(s.leader)
    data = activity_form()
    first = client.post("/programme/new", data=data)
    second = client.post("/programme/new", data=data)
    assert db.session.scalar(select(func.count()).select_from(ProgrammeActivity)) == 1
    activity = _activity()
    assert second.status_code == 302 and f"/activities/{activity.id}" in second.location
    assert first.status_code == 302
    # and saving the attendance list twice gives each pupil one entry
    _attend(client, activity, s.year10, s.year10)
    _attend(client, activity, s.year10, s.year10)
    assert all(len(_entries_of(p)) == 1 for p in s.year10)


def test_a_future_activity_goes_in_the_programme_but_cannot_be_marked_attended(client, login, s):
    login(s.leader)
    soon = (today() + timedelta(days=7)).isoformat()
    response = _record(client, occurred_on=soon)
    activity = _activity()
    assert response.location.endswith(f"/programme/activities/{activity.id}")
    page = client.get(f"/programme/activities/{activity.id}/attendance").text
    assert "You can record who was there on the day or after it" in page
    assert 'name="present"' not in page
    response = _attend(client, activity, s.year10, s.year10)
    assert response.status_code == 302
    assert "You can record who was there" in client.get(response.location).text
    assert all(_entries_of(p) == [] for p in s.year10)
    assert db.session.scalar(select(func.count()).select_from(ProgrammeAttendance)) == 0


def test_a_group_with_no_pupils_is_refused_and_nothing_is_saved(client, login, s):
    login(s.leader)
    response = _record(client, year_groups=["8"])
    assert response.status_code == 422
    assert "There are no pupils in Year 8" in response.text
    assert 'value="Year 10 careers fair"' in response.text  # what was typed is kept
    response = _record(client, audience_kind="years", year_groups=[])
    assert response.status_code == 422 and "Choose at least one year group" in response.text
    assert db.session.scalar(select(func.count()).select_from(ProgrammeActivity)) == 0


def test_bad_input_is_answered_beside_the_field(client, login, s):
    login(s.leader)
    response = _record(client, title="", kind="nonsense", occurred_on="not a date")
    assert response.status_code == 422
    for message in ("Give the activity a title.", "Choose what kind of activity it is."):
        assert message in response.text
    assert db.session.scalar(select(func.count()).select_from(ProgrammeActivity)) == 0


def test_add_another_organisation_keeps_what_was_typed(client, login, s):
    login(s.leader)
    response = _record(client, add_organisation="Add another organisation")
    assert response.status_code == 200
    assert 'value="Riverside Hospital"' in response.text
    assert "Organisation 4" in response.text
    assert db.session.scalar(select(func.count()).select_from(ProgrammeActivity)) == 0


def test_named_pupils_by_name_or_upn_and_every_unknown_name_said(client, login, s):
    login(s.leader)
    names = f"Ava Y0\n{s.year10[1].upn}\nNobody Here"
    response = _record(client, audience_kind="pupils", names=names)
    assert response.status_code == 422 and "nobody called “Nobody Here”" in response.text
    response = _record(client, audience_kind="pupils", names=f"Ava Y0\n{s.year10[1].upn}")
    assert response.status_code == 302
    assert _activity().audience == {"pupil_ids": sorted([s.year10[0].id, s.year10[1].id])}


def test_a_tutor_records_only_for_their_own_groups_pupils(client, login, s):
    login(s.tutor)
    response = _record(client)  # all of Year 10: 10P is not theirs
    assert response.status_code == 422
    assert "only for pupils in your own tutor groups" in response.text
    assert "Year 10 has 3 pupils outside them" in response.text
    response = _record(client, audience_kind="pupils", names="Fay Y5")  # in 10P
    assert response.status_code == 422 and "in your tutor groups" in response.text
    assert db.session.scalar(select(func.count()).select_from(ProgrammeActivity)) == 0

    response = _record(client, audience_kind="tutor_groups", tutor_group_ids=[str(s.h.id)])
    assert response.status_code == 302
    activity = _activity()
    page = client.get(f"/programme/activities/{activity.id}/attendance").text
    assert page.count('name="present"') == 5
    _attend(client, activity, s.year10, s.year10)  # 10P's ids are ignored
    assert sum(len(_entries_of(p)) for p in s.year10) == 5
    assert _entries_of(s.year10[5]) == []


def test_a_tutor_using_a_school_wide_group_reaches_only_their_pupils(client, login, s):
    from journal.programme import operations

    group = operations.save_group(
        s.school.id, s.leader, name="All Year 10", kind="filter", definition={"year_groups": [10]}
    )
    db.session.commit()
    login(s.tutor)
    response = _record(client, audience_kind="group", group_id=str(group.id))
    assert response.status_code == 302
    activity = _activity()
    assert activity.audience_count == 5
    _attend(client, activity, s.year10, s.year10)
    assert [len(_entries_of(p)) for p in s.year10] == [1] * 5 + [0] * 3


def test_a_tutor_cannot_take_attendance_for_someone_elses_activity(client, login, s):
    login(s.leader)
    _record(client)
    activity = _activity()
    login(s.tutor)
    assert client.get(f"/programme/activities/{activity.id}").status_code == 200
    assert client.get(f"/programme/activities/{activity.id}/attendance").status_code == 403
    assert _attend(client, activity, s.year10, s.year10).status_code == 403


def test_a_workplace_visit_gives_workplace_entries(client, login, s):
    login(s.leader)
    _record(client, kind="workplace:work_visit", title="Visit to Northgate Vets")
    activity = _activity()
    _attend(client, activity, s.year10, s.year10[:1])
    (entry,) = _entries_of(s.year10[0])
    assert (entry.kind, entry.category, entry.benchmark) == ("workplace", "work_visit", 6)
    assert entry.content["employer"] == "Riverside Hospital, Riverside College"
    login(s.year10[0].user)
    assert client.get(f"/passport/entries/{entry.id}/edit").status_code == 200


def test_cohort_coverage_counts_the_entries(client, login, s):
    from journal.milestones.coverage import DONE, EMPLOYER, coverage_for
    from journal.schools.models import Pupil

    login(s.leader)
    _record(client)
    _attend(client, _activity(), s.year10, s.year10[2:])
    ids = select(Pupil.id).where(Pupil.id.in_([p.id for p in s.year10]))
    coverage = coverage_for(ids, school_type="mainstream")
    done = {p.id for p in coverage.pupils if p.statuses[EMPLOYER] == DONE}
    assert done == {p.id for p in s.year10[2:]}


def test_a_pupil_who_joined_after_the_activity_is_not_on_its_list(client, login, make, s):
    newcomer = make.pupil(s.school, s.h, first="Neo", record_began_on=today())
    db.session.commit()
    login(s.leader)
    _record(client)
    activity = _activity()
    page = client.get(f"/programme/activities/{activity.id}/attendance").text
    assert "Neo Smith" not in page and page.count('name="present"') == 8
    _attend(client, activity, [newcomer], [newcomer])
    assert _entries_of(newcomer) == []


def test_an_entry_with_a_comment_or_cited_for_a_skill_is_kept(client, login, s):
    from journal.guidance.models import Comment
    from journal.passport.plans.models import SkillRating

    login(s.leader)
    _record(client)
    activity = _activity()
    _attend(client, activity, s.year10, s.year10)
    commented, cited = s.year10[0], s.year10[1]
    db.session.add(
        Comment(
            pupil_id=commented.id,
            subject_type="entry",
            subject_id=_entries_of(commented)[0].id,
            body="I was there!",
            author_id=commented.user_id,
        )
    )
    rating = SkillRating(pupil_id=cited.id, skill="speaking", step=3)
    rating.evidence.append(_entries_of(cited)[0])
    db.session.add(rating)
    db.session.commit()
    response = _attend(client, activity, s.year10, s.year10[2:])
    assert "2 pupils have already written" in client.get(response.location).text
    assert len(_entries_of(commented)) == 1 and len(_entries_of(cited)) == 1
