from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, SelectField
from wtforms.validators import DataRequired, Regexp


class RosterUploadForm(FlaskForm):
    roster = FileField(
        "Roster file (CSV)",
        validators=[FileRequired("Choose the CSV file your MIS exported.")],
        description="Export pupils from SIMS, Arbor or Bromcom as CSV. We match columns by name.",
        render_kw={"accept": ".csv,text/csv"},
    )


class RosterConfirmForm(FlaskForm):
    upload = HiddenField(validators=[DataRequired(), Regexp(r"^[0-9a-f]{64}$")])


class CareerSendGroupForm(FlaskForm):
    career_send_group = SelectField(
        "Career SEND group",
        choices=[("", "Not set"), ("1", "Group 1"), ("2", "Group 2")],
        description="Group 1: pupils who typically will not take GCSEs or Level 2. "
        "Group 2: pupils who typically take GCSEs or Level 2 and can reach the same "
        "outcomes as their peers with support.",
    )
