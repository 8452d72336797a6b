"""One generated pupil's passport written as they might have written it, year by year:
``Story`` picks places and words from ``journal_demo.words`` with the pupil's own seeded random
(``journal_demo.passports`` makes the passport from it)."""

from __future__ import annotations

import random
from datetime import date, timedelta

from journal.calendar import school_year_of
from journal.reference import kinds
from journal.schools.models import Pupil

from .planned import PlannedEntry, content_of, school_day
from .words import (
    AWARDS,
    CAN,
    CAREERS_FAIRS,
    CATEGORY_MONTHS,
    DIARY_WORDS,
    EMPLOYER,
    EMPLOYERS,
    ENCOUNTER_WORDS,
    ENCOUNTERS_BY_YEAR,
    EXTRAS,
    FAMILY,
    FIRST_DAY,
    IN_SCHOOL,
    LAST_DAY,
    ONLINE_DIARY_WORDS,
    ONLINE_SECTORS,
    ONLINE_WORDS,
    ORGANISATIONS,
    PEOPLE,
    PRODUCTS,
    PROVIDER_SECTORS,
    RESULTS,
    SECTORS,
    SUBJECTS,
    TERM_MONTHS,
    WORKPLACE_WORDS,
    Award,
    Organisation,
    Words,
)


def _a(word: str) -> str:
    return f"{'an' if word[0].lower() in 'aeiou' else 'a'} {word}"


class Story:
    """One pupil's passport written as they might have written it, year by year."""

    def __init__(self, pupil: Pupil, rng: random.Random, on: date) -> None:
        self.rng, self.on = rng, on
        self.year_group, self.send = pupil.year_group, pupil.sen_status
        self.began = pupil.record_began_on
        self.theme = rng.choice(list(SECTORS))
        weights = (5, 4, 1) if self.send == "E" else (2, 5, 3)
        self.style = rng.choices((0, 1, 2), weights=weights)[0]  # terse, usual, wordy
        mentor = self.employer()
        self.mentor = mentor, rng.choice(PEOPLE), rng.choice(SECTORS[mentor.sector].jobs)
        self.awarded: set[str] = set()  # titles already given, so none comes twice
        self.entries: list[PlannedEntry] = []

    # --- when

    def start_of(self, year_group: int) -> int:
        """The school year (by its starting calendar year) the pupil was in ``year_group``."""
        return school_year_of(self.on) - (self.year_group - year_group)

    def day_in(self, year_group: int, months: tuple[int, ...] = TERM_MONTHS) -> date:
        month = self.rng.choice(months)
        start = self.start_of(year_group)
        return school_day(date(start + (month < 9), month, self.rng.randint(2, 27)))

    def monday_in(self, year_group: int, month: int) -> date:
        """A Monday in the second week of ``month`` (or so) of that year."""
        start = self.start_of(year_group)
        day = date(start + (month < 9), month, self.rng.randint(8, 14))
        return day - timedelta(days=day.weekday())

    # --- words

    def words(self, sector_key: str, org: str, **extra) -> dict:
        """What fills the {placeholders} of one entry's sentences."""
        rng, sector = self.rng, SECTORS[sector_key]
        job, job2 = rng.sample(sector.jobs, 2)
        task, task2 = rng.sample(sector.tasks, 2)
        others = rng.sample(EMPLOYERS, 3)
        return {
            "sector_key": sector_key,
            "org": f"the {org}" if org.startswith("University of") else org,
            "org2": others[2].name,
            "job": job,
            "a_job": _a(job),
            "A_job": _a(job).capitalize(),
            "a_job2": _a(job2),
            "task": task,
            "task2": task2,
            "fact": rng.choice(sector.facts),
            "facts": sector.facts,
            "sector": sector.name.lower(),
            "course": sector.course,
            "degree": sector.degree,
            "a_levels": sector.a_levels,
            "apprenticeship": sector.apprenticeship,
            "role": rng.choice(sector.roles),
            "name": rng.choice(PEOPLE),
            "family": rng.choice(FAMILY),
            "subject": rng.choice(SUBJECTS),
            "product": rng.choice(PRODUCTS),
            "can": rng.choice(CAN),
            "n": rng.randint(3, 7),
            "other": others[0].name,
            "others": f"{others[0].name}, {others[1].name} and {others[2].name}",
        } | extra

    def say(self, options: tuple[str, ...], words: dict, chance: float = 1.0) -> str:
        """One of ``options`` filled in, or "" (left empty) ``1 - chance`` of the time."""
        if not options or self.rng.random() > chance:
            return ""
        return self.rng.choice(options).format_map(words)

    def reflections(self, said: Words, words: dict, did: str | None = None) -> dict:
        """What I did, who I met, what I learned and what next, as long as this pupil writes."""
        rng, style = self.rng, self.style
        did = did or self.say(said.did, words)
        if rng.random() < (0.05, 0.2, 0.4)[style]:
            did += " " + rng.choice(EXTRAS)
        return {
            "what_i_did": did,
            "who_i_met": self.say(said.met, words, (0.4, 0.8, 1.0)[style]),
            "what_i_learned": self.learned(said, words, (0.5, 0.9, 1.0)[style]),
            "what_next": self.say(said.next, words, (0.3, 0.6, 0.9)[style]),
            "feeling": self.feeling(),
        }

    def learned(self, said: Words, words: dict, chance: float) -> str:
        """One thing learned, or (for a pupil who writes a lot) two different things."""
        rng = self.rng
        if rng.random() > chance:
            return ""
        first, second = rng.sample(said.learned, 2)
        fact, other_fact = rng.sample(words["facts"], 2)
        text = first.format_map(words | {"fact": fact})
        if self.style == 2 and rng.random() < 0.5:
            text += " " + second.format_map(words | {"fact": other_fact})
        return text

    def feeling(self, lift: int = 0) -> int | None:
        if self.style == 0 and self.rng.random() < 0.2:
            return None
        return min(5, self.rng.choices((1, 2, 3, 4, 5), weights=(1, 2, 5, 8, 5))[0] + lift)

    # --- what

    def add(self, kind: str, day: date, parent: PlannedEntry | None = None, **values):
        entry = PlannedEntry(kind, content_of(kind, day, **values), parent=parent)
        self.entries.append(entry)
        return entry

    def employer(self, near_theme: float = 0.5) -> Organisation:
        if self.rng.random() < near_theme:
            return self.rng.choice([o for o in EMPLOYERS if o.sector == self.theme])
        return self.rng.choice(EMPLOYERS)

    def provider(self, category: str) -> Organisation:
        choices = [o for o in ORGANISATIONS if o.kind == category]
        if category == "fe_college" and self.send != "E":
            choices = [o for o in choices if "Specialist" not in o.name]
        return self.rng.choice(choices)

    def encounter(self, category: str, year_group: int) -> None:
        day = self.day_in(year_group, CATEGORY_MONTHS.get(category, TERM_MONTHS))
        extra = {}
        if category == "careers_fair":
            org, sector_key, sector = self.rng.choice(CAREERS_FAIRS), self.theme, ""
        elif category in PROVIDER_SECTORS:
            org, sector_key = self.provider(category).name, self.theme
            sector = PROVIDER_SECTORS[category]
        else:
            found = self.employer()
            if category == "mentoring":  # the same mentor each time
                found, name, job = self.mentor
                extra = {"name": name, "a_job": _a(job), "A_job": _a(job).capitalize()}
            org, sector_key, sector = found.name, found.sector, SECTORS[found.sector].name
        words = self.words(sector_key, org, **extra)
        reflections = self.reflections(ENCOUNTER_WORDS[category], words)
        if self.style == 0 and self.rng.random() < 0.5:
            sector = ""
        self.add(
            kinds.ENCOUNTER,
            day,
            category=category,
            organisation=org,
            sector=sector,
            **reflections,
        )

    def achievement(self, award: Award, day: date) -> None:
        self.awarded.add(award.title)
        words = self.words(self.theme, award.awarded_by)
        self.add(
            kinds.ACHIEVEMENT,
            day,
            achievement_kind=award.kind,
            title=award.title,
            awarded_by=award.awarded_by,
            what_i_did=award.did.format_map(words),
            what_i_learned=award.learned if self.style else "",
            feeling=self.feeling(lift=1),
        )

    def experience(
        self,
        placement_kind: str,
        days: list[date],
        *,
        diary: int,
        hours: float,
        org: Organisation | None = None,
        role: str | None = None,  # None: one the sector offers; "": left empty
        employer: str = "",
    ) -> None:
        """A workplace experience over ``days``, ``diary`` of them written up as diary days."""
        org = org or self.employer(0.6)
        sector, online = SECTORS[org.sector], placement_kind == "virtual"
        role = self.rng.choice(sector.roles) if role is None else role
        length = len(days)
        weekly = length > 1 and days[1] - days[0] == timedelta(weeks=1)
        duration = (
            f"a day a week for {length} weeks"
            if weekly
            else {1: "a day", 5: "a week"}.get(length, f"{length} days")
        )
        words = self.words(
            org.sector,
            employer or org.name,
            role=role,
            a_role=_a(role) if role else "",
            weekly=weekly,
            duration=duration,
        )
        words["duration_cap"] = duration.capitalize()
        placement = self.add(
            kinds.WORKPLACE,
            days[0],
            placement_kind=placement_kind,
            employer=employer or org.name,
            role=role,
            sector=sector.name,
            ends_on=days[-1] if length > 1 else None,
            hours=hours,
            **self.reflections(ONLINE_WORDS if online else WORKPLACE_WORDS, words),
        )
        chosen = sorted(self.rng.sample(range(length), min(diary, length)))
        for number, index in enumerate(chosen):
            self.diary_day(placement, days[index], index, length, words, later=number > 0)

    def diary_day(
        self, placement: PlannedEntry, day: date, index: int, length: int, words: dict, later: bool
    ) -> None:
        """Day ``index`` of ``length``: the first and last days say so; feelings rise a little
        after the first entry."""
        online = placement.content["placement_kind"] == "virtual"
        sector = SECTORS[words["sector_key"]]
        task, task2 = self.rng.sample(sector.tasks, 2)
        label = f"{'Week' if words['weekly'] else 'Day'} {index + 1}"
        words = words | {"n": index + 1, "Day_n": label, "task": task, "task2": task2}
        opening = FIRST_DAY if index == 0 else LAST_DAY if index == length - 1 else None
        did = opening.format_map(words) if opening and not online else None
        notes = self.reflections(ONLINE_DIARY_WORDS if online else DIARY_WORDS, words, did)
        if notes["feeling"]:
            notes["feeling"] = min(5, notes["feeling"] + later)
        self.add(kinds.DIARY, day, parent=placement, **notes)

    def week(self, year_group: int, month: int, placement_kind: str, diary: int, **kw) -> None:
        monday = self.monday_in(year_group, month)
        days = [monday + timedelta(days=n) for n in range(5)]
        self.experience(placement_kind, days, diary=diary, **kw)

    def weekly(self, year_group: int, month: int, weeks: int, placement_kind: str, **kw) -> None:
        """A day a week for ``weeks`` weeks (an extended placement, a supported internship)."""
        first = self.monday_in(year_group, month) + timedelta(days=2)
        days = [first + timedelta(weeks=n) for n in range(weeks)]
        self.experience(placement_kind, days, hours=6.0 * weeks, **kw)

    def in_school(self, year_group: int) -> None:
        """Work experience in school: an afternoon a week for half a term."""
        where, sector, role = self.rng.choice(IN_SCHOOL)
        self.weekly(
            year_group,
            self.rng.choice((1, 4)),
            6,
            "internal",
            diary=self.rng.randint(1, 2),
            org=Organisation("Riverside Academy", EMPLOYER, sector),
            employer=f"Riverside Academy ({where})",
            role=role,
        )

    def virtual(self, year_group: int, diary: int) -> None:
        """Three online sessions in a week."""
        org = self.rng.choice([o for o in EMPLOYERS if o.sector in ONLINE_SECTORS])
        first = self.monday_in(year_group, self.rng.choice((2, 4, 5)))
        days = [first + timedelta(days=n) for n in range(0, 5, 2)]
        hours = float(self.rng.choice((6, 8, 10)))
        self.experience("virtual", days, diary=diary, hours=hours, org=org, role="")

    def visit(self, year_group: int, placement_kind: str = "work_visit") -> None:
        """A work visit (a day) or work shadowing (a day or two)."""
        length = 1 if placement_kind == "work_visit" else self.rng.randint(1, 2)
        first = self.monday_in(year_group, self.rng.choice(TERM_MONTHS))
        first += timedelta(days=self.rng.randint(0, 3))
        days = [first + timedelta(days=n) for n in range(length)]
        self.experience(placement_kind, days, diary=length - 1, hours=6.0 * length)

    # --- a year

    def year(self, year_group: int) -> None:
        rng = self.rng
        for category, fewest, most in ENCOUNTERS_BY_YEAR[year_group]:
            for _ in range(rng.randint(fewest, most)):
                self.encounter(category, year_group)
        if self.send == "E" and year_group >= 11 and rng.random() < 0.8:
            self.encounter("supported_internship", year_group)
        self.workplace(year_group)
        self.achievements(year_group)

    def workplace(self, year_group: int) -> None:
        """Experiences of workplaces: most pupils have a week's placement in Year 10, and an
        extended one in Year 12; pupils with an EHCP try supported internships."""
        rng, send = self.rng, self.send
        if year_group == 9:
            if rng.random() < 0.3:
                self.virtual(9, diary=1)
            if send != "N" and rng.random() < 0.4:
                self.in_school(9)
        elif year_group == 10:
            if rng.random() < 0.85:
                self.week(10, rng.choice((6, 7)), "placement", rng.randint(3, 5), hours=32.5)
            elif send != "N":
                self.in_school(10)
            else:
                self.virtual(10, diary=2)
            if rng.random() < 0.25:
                self.visit(10)
        elif year_group in (11, 13):
            if send == "E" and rng.random() < 0.6:
                self.week(year_group, 3, "supported_internship", 2, hours=15.0, role="intern")
            elif rng.random() < 0.3:
                self.visit(year_group, "shadowing")
        elif year_group == 12:
            if rng.random() < 0.7:
                self.weekly(12, 1, 10, "extended_placement", diary=rng.randint(2, 4))
            else:
                self.virtual(12, diary=1)
        elif year_group >= 14:
            if send == "E" and rng.random() < 0.7:
                self.weekly(year_group, 10, 30, "supported_internship", diary=rng.randint(3, 4))
            else:
                self.week(year_group, rng.choice((3, 5)), "placement", 3, hours=30.0)

    def achievements(self, year_group: int) -> None:
        """One or two achievements a year that fit the pupil's age and needs (none twice), and
        results in the August after Years 11 and 13."""
        rng = self.rng
        fits = [
            award
            for award in AWARDS
            if award.years[0] <= year_group <= award.years[1]
            and self.fits(award)
            and award.title not in self.awarded
        ]
        for award in rng.sample(fits, min(len(fits), rng.randint(1, 2))):
            self.achievement(award, self.day_in(year_group, award.months))
        results = RESULTS.get(year_group)
        if results and self.fits(results):
            self.achievement(results, date(self.start_of(year_group) + 1, 8, rng.randint(20, 25)))

    def fits(self, award: Award) -> bool:
        return (
            award.who == "all"
            or (award.who == "send" and self.send != "N")
            or (award.who == "no_ehcp" and self.send != "E")
        )
