"""School admins add staff: roles, tutor groups, a temporary password."""

from __future__ import annotations

import re
from html import unescape

import pytest
from sqlalchemy import select

from journal.accounts import passwords
from journal.accounts.models import User
from journal.accounts.roles import Role
from journal.audit.models import AuditEvent
from journal.extensions import db
from journal.schools.models import TutorAssignment


@pytest.fixture
def school_world(make):
    school = make.school("Riverside")
    admin = make.user(school, Role.SCHOOL_ADMIN, name="Ada Admin")
    group_a = make.group(school, "10H")
    group_b = make.group(school, "11P", year_group=11)
    elsewhere = make.school("Elsewhere")
    foreign_group = make.group(elsewhere, "10Z")
    foreign_admin = make.user(elsewhere, Role.SCHOOL_ADMIN, username="elsewhere-admin")
    db.session.commit()
    return school, admin, group_a, group_b, foreign_group, foreign_admin


def _field_block(html: str, field_id: str) -> str:
    start = html.rindex('<div class="field', 0, html.index(f'id="{field_id}"'))
    return html[start : html.index("</div>", start)]


def _fieldset(html: str, legend: str) -> str:
    end = html.index(legend)
    start = html.rindex("<fieldset", 0, end)
    return html[start : html.index("</fieldset>", start)]


def _user(username: str) -> User | None:
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.username == username))


def test_form_offers_staff_roles_and_this_schools_groups(client, login, school_world):
    _, admin, group_a, group_b, foreign_group, _ = school_world
    login(admin)
    html = client.get("/admin/people/new").text
    roles = _fieldset(html, ">Roles</legend>")
    for role in ("tutor", "careers_leader", "careers_adviser", "senco", "school_admin"):
        assert f'value="{role}"' in roles
    assert 'value="pupil"' not in roles
    assert 'value="family"' not in roles
    groups = _fieldset(html, "Tutor groups")
    assert f'value="{group_a.id}"' in groups
    assert f'value="{group_b.id}"' in groups
    assert "10Z" not in html
    assert f'value="{foreign_group.id}"' not in groups


def test_admin_creates_a_tutor_with_groups(app, client, login, school_world):
    school, admin, group_a, group_b, _, _ = school_world
    login(admin)
    response = client.post(
        "/admin/people/new",
        data={
            "display_name": "  Terry Teacher ",
            "username": "TTeacher",
            "email": "Terry@School.example",
            "roles": ["tutor", "careers_adviser"],
            "tutor_groups": [str(group_a.id), str(group_b.id)],
        },
    )
    assert response.status_code == 200
    assert "Temporary password for Terry Teacher" in response.text
    temporary = re.search(r'<strong class="secret">([^<]+)</strong>', response.text).group(1)

    person = _user("tteacher")
    assert person is not None
    assert person.school_id == school.id
    assert person.display_name == "Terry Teacher"
    assert person.email == "terry@school.example"
    assert person.roles == {Role.TUTOR, Role.CAREERS_ADVISER}
    assert person.must_change_password
    assert passwords.verify(person.password_hash, temporary)
    groups = set(
        db.session.scalars(
            select(TutorAssignment.tutor_group_id).where(TutorAssignment.user_id == person.id)
        )
    )
    assert groups == {group_a.id, group_b.id}
    actions = set(
        db.session.scalars(select(AuditEvent.action).where(AuditEvent.actor_id == admin.id))
    )
    assert {"person_created", "temporary_password_set"} <= actions

    # They sign in with the temporary password and must change it.
    device = app.test_client()
    signed_in = device.post("/sign-in", data={"identifier": "tteacher", "password": temporary})
    assert signed_in.status_code == 302
    assert device.get("/").headers["Location"] == "/account/password"


def test_admin_creates_a_careers_leader_without_groups(client, login, school_world):
    _, admin, *_ = school_world
    login(admin)
    response = client.post(
        "/admin/people/new",
        data={"display_name": "Cara Leader", "username": "cleader", "roles": ["careers_leader"]},
    )
    assert response.status_code == 200
    person = _user("cleader")
    assert person.roles == {Role.CAREERS_LEADER}
    assert person.email is None
    assert person.is_careers_staff


def test_duplicate_username_gets_a_message_beside_the_field(client, login, make, school_world):
    admin = school_world[1]
    make.user(admin.school, Role.TUTOR, username="tteacher")
    db.session.commit()
    login(admin)
    for taken in ("tteacher", "TTeacher", "elsewhere-admin"):
        response = client.post(
            "/admin/people/new",
            data={"display_name": "Someone New", "username": taken, "roles": ["tutor"]},
        )
        assert response.status_code == 422, taken
        assert "already taken" in _field_block(response.text, "username"), taken
        assert 'value="Someone New"' in response.text
    db.session.expire_all()
    assert db.session.scalar(select(User).where(User.display_name == "Someone New")) is None


def test_form_problems_get_messages_beside_their_fields(client, login, school_world):
    _, admin, *_ = school_world
    login(admin)
    response = client.post(
        "/admin/people/new", data={"display_name": "", "username": "a b", "roles": []}
    )
    assert response.status_code == 422
    assert "Type the person's name." in unescape(_field_block(response.text, "display_name"))
    assert "Use letters, numbers" in _field_block(response.text, "username")
    assert "Choose at least one role." in _fieldset(response.text, ">Roles</legend>")


def test_pupil_and_family_roles_cannot_be_given_here(client, login, school_world):
    _, admin, *_ = school_world
    login(admin)
    for role in ("pupil", "family", "superuser"):
        response = client.post(
            "/admin/people/new",
            data={"display_name": "Pat", "username": f"pat-{role}", "roles": [role]},
        )
        assert response.status_code == 422, role
        assert _user(f"pat-{role}") is None, role


def test_another_schools_group_cannot_be_assigned(client, login, school_world):
    _, admin, _, _, foreign_group, _ = school_world
    login(admin)
    response = client.post(
        "/admin/people/new",
        data={
            "display_name": "Terry Teacher",
            "username": "tteacher",
            "roles": ["tutor"],
            "tutor_groups": [str(foreign_group.id)],
        },
    )
    assert response.status_code == 422
    assert _user("tteacher") is None


def test_people_list_and_person_page_stay_within_the_school(client, login, school_world):
    _, admin, _, _, _, foreign_admin = school_world
    login(admin)
    listing = client.get("/admin/people")
    assert "Ada Admin" in listing.text
    assert "elsewhere-admin" not in listing.text
    assert client.get(f"/admin/people/{foreign_admin.id}").status_code == 404
    assert "elsewhere-admin" not in client.get("/admin/people?q=elsewhere").text


def test_only_school_admins_manage_people(app, login, make):
    school = make.school()
    users = [make.user(school, role) for role in Role if role != Role.SCHOOL_ADMIN]
    db.session.commit()
    for user in users:
        client = login(user, on=app.test_client())
        assert client.get("/admin/people/new").status_code == 403, user.roles
        response = client.post(
            "/admin/people/new",
            data={"display_name": "X", "username": "sneaky", "roles": ["school_admin"]},
        )
        assert response.status_code == 403, user.roles
    assert _user("sneaky") is None


def test_duplicate_email_gets_a_message_beside_the_email_field(client, login, make, school_world):
    _, admin, *_ = school_world
    other = make.user(admin.school, Role.TUTOR, username="tteacher")
    other.email = "terry@school.example"
    db.session.commit()
    login(admin)
    response = client.post(
        "/admin/people/new",
        data={
            "display_name": "Someone New",
            "username": "snew",
            "email": "Terry@School.example",
            "roles": ["tutor"],
        },
    )
    assert response.status_code == 422
    assert "terry@school.example" in _field_block(response.text, "email")
    assert "already" in _field_block(response.text, "email")
    assert "error" not in _field_block(response.text, "username")
    assert _user("snew") is None


def test_blank_emails_are_stored_as_none(client, login, school_world):
    _, admin, *_ = school_world
    login(admin)
    for username in ("first", "second"):
        response = client.post(
            "/admin/people/new",
            data={
                "display_name": username,
                "username": username,
                "email": "  ",
                "roles": ["tutor"],
            },
        )
        assert response.status_code == 200, username
        assert _user(username).email is None
