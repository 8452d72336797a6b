"""Every Jinja filter, global and context processor, registered in one function.

The domains keep the helpers; this module, in the top layer, is the one place that gives them
to the templates (so a newcomer finds every name a template can use here). Templates run no
queries: what a page shows is loaded by its view before it renders. The only per-request
values, the signed-in person's view settings and their school's symbols, are loaded here by a
context processor, which runs before the template does.
"""

from __future__ import annotations

from datetime import date

from flask import Flask, current_app
from flask_login import current_user
from jinja2 import pass_context

from journal.accessibility.queries import current_view_settings
from journal.accessibility.school_symbols import current_lexicon
from journal.accessibility.views import symbolise, symbolise_html_filter, view_settings
from journal.destinations.views import destination_words
from journal.documents import exports
from journal.documents.statement_views import statement_words
from journal.documents.views import edit_url, staff_url
from journal.guidance.models import ACTION_STATUSES, NOTE_KINDS, OWNERS, VISIBILITIES
from journal.guidance.queries import comments_on
from journal.guidance.wording import overdue_words
from journal.jobs.kinds import job_title
from journal.media.images import MAX_UPLOAD_BYTES, MB
from journal.offline.views import THEME, user_key
from journal.passport.entries.text import render_markdown
from journal.passport.entries.views import passport_words
from journal.passport.plans.views import plans_words
from journal.passport.signoff.views import sign_off_helpers
from journal.portable.queries import origin_of, sign_off_origins
from journal.web.filters import format_date, format_london, plain_value
from journal.web.navigation import nav_items


def init_templating(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.filters.update(
        {
            "london": format_london,
            "london_date": format_date,
            "plain_value": plain_value,
            "symbolise": symbolise,
            "symbolise_html": symbolise_html_filter,
            "markdown": markdown,
            "iso_date": iso_date,
            "document_text": document_text,
            "document_paragraphs": document_paragraphs,
        }
    )
    app.jinja_env.globals.update(
        {
            "nav_items": nav_items,
            "view_settings": view_settings,
            "media_upload_limit": f"{MAX_UPLOAD_BYTES // MB} MB",
            "offline_user": offline_user,
            "offline_theme": THEME,
            "ucas_questions": ucas_questions,
            "document_route_exists": route_exists,
            "document_edit_url": edit_url,
            "document_staff_url": staff_url,
            # Guidance's words, for every page that shows an action or a note.
            "note_kinds": NOTE_KINDS,
            "owners": OWNERS,
            "action_statuses": ACTION_STATUSES,
            "visibilities": VISIBILITIES,
            "overdue_words": overdue_words,
            "job_title": job_title,
            # Still called from the entry page, its history and the queue (one query each):
            # those views are yet to pass what these load.
            "comments_on": comments_on,
            "passport_origin_of": origin_of,
            "passport_sign_off_origins": sign_off_origins,
        }
    )
    # Staff pages elsewhere (the pupil record) show entries too, so these are everyone's.
    app.jinja_env.globals.update(passport_words())
    app.context_processor(_per_request)
    # Words only one blueprint's templates use, given to that blueprint alone.
    for blueprint, words in (
        ("passport", plans_words),
        ("passport", sign_off_helpers),
        ("destinations", destination_words),
        ("documents", statement_words),
    ):
        app.template_context_processors[blueprint].append(words)


def _per_request() -> dict:
    """Load the signed-in person's view settings (and their school's symbols when they use
    them) before the template renders: every page's layout reads them."""
    if current_view_settings().symbols:
        current_lexicon()
    return {}


def markdown(text):
    """Pupils' Markdown as safe HTML, with picture symbols over its words for people who use
    them (the same symbols as the interface: a pupil's own writing is read the same way)."""
    return symbolise_html_filter(None, render_markdown(text))


def iso_date(value):
    """A date kept in a revision as an ISO string, as a date (None stays None)."""
    return date.fromisoformat(value) if isinstance(value, str) and value else value


@pass_context
def document_text(context, value):
    return exports.document_text(context, value)


@pass_context
def document_paragraphs(context, value):
    return exports.document_paragraphs(context, value)


def ucas_questions() -> tuple[str, ...]:
    return exports.UCAS_QUESTIONS


def route_exists(endpoint: str) -> bool:
    """Whether a route exists (the downloads panel links to the plain-text export if so)."""
    return endpoint in current_app.view_functions


def offline_user() -> str:
    """The keyed name of the signed-in person's pages kept on the phone."""
    return user_key(current_user) if current_user.is_authenticated else ""
