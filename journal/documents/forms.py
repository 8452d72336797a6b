"""Forms for starting and naming a document. Everything typed is kept when something is wrong."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField, SelectChoice, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from .models import KINDS

KIND_HINTS = {
    "cv": "For a Saturday job, work experience, an apprenticeship or a job.",
    "ucas": "For university: the three UCAS questions, 4,000 characters in all.",
    "statement": "For college, an apprenticeship or a supported internship: you choose the length.",
}


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class NewDocumentForm(FlaskForm):
    kind = RadioField(
        "What do you want to write?",
        choices=[SelectChoice(k, label) for k, label in KINDS.items()],
        validators=[InputRequired("Choose what you want to write.")],
    )
    title = StringField(
        "Give it a name",
        filters=[_strip],
        validators=[
            DataRequired("Give it a name, for example “CV for the vets”."),
            Length(max=200, message="Please keep the name under 200 characters."),
        ],
    )
    char_limit = IntegerField(
        "Most characters allowed (optional)",
        validators=[
            Optional(),
            NumberRange(100, 20000, "Choose a number from 100 to 20,000."),
        ],
    )
