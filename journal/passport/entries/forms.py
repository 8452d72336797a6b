"""The guided entry forms, one per kind: plain-word prompts, everything kept when something is
wrong (photos included: they are stored as soon as they arrive and carried by id)."""

from __future__ import annotations

from datetime import date

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    HiddenField,
    MultipleFileField,
    RadioField,
    SelectChoice,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Length,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from journal.passport.entries.operations import date_problem
from journal.reference import kinds

UUID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
TEXT_LIMIT = 5000
MARKDOWN_HINT = "You can use **bold**, *italics* and lists starting with a dash."
PHOTO_LIMIT = 6
TRIMMED = {"organisation", "sector", "employer", "role", "title", "awarded_by"} | set(kinds.PROMPTS)


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


def _line(label: str, hint: str = "", limit: int = 200) -> StringField:
    return StringField(
        label,
        validators=[
            Optional(),
            Length(max=limit, message=f"Please keep this under {limit} characters."),
        ],
        description=hint,
    )


def _choice(label: str, choices: dict) -> RadioField:
    return RadioField(
        label,
        choices=[SelectChoice(c.code, c.label) for c in choices.values()],
        validators=[Optional()],
    )


class WithUploads:
    """What the normal and the simple recording forms share about photos: the attachments kept
    from an earlier try (a hidden ``attachment_ids`` field) and the files chosen this time
    (``photos``). ``uploads.take_uploads`` reads both."""

    @property
    def kept_attachment_ids(self) -> list[int]:
        """The ids in the hidden field, in order, without repeats or anything not a number."""
        ids: list[int] = []
        for part in (self.attachment_ids.data or "").split(","):
            if part.strip().isdigit() and int(part) not in ids:
                ids.append(int(part))
        return ids

    @property
    def uploads(self) -> list:
        """The files chosen this time (browsers send an empty part when none were chosen)."""
        return [f for f in (self.photos.data or []) if getattr(f, "filename", "")]


class EntryForm(WithUploads, FlaskForm):
    """What every kind shares: identity, the day, the feeling, sharing and photos."""

    kind = ""
    allow_pdf = False
    required: dict[str, str] = {}  # field name → the message when a saved entry leaves it empty

    client_id = HiddenField(validators=[DataRequired(), Regexp(UUID)])
    based_on = HiddenField()  # the revision number the person started from
    attachment_ids = HiddenField()  # files already uploaded for this entry, kept across errors
    occurred_on = DateField("When did it happen?", validators=[DataRequired("Choose the day.")])
    feeling = RadioField(
        "How did you feel about it?",
        choices=[SelectChoice(str(n), label) for n, label in kinds.FEELINGS.items()],
        coerce=int,
        validators=[Optional()],
    )
    photos = MultipleFileField("Add photos (optional)")
    photo_description = _line(
        "What is in the photos? (optional)",
        "A few words help people who cannot see them. Do not include other people's faces "
        "without asking them.",
        300,
    )
    shared_with_family = BooleanField("My family can see this")
    save = SubmitField("Save")
    save_draft = SubmitField("Save as draft")

    def __init__(self, *args, pupil, **kwargs):
        super().__init__(*args, **kwargs)
        self.pupil = pupil

    @classmethod
    def from_entry(cls, entry, *, pupil, **extra) -> EntryForm:
        """A form filled with an entry's current revision (used by the edit page on GET);
        `extra` goes to the kind's own form (a diary day's placement)."""
        data = {name: entry.content.get(name) for name in kinds.FIELDS[cls.kind]}
        for name in ("occurred_on", "ends_on"):
            if data.get(name):
                data[name] = date.fromisoformat(data[name])
        data["client_id"] = entry.client_id
        data["based_on"] = str(entry.revision_count)
        data["attachment_ids"] = ",".join(str(a["id"]) for a in entry.attachments)
        data["shared_with_family"] = entry.shared_with_family
        return cls(data=data, pupil=pupil, **extra)

    @property
    def state(self) -> str:
        return "draft" if self.save_draft.data else "submitted"

    def validate_occurred_on(self, field) -> None:
        problem = date_problem(self.pupil, field.data)
        if problem:
            raise ValidationError(problem)

    def validate(self, extra_validators=None) -> bool:
        """A draft needs only its date; a saved entry also needs the kind's required answers."""
        valid = super().validate(extra_validators)
        if self.state == "draft":
            return valid
        for name, message in self.required.items():
            value = self[name].data
            if value is None or (isinstance(value, str) and not value.strip()):
                self[name].errors.append(message)
                valid = False
        return valid

    def content(self) -> dict:
        """The revision content: this kind's fields as JSON, dates as ISO strings."""
        content = {}
        for name in kinds.FIELDS[self.kind]:
            value = self[name].data
            if name in TRIMMED:
                value = (value or "").strip()
            elif isinstance(value, date):
                value = value.isoformat()
            elif name == "hours" and value is not None:
                value = float(value)
            content[name] = value
        return content


class EncounterForm(EntryForm):
    kind = kinds.ENCOUNTER
    required = {
        "category": "Choose what it was.",
        "what_i_did": "Write a sentence or two about what you did.",
    }

    category = RadioField(
        "What was it?",
        choices=[SelectChoice(c.code, c.label) for c in kinds.ENCOUNTER_CATEGORIES.values()],
        validators=[Optional()],
    )
    organisation = _line(
        "Which employer, college or organisation?", "For example: Riverside Hospital."
    )
    sector = _line(
        "What kind of work is it? (optional)", "For example: health, building, computing.", 100
    )
    what_i_did = _long_text("What did you do?", MARKDOWN_HINT)
    who_i_met = _long_text("Who did you meet?", "Their job, or what they do. Names are optional.")
    what_i_learned = _long_text("What did you learn?", "About the job, the place or yourself.")
    what_next = _long_text("What next?", "Something you want to find out, try or do next.")


class WorkplaceForm(EntryForm):
    kind = kinds.WORKPLACE
    required = {
        "placement_kind": "Choose what kind of work experience it was.",
        "employer": "Write where you did it.",
    }

    placement_kind = _choice("What kind of work experience?", kinds.WORKPLACE_KINDS)
    employer = _line("Where was it?", "The employer or organisation. For example: Northgate Vets.")
    role = _line("What was your role? (optional)", "For example: helping in the kitchen.", 100)
    sector = _line(
        "What kind of work is it? (optional)", "For example: animal care, retail, office.", 100
    )
    occurred_on = DateField("First day", validators=[DataRequired("Choose the first day.")])
    ends_on = DateField("Last day (optional)", validators=[Optional()])
    hours = DecimalField(
        "How many hours in all? (optional)",
        places=1,
        validators=[
            Optional(),
            NumberRange(min=0.5, max=2000, message="Write a number of hours from 0.5 to 2000."),
        ],
        description="For example: 30 for a week of mornings.",
        render_kw={"inputmode": "decimal"},
    )
    what_i_did = _long_text("What did you do?", MARKDOWN_HINT)
    who_i_met = _long_text("Who did you work with?", "Their jobs, or what they do.")
    what_i_learned = _long_text("What did you learn?", "About the job, the place or yourself.")
    what_next = _long_text("What next?", "Something you want to find out, try or do next.")

    def validate_ends_on(self, field) -> None:
        if field.data is None:
            return
        problem = date_problem(self.pupil, field.data, future_ok=True)
        if problem:
            raise ValidationError(problem)
        if self.occurred_on.data and field.data < self.occurred_on.data:
            raise ValidationError("The last day cannot be before the first day.")


class DiaryForm(EntryForm):
    kind = kinds.DIARY
    required = {"what_i_did": "Write a sentence or two about your day."}

    occurred_on = DateField("Which day?", validators=[DataRequired("Choose the day.")])
    what_i_did = _long_text("What did you do today?", MARKDOWN_HINT)
    what_i_learned = _long_text("What did you learn?", "About the job, the place or yourself.")
    feeling = RadioField(
        "How did you feel today?",
        choices=[SelectChoice(str(n), label) for n, label in kinds.FEELINGS.items()],
        coerce=int,
        validators=[Optional()],
    )
    what_next = _long_text("What will you do tomorrow, or next?", "Something to try or ask.")

    def __init__(self, *args, placement=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.placement = placement

    def validate_occurred_on(self, field) -> None:
        super().validate_occurred_on(field)
        if self.placement is not None and field.data and field.data < self.placement.occurred_on:
            first = f"{self.placement.occurred_on:%-d %B %Y}"
            raise ValidationError(f"This work experience started on {first}. Choose a later day.")


class AchievementForm(EntryForm):
    kind = kinds.ACHIEVEMENT
    allow_pdf = True
    required = {
        "achievement_kind": "Choose what kind of achievement it is.",
        "title": "Write what you achieved.",
    }

    achievement_kind = _choice("What kind of achievement?", kinds.ACHIEVEMENT_KINDS)
    title = _line(
        "What did you achieve?", "For example: Food Hygiene Level 1, or Star of the Week."
    )
    awarded_by = _line("Who gave it? (optional)", "For example: the school, St John Ambulance.")
    occurred_on = DateField("When?", validators=[DataRequired("Choose the day.")])
    what_i_did = _long_text("What did you do to get it?", MARKDOWN_HINT)
    what_i_learned = _long_text("What does it show about you?", "A skill, or something you can do.")
    photos = MultipleFileField("Add a photo or the certificate (optional)")
    photo_description = _line("What is the file? (optional)", "For example: my certificate.", 300)


FORMS: dict[str, type[EntryForm]] = {
    form.kind: form for form in (EncounterForm, WorkplaceForm, DiaryForm, AchievementForm)
}


def form_for(kind: str) -> type[EntryForm]:
    return FORMS[kind]
