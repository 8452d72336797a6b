"""The CV editor form: one section after another, rows added and taken out without
JavaScript, and everything typed kept when something is wrong (or too long)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import FieldList, Form, FormField, HiddenField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from .models import empty_content

LINE_LIMIT = 200  # a heading, a place, a qualification
WHEN_LIMIT = 60  # "September 2022 to July 2027"
TEXT_LIMIT = 1500  # the text of one line
PROFILE_LIMIT = 2000
INTERESTS_LIMIT = 1000
REFERENCES_LIMIT = 500
ROW_LIMIT = 30  # rows in one section
TOTAL_LIMIT = 20000  # the whole CV: about five pages

ROW_SECTIONS = ("education", "experience", "skills", "achievements")
ROW_NOUNS = {
    "education": "qualification",
    "experience": "experience",
    "skills": "skill",
    "achievements": "achievement",
}


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def _text(label: str, limit: int, hint: str = "", rows: int = 4) -> TextAreaField:
    return TextAreaField(
        label,
        filters=[_strip],
        validators=[
            Optional(),
            Length(
                max=limit, message=f"This is too long: please keep it under {limit:,} characters."
            ),
        ],
        description=hint,
        render_kw={"rows": rows},
    )


def _line(label: str, limit: int = LINE_LIMIT, hint: str = "") -> StringField:
    return StringField(
        label,
        filters=[_strip],
        validators=[
            Optional(),
            Length(
                max=limit, message=f"This is too long: please keep it under {limit:,} characters."
            ),
        ],
        description=hint,
    )


def _ids(value: str | None) -> list[int]:
    return [int(part) for part in (value or "").split(",") if part.strip().isdigit()][:20]


class _Row(Form):
    """A row of a section; ``needs`` is the field a row must have once anything is typed."""

    needs = ""
    needs_message = ""

    def filled(self) -> bool:
        return any(
            (f.data or "").strip() for f in self if f.type in ("StringField", "TextAreaField")
        )

    def ids(self) -> list[int]:
        """The passport entries this row came from (as typed: check before trusting)."""
        return _entry_ids_of(self)

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.filled() and not (self[self.needs].data or "").strip():
            self[self.needs].errors = [*self[self.needs].errors, self.needs_message]
            return False
        return valid


class EducationRow(_Row):
    needs = "what"
    needs_message = "Write the qualification or subject, or take this row out."
    what = _line("Qualification or subject", hint="For example: GCSE English Language")
    where = _line("School or college")
    when = _line("When", WHEN_LIMIT, "For example: 2022 to 2027")
    grade = _line("Grade", WHEN_LIMIT, "Or the grade you expect")

    def content(self) -> dict:
        return {name: self[name].data or "" for name in ("what", "where", "when", "grade")}


class LineRow(_Row):
    """A line of experience or an achievement; ``entry_id`` is the passport entry it came
    from, if any."""

    needs = "heading"
    needs_message = "Write a heading, or take this row out."
    entry_id = HiddenField()
    heading = _line("Heading", hint="What it was and where")
    when = _line("When", WHEN_LIMIT)
    text = _text("What I did and learned", TEXT_LIMIT, rows=4)

    def content(self, allowed: set[int]) -> dict:
        raw = (self.entry_id.data or "").strip()
        entry_id = int(raw) if raw.isdigit() and int(raw) in allowed else None
        return {
            "entry_id": entry_id,
            "heading": self.heading.data or "",
            "when": self.when.data or "",
            "text": self.text.data or "",
        }


class SkillRow(_Row):
    needs = "skill"
    needs_message = "Write the skill, or take this row out."
    skill = _line("Skill", 100)
    text = _text("How I show it", TEXT_LIMIT, rows=3)
    entry_ids = HiddenField()

    def content(self, allowed: set[int]) -> dict:
        return {
            "skill": self.skill.data or "",
            "text": self.text.data or "",
            "entry_ids": [i for i in _ids(self.entry_ids.data) if i in allowed],
        }


class CVForm(FlaskForm):
    based_on = HiddenField()  # the version number the pupil started from
    profile = _text(
        "Personal profile",
        PROFILE_LIMIT,
        "A few sentences about you: what you are good at and what you want to do.",
        rows=5,
    )
    education = FieldList(FormField(EducationRow))
    experience = FieldList(FormField(LineRow))
    skills = FieldList(FormField(SkillRow))
    achievements = FieldList(FormField(LineRow))
    interests = _text("Interests", INTERESTS_LIMIT, "What you like doing outside school.", 3)
    references = _text("References", REFERENCES_LIMIT, rows=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.total_error = ""

    @classmethod
    def showing(cls, content: dict, based_on: int) -> CVForm:
        """A form filled from ``content`` (not from what was posted)."""
        data = empty_content("cv") | content
        form = cls(formdata=None, data=_form_data(data))
        form.based_on.data = str(based_on)
        return form

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for name in ROW_SECTIONS:
            if len(self[name].entries) > ROW_LIMIT:
                self[name].errors = [
                    f"There are too many rows here: please keep it to {ROW_LIMIT}."
                ]
                valid = False
        total = self.total_characters()
        if total > TOTAL_LIMIT:
            self.total_error = (
                f"Your CV is too long to save: it has {total:,} characters and can have up to "
                f"{TOTAL_LIMIT:,}. Shorten some lines or take some out."
            )
            valid = False
        return valid

    def total_characters(self) -> int:
        total = 0
        for name in ("profile", "interests", "references"):
            total += len(self[name].data or "")
        for name in ROW_SECTIONS:
            for row in self[name]:
                total += sum(
                    len(f.data or "")
                    for f in row.form
                    if f.type in ("StringField", "TextAreaField")
                )
        return total

    def content(self, allowed_entries: set[int]) -> dict:
        """The CV as saved: empty rows left out; entry ids only the pupil's own."""

        def rows(name: str) -> list:
            return [
                row.form.content(allowed_entries) if name != "education" else row.form.content()
                for row in self[name]
                if row.form.filled()
            ]

        return {
            "profile": self.profile.data or "",
            "education": rows("education"),
            "experience": rows("experience"),
            "skills": rows("skills"),
            "achievements": rows("achievements"),
            "interests": self.interests.data or "",
            "references": self.references.data or "",
        }

    def typed(self) -> dict:
        """Everything as typed, empty rows included: to show the form again after adding or
        taking out a row."""
        result = {name: self[name].data or "" for name in ("profile", "interests", "references")}
        for name in ROW_SECTIONS:
            result[name] = [dict(row.form.data) for row in self[name]]
        return result

    def problems(self) -> list[tuple[str, str]]:
        """(field id, message) for every error, in page order, for the summary."""
        found: list[tuple[str, str]] = []
        for name in ("profile", *ROW_SECTIONS, "interests", "references"):
            field = self[name]
            if name in ROW_SECTIONS:
                for message in field.errors if isinstance(field.errors, list) else []:
                    if isinstance(message, str):
                        found.append((name, message))
                for row in field:
                    for sub in row.form:
                        found += [(sub.id, m) for m in sub.errors if isinstance(m, str)]
            else:
                found += [(field.id, m) for m in field.errors]
        return found

    def ids_in(self, name: str) -> list[int]:
        return [i for row in self[name] for i in _entry_ids_of(row.form)]

    def entry_ids(self) -> list[int]:
        return [i for name in ("experience", "skills", "achievements") for i in self.ids_in(name)]


def _entry_ids_of(row: Form) -> list[int]:
    if "entry_ids" in row:
        return _ids(row.entry_ids.data)
    raw = (row.entry_id.data or "").strip() if "entry_id" in row else ""
    return [int(raw)] if raw.isdigit() else []


def _form_data(content: dict) -> dict:
    """Stored content as form data (entry ids as the text of hidden fields)."""
    data = {key: content.get(key) or "" for key in ("profile", "interests", "references")}
    data["education"] = [dict(row) for row in content.get("education") or []]
    data["experience"] = [_line_data(row) for row in content.get("experience") or []]
    data["achievements"] = [_line_data(row) for row in content.get("achievements") or []]
    data["skills"] = [
        dict(row) | {"entry_ids": _ids_text(row.get("entry_ids"))}
        for row in content.get("skills") or []
    ]
    return data


def _ids_text(ids) -> str:
    return ids if isinstance(ids, str) else ",".join(str(i) for i in ids or [])


def _line_data(row: dict) -> dict:
    entry_id = row.get("entry_id")
    return dict(row) | {"entry_id": "" if entry_id is None else str(entry_id)}
