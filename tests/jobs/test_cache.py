"""Documents made once per version: the second download of an unchanged CV is a file read; a
change of content or style makes a new file."""

from __future__ import annotations

from journal.documents import exports
from journal.extensions import db
from journal.jobs.models import RenderedFile


def test_an_unchanged_cv_pdf_is_made_once_and_a_changed_one_again(app, make, monkeypatch):
    school = make.school("Riverside")
    pupil = make.pupil(school, make.group(school, "10H"), first="Maya", last="Patel")
    cv = make.document(pupil, content={"profile": "I like animals."})
    db.session.commit()
    made = []
    real = exports.html_to_pdf
    monkeypatch.setattr(exports, "html_to_pdf", lambda html, **kw: made.append(1) or real(html))

    first = exports.render_pdf(cv, cv.content)
    db.session.commit()
    assert exports.render_pdf(cv, cv.content) == first  # a file read
    assert len(made) == 1
    large = exports.render_pdf(cv, cv.content, style="large")
    changed = exports.render_pdf(cv, {"profile": "I like dogs."})
    assert len(made) == 3 and len({first, large, changed}) == 3
    assert db.session.scalar(db.select(db.func.count()).select_from(RenderedFile)) == 3
