"""The guided encounter form: plain-word prompts, everything kept when something is wrong."""

from __future__ import annotations

from datetime import date

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    HiddenField,
    RadioField,
    SelectChoice,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

from . import kinds
from .operations import date_problem

UUID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
TEXT_LIMIT = 5000
MARKDOWN_HINT = "You can use **bold**, *italics* and lists starting with a dash."


def _long_text(label: str, hint: str) -> TextAreaField:
    return TextAreaField(
        label,
        validators=[
            Optional(),
            Length(max=TEXT_LIMIT, message=f"Please keep this under {TEXT_LIMIT} characters."),
        ],
        description=hint,
        render_kw={"rows": 4},
    )


class EncounterForm(FlaskForm):
    client_id = HiddenField(validators=[DataRequired(), Regexp(UUID)])
    category = RadioField(
        "What was it?",
        choices=[SelectChoice(c.code, c.label) for c in kinds.ENCOUNTER_CATEGORIES.values()],
        validators=[Optional()],
    )
    organisation = StringField(
        "Which employer, college or organisation?",
        validators=[Optional(), Length(max=200, message="Please keep this under 200 characters.")],
        description="For example: Riverside Hospital, or City College.",
    )
    sector = StringField(
        "What kind of work is it? (optional)",
        validators=[Optional(), Length(max=100, message="Please keep this under 100 characters.")],
        description="For example: health, building, computing.",
    )
    occurred_on = DateField(
        "When did it happen?",
        validators=[DataRequired("Choose the day it happened.")],
    )
    what_i_did = _long_text("What did you do?", MARKDOWN_HINT)
    who_i_met = _long_text("Who did you meet?", "Their job, or what they do. Names are optional.")
    what_i_learned = _long_text("What did you learn?", "About the job, the place or yourself.")
    feeling = RadioField(
        "How did you feel about it?",
        choices=[SelectChoice(str(n), label) for n, label in kinds.FEELINGS.items()],
        coerce=int,
        validators=[Optional()],
    )
    what_next = _long_text("What next?", "Something you want to find out, try or do next.")
    save = SubmitField("Save")
    save_draft = SubmitField("Save as draft")

    def __init__(self, *args, pupil, **kwargs):
        super().__init__(*args, **kwargs)
        self.pupil = pupil

    @classmethod
    def from_content(cls, content: dict, *, pupil, client_id: str) -> EncounterForm:
        """A form filled with a revision's content (used by the edit page on GET)."""
        data = {name: content.get(name) for name in kinds.ENCOUNTER_FIELDS}
        if data["occurred_on"]:
            data["occurred_on"] = date.fromisoformat(data["occurred_on"])
        return cls(data=data, pupil=pupil, client_id=client_id)

    @property
    def state(self) -> str:
        return "draft" if self.save_draft.data else "submitted"

    def validate_occurred_on(self, field) -> None:
        problem = date_problem(self.pupil, field.data)
        if problem:
            raise ValidationError(problem)

    def validate(self, extra_validators=None) -> bool:
        """A draft needs only its date; a saved entry also says what it was and what happened."""
        valid = super().validate(extra_validators)
        if self.state == "draft":
            return valid
        if not self.category.data:
            self.category.errors.append("Choose what it was.")
            valid = False
        if not (self.what_i_did.data or "").strip():
            self.what_i_did.errors.append("Write a sentence or two about what you did.")
            valid = False
        return valid

    def content(self) -> dict:
        """The revision content: the fields as JSON, the date as an ISO string."""
        content = {name: self[name].data for name in kinds.ENCOUNTER_FIELDS}
        for name in (
            "organisation",
            "sector",
            "what_i_did",
            "who_i_met",
            "what_i_learned",
            "what_next",
        ):
            content[name] = (content[name] or "").strip()
        content["occurred_on"] = self.occurred_on.data.isoformat()
        return content
