"""A linked family member sees the photos on a saved entry the pupil shares with family, and
nothing else: a 404 for a private entry's, a draft's, an unclaimed upload, another child's, or
after the link is revoked. The shared entry's page shows them."""

from __future__ import annotations

from journal.accounts.roles import Role
from journal.calendar import utcnow
from journal.extensions import db
from journal.media.operations import claim, store_upload
from journal_demo.family import link_family

from .pictures import photo, upload


def _photo(pupil, *, shared=True, state="submitted", make=None):
    picture = store_upload(pupil, upload(photo((80, 60))), uploaded_by=pupil.user)
    if make is not None:
        entry = make.entry(pupil, state=state)
        entry.shared_with_family = shared
        claim([picture], entry)
        revision = entry.current_revision
        revision.content = dict(revision.content, attachments=[picture.as_content()])
    db.session.commit()
    return picture


def test_a_linked_family_member_sees_photos_of_shared_entries_only(
    client, login, make, school, pupil
):
    parent = make.user(school, Role.FAMILY)
    link = link_family(parent, pupil, "Mum")
    shared = _photo(pupil, make=make)
    private = _photo(pupil, shared=False, make=make)
    draft = _photo(pupil, state="draft", make=make)
    loose = _photo(pupil)
    other = make.pupil(school, first="Tom")
    theirs = _photo(other, make=make)
    login(parent)
    assert client.get(f"/media/{shared.id}").status_code == 200
    assert client.get(f"/media/{shared.id}/thumbnail").status_code == 200
    for hidden in (private, draft, loose, theirs):
        assert client.get(f"/media/{hidden.id}").status_code == 404, hidden
    page = client.get(f"/family/children/{pupil.id}/entries/{shared.entry_id}")
    assert f"/media/{shared.id}/thumbnail" in page.text
    link.revoked_at = utcnow()
    db.session.commit()
    assert client.get(f"/media/{shared.id}").status_code == 404


def test_an_unlinked_family_member_gets_404(client, login, make, school, pupil):
    stranger = make.user(school, Role.FAMILY)
    shared = _photo(pupil, make=make)
    login(stranger)
    assert client.get(f"/media/{shared.id}").status_code == 404
