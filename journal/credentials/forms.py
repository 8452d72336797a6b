"""The pupil's choice of credentials, and the verify page's upload or paste."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

MAX_TOKEN_CHARS = 64 * 1024


class ChooseForm(FlaskForm):
    chosen = SelectMultipleField(
        "Which do you want as credentials?",
        option_widget=CheckboxInput(),
        widget=ListWidget(prefix_label=False),
        validators=[DataRequired("Choose at least one.")],
    )
    subject_name = StringField(
        "The name to show on them",
        description="Anyone you give a credential to sees this name. It can be the name you "
        "use, or just your first name.",
        validators=[DataRequired("Write the name to show."), Length(max=200)],
    )
    own_words = BooleanField("Put my own words in too (what I did and what I learned)")


class VerifyForm(FlaskForm):
    file = FileField("A credential file (.jwt)", validators=[Optional()])
    token = TextAreaField(
        "Or paste the credential",
        description="It is a long line of letters and numbers with two dots in it.",
        validators=[Optional(), Length(max=MAX_TOKEN_CHARS)],
        render_kw={"rows": 5, "spellcheck": "false", "autocomplete": "off"},
    )
