"""Forms for writing a personal statement. Texts are normalised as they arrive (see
``counting``), so what is counted is what is stored. Too short or too long is allowed in a
draft (the page says so plainly); only a paste far beyond any statement is refused."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, TextAreaField
from wtforms.validators import NumberRange, Optional, ValidationError

from .counting import MAX_CHARACTERS, UCAS_QUESTIONS, count, normalise
from .models import UCAS, Document


def _not_huge(form, field) -> None:
    if len(field.data or "") > MAX_CHARACTERS:
        raise ValidationError(
            f"This is {count(field.data):,} characters, far more than a statement can be: "
            f"the most we keep is {MAX_CHARACTERS:,}. Your text is still here: cut it down, "
            "then save."
        )


def _text(label: str) -> TextAreaField:
    return TextAreaField(label, filters=[normalise], validators=[_not_huge])


class UcasForm(FlaskForm):
    answer_1 = _text(UCAS_QUESTIONS[0])
    answer_2 = _text(UCAS_QUESTIONS[1])
    answer_3 = _text(UCAS_QUESTIONS[2])
    # The version the pupil started from: saving over a newer one is a conflict.
    version = HiddenField()

    answer_names = ("answer_1", "answer_2", "answer_3")

    @classmethod
    def start(cls, document: Document) -> UcasForm:
        answers = document.content.get("answers") or ["", "", ""]
        data = {f"answer_{n}": text for n, text in enumerate(answers, start=1)}
        return cls(data=data | {"version": document.version_count})

    def content(self) -> dict:
        return {"answers": [self[name].data or "" for name in self.answer_names]}


class StatementForm(FlaskForm):
    text = _text("Your statement")
    char_limit = IntegerField(
        "Most characters allowed",
        validators=[Optional(), NumberRange(100, 20000, "Choose a number from 100 to 20,000.")],
    )
    version = HiddenField()

    @classmethod
    def start(cls, document: Document) -> StatementForm:
        data = {
            "text": document.content.get("text") or "",
            "char_limit": document.char_limit,
            "version": document.version_count,
        }
        return cls(data=data)

    def content(self) -> dict:
        return {"text": self.text.data or ""}


def form_for(document: Document) -> UcasForm | StatementForm:
    """The editor's form: the saved text on GET, what was sent on POST."""
    form_class = UcasForm if document.kind == UCAS else StatementForm
    return form_class.start(document)


def is_stale(form, document: Document) -> bool:
    """True when the document was saved elsewhere since this form was opened (a form sent
    without the version it started from counts as stale: nothing is overwritten blind)."""
    sent = (form.version.raw_data or [""])[0]
    return sent != str(document.version_count)
