from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectMultipleField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from .roles import ROLE_LABELS, Role


class SignInForm(FlaskForm):
    identifier = StringField(
        "Username or email",
        validators=[DataRequired("Type your username or email."), Length(max=254)],
        render_kw={"autocomplete": "username", "autocapitalize": "none", "spellcheck": "false"},
    )
    password = PasswordField(
        "Password",
        validators=[DataRequired("Type your password."), Length(max=1024)],
        render_kw={"autocomplete": "current-password"},
    )


class ChangePasswordForm(FlaskForm):
    new_password = PasswordField(
        "New password",
        validators=[DataRequired("Type a new password."), Length(max=1024)],
        render_kw={"autocomplete": "new-password"},
        description="At least 10 characters. A short sentence is easy to remember.",
    )
    confirm = PasswordField(
        "Type it again",
        validators=[
            DataRequired("Type the new password again."),
            EqualTo("new_password", "The two passwords are not the same."),
        ],
        render_kw={"autocomplete": "new-password"},
    )


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


STAFF_ROLE_CHOICES = [(r.value, ROLE_LABELS[r]) for r in Role if r not in (Role.PUPIL, Role.FAMILY)]


class PersonForm(FlaskForm):
    display_name = StringField(
        "Full name", validators=[DataRequired("Type the person's name."), Length(max=120)]
    )
    username = StringField(
        "Username",
        validators=[
            DataRequired("Choose a username."),
            Length(min=3, max=80, message="A username has 3 to 80 characters."),
            Regexp(
                r"^[A-Za-z0-9._-]+$", message="Use letters, numbers, dots, dashes or underscores."
            ),
        ],
        render_kw={"autocapitalize": "none", "spellcheck": "false"},
    )
    email = EmailField(
        "Email (optional)",
        validators=[Optional(), Length(max=254)],
        render_kw={"autocomplete": "off"},
    )
    roles = CheckboxesField(
        "Roles",
        choices=STAFF_ROLE_CHOICES,
        validators=[DataRequired("Choose at least one role.")],
    )
    tutor_groups = CheckboxesField("Tutor groups (for tutors)", choices=[], coerce=int)


class ButtonForm(FlaskForm):
    """A form with nothing but its CSRF token, for buttons that change something."""
