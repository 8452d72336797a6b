"""Simple mode's recording: one question a screen with picture choices. The steps, the choices
(each with its OpenMoji picture, static/vendor/openmoji/<code>.svg) and the form that carries
every answer so far in hidden fields, so the server keeps nothing between screens.

The result is a normal entry: an encounter or a workplace experience with the same content
keys as the normal forms (``kinds.FIELDS``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    HiddenField,
    MultipleFileField,
    RadioField,
    SelectChoice,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Regexp

from journal.calendar import today
from journal.passport.entries.forms import TEXT_LIMIT, UUID, WithUploads
from journal.passport.entries.operations import date_problem
from journal.reference import kinds


@dataclass(frozen=True)
class Step:
    name: str
    question: str
    picture: str  # an OpenMoji code for the question
    fields: tuple[str, ...]  # the answers asked on this screen


STEPS = (
    Step("what", "What did you do?", "2753", ("what",)),
    Step("where", "Where was it?", "1F4CD", ("where",)),
    Step("when", "When was it?", "1F4C5", ("when", "day")),
    Step("who", "Who did you meet?", "1F465", ("who",)),
    Step("feeling", "How did you feel?", "1F642", ("feeling",)),
    Step("more", "Tell me more (you can skip this)", "270F", ("more",)),
    Step("photo", "Add a photo (you can skip this)", "1F4F7", ("photo_description",)),
    Step("check", "Check and save", "2705", ()),
)
LAST = len(STEPS) - 1


@dataclass(frozen=True)
class Activity:
    """A picture choice for "What did you do?" and the normal entry it makes."""

    code: str
    label: str
    picture: str
    kind: str  # kinds.ENCOUNTER or kinds.WORKPLACE
    category: str  # the encounter category, or the workplace experience's placement kind
    sentence: str  # the start of what_i_did when the pupil writes nothing


ACTIVITIES = {
    a.code: a
    for a in (
        Activity(
            "employer_talk",
            "A talk by someone from work",
            "1F5E3",
            kinds.ENCOUNTER,
            "employer_talk",
            "I listened to a talk by someone from work",
        ),
        Activity(
            "careers_fair",
            "A careers fair",
            "1F3AA",
            kinds.ENCOUNTER,
            "careers_fair",
            "I went to a careers fair",
        ),
        Activity(
            "workplace_visit",
            "A visit to a workplace",
            "1F3E2",
            kinds.ENCOUNTER,
            "workplace_visit",
            "I visited a workplace",
        ),
        Activity(
            "fe_college",
            "A college visit",
            "1F3EB",
            kinds.ENCOUNTER,
            "fe_college",
            "I visited a college",
        ),
        Activity(
            "sixth_form",
            "A sixth form visit",
            "1F4DA",
            kinds.ENCOUNTER,
            "sixth_form",
            "I visited a sixth form",
        ),
        Activity(
            "university",
            "A university visit",
            "1F393",
            kinds.ENCOUNTER,
            "university",
            "I visited a university",
        ),
        Activity(
            "apprenticeship_provider",
            "Meeting an apprenticeship provider",
            "1F6E0",
            kinds.ENCOUNTER,
            "apprenticeship_provider",
            "I met an apprenticeship provider",
        ),
        Activity(
            "placement",
            "Work experience",
            "1F4BC",
            kinds.WORKPLACE,
            "placement",
            "I did work experience",
        ),
        Activity(
            "work_visit",
            "A work visit",
            "1F3ED",
            kinds.WORKPLACE,
            "work_visit",
            "I went on a work visit",
        ),
        Activity(
            "mentoring",
            "Mentoring",
            "1F91D",
            kinds.ENCOUNTER,
            "mentoring",
            "I had a mentoring session",
        ),
        Activity(
            "enterprise",
            "Enterprise",
            "1F4A1",
            kinds.ENCOUNTER,
            "enterprise",
            "I did an enterprise activity",
        ),
    )
}


@dataclass(frozen=True)
class Picture:
    """A picture choice: its value, its words, its OpenMoji code, and (for people) the words
    it adds to "Who did you meet?"."""

    code: str
    label: str
    picture: str
    phrase: str = ""


WHEN = {
    p.code: p
    for p in (
        Picture("today", "Today", "1F4C5"),
        Picture("yesterday", "Yesterday", "21A9"),
        Picture("other", "Another day", "1F4C6"),
    )
}

ROLES = {
    p.code: p
    for p in (
        Picture("manager", "A manager or boss", "1F9D1-200D-1F4BC", "a manager"),
        Picture("worker", "A worker", "1F9D1-200D-1F3ED", "a worker"),
        Picture("teacher", "A teacher or lecturer", "1F9D1-200D-1F3EB", "a teacher"),
        Picture("student", "A student", "1F393", "a student"),
        Picture("health", "A nurse or doctor", "1F9D1-200D-2695-FE0F", "a nurse or doctor"),
        Picture("builder", "A builder or engineer", "1F477", "a builder or engineer"),
        Picture("shop", "A shop worker", "1F3EA", "a shop worker"),
        Picture("someone", "Someone else", "1F464", "someone else"),
    )
}

PICK_ONE = "Choose one of the pictures."
PICK_FROM = "Choose from the pictures."


def _choices(pictures: dict) -> list[SelectChoice]:
    return [SelectChoice(p.code, p.label) for p in pictures.values()]


class SimpleForm(WithUploads, FlaskForm):
    """Every answer of the simple recording. Only the current screen's answers are checked when
    the pupil presses Next; everything is checked again before saving."""

    allow_pdf = False  # photos only (``entries.uploads``)
    client_id = HiddenField(validators=[DataRequired(), Regexp(UUID)])
    step = HiddenField()
    attachment_ids = HiddenField()
    what = RadioField("What did you do?", choices=_choices(ACTIVITIES), validate_choice=False)
    where = StringField(
        "Where was it?", description="For example: Riverside Hospital. You can leave it empty."
    )
    when = RadioField("When was it?", choices=_choices(WHEN), validate_choice=False)
    day = DateField("Another day: which day?", description="Only if you chose “Another day”.")
    who = SelectMultipleField("Who did you meet?", choices=_choices(ROLES), validate_choice=False)
    feeling = RadioField(
        "How did you feel?",
        choices=[SelectChoice(str(n), label) for n, label in kinds.FEELINGS.items()],
        validate_choice=False,
    )
    more = TextAreaField(
        "Tell me more (you can skip this)",
        description="What did you do? What did you see? A few words are fine.",
        render_kw={"rows": 5},
    )
    photos = MultipleFileField("Add a photo (you can skip this)")
    photo_description = StringField(
        "What is in the photo? (you can skip this)",
        description="A few words help people who cannot see it.",
    )

    def __init__(self, *args, pupil, **kwargs):
        super().__init__(*args, **kwargs)
        self.pupil = pupil

    # --- where the pupil is -----------------------------------------------------------------

    @property
    def step_index(self) -> int:
        raw = self.step.data or ""
        return min(int(raw), LAST) if raw.isdigit() else 0

    def carried(self, step: int) -> list[tuple[str, str]]:
        """The hidden fields that carry every answer not asked on screen ``step``."""
        on_screen = set(STEPS[step].fields)
        pairs: list[tuple[str, str]] = []
        for name in ("what", "where", "when", "day", "who", "feeling", "more"):
            if name in on_screen:
                continue
            if name == "day":
                value = self.day.data.isoformat() if self.day.data else self._raw("day")
                if value:
                    pairs.append((name, value))
            elif name == "who":
                pairs += [(name, str(v)) for v in self.who.data or []]
            elif self[name].data not in (None, ""):
                pairs.append((name, str(self[name].data)))
        return pairs

    def _raw(self, name: str) -> str:
        raw = self[name].raw_data
        return raw[0] if raw else ""

    # --- checking -----------------------------------------------------------------------------

    def check_step(self, step: int) -> bool:
        """Check the answers asked on screen ``step``; problems go beside their fields."""
        check = getattr(self, f"_check_{STEPS[step].name}", None)
        problems = check() if check else {}
        for name, message in problems.items():
            self[name].errors = [message]
        return not problems

    def first_problem(self) -> int | None:
        """The first screen whose answers are not right (its problems marked), or None."""
        for index in range(LAST):
            if not self.check_step(index):
                return index
        return None

    def _check_what(self) -> dict[str, str]:
        if not self.what.data:
            return {"what": "Choose what you did."}
        if self.what.data not in ACTIVITIES:
            return {"what": PICK_ONE}
        return {}

    def _check_where(self) -> dict[str, str]:
        if len((self.where.data or "").strip()) > 200:
            return {"where": "Please keep this under 200 characters."}
        return {}

    def _check_when(self) -> dict[str, str]:
        if not self.when.data:
            return {"when": "Choose when it was."}
        if self.when.data not in WHEN:
            return {"when": PICK_ONE}
        if self.when.data == "today":
            self.day.data = today()
        elif self.when.data == "yesterday":
            self.day.data = today() - timedelta(days=1)
        elif self.day.data is None:
            if self._raw("day"):
                return {"day": "Write the date as day, month and year, or choose it."}
            return {"day": "Choose the day it happened."}
        problem = date_problem(self.pupil, self.day.data)
        field = "day" if self.when.data == "other" else "when"
        return {field: problem} if problem else {}

    def _check_who(self) -> dict[str, str]:
        if any(code not in ROLES for code in self.who.data or []):
            return {"who": PICK_FROM}
        return {}

    def _check_feeling(self) -> dict[str, str]:
        if self.feeling.data and self.feeling.data not in {str(n) for n in kinds.FEELINGS}:
            return {"feeling": "Choose one of the faces."}
        return {}

    def _check_more(self) -> dict[str, str]:
        if len(self.more.data or "") > TEXT_LIMIT:
            return {"more": f"Please keep this under {TEXT_LIMIT} characters."}
        return {}

    # --- the entry ----------------------------------------------------------------------------

    @property
    def activity(self) -> Activity | None:
        return ACTIVITIES.get(self.what.data or "")

    def who_i_met(self) -> str:
        return who_text(self.who.data or [])

    def what_i_did(self) -> str:
        written = (self.more.data or "").strip()
        if written:
            return written
        return sentence(self.activity, (self.where.data or "").strip())

    def content(self) -> dict:
        """The entry's content, with exactly the keys the normal form of its kind writes."""
        activity = self.activity
        where = (self.where.data or "").strip()
        feeling = int(self.feeling.data) if self.feeling.data else None
        shared = {
            "occurred_on": self.day.data.isoformat(),
            "what_i_did": self.what_i_did(),
            "who_i_met": self.who_i_met(),
            "what_i_learned": "",
            "feeling": feeling,
            "what_next": "",
            "sector": "",
        }
        if activity.kind == kinds.WORKPLACE:
            extra = {
                "placement_kind": activity.category,
                "employer": where,
                "role": "",
                "ends_on": None,
                "hours": None,
            }
        else:
            extra = {"category": activity.category, "organisation": where}
        values = shared | extra
        return {name: values[name] for name in kinds.FIELDS[activity.kind]}


def who_text(codes: list[str]) -> str:
    """ "A manager, a worker" from the roles chosen, in the order they are offered."""
    phrases = [role.phrase for code, role in ROLES.items() if code in codes]
    text = ", ".join(phrases)
    return text[:1].upper() + text[1:]


def sentence(activity: Activity | None, where: str) -> str:
    """ "I went to a careers fair at City College." """
    if activity is None:
        return ""
    return f"{activity.sentence} at {where}." if where else f"{activity.sentence}."
