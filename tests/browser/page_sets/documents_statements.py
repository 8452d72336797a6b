"""Personal statement pages in the browser walk: the pupil's UCAS and free-form editors with
comment threads (open and resolved), the staff page, every version, and the error pages.

The demo may have no statements: the first visit makes a UCAS statement and a free-form one
for the demo pupil, each with feedback from the careers leader."""

from __future__ import annotations

from sqlalchemy import select

from journal.extensions import db
from tests.browser.visits import pupil_id_of

UCAS_TITLE = "UCAS: veterinary nursing"
FREE_TITLE = "College application"
ANSWER = (
    "I have wanted to work with animals since I looked after our neighbour's rabbits. "
    "At the vets I saw how nurses calm a frightened dog – café breaks were short! 🐶 "
)


def demo_statements(live_server) -> dict[str, int]:
    """{"pupil": id, "ucas": id, "statement": id} for the demo pupil, made on first use."""
    from journal.accounts.models import User
    from journal.documents import comments
    from journal.documents.models import Document
    from journal.schools.models import Pupil
    from tests.factories import Factory

    pupil_id = pupil_id_of(live_server, "pupil")
    found = {"pupil": pupil_id}
    with live_server.app.app_context():
        for kind, title, content in (
            ("ucas", UCAS_TITLE, {"answers": [ANSWER * 3, ANSWER * 2, "Too short so far."]}),
            ("statement", FREE_TITLE, {"text": ANSWER * 4}),
        ):
            document = db.session.scalar(
                select(Document).where(Document.pupil_id == pupil_id, Document.title == title)
            )
            if document is None:
                pupil = db.session.get(Pupil, pupil_id)
                document = Factory().document(
                    pupil, kind=kind, title=title, content=content, char_limit=1000
                )
                staff = db.session.scalar(select(User).where(User.username == "careers"))
                section = "answer-1" if kind == "ucas" else "text"
                first = comments.add_comment(
                    document, section=section, body="Lovely start. Which course?", by=staff
                )
                comments.reply(first, body="Veterinary nursing.", by=pupil.user)
                done = comments.add_comment(
                    document, section="whole", body="Check the spelling.", by=staff
                )
                comments.resolve(done, by=pupil.user)
                db.session.commit()
            found[kind] = document.id
    return found


def _visit(path: str, kind: str = "ucas"):
    def visit(page, live_server):
        ids = demo_statements(live_server)
        return page.goto(path.format(pupil=ids["pupil"], document=ids[kind])).status

    return visit


def _conflict(page, live_server):
    """A save from a page opened before the latest version: refused, text kept (409)."""
    ids = demo_statements(live_server)
    page.goto(f"/documents/{ids['statement']}/statement")
    page.evaluate("document.querySelector('input[name=version]').value = '0'")
    with page.expect_navigation() as navigation:
        page.locator(".statement-editor button[type=submit]").click()
    assert page.locator(".conflict").is_visible()
    return navigation.value.status


def _comment_error(page, live_server):
    """An empty comment: the comment form again with the message beside it (422)."""
    ids = demo_statements(live_server)
    page.goto(f"/pupils/{ids['pupil']}/documents/{ids['ucas']}/statement")
    form = page.locator("#comments-answer-2 .comment-new form")
    with page.expect_navigation() as navigation:
        form.locator("button[type=submit]").click()
    assert page.locator(".error-summary").is_visible()
    return navigation.value.status


PAGES = {
    "statement-ucas": ("pupil", _visit("/documents/{document}/statement"), True),
    "statement-free": ("pupil", _visit("/documents/{document}/statement", "statement"), True),
    "statement-conflict": ("pupil", _conflict, False),
    "statement-staff": (
        "careers",
        _visit("/pupils/{pupil}/documents/{document}/statement"),
        True,
    ),
    "statement-comment-error": ("careers", _comment_error, False),
    "statement-history": ("pupil", _visit("/documents/{document}/history"), True),
    "statement-history-version": (
        "pupil",
        _visit("/documents/{document}/history?version=1", "statement"),
        False,
    ),
    "statement-history-staff": (
        "careers",
        _visit("/pupils/{pupil}/documents/{document}/history?version=1"),
        True,
    ),
}
EXPECTED_STATUS = {"statement-conflict": 409, "statement-comment-error": 422}
