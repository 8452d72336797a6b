"""The roles a person can hold. A person can hold several staff roles at once."""

from enum import StrEnum


class Role(StrEnum):
    PUPIL = "pupil"
    TUTOR = "tutor"
    CAREERS_LEADER = "careers_leader"
    CAREERS_ADVISER = "careers_adviser"
    SENCO = "senco"
    SCHOOL_ADMIN = "school_admin"
    FAMILY = "family"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.PUPIL: "Pupil",
    Role.TUTOR: "Tutor",
    Role.CAREERS_LEADER: "Careers leader",
    Role.CAREERS_ADVISER: "Careers adviser",
    Role.SENCO: "SENCO",
    Role.SCHOOL_ADMIN: "School admin",
    Role.FAMILY: "Family member",
}

CAREERS_STAFF = frozenset({Role.CAREERS_LEADER, Role.CAREERS_ADVISER, Role.SENCO})
STAFF = CAREERS_STAFF | {Role.TUTOR, Role.SCHOOL_ADMIN}
