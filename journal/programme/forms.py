"""Forms for the careers programme: recording an activity, a custom group, a CSV upload."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

from journal.accounts.forms import CheckboxesField
from journal.calendar import year_group_label
from journal.cohort.filters import YEAR_GROUPS
from journal.cohort.models import GROUP_KINDS

from .models import AUDIENCES, GATSBY, ORGANISATION_TYPES, activity_kinds

UUID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
ORGANISATION_ROWS = 3
MAX_ORGANISATIONS = 30


def _number(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


class OrganisationForm(Form):
    """One employer or provider at the activity (a sub-form: no CSRF token of its own)."""

    name = StringField(
        "Name", validators=[Optional(), Length(max=120, message="Use 120 characters or fewer.")]
    )
    sector = StringField(
        "Sector (optional)",
        validators=[Optional(), Length(max=60, message="Use 60 characters or fewer.")],
        description="For example: health, construction, digital.",
    )
    type = SelectField(
        "What kind of organisation?",
        choices=[SelectChoice(k, v) for k, v in ORGANISATION_TYPES.items()],
        default="employer",
    )


class ActivityForm(FlaskForm):
    client_id = HiddenField(validators=[DataRequired(), Regexp(UUID)])
    title = StringField(
        "Title",
        validators=[
            DataRequired("Give the activity a title."),
            Length(max=200, message="Use 200 characters or fewer."),
        ],
        description="Pupils see it: “What did you learn at the Year 10 careers fair?”",
    )
    kind = SelectField(
        "What kind of activity?",
        choices=[SelectChoice("", "Choose one")]
        + [SelectChoice(k, v) for k, v in activity_kinds().items()],
        validators=[DataRequired("Choose what kind of activity it is.")],
        description="This decides what each pupil's passport records, and its benchmark.",
    )
    occurred_on = DateField("Date", validators=[DataRequired("Choose the day of the activity.")])
    starts_at = TimeField("Start time (optional)", validators=[Optional()])
    place = StringField(
        "Where? (optional)",
        validators=[Optional(), Length(max=200, message="Use 200 characters or fewer.")],
        description="For example: the sports hall, or Riverside College.",
    )
    organisations = FieldList(
        FormField(OrganisationForm), min_entries=ORGANISATION_ROWS, max_entries=MAX_ORGANISATIONS
    )
    add_organisation = SubmitField("Add another organisation")
    benchmarks = CheckboxesField(
        "Which Gatsby benchmarks does it count towards?",
        choices=[SelectChoice(k, v) for k, v in GATSBY.items()],
        coerce=int,
        validators=[Optional()],
    )
    audience_kind = RadioField(
        "Who was it for?",
        choices=[SelectChoice(k, v) for k, v in AUDIENCES.items()],
        validators=[DataRequired("Choose who the activity was for.")],
    )
    year_groups = CheckboxesField(
        "Year groups",
        choices=[SelectChoice(y, year_group_label(y)) for y in YEAR_GROUPS],
        coerce=int,
        validators=[Optional()],
    )
    tutor_group_ids = CheckboxesField("Tutor groups", choices=[], coerce=int)
    group_id = SelectField(
        "Saved group", choices=[], coerce=_number, default=0, validate_choice=False
    )
    names = TextAreaField(
        "Pupils' names or UPNs",
        validators=[Optional(), Length(max=20000)],
        description="One on each line, as on the roll: for example, Maya Patel.",
        render_kw={"rows": 5},
    )
    save = SubmitField("Save the activity")

    def validate_kind(self, field) -> None:
        if field.data not in activity_kinds():
            raise ValidationError("Choose what kind of activity it is.")

    def organisation_list(self) -> list[dict]:
        """The named organisations, in order (rows left blank are dropped)."""
        found = []
        for row in self.organisations:
            name = (row.form.name.data or "").strip()
            if name:
                found.append(
                    {
                        "name": name,
                        "sector": (row.form.sector.data or "").strip(),
                        "type": row.form.type.data,
                    }
                )
        return found


class GroupForm(FlaskForm):
    name = StringField(
        "Name of the group",
        validators=[
            DataRequired("Give the group a name."),
            Length(max=120, message="Use 120 characters or fewer."),
        ],
        description="For example: Year 11 with an EHCP, or Girls interested in engineering.",
    )
    kind = RadioField(
        "How are pupils chosen?",
        choices=[SelectChoice(k, v) for k, v in GROUP_KINDS.items()],
        default="filter",
    )
    save = SubmitField("Save the group")


class AttendanceUploadForm(FlaskForm):
    sheet = FileField(
        "Attendance file (CSV)",
        validators=[FileRequired("Choose the CSV file with who was there.")],
        description="A UPN column, or first name, last name and date of birth columns. "
        "One pupil a row.",
        render_kw={"accept": ".csv,text/csv"},
    )
