"""Forms for skills, aspirations, intended destinations and "all about me": plain-word
questions, every answer kept when something needs fixing."""

from __future__ import annotations

from dataclasses import dataclass

from flask_wtf import FlaskForm
from wtforms import (
    RadioField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from journal.reference.destinations import STAGES, intentions_for
from journal.reference.skills import SKILLS, STEPS, descriptor

MARKDOWN_HINT = "You can use **bold**, *italics* and lists starting with a dash."
NOTE_LIMIT = 2000
WHAT_LIMIT = 500
WHY_LIMIT = 2000
DETAIL_LIMIT = 300
PROFILE_LIMIT = 2000


def _limit(limit: int) -> Length:
    return Length(max=limit, message=f"Please keep this under {limit} characters.")


# --- skills -----------------------------------------------------------------------------------


def _entry_id(value) -> int:
    """An entry id as sent, or 0 (no entry has it) for anything that is not a number."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


class RateSkillForm(FlaskForm):
    """One rating: the step, what shows it, and the entries that evidence it."""

    step = RadioField(
        "Which step are you on now?",
        coerce=int,
        validators=[InputRequired("Choose the step that fits you best.")],
        invalid_value_message="Choose a step from 0 to 15.",
        invalid_choice_message="Choose a step from 0 to 15.",
    )
    note = TextAreaField(
        "What shows this? (optional)",
        validators=[Optional(), _limit(NOTE_LIMIT)],
        description="Something you did that shows you can do it. " + MARKDOWN_HINT,
        render_kw={"rows": 3},
    )
    # Ids that are not the pupil's own saved entries are left out by the operation, so a
    # forged id (or something that is not a number at all) changes nothing.
    evidence = SelectMultipleField(
        "Which entries show it? (optional)",
        coerce=_entry_id,
        validate_choice=False,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    save = SubmitField("Save my rating")

    def __init__(self, *args, skill: str, entries: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.skill = SKILLS[skill]
        self.step.choices = [
            SelectChoice(str(n), f"Step {n}: {descriptor(skill, n)}") for n in STEPS
        ]
        self.evidence.choices = [
            SelectChoice(str(e.id), f"{e.title} ({e.occurred_on:%-d %B %Y})") for e in entries
        ]

    @property
    def evidence_ids(self) -> list[int]:
        return [i for i in self.evidence.data or [] if i > 0]


# --- aspirations and intended destinations ---------------------------------------------------


class AspirationForm(FlaskForm):
    what = TextAreaField(
        "What do you want to do?",
        validators=[DataRequired("Write what you want to do."), _limit(WHAT_LIMIT)],
        description="A job, a course, or something you want to do one day. "
        "What you wrote before is kept below.",
        render_kw={"rows": 2},
    )
    why = TextAreaField(
        "Why? (optional)",
        validators=[Optional(), _limit(WHY_LIMIT)],
        description="What makes you want to do it. " + MARKDOWN_HINT,
        render_kw={"rows": 4},
    )
    save = SubmitField("Save")


QUESTIONS = {
    "16": "What do you want to do after Year 11?",
    "18": "What do you want to do after Year 13?",
    "25": "What do you want to do later on, up to age 25?",
}


def stage_phrase(stage: str) -> str:
    """A stage's name to use inside a sentence: "after Year 11 (at 16)"."""
    label = STAGES[stage]
    return label[0].lower() + label[1:]


class DestinationForm(FlaskForm):
    """The plan for one stage. Each stage's form on the page has its own prefix, so its
    fields have their own names and ids."""

    category = RadioField(
        "",
        validators=[InputRequired("Choose one.")],
        invalid_choice_message="Choose one of these.",
    )
    detail = StringField(
        "Which college or course? (optional)",
        validators=[Optional(), _limit(DETAIL_LIMIT)],
        description="For example: City College, animal care. Or the job you are thinking of.",
    )
    save = SubmitField("Save")

    def __init__(self, *args, stage: str, **kwargs):
        super().__init__(*args, prefix=f"stage{stage}", **kwargs)
        self.stage = stage
        self.category.label.text = QUESTIONS[stage]
        self.category.choices = [SelectChoice(i.code, i.label) for i in intentions_for(stage)]
        self.save.label.text = f"Save my plan for {stage_phrase(stage)}"

    @classmethod
    def showing(cls, stage: str, current) -> DestinationForm:
        """A form filled with what the pupil chose last (``current``, or nothing)."""
        data = {"category": current.category, "detail": current.detail} if current else {}
        return cls(stage=stage, formdata=None, data=data)


# --- "all about me" ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    name: str
    mine: str  # the question the pupil answers, and the heading they read
    theirs: str  # the heading staff read
    hint: str


PROFILE_SECTIONS = (
    Section(
        "interests",
        "My interests",
        "Their interests",
        "Things you like doing or want to know more about, in school or out of it.",
    ),
    Section(
        "strengths",
        "What I am good at",
        "What they are good at",
        "Skills, things people say you do well, things you are proud of.",
    ),
    Section(
        "what_helps",
        "What helps me",
        "What helps them",
        "Support that works for you. For example: written instructions, a quiet place "
        "for breaks, knowing what will happen in advance.",
    ),
    Section(
        "what_is_hard",
        "What I find hard",
        "What they find hard",
        "Things that make work or learning harder for you, or that you would rather avoid.",
    ),
    Section(
        "ideal_workplace",
        "My ideal workplace",
        "Their ideal workplace",
        "Quiet or busy? Indoors or outdoors? Working with people, animals or things? "
        "Mornings or afternoons? Near home?",
    ),
    Section(
        "for_employers",
        "What I want employers to know",
        "What they want employers to know",
        "Anything that would help an employer get the best from you.",
    ),
)


def _profile_answer(section: Section) -> TextAreaField:
    return TextAreaField(
        section.mine,
        validators=[Optional(), _limit(PROFILE_LIMIT)],
        description=section.hint,
        render_kw={"rows": 4},
    )


class ProfileForm(FlaskForm):
    """Every answer is optional, but a profile needs at least one."""

    interests = _profile_answer(PROFILE_SECTIONS[0])
    strengths = _profile_answer(PROFILE_SECTIONS[1])
    what_helps = _profile_answer(PROFILE_SECTIONS[2])
    what_is_hard = _profile_answer(PROFILE_SECTIONS[3])
    ideal_workplace = _profile_answer(PROFILE_SECTIONS[4])
    for_employers = _profile_answer(PROFILE_SECTIONS[5])
    save = SubmitField("Save all about me")

    @classmethod
    def from_version(cls, version) -> ProfileForm:
        """A form filled with the current version (used on GET)."""
        return cls(data=dict(version.content) if version else {})

    def content(self) -> dict[str, str]:
        return {s.name: (self[s.name].data or "").strip() for s in PROFILE_SECTIONS}

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if valid and not any(self.content().values()):
            self[PROFILE_SECTIONS[0].name].errors.append(
                "Write something in at least one box before you save."
            )
            return False
        return valid
