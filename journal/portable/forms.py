from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, HiddenField
from wtforms.validators import DataRequired, Regexp


class PassportUploadForm(FlaskForm):
    passport = FileField(
        "Passport file (.passport.zip)",
        validators=[FileRequired("Choose the .passport.zip file from the previous school.")],
        render_kw={"accept": ".zip,application/zip"},
    )


class PassportConfirmForm(FlaskForm):
    upload = HiddenField(validators=[DataRequired(), Regexp(r"^[0-9a-f]{64}$")])
    fingerprint_compared = BooleanField(
        "I have compared this fingerprint with the one the school publishes, and they match"
    )


class KeyConfirmForm(FlaskForm):
    """Staff confirm, after the import, the key of the school that issued a passport."""

    fingerprint_compared = BooleanField(
        "I have compared this fingerprint with the one the school publishes, and they match",
        validators=[DataRequired("Tick the box once you have compared the fingerprints.")],
    )
