"""What every demo seeder shares: the demo school's names and password, the sign-ins it
prints, UPNs with real check letters, the demo's data files, finding a demo person, and the
names of a demo trust's other schools and people."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from sqlalchemy import select
from stdnum.gb import upn as upn_lib

from journal.accounts import passwords
from journal.accounts.models import User
from journal.calendar import today
from journal.extensions import db
from journal.schools.models import Pupil, School

DEMO_URN = "100000"
DEMO_PASSWORD = "careers-passport-demo"  # noqa: S105 (printed for the demo)
DEMO_PUPIL = "pupil"  # Maya Patel's username
DEMO_FAMILY = "family"  # Kim Patel, her mum
DEMO_ALUMNUS = "alumnus"  # Jordan Mensah, a former pupil


@dataclass
class DemoSignIn:
    """One line of the sign-ins ``seed-demo`` prints."""

    role: str
    username: str
    password: str


@cache
def demo_hash() -> str:
    """One hash for the shared demo password (argon2 is slow on purpose)."""
    return passwords.hash_password(DEMO_PASSWORD)


def demo_upn(la: int, establishment: int, serial: int) -> str:
    """A valid UPN (check letter included) for a made-up pupil, issued this year."""
    body = f"{la:03d}{establishment:04d}{today().year % 100:02d}{serial % 1000:03d}"
    return upn_lib.calc_check_digit(body) + body


@cache
def data(name: str) -> dict:
    """The demo data file ``data/<name>.toml``, parsed (once)."""
    text = resources.files(__package__).joinpath("data", f"{name}.toml").read_text("utf-8")
    return tomllib.loads(text)


def school_number(school: School) -> int:
    """Which school of the demo trust this is: 1 for the demo school (URN ``DEMO_URN``), 2 for
    the next (URNs follow on), and so on."""
    return int(school.urn) - int(DEMO_URN) + 1


def trust_login(username: str, number: int) -> str:
    """A demo username in the trust's ``number``-th school: the demo school's own names
    (``careers``, ``demo.pupil7``) for the first, ``s2.careers`` and so on for the others."""
    return username if number == 1 else f"s{number}.{username}"


def pupil_by_username(username: str) -> Pupil | None:
    """The pupil record of the person who signs in as ``username``, if there is one."""
    return db.session.scalar(
        select(Pupil).join(User, Pupil.user_id == User.id).where(User.username == username)
    )


FIRST_NAMES: list[str] = data("people")["first_names"]
LAST_NAMES: list[str] = data("people")["last_names"]
GROUP_LETTERS: str = data("people")["group_letters"]
TRUST_SCHOOLS: list[str] = data("people")["trust_schools"]
