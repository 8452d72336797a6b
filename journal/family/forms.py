from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Optional, Regexp

RELATIONSHIP_HINT = "For example: Mum, Dad, Grandad, Foster carer."


class InviteForm(FlaskForm):
    relationship_label = StringField(
        "Who is the invite for? (optional)",
        validators=[Optional(), Length(max=60, message="Use 60 characters or fewer.")],
        description=RELATIONSHIP_HINT,
    )


class CodeForm(FlaskForm):
    code = StringField(
        "Your code",
        validators=[DataRequired("Type the code from the school's letter."), Length(max=40)],
        description="It is on the letter from school. It has 10 letters and numbers, "
        "for example ACD7K-MN4QR.",
        render_kw={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"},
    )
    relationship_label = StringField(
        "How are you related to the young person?",
        validators=[Optional(), Length(max=60, message="Use 60 characters or fewer.")],
        description=RELATIONSHIP_HINT,
    )


class JoinForm(CodeForm):
    """The code again (kept in a hidden field after the first step) and the new account."""

    display_name = StringField(
        "Your name",
        validators=[DataRequired("Type your name."), Length(max=120)],
        description="The school and the young person will see this.",
        render_kw={"autocomplete": "name"},
    )
    username = StringField(
        "Choose a username",
        validators=[
            DataRequired("Choose a username."),
            Length(min=3, max=80, message="A username has 3 to 80 characters."),
            Regexp(
                r"^[A-Za-z0-9._-]+$", message="Use letters, numbers, dots, dashes or underscores."
            ),
        ],
        description="You type this to sign in. Letters and numbers, no spaces.",
        render_kw={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"},
    )
    email = EmailField(
        "Email (optional)",
        validators=[Optional(), Length(max=254)],
        description="You can sign in with this instead of your username.",
        render_kw={"autocomplete": "email"},
    )
    password = PasswordField(
        "Choose a password",
        validators=[DataRequired("Choose a password."), Length(max=1024)],
        description="At least 10 characters. A short sentence is easy to remember.",
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        "Type the password again",
        validators=[
            DataRequired("Type the password again."),
            EqualTo("password", "The two passwords are not the same."),
        ],
        render_kw={"autocomplete": "new-password"},
    )
