"""Forms for destinations. Everything typed is kept when something is wrong."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    Optional,
    Regexp,
    ValidationError,
)

from journal.calendar import today
from journal.reference import destinations

from .models import GUARANTEE_STATUSES, SOURCES

LINE = Length(max=200, message="Please keep this under 200 characters.")
NOTE = Length(max=2000, message="Please keep this under 2,000 characters.")
DATE_MESSAGE = "Enter a real date, for example 1 11 2026."


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _not_future(_form, field) -> None:
    if field.data and field.data > today():
        raise ValidationError("This date is in the future. Enter the day it started or was true.")


class _Common(FlaskForm):
    provider = StringField(
        "Provider or employer",
        description="For example “Riverside College” or “Smith & Sons Garage”.",
        filters=[_strip],
        validators=[Optional(), LINE],
    )
    effective_on = DateField(
        "Date it started or was true",
        description="Leave empty if you do not know.",
        validators=[Optional(), _not_future],
    )
    source = SelectField(
        "Where the information came from",
        choices=[SelectChoice("", "Choose where it came from")]
        + [SelectChoice(k, v) for k, v in SOURCES.items()],
        validators=[InputRequired("Choose where the information came from.")],
    )
    note = TextAreaField("Note (optional)", filters=[_strip], validators=[Optional(), NOTE])

    def validate_source(self, field) -> None:
        if field.data not in SOURCES:
            raise ValidationError("Choose where the information came from.")


class DestinationForm(_Common):
    """An activity (NCCIS code) at a stage, chosen from the grouped code list."""

    activity_code = SelectField(
        "Activity (NCCIS code)",
        choices=[
            SelectChoice("", "Choose an activity"),
            *(
                SelectChoice(code, label, optgroup=group)
                for group, options in destinations.grouped_activities().items()
                for code, label in options
            ),
        ],
        validators=[InputRequired("Choose an activity from the list.")],
    )

    def validate_activity_code(self, field) -> None:
        if field.data not in destinations.ACTIVITIES:
            raise ValidationError("Choose an activity from the list.")


class GuaranteeForm(_Common):
    """The September Guarantee status for a pupil in Year 11 or 12."""

    guarantee_status = RadioField(
        "September Guarantee: was a suitable place offered?",
        choices=[SelectChoice(k, v) for k, v in GUARANTEE_STATUSES.items()],
        validators=[InputRequired("Choose the September Guarantee status.")],
    )


class LeavingForm(FlaskForm):
    left_on = DateField(
        "Day the pupil left",
        description="Their sign-in stays open: they become a former pupil.",
        validators=[InputRequired(DATE_MESSAGE), _not_future],
    )


class CheckpointForm(FlaskForm):
    """A former pupil says what they do now, in plain words."""

    doing = RadioField(
        "What are you doing now?",
        choices=[SelectChoice(k, v) for k, v in destinations.NOW_DOING.items()],
        validators=[InputRequired("Choose what you are doing now.")],
    )
    provider = StringField(
        "Where? (you can leave this empty)",
        description="The name of your college, university, employer or course.",
        filters=[_strip],
        validators=[Optional(), LINE],
    )
    started_on = DateField(
        "When did you start? (you can leave this empty)",
        validators=[Optional(), _not_future],
    )


class RoleModelForm(FlaskForm):
    now_doing = StringField(
        "What you do now",
        description="For example “Apprentice electrician at Smith & Sons”.",
        filters=[_strip],
        validators=[DataRequired("Say what you do now, in a few words."), Length(max=300)],
    )
    happy_to = StringField(
        "What you are happy to do (optional)",
        description="For example “Talk to Year 10 about apprenticeships”.",
        filters=[_strip],
        validators=[Optional(), Length(max=300)],
    )
    agree = BooleanField(
        "I agree that careers staff at my school can see my name and what I do now, and "
        "contact me through the school to invite me back",
        validators=[DataRequired("Tick the box to agree, or leave this page.")],
    )


class ImportForm(FlaskForm):
    file = FileField(
        "Local authority file (CSV)",
        validators=[FileRequired("Choose the CSV file the local authority sent.")],
        description="Columns: UPN, NCCIS code, date; optional stage and provider.",
        render_kw={"accept": ".csv,text/csv"},
    )


class ConfirmImportForm(FlaskForm):
    upload = HiddenField(validators=[DataRequired(), Regexp(r"^[0-9a-f]{64}$")])
    filename = HiddenField(validators=[Optional(), Length(max=200)])
