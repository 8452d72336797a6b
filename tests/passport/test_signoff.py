"""Signing off entries: the queue, deciding (with and without htmx), who may, the version check,
what the pupil sees afterwards and the hash check that finds a changed signed revision."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, update

from journal.accounts.roles import Role
from journal.audit.models import AuditEvent
from journal.extensions import db
from journal.passport.entries import operations
from journal.passport.entries.models import Entry, EntryRevision
from journal.passport.signoff import operations as signoff
from journal.passport.signoff.models import SignOff
from journal.passport.signoff.queries import check_sign_offs
from tests.support import counting_queries

HTMX = {"HX-Request": "true"}


def decision(entry, value: str = "signed", comment: str = "", revision_id=None) -> dict:
    prefix = f"e{entry.id}-"
    revision = entry.current_revision_id if revision_id is None else revision_id
    return {
        f"{prefix}revision_id": str(revision),
        f"{prefix}decision": value,
        f"{prefix}comment": comment,
    }


def sign_offs() -> list[SignOff]:
    db.session.expire_all()
    return list(db.session.scalars(select(SignOff)))


def state_of(entry) -> str:
    db.session.expire_all()
    return db.session.get(Entry, entry.id).state


def assert_nothing_changed(entry, state: str = "submitted") -> None:
    assert sign_offs() == []
    assert state_of(entry) == state
    assert (
        db.session.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.action.like("entry_%"))
        )
        == 0
    )


@pytest.fixture
def careers(make, school):
    return make.user(school, Role.CAREERS_LEADER, name="Ms Patel")


@pytest.fixture
def khan(make, school, group):
    from journal.schools.models import TutorAssignment

    user = make.user(school, Role.TUTOR, name="Mr Khan")
    db.session.add(TutorAssignment(tutor_group_id=group.id, user_id=user.id))
    db.session.flush()
    return user


# --- signing and returning ---------------------------------------------------------------------


def test_a_tutor_signs_off_an_entry_of_their_group_without_javascript(
    client, login, pupil, khan, make
):
    entry = make.entry(pupil)
    login(khan)
    response = client.post(f"/sign-off/{entry.id}", data=decision(entry))
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/sign-off")
    [sign_off] = sign_offs()
    assert (sign_off.decision, sign_off.signer_name, sign_off.signer_role) == (
        "signed",
        "Mr Khan",
        "tutor",
    )
    assert sign_off.revision_id == entry.current_revision_id
    assert len(sign_off.content_sha256) == 64
    assert state_of(entry) == "signed"
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "entry_signed_off"))
    assert event.pupil_id == pupil.id and event.detail == {"entry_id": entry.id, "revision": 1}
    assert "You signed off Maya" in client.get("/sign-off").text


def test_a_tutor_returns_an_entry_with_htmx_and_stays_on_the_queue(
    client, login, pupil, khan, make
):
    entry = make.entry(pupil)
    login(khan)
    response = client.post(
        f"/sign-off/{entry.id}",
        data=decision(entry, "returned", "Add what you learned."),
        headers=HTMX,
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith("<article")
    assert f'id="queue-item-{entry.id}"' in response.text
    assert "Returned</strong> to Maya with your comment" in response.text
    assert "<html" not in response.text
    [sign_off] = sign_offs()
    assert (sign_off.decision, sign_off.comment) == ("returned", "Add what you learned.")
    assert state_of(entry) == "returned"


def test_signing_with_htmx_shows_who_and_when_in_place(client, login, pupil, khan, make):
    entry = make.entry(pupil)
    login(khan)
    response = client.post(f"/sign-off/{entry.id}", data=decision(entry), headers=HTMX)
    assert response.status_code == 200
    assert "Signed off</strong> by you at" in response.text
    assert state_of(entry) == "signed"


def test_careers_staff_sign_off_anyone_in_their_school(client, login, make, school, careers):
    outside_groups = make.pupil(school, make.group(school, "11P", year_group=11), first="Tom")
    entry = make.entry(outside_groups)
    login(careers)
    assert client.post(f"/sign-off/{entry.id}", data=decision(entry)).status_code == 302
    [sign_off] = sign_offs()
    assert sign_off.signer_role == "careers_leader"
    assert state_of(entry) == "signed"


def test_returning_needs_a_comment_and_keeps_what_was_there(client, login, pupil, khan, make):
    entry = make.entry(pupil)
    login(khan)
    response = client.post(f"/sign-off/{entry.id}", data=decision(entry, "returned", "   "))
    assert response.status_code == 422
    assert "Write a comment to say what to change." in response.text
    assert f'value="{entry.current_revision_id}"' in response.text
    htmx_response = client.post(
        f"/sign-off/{entry.id}", data=decision(entry, "returned", ""), headers=HTMX
    )
    assert htmx_response.status_code == 422
    assert "<html" not in htmx_response.text
    assert_nothing_changed(entry)


def test_a_comment_that_is_kept_on_a_422(client, login, pupil, khan, make):
    entry = make.entry(pupil)
    login(khan)
    data = decision(entry, "returned", "x" * 2001)
    response = client.post(f"/sign-off/{entry.id}", data=data)
    assert response.status_code == 422
    assert "x" * 2001 in response.text
    assert_nothing_changed(entry)


# --- who may not -------------------------------------------------------------------------------


def test_a_pupil_cannot_sign_off_their_own_entry_or_anyone_elses(
    client, login, make, school, group, pupil
):
    own = make.entry(pupil)
    other = make.entry(make.pupil(school, group, first="Tom"))
    login(pupil.user)
    for entry in (own, other):
        assert client.post(f"/sign-off/{entry.id}", data=decision(entry)).status_code == 403
        assert (
            client.post(f"/sign-off/{entry.id}", data=decision(entry), headers=HTMX).status_code
            == 403
        )
    assert client.get("/sign-off").status_code == 403
    assert_nothing_changed(own)
    assert state_of(other) == "submitted"


def test_a_tutor_outside_the_pupils_groups_gets_404(client, login, make, school, pupil):
    stranger = make.user(school, Role.TUTOR)
    make.group(school, "9B", year_group=9, tutors=[stranger])
    entry = make.entry(pupil)
    login(stranger)
    assert client.post(f"/sign-off/{entry.id}", data=decision(entry)).status_code == 404
    assert entry.title not in client.get("/sign-off").text
    assert_nothing_changed(entry)


def test_staff_of_another_school_get_404(client, login, make, pupil):
    elsewhere = make.school("Elsewhere")
    for role in (Role.CAREERS_LEADER, Role.SCHOOL_ADMIN):
        user = make.user(elsewhere, role)
        entry = make.entry(pupil)
        login(user)
        assert client.post(f"/sign-off/{entry.id}", data=decision(entry)).status_code == 404
        assert_nothing_changed(entry)


def test_a_family_member_and_a_school_admin_are_refused(client, login, make, school, pupil):
    entry = make.entry(pupil)
    for role in (Role.FAMILY, Role.SCHOOL_ADMIN):
        login(make.user(school, role))
        assert client.post(f"/sign-off/{entry.id}", data=decision(entry)).status_code == 403
    assert client.get("/sign-off").status_code == 403
    assert_nothing_changed(entry)


def test_nobody_signs_an_entry_they_wrote(client, login, make, pupil, careers):
    entry = make.entry(pupil)
    db.session.execute(update(Entry).where(Entry.id == entry.id).values(created_by_id=careers.id))
    login(careers)
    assert client.post(f"/sign-off/{entry.id}", data=decision(entry)).status_code == 403
    assert entry.title not in client.get("/sign-off").text
    assert_nothing_changed(entry)


def test_nobody_signs_a_version_they_wrote(client, login, make, pupil, careers):
    entry = make.entry(pupil)
    operations.revise_entry(
        entry,
        content=entry.content | {"what_i_did": "Edited by staff."},
        state="submitted",
        author=careers,
    )
    login(careers)
    assert client.post(f"/sign-off/{entry.id}", data=decision(entry)).status_code == 403
    assert_nothing_changed(entry)


def test_a_draft_cannot_be_signed(client, login, make, pupil, khan):
    entry = make.entry(pupil, state="draft")
    login(khan)
    assert client.post(f"/sign-off/{entry.id}", data=decision(entry)).status_code == 404
    assert "Riverside Hospital" not in client.get("/sign-off").text
    assert_nothing_changed(entry, "draft")


def test_a_missing_or_bad_revision_id_is_a_bad_request(client, login, make, pupil, khan):
    entry = make.entry(pupil)
    login(khan)
    data = decision(entry) | {f"e{entry.id}-revision_id": "not-a-number"}
    assert client.post(f"/sign-off/{entry.id}", data=data).status_code == 400
    assert client.post(f"/sign-off/{entry.id}", data={}).status_code == 400
    assert_nothing_changed(entry)


# --- the version check -------------------------------------------------------------------------


def test_a_forged_revision_id_signs_nothing(client, login, make, pupil, khan):
    entry = make.entry(pupil)
    other = make.entry(pupil)
    login(khan)
    response = client.post(
        f"/sign-off/{entry.id}", data=decision(entry, revision_id=other.current_revision_id)
    )
    assert response.status_code == 409
    assert "changed this entry after you opened it" in response.text
    assert sign_offs() == []
    assert state_of(entry) == state_of(other) == "submitted"


def test_an_old_revision_id_signs_nothing_and_shows_what_it_says_now(
    client, login, make, pupil, khan
):
    entry = make.entry(pupil)
    old_revision = entry.current_revision_id
    login(khan)
    queue = client.get("/sign-off").text  # the tutor opens the queue ...
    assert f'value="{old_revision}"' in queue
    operations.revise_entry(  # ... and Maya saves a new version meanwhile
        entry,
        content=entry.content | {"what_i_did": "I asked the nurse about nights."},
        state="submitted",
        author=pupil.user,
    )
    db.session.commit()
    new_revision = entry.current_revision_id
    response = client.post(
        f"/sign-off/{entry.id}", data=decision(entry, revision_id=old_revision), headers=HTMX
    )
    assert response.status_code == 409
    assert (
        "Maya changed this entry after you opened it (or someone else has already signed it). "
        "Here is what it says now." in response.text
    )
    assert "I asked the nurse about nights." in response.text
    assert f'value="{new_revision}"' in response.text
    assert_nothing_changed(entry)
    again = client.post(
        f"/sign-off/{entry.id}", data=decision(entry, revision_id=new_revision), headers=HTMX
    )
    assert again.status_code == 200
    assert [s.revision_id for s in sign_offs()] == [new_revision]


def test_two_staff_deciding_the_same_version_make_one_sign_off(app, make, pupil, khan, careers):
    """A loads the entry, B decides and commits, then A decides: A's UPDATE finds nothing."""
    entry = make.entry(pupil)
    entry_id, revision_id, khan_id, careers_id = (
        entry.id,
        entry.current_revision_id,
        khan.id,
        careers.id,
    )
    db.session.commit()
    from journal.accounts.models import User

    with app.app_context():  # A: the tutor opens it
        a_entry = db.session.get(Entry, entry_id)
        assert (a_entry.state, a_entry.current_revision_id) == ("submitted", revision_id)
        db.session.commit()  # A's page is shown: its transaction ends (SQLite writers lock)
        with app.app_context():  # B: careers staff decide and commit first
            b_entry = db.session.get(Entry, entry_id)
            signoff.decide_sign_off(
                b_entry,
                revision_id=revision_id,
                decision="signed",
                signer=db.session.get(User, careers_id),
                signer_role="careers_leader",
            )
            db.session.commit()
            db.session.remove()
        with pytest.raises(signoff.StaleVersion):
            signoff.decide_sign_off(
                a_entry,
                revision_id=revision_id,
                decision="returned",
                signer=db.session.get(User, khan_id),
                signer_role="tutor",
                comment="Too short.",
            )
        db.session.rollback()
        db.session.remove()
    [sign_off] = sign_offs()
    assert (sign_off.decision, sign_off.signer_id) == ("signed", careers_id)
    assert state_of(entry) == "signed"


def test_the_second_person_to_decide_gets_409(client, app, login, make, pupil, khan, careers):
    entry = make.entry(pupil)
    data = decision(entry)
    login(careers)
    assert client.post(f"/sign-off/{entry.id}", data=data).status_code == 302
    second = app.test_client()
    login(khan, on=second)
    response = second.post(f"/sign-off/{entry.id}", data=decision(entry, "returned", "No."))
    assert response.status_code == 409
    assert "Signed off. There is nothing to decide now." in response.text
    assert [s.decision for s in sign_offs()] == ["signed"]


# --- after signing -----------------------------------------------------------------------------


def test_editing_a_signed_entry_needs_signing_again_and_keeps_the_signed_version(
    client, login, make, pupil, khan
):
    entry = make.entry(pupil)
    first = entry.current_revision_id
    login(khan)
    client.post(f"/sign-off/{entry.id}", data=decision(entry))
    entry = db.session.get(Entry, entry.id)
    operations.revise_entry(
        entry,
        content=entry.content | {"what_i_did": "More now."},
        state="submitted",
        author=pupil.user,
    )
    db.session.commit()
    assert state_of(entry) == "submitted"
    entry = db.session.get(Entry, entry.id)
    assert entry.revision_count == 2
    assert entry.title in client.get("/sign-off").text
    login(pupil.user)
    history = client.get(f"/passport/entries/{entry.id}/history").text
    version_1 = history.split('id="revision-1"')[1]
    assert "Signed off</strong>" in version_1 and "Mr Khan (tutor)" in version_1
    assert "Signed off</strong>" not in history.split('id="revision-1"')[0]
    assert [s.revision_id for s in sign_offs()] == [first]
    page = client.get(f"/passport/entries/{entry.id}").text
    assert "Waiting to be signed off" in page
    assert "An earlier version was signed off by Mr Khan (tutor)" in page


def test_the_pupil_sees_who_signed_and_who_returned(client, login, make, pupil, khan):
    signed, returned = make.entry(pupil), make.entry(pupil)
    login(khan)
    client.post(f"/sign-off/{signed.id}", data=decision(signed))
    client.post(
        f"/sign-off/{returned.id}", data=decision(returned, "returned", "Say how you felt.")
    )
    login(pupil.user)
    page = client.get(f"/passport/entries/{signed.id}").text
    assert "Signed off</strong> by Mr Khan (tutor) on " in page
    page = client.get(f"/passport/entries/{returned.id}").text
    assert "Returned with a comment</strong> by Mr Khan (tutor)" in page
    assert "Say how you felt." in page
    timeline = client.get("/passport/timeline").text
    assert "Signed off" in timeline and "Returned with a comment" in timeline


def test_staff_see_the_sign_off_and_can_sign_from_the_entry_page(client, login, make, pupil, khan):
    entry = make.entry(pupil)
    login(khan)
    page = client.get(f"/pupils/{pupil.id}/entries/{entry.id}").text
    assert 'value="entry"' in page and f'action="/sign-off/{entry.id}"' in page
    data = decision(entry) | {"back": "entry"}
    response = client.post(f"/sign-off/{entry.id}", data=data)
    assert response.headers["Location"].endswith(f"/pupils/{pupil.id}/entries/{entry.id}")
    page = client.get(f"/pupils/{pupil.id}/entries/{entry.id}").text
    assert "Signed off</strong> by Mr Khan (tutor)" in page
    assert f'action="/sign-off/{entry.id}"' not in page


# --- the queue ---------------------------------------------------------------------------------


def test_the_queue_shows_entries_waiting_oldest_first_in_full(client, login, make, pupil, khan):
    from journal.calendar import utcnow

    make.entry(pupil, what_i_did="The newer one.")
    older = make.entry(pupil, what_i_did="The older one.")
    make.entry(pupil, state="draft", what_i_did="A draft.")
    db.session.execute(
        update(Entry).where(Entry.id == older.id).values(updated_at=utcnow() - timedelta(days=3))
    )
    login(khan)
    page = client.get("/sign-off").text
    assert page.index("The older one.") < page.index("The newer one.")
    assert "A draft." not in page
    assert "Maya Smith" in page and "10H" in page
    assert (
        db.session.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.action == "sign_off_queue_opened")
        )
        == 1
    )


def test_the_queue_leaves_out_decided_entries(client, login, make, pupil, khan):
    entry = make.entry(pupil, what_i_did="Decided already.")
    login(khan)
    client.post(f"/sign-off/{entry.id}", data=decision(entry))
    assert "Decided already." not in client.get("/sign-off").text


def test_the_queue_does_not_grow_in_queries_and_pages_by_20(
    client, login, make, school, pupil, khan
):
    def add(n: int) -> None:
        for i in range(n):
            make.entry(pupil, occurred_on=date(2026, 1, 1) + timedelta(days=i))
        workplace, _ = operations.record_entry(
            pupil,
            kind="workplace",
            client_id=f"w{n}",
            content={
                "placement_kind": "placement",
                "employer": "Vets",
                "occurred_on": "2026-10-05",
            },
            state="submitted",
            author=pupil.user,
        )
        operations.record_entry(
            pupil,
            kind="diary",
            client_id=f"d{n}",
            content={"what_i_did": "Day one.", "occurred_on": "2026-10-05"},
            state="submitted",
            author=pupil.user,
            parent=workplace,
        )

    login(khan)
    add(3)

    def count() -> int:
        with counting_queries() as statements:
            assert client.get("/sign-off").status_code == 200
        return len(statements)

    small = count()
    add(40)
    assert count() == small
    second = client.get("/sign-off?page=2").text
    assert "Page 2" in second and "Older entries" in second


# --- the hash check ----------------------------------------------------------------------------


def test_a_changed_signed_revision_is_found(client, login, make, pupil, khan):
    entry = make.entry(pupil)
    untouched = make.entry(pupil)
    login(khan)
    client.post(f"/sign-off/{entry.id}", data=decision(entry))
    client.post(f"/sign-off/{untouched.id}", data=decision(untouched))
    assert check_sign_offs(pupil) == []
    revision = db.session.get(Entry, entry.id).current_revision
    db.session.execute(
        update(EntryRevision.__table__)
        .where(EntryRevision.__table__.c.id == revision.id)
        .values(content=revision.content | {"what_i_did": "Ran the whole hospital."})
    )
    db.session.commit()
    db.session.expire_all()
    [broken] = check_sign_offs(pupil)
    assert broken.entry_id == entry.id
    login(pupil.user)
    warning = "This signed version has been changed since it was signed"
    assert warning in client.get(f"/passport/entries/{entry.id}/history").text
    assert warning not in client.get(f"/passport/entries/{untouched.id}/history").text
