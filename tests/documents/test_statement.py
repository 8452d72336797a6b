"""The personal statement editor: UCAS's three questions or a free-form text, counted as UCAS
would count, saved as versions; drafts may be short or long, stale saves and huge pastes are
refused with the typed text kept."""

# ruff: noqa: F811 (fixtures imported from statement_support are parameters here)
from __future__ import annotations

import re
from datetime import date

from journal.documents.counting import MAX_CHARACTERS, UCAS_QUESTIONS
from journal.extensions import db

from .statement_support import (  # noqa: F401
    LONG,
    counting_queries,
    events,
    free,
    group,
    pupil,
    school,
    tutor,
    ucas,
)


def post_ucas(client, document, answers, version=None):
    data = {f"answer_{n}": text for n, text in enumerate(answers, start=1)}
    data["version"] = str(document.version_count if version is None else version)
    return client.post(f"/documents/{document.id}/statement", data=data)


def test_the_editor_shows_the_three_questions_and_counters(client, login, pupil, ucas):
    login(pupil.user)
    response = client.get(f"/documents/{ucas.id}/statement")
    assert response.status_code == 200
    for question in UCAS_QUESTIONS:
        assert question.replace("'", "&#39;") in response.text
    assert 'data-count-min="350"' in response.text
    assert 'data-count-max="4000"' in response.text
    assert "0 characters: at least 350 needed, 350 more to write." in response.text
    assert "Not yet. You can still save it as a draft." in response.text
    assert re.search(r"js/char-count\.[0-9a-f]{12}\.js", response.text)


def test_saving_a_short_draft_works_and_says_it_does_not_meet_the_rules(client, login, pupil, ucas):
    login(pupil.user)
    response = post_ucas(client, ucas, ["Too short", LONG, LONG])
    assert response.status_code == 302
    db.session.expire_all()
    assert ucas.content == {"answers": ["Too short", LONG, LONG]}
    assert ucas.version_count == 2
    page = client.get(f"/documents/{ucas.id}/statement").text
    assert "Saved as version 2." in page
    assert "Answer 1 has 9 characters: it needs at least 350." in page


def test_a_statement_that_meets_the_rules_says_so(client, login, pupil, ucas):
    login(pupil.user)
    post_ucas(client, ucas, [LONG, LONG, LONG])
    page = client.get(f"/documents/{ucas.id}/statement").text
    assert "Yes: each answer has at least 350 characters" in page
    assert "1,200 characters of 4,000: 2,800 left." in page


def test_too_long_in_total_is_saved_with_a_warning(client, login, pupil, ucas):
    login(pupil.user)
    post_ucas(client, ucas, [LONG * 4, LONG * 4, LONG * 3])  # 4,400
    page = client.get(f"/documents/{ucas.id}/statement").text
    assert "The three answers have 4,400 characters together: the most is 4,000." in page
    assert "4,400 characters of 4,000: 400 too many." in page


def test_text_is_stored_normalised(client, login, pupil, ucas):
    login(pupil.user)
    post_ucas(client, ucas, ["Cafe\u0301\r\nline\rnext\x00", LONG, LONG])
    db.session.expire_all()
    assert ucas.content["answers"][0] == "Caf\u00e9\nline\nnext"


def test_saving_the_same_text_twice_makes_one_version(client, login, pupil, ucas):
    login(pupil.user)
    post_ucas(client, ucas, [LONG, LONG, LONG])
    db.session.expire_all()
    post_ucas(client, ucas, [LONG, LONG, LONG])
    db.session.expire_all()
    assert ucas.version_count == 2
    assert "Nothing had changed" in client.get(f"/documents/{ucas.id}/statement").text


def test_a_stale_save_is_refused_and_the_typed_text_kept(client, login, pupil, ucas):
    login(pupil.user)
    post_ucas(client, ucas, ["Written in the other window", LONG, LONG], version=1)
    response = post_ucas(client, ucas, ["Mine from the first window", LONG, LONG], version=1)
    assert response.status_code == 409
    assert "Not saved: it was changed somewhere else" in response.text
    assert "Mine from the first window" in response.text  # kept in the textarea
    assert "Written in the other window" in response.text  # the saved one, to compare
    assert 'name="version" type="hidden" value="2"' in response.text
    db.session.expire_all()
    assert ucas.content["answers"][0] == "Written in the other window"
    # Saving again from the conflict page keeps the pupil's text as version 3.
    assert post_ucas(client, ucas, ["Mine from the first window", LONG, LONG], 2).status_code == 302
    db.session.expire_all()
    assert ucas.version_count == 3


def test_a_huge_paste_is_refused_and_kept(client, login, pupil, ucas):
    login(pupil.user)
    huge = "word " * 20000  # 100,000 characters
    response = post_ucas(client, ucas, [huge, LONG, LONG])
    assert response.status_code == 422
    assert "This is 100,000 characters, far more than a statement can be" in response.text
    assert huge.strip() in response.text
    assert LONG in response.text
    db.session.expire_all()
    assert ucas.version_count == 1
    assert MAX_CHARACTERS < 100000


def test_markup_typed_by_the_pupil_shows_as_text(client, login, pupil, ucas, tutor):
    login(pupil.user)
    post_ucas(client, ucas, ["<script>alert(1)</script><b>bold</b>", LONG, LONG])
    page = client.get(f"/documents/{ucas.id}/statement").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;" in page
    login(tutor)
    staff = client.get(f"/pupils/{pupil.id}/documents/{ucas.id}/statement").text
    assert "<b>bold</b>" not in staff and "&lt;b&gt;bold&lt;/b&gt;" in staff


def test_a_free_form_statement_has_the_pupils_own_limit(client, login, pupil, free):
    login(pupil.user)
    page = client.get(f"/documents/{free.id}/statement").text
    assert 'data-count-max="500"' in page
    response = client.post(
        f"/documents/{free.id}/statement",
        data={"text": "x" * 600, "char_limit": "550", "version": "1"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert free.char_limit == 550
    assert free.content == {"text": "x" * 600}
    page = client.get(f"/documents/{free.id}/statement").text
    assert "It has 600 characters: the limit is 550." in page
    assert "600 characters of 550: 50 too many." in page


def test_a_bad_limit_is_refused_beside_the_field(client, login, pupil, free):
    login(pupil.user)
    response = client.post(
        f"/documents/{free.id}/statement",
        data={"text": "Keep me", "char_limit": "5", "version": "1"},
    )
    assert response.status_code == 422
    assert "Choose a number from 100 to 20,000." in response.text
    assert "Keep me" in response.text


def test_an_empty_limit_means_no_limit(client, login, pupil, free):
    login(pupil.user)
    client.post(
        f"/documents/{free.id}/statement", data={"text": "Hi", "char_limit": "", "version": "1"}
    )
    db.session.expire_all()
    assert free.char_limit is None
    assert "You have not set a limit." in client.get(f"/documents/{free.id}/statement").text


def test_another_pupils_statement_is_not_found(client, login, make, school, group, ucas):
    someone = make.pupil(school, group, first="Tom")
    login(someone.user)
    assert client.get(f"/documents/{ucas.id}/statement").status_code == 404
    assert post_ucas(client, ucas, [LONG, LONG, LONG]).status_code == 404
    assert client.get(f"/documents/{ucas.id}/history").status_code == 404
    assert client.get(f"/documents/{ucas.id}/export.txt").status_code == 404


def test_things_to_mention_link_to_the_passport(client, login, make, pupil, ucas):
    from journal.passport.plans import operations as plans_operations
    from journal.passport.plans.models import Aspiration

    talk = make.entry(pupil, organisation="Riverside Hospital", what_i_learned="Nurses train.")
    make.entry(pupil, organisation="Secret Draft", state="draft")
    plans_operations.rate_skill(pupil, "teamwork", 7, "", [talk.id], pupil.user)
    db.session.add(Aspiration(pupil_id=pupil.id, what="Be a vet nurse", why="I love animals"))
    login(pupil.user)
    page = client.get(f"/documents/{ucas.id}/statement").text
    assert "Things you could mention" in page
    assert f'href="/passport/entries/{talk.id}"' in page
    assert "Nurses train." in page
    assert "Secret Draft" not in page
    assert 'href="/passport/skills/teamwork"' in page
    assert "Be a vet nurse" in page


def test_the_editor_does_not_grow_with_the_passport(client, login, make, pupil, ucas):
    from journal.passport.plans import operations as plans_operations
    from journal.passport.plans.models import Aspiration
    from journal.reference.skills import SKILLS

    def add(n: int, start: int) -> None:
        for i in range(start, start + n):
            entry = make.entry(pupil, occurred_on=date(2026, 1, 1 + i))
            skill = list(SKILLS)[i % len(SKILLS)]
            plans_operations.rate_skill(pupil, skill, 5, "", [entry.id], pupil.user)
            db.session.add(Aspiration(pupil_id=pupil.id, what=f"Job {i}"))

    login(pupil.user)
    url = f"/documents/{ucas.id}/statement"
    add(2, 0)
    db.session.commit()
    with counting_queries() as few:
        assert client.get(url).status_code == 200
    add(12, 2)
    db.session.commit()
    with counting_queries() as many:
        assert client.get(url).status_code == 200
    assert len(few) == len(many)


def test_staff_read_the_statement_and_it_is_audited(client, login, make, pupil, tutor, ucas):
    login(pupil.user)
    post_ucas(client, ucas, ["My first answer", LONG, LONG])
    login(tutor)
    response = client.get(f"/pupils/{pupil.id}/documents/{ucas.id}/statement")
    assert response.status_code == 200
    assert "My first answer" in response.text
    assert "Answer 1 has 15 characters" in response.text
    assert [e.pupil_id for e in events("pupil_document_opened")] == [pupil.id]
    other = make.pupil(make.school("Elsewhere"))
    assert client.get(f"/pupils/{other.id}/documents/{ucas.id}/statement").status_code == 404


def test_history_lists_every_version_newest_first(client, login, pupil, tutor, ucas):
    login(pupil.user)
    post_ucas(client, ucas, ["First go", LONG, LONG])
    db.session.expire_all()
    post_ucas(client, ucas, ["Second go", LONG, LONG])
    page = client.get(f"/documents/{ucas.id}/history").text
    assert page.index("?version=3") < page.index("?version=2") < page.index("?version=1")
    assert "Maya Patel" in page
    shown = client.get(f"/documents/{ucas.id}/history?version=2")
    assert shown.status_code == 200
    assert "First go" in shown.text and "Second go" not in shown.text
    assert client.get(f"/documents/{ucas.id}/history?version=9").status_code == 404
    login(tutor)
    staff = client.get(f"/pupils/{pupil.id}/documents/{ucas.id}/history?version=3")
    assert "Second go" in staff.text
    assert len(events("pupil_document_history_opened")) == 1


def test_a_cv_version_shows_in_the_history(client, login, make, pupil):
    cv = make.document(pupil, kind="cv", title="CV", content={"profile": "I like <b>dogs</b>"})
    login(pupil.user)
    page = client.get(f"/documents/{cv.id}/history?version=1")
    assert page.status_code == 200
    assert "I like &lt;b&gt;dogs&lt;/b&gt;" in page.text
    assert client.get(f"/documents/{cv.id}/statement").status_code == 404


def test_the_editor_works_in_the_symbol_view(client, login, pupil, ucas):
    from journal.accessibility.models import ViewPreferences

    login(pupil.user)
    assert "<img" not in client.get(f"/documents/{ucas.id}/statement").text
    db.session.add(ViewPreferences(user_id=pupil.user.id, set_by="own", symbols=True))
    response = client.get(f"/documents/{ucas.id}/statement")
    assert response.status_code == 200
    assert "<img" in response.text  # symbols above key words
    assert 'data-count-min="350"' in response.text
