from journal.accounts.roles import Role
from journal.extensions import db


def test_every_role_home_renders(client, make, login):
    school = make.school()
    tutor = make.user(school, Role.TUTOR)
    group = make.group(school, tutors=[tutor])
    pupil = make.pupil(school, group)
    admin = make.user(school, Role.SCHOOL_ADMIN)
    family = make.user(school, Role.FAMILY)
    db.session.commit()
    for user in (tutor, pupil.user, admin, family):
        login(user)
        response = client.get("/")
        assert response.status_code == 200, user
        assert user.display_name.split()[0] in response.text, user
