from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField
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
