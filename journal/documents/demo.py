"""The demo pupil's documents: a two-page CV built from her passport, and a UCAS statement
draft. Called from ``journal.demo`` after her passport is written; also used by the export
tests, the benchmark and the README screenshots.

Each CV line that comes from the passport keeps the entry it was drawn from (``entry_id``,
``entry_ids``), found by what Maya wrote (the employer, organisation or title). An entry that
is not there (the passport was seeded on a date before it) is simply left unlinked.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from journal.accounts.models import User
from journal.extensions import db
from journal.passport.entries.models import Entry
from journal.schools.models import Pupil

from .models import CV, UCAS, Document
from .operations import create_document

CV_TITLE = "CV for the vets"
UCAS_TITLE = "UCAS statement (practice)"


def seed_documents(pupil: Pupil, user: User) -> list[Document]:
    """Give ``pupil`` (the demo pupil) a CV and a UCAS statement draft, written by ``user``
    (her own account). Seeding again adds nothing once she has any document."""
    if db.session.scalar(select(Document.id).where(Document.pupil_id == pupil.id).limit(1)):
        return []
    entries = _entries_by_name(pupil)
    return [
        create_document(pupil, kind=CV, title=CV_TITLE, by=user, content=maya_cv(pupil, entries)),
        create_document(pupil, kind=UCAS, title=UCAS_TITLE, by=user, content=maya_statement()),
    ]


def _entries_by_name(pupil: Pupil) -> dict[str, Entry]:
    """The pupil's saved entries by the name she gave each (employer, organisation or title);
    the earliest entry wins when two share a name."""
    found: dict[str, Entry] = {}
    query = (
        select(Entry)
        .where(Entry.pupil_id == pupil.id, Entry.state != "draft")
        .order_by(Entry.occurred_on, Entry.id)
    )
    for entry in db.session.scalars(query):
        content = entry.content
        name = content.get("employer") or content.get("organisation") or content.get("title")
        if name:
            found.setdefault(f"{entry.kind}:{name}", entry)
    return found


def _month(day: date) -> str:
    return f"{day:%B %Y}"


def maya_cv(pupil: Pupil, entries: dict[str, Entry]) -> dict:
    """Maya's CV content (see ``journal.documents.models``), in her own words."""

    def ref(key: str) -> Entry | None:
        return entries.get(key)

    def row(key: str, heading: str, text: str, when: str | None = None) -> dict:
        entry = ref(key)
        if when is None:
            when = _month(entry.occurred_on) if entry else ""
        return {
            "entry_id": entry.id if entry else None,
            "heading": heading,
            "when": when,
            "text": text,
        }

    def ids(*keys: str) -> list[int]:
        return [entry.id for key in keys if (entry := ref(key))]

    began = pupil.record_began_on.year
    rescue = ref("achievement:Volunteering at Kirkstall Animal Rescue")
    return {
        "profile": (
            "I am a Year 10 pupil at Riverside Academy and I want to become a veterinary nurse. "
            "I am kind, patient and reliable, and animals stay calm with me. I have volunteered "
            "at an animal rescue every Saturday for over a year, and my work experience week at "
            "Aire Valley Vets showed me I can manage a full, busy day on my feet.\n"
            "I am looking for a Saturday job or work experience with animals, where I can "
            "learn from a small, friendly team."
        ),
        "education": [
            {
                "what": "GCSEs: English language, English literature, maths, combined science, "
                "geography, art, food preparation and nutrition",
                "where": "Riverside Academy, Leeds",
                "when": f"September {began} – June {began + 5}",
                "grade": "working at grade 5 in science and food, grade 4 in English and "
                f"maths (exams in summer {began + 5})",
            },
            {
                "what": "First Aid for Young People",
                "where": "St John Ambulance",
                "when": _month(e.occurred_on)
                if (e := ref("achievement:First Aid for Young People"))
                else "",
                "grade": "Certificate",
            },
        ],
        "experience": [
            row(
                "workplace:Aire Valley Vets",
                "Work experience: veterinary helper, Aire Valley Vets",
                "A week helping the veterinary nurses in the kennels, on reception and in the "
                "prep room. I cleaned out the kennels, fed the cats, helped give a dog his "
                "medicine and watched an operation from the theatre window.\n"
                "I answered the phone on reception using a script, and learned that everything "
                "an animal has is written on its chart so the whole team knows.",
            ),
            row(
                "achievement:Volunteering at Kirkstall Animal Rescue",
                "Volunteer, Kirkstall Animal Rescue",
                "Every Saturday morning I walk the dogs, clean the kennels and wash the bowls. "
                "I have not missed a Saturday since I started.",
                when=f"Since {_month(rescue.occurred_on)}" if rescue else "Saturdays",
            ),
            row(
                "workplace:Riverside Hospital",
                "Virtual work experience, Riverside Hospital",
                "A week of online sessions with five hospital teams: pharmacy, physiotherapy, "
                "the labs and a ward. I found out there are over 350 different jobs in the NHS.",
            ),
            row(
                "encounter:Paws and Claws Grooming",
                "Enterprise challenge: dog treats business",
                "Our team had £10 to start a business. We baked dog treats and sold them to "
                "parents at the open evening, and made £46. I did the baking and packing.",
            ),
        ],
        "skills": [
            {
                "skill": "Working with animals",
                "text": "I keep animals calm, and I helped give a dog his medicine at the vets. "
                "Sophie, my supervisor, wrote that I was "
                "\u201ccalm, kind and always willing\u201d.",
                "entry_ids": ids(
                    "workplace:Aire Valley Vets", "achievement:Work experience certificate"
                ),
            },
            {
                "skill": "Teamwork",
                "text": "At the vets I fitted into a team of nurses, vets and receptionists. In "
                "our enterprise team I did the baking and packing while others sold.",
                "entry_ids": ids("workplace:Aire Valley Vets", "encounter:Paws and Claws Grooming"),
            },
            {
                "skill": "Listening and following instructions",
                "text": "I followed the nurses\u2019 instructions exactly, first time, and I "
                "write things down so I get them right.",
                "entry_ids": ids("workplace:Aire Valley Vets"),
            },
            {
                "skill": "Reliability",
                "text": "I turn up for my volunteering every Saturday, and I finished the Summer "
                "Reading Challenge by finding a way that works for me.",
                "entry_ids": ids(
                    "achievement:Volunteering at Kirkstall Animal Rescue",
                    "achievement:Summer Reading Challenge",
                ),
            },
            {
                "skill": "First aid",
                "text": "I can do CPR and put someone in the recovery position, and I stayed "
                "calm in the practice emergency.",
                "entry_ids": ids("achievement:First Aid for Young People"),
            },
        ],
        "achievements": [
            row(
                "achievement:Work experience certificate",
                "Work experience certificate, Aire Valley Vets",
                "Given for my week of work experience.",
            ),
            row(
                "achievement:Summer Reading Challenge",
                "Summer Reading Challenge, Central Library",
                "I read six books over the summer, two of them as audiobooks that I read along "
                "with.",
            ),
            row(
                "achievement:Star of the Week for science",
                "Star of the Week for science",
                "For asking good questions about how the heart works.",
            ),
            {
                "entry_id": None,
                "heading": "Bronze Duke of Edinburgh\u2019s Award",
                "when": "In progress",
                "text": "Volunteering and skill sections done; the expedition is next.",
            },
        ],
        "interests": (
            "Animals, especially dogs. Baking: it is the skill section of my Duke of "
            "Edinburgh\u2019s Award. Drawing animals."
        ),
        "references": "References available on request",
    }


def maya_statement() -> dict:
    """A UCAS statement draft in Maya's voice (each answer over the 350-character minimum)."""
    return {
        "answers": [
            "I want to study veterinary nursing because I want to spend my working life caring "
            "for animals when they are ill, hurt or frightened. I have loved animals for as long "
            "as I can remember, and at first I wanted to be a vet.\n"
            "When Sophie, a registered veterinary nurse, came to talk to my year group, I "
            "realised that the nurses do much of the hands-on care: they give injections, watch "
            "an animal\u2019s breathing during an operation and look after it afterwards. That "
            "is the part of the job I want to do.",
            "Science is my favourite subject. I was Star of the Week for asking questions about "
            "how the heart works, and I enjoyed doing an experiment in a real lab on a visit to "
            "the University of Leeds.\n"
            "My food preparation course has taught me about hygiene and working safely. I have "
            "dyslexia, so reading long texts takes me longer. I have learned to use audiobooks "
            "and reading software, and I plan my work carefully so that I finish on time.",
            "I volunteer every Saturday at Kirkstall Animal Rescue, walking the dogs and "
            "cleaning the kennels. It has shown me that caring for animals is hard, physical "
            "work, and that I can keep going when it is cold and muddy.\n"
            "During my work experience week at Aire Valley Vets I helped the nurses in the "
            "kennels, the prep room and on reception. I used a script to answer the phone, "
            "which taught me that I can do things I find hard if I prepare. I also hold a "
            "First Aid for Young People certificate from St John Ambulance.",
        ]
    }


def seed_maya_documents() -> list[Document]:
    """``seed_documents`` for the demo pupil, Maya, when she exists (for ``seed_demo``)."""
    from journal.accounts.operations import find_by_login
    from journal.demo import DEMO_PUPIL

    user = find_by_login(DEMO_PUPIL)
    if user is None or user.pupil is None:
        return []
    return seed_documents(user.pupil, user)


def maya_documents() -> tuple[Document, Document]:
    """The demo pupil's CV and UCAS statement (seeded and committed first if she has none)."""
    from journal.accounts.operations import find_by_login
    from journal.demo import DEMO_PUPIL

    if seed_maya_documents():
        db.session.commit()
    user = find_by_login(DEMO_PUPIL)

    def find(kind: str) -> Document:
        return db.session.scalars(
            select(Document)
            .where(Document.pupil_id == user.pupil.id, Document.kind == kind)
            .order_by(Document.id)
        ).first()

    return find(CV), find(UCAS)


def demo_app(folder: Path, *, pupils: int = 2):
    """A scratch app on a new SQLite file in ``folder``, migrated and seeded with the demo
    school (a few pupils and Maya), for the screenshots script."""
    import os
    import secrets

    from flask_migrate import upgrade

    from journal import create_app
    from journal.demo import seed_demo

    instance = folder / "instance"
    instance.mkdir(exist_ok=True)
    os.environ["JOURNAL_INSTANCE_PATH"] = str(instance)
    app = create_app(
        {
            "SECRET_KEY": secrets.token_urlsafe(32),
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'demo.sqlite3'}",
            "SERVER_NAME": "localhost",
        }
    )
    with app.app_context():
        upgrade()
        seed_demo(pupils=pupils)
        db.session.commit()
    return app
