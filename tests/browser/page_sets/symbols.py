"""A school's own symbols in the browser walk: the list, one symbol, and a form with errors."""

from __future__ import annotations

import io

from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from journal.accounts.models import User
from journal.extensions import db
from tests.browser.visits import _goto

# A made-up word, so no other page of the walk changes its symbols.
TERM = "zumba"
SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    b'<circle cx="5" cy="5" r="4" fill="#0a6"/></svg>'
)


def demo_symbol_id(live_server) -> int:
    """The demo school's symbol for ``TERM``, uploaded by the demo admin on first use."""
    from journal.accessibility.school_symbols import add_symbol, symbol_for_key

    with live_server.app.app_context():
        admin = db.session.scalar(select(User).where(User.username == "admin"))
        symbol = symbol_for_key(admin.school_id, TERM)
        if symbol is None:
            upload = FileStorage(io.BytesIO(SVG), "zumba.svg")
            symbol = add_symbol(admin.school, TERM, upload, by=admin)
            db.session.commit()
        symbol_id = symbol.id
        db.session.remove()
        return symbol_id


def _one_symbol(page, live_server):
    return page.goto(f"/admin/symbols/{demo_symbol_id(live_server)}").status


def _list_with_a_symbol(page, live_server):
    demo_symbol_id(live_server)
    return page.goto("/admin/symbols").status


def _upload_errors(page, live_server):
    page.goto("/admin/symbols")
    page.get_by_label("Word or phrase").fill("Year 11")
    page.get_by_role("button", name="Add the symbol").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    return 422


PAGES = {
    "school-symbols": ("admin", _list_with_a_symbol, True),
    "school-symbols-careers": ("careers", _goto("/admin/symbols"), False),
    "school-symbols-error": ("admin", _upload_errors, False),
    "school-symbol": ("admin", _one_symbol, True),
}
EXPECTED_STATUS = {"school-symbols-error": 422}
