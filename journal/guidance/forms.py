"""Forms for guidance records. Everything typed is kept when something is wrong."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    FieldList,
    Form,
    FormField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from journal.calendar import today

from .models import ACTION_STATUSES, NOTE_KINDS, OWNERS, PUPIL_AND_FAMILY, VISIBILITIES
from .operations import NewAction

TEXT_LIMIT = 5000
LONG = Length(max=TEXT_LIMIT, message=f"Please keep this under {TEXT_LIMIT} characters.")
LINE = Length(max=200, message="Please keep this under 200 characters.")
DATE_MESSAGE = "Enter a date, for example 3 11 2026."


def _choices(options: dict) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in options.items()]


def _staff_choices(staff, blank: str | None = None) -> list[SelectChoice]:
    choices = [SelectChoice("", blank)] if blank else []
    return choices + [SelectChoice(str(u.id), u.display_name) for u in staff]


def _visibility() -> RadioField:
    return RadioField(
        "Who can see this?",
        choices=_choices(VISIBILITIES),
        default=PUPIL_AND_FAMILY,
        validators=[InputRequired("Choose who can see this.")],
    )


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class ActionFields(Form):
    """One action: what, who owns it, by when. A row of the interview form (which may be left
    empty); ``RequiredActionFields`` is the one action of the action form."""

    required = False

    what = TextAreaField(
        "What needs to happen", filters=[_strip], validators=[Optional(), LONG],
        render_kw={"rows": 2},
    )  # fmt: skip
    owner_kind = SelectField("Who will do it", choices=_choices(OWNERS), default="pupil")
    owner_user = SelectField(
        "Which member of staff", description="Only if a member of staff will do it.", default=""
    )
    owner_name = StringField(
        "Name of the person or agency",
        description="For the family or an outside agency, for example “Connexions”.",
        filters=[_strip],
        validators=[Optional(), LINE],
    )
    due_on = DateField(
        "Due by", description="Leave empty if there is no date.", validators=[Optional()]
    )

    def set_staff(self, staff) -> None:
        self.staff = {str(u.id): u for u in staff}
        self.owner_user.choices = _staff_choices(staff, blank="Choose a member of staff")

    def blank(self) -> bool:
        return not self.what.data

    def validate(self, extra_validators=None) -> bool:
        """A filled row needs its owner; an empty row is fine unless the action is required."""
        valid = super().validate(extra_validators)
        if self.blank():
            if self.required:
                self.what.errors.append("Say what needs to happen.")
            return valid and not self.required
        if self.owner_kind.data == "staff" and self.owner_user.data not in self.staff:
            self.owner_user.errors.append("Choose the member of staff.")
            valid = False
        if self.owner_kind.data == "agency" and not self.owner_name.data:
            self.owner_name.errors.append("Give the agency's name.")
            valid = False
        return valid

    def action(self) -> NewAction:
        staff = self.owner_kind.data == "staff"
        return NewAction(
            what=self.what.data,
            owner_kind=self.owner_kind.data,
            owner_user=self.staff.get(self.owner_user.data) if staff else None,
            owner_name="" if staff or self.owner_kind.data == "pupil" else self.owner_name.data,
            due_on=self.due_on.data,
        )


class RequiredActionFields(ActionFields):
    required = True


class ActionForm(FlaskForm):
    """A single action set for a pupil."""

    action = FormField(RequiredActionFields, label="The action", separator="-")
    visibility = _visibility()

    def __init__(self, *args, staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.action.form.set_staff(staff)


class InterviewForm(FlaskForm):
    """A personal guidance interview, with any decisions and actions agreed at it."""

    adviser = SelectField("Adviser")
    held_on = DateField(
        "Date of the interview",
        description="For example 3 11 2026.",
        validators=[InputRequired(DATE_MESSAGE)],
    )
    place = StringField(
        "Where", description="For example “Careers office”.", filters=[_strip],
        validators=[Optional(), LINE],
    )  # fmt: skip
    notes = TextAreaField(
        "Notes", description="What you talked about.", filters=[_strip],
        validators=[Optional(), LONG], render_kw={"rows": 5},
    )  # fmt: skip
    advice = TextAreaField(
        "Advice given", filters=[_strip], validators=[Optional(), LONG], render_kw={"rows": 4}
    )
    decisions = TextAreaField(
        "Decisions agreed (optional)",
        description="One decision a line. Each is saved as an agreed decision.",
        filters=[_strip],
        validators=[Optional(), LONG],
        render_kw={"rows": 3},
    )
    actions = FieldList(FormField(ActionFields, separator="-"), min_entries=2, max_entries=10)
    visibility = _visibility()

    def __init__(self, *args, pupil, staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.pupil = pupil
        self.staff = {str(u.id): u for u in staff}
        self.adviser.choices = _staff_choices(staff)
        for row in self.actions:
            row.form.set_staff(staff)

    def validate_adviser(self, field) -> None:
        if field.data not in self.staff:
            raise ValidationError("Choose the adviser.")

    def validate_held_on(self, field) -> None:
        if field.data and field.data > today():
            raise ValidationError("The date cannot be in the future.")
        if field.data and field.data < self.pupil.record_began_on:
            raise ValidationError("The date cannot be before this pupil's record began.")

    def decision_texts(self) -> tuple[str, ...]:
        return tuple(
            line.strip() for line in (self.decisions.data or "").splitlines() if line.strip()
        )

    def new_actions(self) -> tuple[NewAction, ...]:
        return tuple(row.form.action() for row in self.actions if not row.form.blank())


class NoteForm(FlaskForm):
    """Advice given, or a decision agreed."""

    kind = RadioField(
        "What is it?", choices=_choices(NOTE_KINDS), default="advice",
        validators=[InputRequired("Choose advice or a decision.")],
    )  # fmt: skip
    text = TextAreaField(
        "What was said",
        filters=[_strip],
        validators=[DataRequired("Write the advice or decision."), LONG],
        render_kw={"rows": 5},
    )
    interview = SelectField("From an interview (optional)")
    visibility = _visibility()

    def __init__(self, *args, interviews=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.interviews = {str(i.id): i for i in interviews}
        self.interview.choices = [SelectChoice("", "Not from an interview")] + [
            SelectChoice(str(i.id), f"{i.held_on:%-d %B %Y} with {i.adviser_name}")
            for i in interviews
        ]

    def chosen_interview(self):
        return self.interviews.get(self.interview.data or "")


class StatusForm(FlaskForm):
    status = SelectField("Status", choices=_choices(ACTION_STATUSES))


class CommentForm(FlaskForm):
    body = TextAreaField(
        "Your reply",
        filters=[_strip],
        validators=[DataRequired("Write something first."), LONG],
        render_kw={"rows": 3},
    )
