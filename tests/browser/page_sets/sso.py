"""School sign-in in the browser walk: the admins' set-up page (as it starts, and with a form's
errors), the page a refused sign-in shows, and a sign-in button for no connection."""

from __future__ import annotations

from tests.browser.visits import _goto


def _setup_errors(page, live_server):
    page.goto("/admin/school-sign-in")
    page.get_by_role("button", name="Save the Google settings").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").first.is_visible()
    return 422


PAGES = {
    "school-sign-in": ("admin", _goto("/admin/school-sign-in"), True),
    "school-sign-in-error": ("admin", _setup_errors, False),
    "school-sign-in-refused": (None, _goto("/sso/callback?code=x&state=y"), True),
    "school-sign-in-no-such-button": (None, _goto("/sso/999999/start"), True),
}
EXPECTED_STATUS = {
    "school-sign-in-error": 422,
    "school-sign-in-refused": 400,
    "school-sign-in-no-such-button": 404,
}
