"""The view settings form: big radio choices, one fieldset a setting.

The same fields serve a person's own settings and the defaults staff set for a pupil; the staff
version adds a "not set" choice to each, meaning "leave it to the pupil or the usual setting".
"""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Optional

NOT_SET = ("", "Not set")

CHOICES = {
    "text_size": (
        "Text size",
        "Bigger text makes everything on the page bigger.",
        [("100", "Standard"), ("125", "Bigger"), ("150", "Large"), ("200", "Very large")],
    ),
    "spacing": (
        "Space between lines and letters",
        "Wide spacing puts more room between lines, words and letters.",
        [("normal", "Standard"), ("wide", "Wide")],
    ),
    "contrast": (
        "Colours",
        "High contrast uses black on white and stronger lines.",
        [("normal", "Standard"), ("high", "High contrast")],
    ),
    "font": (
        "Font",
        "The easy-read font (Atkinson Hyperlegible) makes letters like I, l and 1 look different.",
        [("default", "Standard"), ("dyslexic", "Easy-read font")],
    ),
    "reduced_motion": (
        "Less movement",
        "Stops things sliding or scrolling smoothly on the page.",
        [("off", "Off"), ("on", "On")],
    ),
    "symbols": (
        "Picture symbols",
        "Shows a picture above key words.",
        [("off", "Off"), ("on", "On")],
    ),
    "simple_mode": (
        "Simple mode",
        "One question on each screen, with picture choices.",
        [("off", "Off"), ("on", "On")],
    ),
}


def _field(name: str, staff: bool) -> RadioField:
    label, hint, choices = CHOICES[name]
    options = [SelectChoice(value, text) for value, text in choices]
    if staff:
        return RadioField(
            label,
            choices=[SelectChoice(*NOT_SET), *options],
            default="",
            validators=[Optional()],
            description=hint,
        )
    return RadioField(
        label, choices=options, validators=[InputRequired("Choose one.")], description=hint
    )


class ViewSettingsForm(FlaskForm):
    """A person's own view settings."""

    text_size = _field("text_size", staff=False)
    spacing = _field("spacing", staff=False)
    contrast = _field("contrast", staff=False)
    font = _field("font", staff=False)
    reduced_motion = _field("reduced_motion", staff=False)
    symbols = _field("symbols", staff=False)
    simple_mode = _field("simple_mode", staff=False)


class PupilDefaultsForm(FlaskForm):
    """The defaults staff set for a pupil; "Not set" leaves a setting to the usual one."""

    text_size = _field("text_size", staff=True)
    spacing = _field("spacing", staff=True)
    contrast = _field("contrast", staff=True)
    font = _field("font", staff=True)
    reduced_motion = _field("reduced_motion", staff=True)
    symbols = _field("symbols", staff=True)
    simple_mode = _field("simple_mode", staff=True)


def values_from(form: FlaskForm) -> dict:
    """The form's choices as column values (``None`` for "not set")."""
    values = {}
    for name in CHOICES:
        raw = form[name].data or ""
        if raw == "":
            values[name] = None
        elif name == "text_size":
            values[name] = int(raw)
        elif raw in ("on", "off"):
            values[name] = raw == "on"
        else:
            values[name] = raw
    return values


def form_data(row) -> dict[str, str]:
    """A stored row as form data (``""`` for settings the row leaves unset)."""
    if row is None:
        return {}
    data = {}
    for name in CHOICES:
        value = getattr(row, name)
        if value is None:
            data[name] = ""
        elif isinstance(value, bool):
            data[name] = "on" if value else "off"
        else:
            data[name] = str(value)
    return data


def choice_labels(row) -> dict[str, str]:
    """The labels of the choices a row makes, by setting ("text_size": "Very large")."""
    labels = {}
    for name, value in form_data(row).items():
        if value:
            labels[name] = dict(CHOICES[name][2]).get(value, value)
    return labels
