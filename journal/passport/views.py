"""The passport's pages: the views of the three rooms, on the one ``passport`` blueprint.
``create_app`` registers ``bp`` from here."""

from journal.passport.blueprint import bp
from journal.passport.entries import simple_views, views
from journal.passport.plans import views as plans_views
from journal.passport.signoff import views as signoff_views

__all__ = ["bp", "plans_views", "signoff_views", "simple_views", "views"]
