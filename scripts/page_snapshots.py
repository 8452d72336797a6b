"""Save the HTML of a fixed list of pages, one file a page, to compare two versions of the app.

    JOURNAL_INSTANCE_PATH=/tmp/x flask --app journal db upgrade
    JOURNAL_INSTANCE_PATH=/tmp/x flask --app journal seed-demo
    JOURNAL_INSTANCE_PATH=/tmp/x python scripts/page_snapshots.py OUT_DIR

Each role of the demo signs in through the real sign-in form and reads its home page and the
pages named below. CSRF tokens and the offline-user tag (made from the secret key) differ on
every run, so they are replaced by a fixed word before saving; everything else is kept byte for
byte. A refactoring that keeps behaviour gives the same files on the same seeded demo
(``diff -r A B``).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from journal import create_app

PASSWORD = "careers-passport-demo"  # noqa: S105 (the demo's printed password)
TOKEN = re.compile(
    r'(name="csrf_token" type="hidden" value="|csrf_token" value="'
    r'|"X-CSRFToken": "|name="offline-user" content=")[^"]+'
)


def _pages(app) -> dict[str, list[tuple[str, str]]]:
    """Each role's pages: (name, path), found from the demo's own records."""
    from journal.accounts.models import User
    from journal.extensions import db
    from journal.passport.entries.models import Entry

    with app.app_context():
        pupil = db.session.scalar(db.select(User).filter_by(username="pupil")).pupil
        entry_id = db.session.scalar(
            db.select(Entry.id).filter_by(pupil_id=pupil.id).order_by(Entry.id)
        )
    record = f"/pupils/{pupil.id}"
    staff = [
        ("home", "/"),
        ("pupils", "/pupils"),
        ("pupil-record", record),
        ("pupil-timeline", f"{record}/timeline"),
        ("pupil-entry", f"{record}/entries/{entry_id}"),
    ]
    return {
        "pupil": [
            ("home", "/"),
            ("timeline", "/passport/timeline"),
            ("entry", f"/passport/entries/{entry_id}"),
        ],
        "tutor": staff,
        "careers": [*staff, ("cohort", "/cohort")],
        "adviser": [("home", "/"), ("pupil-record", record)],
        "senco": [("home", "/"), ("pupil-record", record), ("cohort", "/cohort")],
        "admin": [("home", "/"), ("pupil-record", record), ("cohort", "/cohort")],
        "family": [("home", "/")],
        "alumnus": [("home", "/")],
    }


def _sign_in(client, username: str) -> None:
    page = client.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    answer = client.post(
        "/sign-in",
        data={"csrf_token": token, "identifier": username, "password": PASSWORD},
    )
    assert answer.status_code == 302, (username, answer.status_code)


def main(out: Path) -> int:
    app = create_app()
    out.mkdir(parents=True, exist_ok=True)
    for role, pages in _pages(app).items():
        client = app.test_client()
        _sign_in(client, role)
        for name, path in pages:
            answer = client.get(path)
            html = TOKEN.sub(r"\1TOKEN", answer.get_data(as_text=True))
            (out / f"{role}-{name}.html").write_text(f"{answer.status_code} {path}\n{html}")
    print(f"saved {sum(len(p) for p in _pages(app).values())} pages to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
