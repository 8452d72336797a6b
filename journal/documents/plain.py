"""Documents as plain text, ready to paste into an application form.

UCAS: each question, a blank line, its answer, a blank line before the next question.
Free-form statement: exactly the text, so its count is the count shown in the editor.
CV: the pupil's name, then each section that has something in it, its heading in capitals and
one line a row. Everything goes through ``counting.normalise``: whatever the pupil typed
(``<b>``, ``&amp;``…) comes out as those characters, never interpreted.
"""

from __future__ import annotations

from .counting import UCAS_QUESTIONS, normalise
from .models import CV, CV_SECTIONS, UCAS, Document


def plain_text(document: Document, content: dict | None = None) -> str:
    """``document`` (or ``content``, one of its versions) as plain text with LF line breaks."""
    content = document.content if content is None else content
    if document.kind == UCAS:
        return ucas_text(content)
    if document.kind == CV:
        return cv_text(document, content)
    return normalise(content.get("text"))


def ucas_text(content: dict) -> str:
    answers = [*(content.get("answers") or []), "", "", ""]
    blocks = [f"{q}\n\n{normalise(a)}" for q, a in zip(UCAS_QUESTIONS, answers, strict=False)]
    return "\n\n".join(blocks)


def _line(*parts) -> str:
    return ", ".join(normalise(str(part)).strip() for part in parts if part and str(part).strip())


def _cv_rows(name: str, value) -> list[str]:
    if isinstance(value, str):
        return [normalise(value).strip()] if value.strip() else []
    rows: list[str] = []
    for row in value or []:
        if name == "education":
            line = _line(row.get("what"), row.get("where"), row.get("when"), row.get("grade"))
            rows += [line] if line else []
        elif name == "skills":
            skill, text = _line(row.get("skill")), _line(row.get("text"))
            rows += [f"{skill}: {text}" if skill and text else skill or text]
        else:
            heading = _line(row.get("heading"), row.get("when"))
            text = normalise(row.get("text") or "").strip()
            rows += [part for part in (heading, text) if part]
    return [row for row in rows if row]


def cv_text(document: Document, content: dict) -> str:
    blocks = [document.pupil.full_name.upper()]
    for name, heading in CV_SECTIONS.items():
        rows = _cv_rows(name, content.get(name))
        if rows:
            blocks.append("\n".join([heading.upper(), *rows]))
    return "\n\n".join(blocks)
