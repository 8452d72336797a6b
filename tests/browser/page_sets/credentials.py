"""Open Badges pages: the pupil's badges, a pupil's badges for careers staff, and the public
verify page (empty, and with a verdict). The downloads, DID document and status list are
files, not pages."""

from __future__ import annotations

from tests.browser.visits import _about_pupil, _goto


def _verdict(page, live_server):
    """The verify page answering a pasted file that is not a credential."""
    page.goto("/verify")
    page.get_by_label("Or paste the credential").fill("this.is-not.a-credential")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Check it").click()
    return navigation.value.status


PAGES = {
    "credentials-mine": ("pupil", _goto("/credentials"), True),
    "credentials-pupil": ("careers", _about_pupil("/pupils/{pupil}/credentials"), True),
    "verify": (None, _goto("/verify"), True),
    "verify-verdict": (None, _verdict, False),
}
