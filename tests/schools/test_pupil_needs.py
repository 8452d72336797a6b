from journal.accounts.roles import Role
from journal.audit.models import AuditEvent
from journal.extensions import db


def test_senco_sets_career_send_group_and_it_is_audited(client, make, login):
    school = make.school()
    senco = make.user(school, Role.SENCO)
    pupil = make.pupil(school, make.group(school), sen_status="E")
    login(senco)
    page = client.get(f"/pupils/{pupil.id}")
    assert "Career SEND group" in page.text
    response = client.post(f"/pupils/{pupil.id}/career-send-group", data={"career_send_group": "1"})
    assert response.status_code == 302
    db.session.expire_all()
    assert pupil.career_send_group == 1
    assert db.session.scalar(
        db.select(AuditEvent).where(AuditEvent.action == "career_send_group_set")
    ).detail == {"old": None, "new": 1}
    client.post(f"/pupils/{pupil.id}/career-send-group", data={"career_send_group": ""})
    db.session.expire_all()
    assert pupil.career_send_group is None


def test_tutor_sees_no_career_send_group_form(client, make, login):
    school = make.school()
    tutor = make.user(school, Role.TUTOR)
    pupil = make.pupil(school, make.group(school, tutors=[tutor]))
    login(tutor)
    assert "Career SEND group</h2>" not in client.get(f"/pupils/{pupil.id}").text
    assert (
        client.post(
            f"/pupils/{pupil.id}/career-send-group", data={"career_send_group": "2"}
        ).status_code
        == 403
    )


def test_roster_changes_are_shown_in_words():
    from datetime import date

    from journal.web.filters import plain_value

    assert [plain_value(v) for v in (True, False, None, "", date(2026, 9, 1), 10)] == [
        "Yes",
        "No",
        "blank",
        "blank",
        "1 September 2026",
        "10",
    ]
