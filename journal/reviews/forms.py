"""Forms for annual reviews. Everything typed is kept when something is wrong."""

from __future__ import annotations

from dataclasses import dataclass

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    FieldList,
    FormField,
    RadioField,
    SelectChoice,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError

from journal.guidance.forms import ActionFields
from journal.guidance.models import PUPIL_AND_FAMILY, VISIBILITIES
from journal.guidance.operations import NewAction

from .models import PFA_AREAS

TEXT_LIMIT = 5000
LONG = Length(max=TEXT_LIMIT, message=f"Please keep this under {TEXT_LIMIT} characters.")
SHORT_LIMIT = 1000
SHORT = Length(max=SHORT_LIMIT, message=f"Please keep this under {SHORT_LIMIT} characters.")


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class OpenReviewForm(FlaskForm):
    held_on = DateField(
        "Date of the review",
        description="For example 14 3 2027. It can be in the future.",
        validators=[InputRequired("Enter the date of the review, for example 14 3 2027.")],
    )

    def __init__(self, *args, pupil, **kwargs):
        super().__init__(*args, **kwargs)
        self.pupil = pupil

    def validate_held_on(self, field) -> None:
        if field.data and field.data < self.pupil.record_began_on:
            raise ValidationError("The date cannot be before this pupil's record began.")


class ContributionForm(FlaskForm):
    """One person's words for the review. ``label`` and ``hint`` fit who is writing."""

    text = TextAreaField(
        "Your words",
        filters=[_strip],
        validators=[DataRequired("Write something first."), LONG],
        render_kw={"rows": 10},
    )


@dataclass(frozen=True)
class Prompt:
    name: str
    question: str
    picture: str  # an OpenMoji code


# Simple mode: the pupil's words as short answers to plain questions, one box each.
PROMPTS = (
    Prompt("like", "What I like", "2764"),
    Prompt("good_at", "What I am good at", "1F4AA"),
    Prompt("helps", "What helps me", "1F91D"),
    Prompt("hard", "What I find hard", "1F615"),
    Prompt("next", "What I want to do next", "1F3AF"),
    Prompt("more", "Anything else", "1F4AC"),
)


def joined(answers: dict[str, str]) -> str:
    """Simple mode's answers as one text: "What I like: …", a line each, empty ones left out."""
    return "\n".join(
        f"{p.question}: {' '.join(answers[p.name].split())}"
        for p in PROMPTS
        if (answers.get(p.name) or "").strip()
    )


def split(text: str) -> dict[str, str]:
    """The answers back out of a text ``joined`` made. A line that answers no prompt (typed in
    the full form) goes under "Anything else", so nothing is lost."""
    answers: dict[str, list[str]] = {}
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        for p in PROMPTS:
            if line.startswith(f"{p.question}:"):
                answers.setdefault(p.name, []).append(line[len(p.question) + 1 :].strip())
                break
        else:
            answers.setdefault("more", []).append(line)
    return {name: " ".join(parts) for name, parts in answers.items()}


class SimpleWordsForm(FlaskForm):
    """The pupil's words in simple mode: a short box for each prompt; at least one answered."""

    like = TextAreaField(PROMPTS[0].question, filters=[_strip], validators=[Optional(), SHORT])
    good_at = TextAreaField(PROMPTS[1].question, filters=[_strip], validators=[Optional(), SHORT])
    helps = TextAreaField(PROMPTS[2].question, filters=[_strip], validators=[Optional(), SHORT])
    hard = TextAreaField(PROMPTS[3].question, filters=[_strip], validators=[Optional(), SHORT])
    next = TextAreaField(PROMPTS[4].question, filters=[_strip], validators=[Optional(), SHORT])
    more = TextAreaField(PROMPTS[5].question, filters=[_strip], validators=[Optional(), SHORT])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if valid and not self.text():
            self.like.errors.append("Write something in at least one box.")
            return False
        return valid

    def text(self) -> str:
        return joined({p.name: self[p.name].data or "" for p in PROMPTS})


class AreaNotesForm(FlaskForm):
    """Staff notes on the four Preparing for Adulthood areas."""

    employment = TextAreaField(PFA_AREAS["employment"], filters=[_strip], validators=[LONG])
    independent_living = TextAreaField(
        PFA_AREAS["independent_living"], filters=[_strip], validators=[LONG]
    )
    community = TextAreaField(PFA_AREAS["community"], filters=[_strip], validators=[LONG])
    health = TextAreaField(PFA_AREAS["health"], filters=[_strip], validators=[LONG])

    def notes(self) -> dict[str, str]:
        return {area: self[area].data or "" for area in PFA_AREAS}


class OutcomesForm(FlaskForm):
    """The decisions and actions agreed at the review: rows left empty are ignored."""

    decisions = TextAreaField(
        "Decisions agreed",
        description="One decision a line. Each is saved as an agreed decision.",
        filters=[_strip],
        validators=[Optional(), LONG],
        render_kw={"rows": 4},
    )
    actions = FieldList(FormField(ActionFields, separator="-"), min_entries=3, max_entries=10)
    visibility = RadioField(
        "Who can see these?",
        choices=[SelectChoice(value, label) for value, label in VISIBILITIES.items()],
        default=PUPIL_AND_FAMILY,
        validators=[InputRequired("Choose who can see these.")],
    )

    def __init__(self, *args, staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        for row in self.actions:
            row.form.set_staff(staff)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if valid and not self.decision_texts() and not self.new_actions():
            self.decisions.errors.append("Write a decision or an action.")
            return False
        return valid

    def decision_texts(self) -> tuple[str, ...]:
        return tuple(
            line.strip() for line in (self.decisions.data or "").splitlines() if line.strip()
        )

    def new_actions(self) -> tuple[NewAction, ...]:
        return tuple(row.form.action() for row in self.actions if not row.form.blank())
