"""The demo school's passports: realistic, dated inside each pupil's record, seeded once."""

from __future__ import annotations

import re
import uuid
from collections import Counter, defaultdict
from datetime import date, timedelta
from itertools import pairwise
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from journal.accounts.operations import find_by_login
from journal.calendar import POST_19, today, utcnow
from journal.extensions import db
from journal.passport.entries.models import Entry
from journal.passport.entries.operations import record_entry
from journal.passport.entries.queries import entry_by_client_id
from journal.passport.plans.forms import PROFILE_SECTIONS
from journal.passport.plans.models import (
    Aspiration,
    IntendedDestination,
    ProfileVersion,
    SkillRating,
)
from journal.reference import destinations, kinds
from journal.reference.skills import SKILLS, STEPS
from journal.schools.models import Pupil
from journal_demo.common import DEMO_PUPIL
from journal_demo.passports import add_demo_entries, plan_passport
from journal_demo.planned import Passport, PlannedEntry, content_of
from journal_demo.school import seed_demo
from journal_demo.writing import write_passports


@pytest.fixture
def school(app):
    school, _ = seed_demo(pupils=12)
    db.session.commit()
    return school


def pupils_of(school) -> list[Pupil]:
    return list(db.session.scalars(select(Pupil).where(Pupil.school_id == school.id)))


def entries_by_pupil(school) -> dict[int, list[Entry]]:
    query = select(Entry).join(Pupil, Entry.pupil_id == Pupil.id)
    found = defaultdict(list)
    for entry in db.session.scalars(query.where(Pupil.school_id == school.id)):
        found[entry.pupil_id].append(entry)
    return found


def counts() -> tuple[int, ...]:
    models = (Entry, SkillRating, Aspiration, IntendedDestination, ProfileVersion)
    return tuple(db.session.scalar(select(func.count(m.id))) for m in models)


def test_every_pupil_has_the_kinds_of_entry_that_fit_their_year(school):
    """A full Year 7 gives encounters and achievements, Year 9 a provider encounter, Year 10
    a workplace experience with diary days; by Year 12 a pupil has two dozen entries or more."""
    entries = entries_by_pupil(school)
    pupils = [p for p in pupils_of(school) if p.user_id]
    assert len(pupils) == 13
    assert {p.year_group for p in pupils} >= {8, 9, 10, 11, 12, 13, 14}
    for pupil in pupils:
        mine = entries[pupil.id]
        have = {e.kind for e in mine}
        expected = set()
        if pupil.year_group >= 8:
            expected |= {kinds.ENCOUNTER, kinds.ACHIEVEMENT}
        if pupil.year_group >= 11:
            expected |= {kinds.WORKPLACE, kinds.DIARY}
        assert expected <= have, f"Year {pupil.year_group} pupil {pupil.id} has only {have}"
        if pupil.year_group >= 10:
            assert {e.benchmark for e in mine} >= {5, 7}
        if pupil.year_group >= 12:
            assert len(mine) >= 24, f"Year {pupil.year_group}: {len(mine)} entries"


def test_no_date_is_in_the_future_or_before_the_record_began(school):
    pupils = {p.id: p for p in pupils_of(school)}
    now = utcnow()
    for entry in (e for mine in entries_by_pupil(school).values() for e in mine):
        began = pupils[entry.pupil_id].record_began_on
        assert began <= entry.occurred_on <= today(), entry
        assert entry.content["occurred_on"] == entry.occurred_on.isoformat()
        assert began <= entry.created_at.date() and entry.created_at <= now
    for model in (SkillRating, Aspiration, IntendedDestination, ProfileVersion):
        for row in db.session.scalars(select(model)):
            assert pupils[row.pupil_id].record_began_on <= row.created_at.date()
            assert row.created_at <= now


def test_diary_days_belong_to_a_workplace_experience_of_the_same_pupil(school):
    diary = db.session.scalars(select(Entry).where(Entry.kind == kinds.DIARY)).all()
    assert len(diary) > 10
    for day in diary:
        assert day.parent is not None and day.parent.kind == kinds.WORKPLACE
        assert day.parent.pupil_id == day.pupil_id
        assert day.parent.occurred_on <= day.occurred_on
        assert day.parent.state in ("submitted", "signed")
    placements = db.session.scalars(
        select(Entry).where(Entry.kind == kinds.WORKPLACE, Entry.category == "placement")
    ).all()
    with_diary = {d.parent.id for d in diary}
    assert sum(p.id in with_diary for p in placements) >= len(placements) * 0.8


def test_each_entry_is_stored_as_record_entry_stores_it(app, make):
    """The bulk writer and ``record_entry`` give the same rows for the same content."""
    pupil = make.pupil(make.school())
    day = pupil.record_began_on + timedelta(days=300)
    placement = content_of(
        kinds.WORKPLACE,
        day,
        placement_kind="placement",
        employer="Aire Valley Vets",
        ends_on=day + timedelta(days=4),
        hours=32.5,
        what_i_did="Helped the nurses.",
        feeling=5,
    )
    diary = content_of(kinds.DIARY, day + timedelta(days=1), what_i_did="Walked dogs.")
    planned = PlannedEntry(kinds.WORKPLACE, placement, client_id=str(uuid.uuid4()))
    planned_day = PlannedEntry(kinds.DIARY, diary, parent=planned, client_id=str(uuid.uuid4()))
    for entry in (planned, planned_day):
        entry.written_at = utcnow()
    assert write_passports([(pupil, Passport(entries=[planned, planned_day]))]) == 2
    recorded, _ = record_entry(
        pupil,
        kind=kinds.WORKPLACE,
        client_id=str(uuid.uuid4()),
        content=placement,
        state="submitted",
        author=pupil.user,
    )
    recorded_day, _ = record_entry(
        pupil,
        kind=kinds.DIARY,
        client_id=str(uuid.uuid4()),
        content=diary,
        state="submitted",
        author=pupil.user,
        parent=recorded,
    )
    db.session.commit()
    db.session.expire_all()
    bulk = entry_by_client_id(pupil, planned.client_id)
    bulk_day = entry_by_client_id(pupil, planned_day.client_id)

    def row(entry: Entry) -> dict:
        revision = entry.current_revision
        return {
            "columns": [
                getattr(entry, name)
                for name in (
                    "pupil_id",
                    "kind",
                    "state",
                    "shared_with_family",
                    "source",
                    "created_by_id",
                    "occurred_on",
                    "category",
                    "benchmark",
                )
            ],
            "revision": (revision.number, revision.content, revision.author_id),
            "parent_kind": entry.parent.kind if entry.parent else None,
        }

    assert row(bulk) == row(recorded)
    assert row(bulk_day) == row(recorded_day)
    assert bulk_day.parent == bulk and bulk.benchmark == 6


def test_skill_ratings_rise_and_cite_the_pupils_own_saved_entries(school):
    ratings = db.session.scalars(select(SkillRating).order_by(SkillRating.id)).all()
    assert ratings
    steps = defaultdict(list)
    for rating in ratings:
        assert rating.skill in SKILLS and rating.step in STEPS
        assert 1 <= len(rating.evidence) <= 2
        for entry in rating.evidence:
            assert entry.pupil_id == rating.pupil_id
            assert entry.state in ("submitted", "signed")
            assert entry.occurred_on <= rating.created_at.date()
        steps[rating.pupil_id, rating.skill].append(rating.step)
    assert all(2 <= len(s) <= 4 for s in steps.values() if len(s) > 1)
    assert all(s == sorted(s) for s in steps.values())
    assert any(len(s) > 1 and s[-1] > s[0] for s in steps.values())


def test_aspirations_destinations_and_profiles_fit_the_pupil(school):
    pupils = {p.id: p for p in pupils_of(school)}
    for destination in db.session.scalars(select(IntendedDestination)):
        pupil = pupils[destination.pupil_id]
        codes = {i.code for i in destinations.intentions_for(destination.stage)}
        assert destination.category in codes
        assert destination.stage != "25" or pupil.sen_status == "E"
    rows = db.session.scalars(select(IntendedDestination).order_by(IntendedDestination.id))
    history = defaultdict(list)
    for row in rows:
        history[row.pupil_id, row.stage].append((row.category, row.detail))
    assert {stage for _, stage in history} >= {"16", "18"}
    for plans in history.values():  # each row is a change of plan
        assert all(before != after for before, after in pairwise(plans))
    for profile in db.session.scalars(select(ProfileVersion)):
        assert pupils[profile.pupil_id].sen_status in ("K", "E")
        assert set(profile.content) == {section.name for section in PROFILE_SECTIONS}
    per_pupil = Counter(a.pupil_id for a in db.session.scalars(select(Aspiration)))
    assert per_pupil and all(1 <= n <= 3 for n in per_pupil.values())


def test_each_pupil_has_a_few_drafts_at_most(school):
    for mine in entries_by_pupil(school).values():
        drafts = [e for e in mine if e.is_draft]
        assert len(drafts) <= 3
        if len(mine) >= 10:
            assert drafts, "an older pupil has something unfinished"


def test_seeding_again_adds_nothing_and_more_pupils_get_passports(school):
    before = counts()
    seed_demo(pupils=12)
    db.session.commit()
    assert counts() == before
    seed_demo(pupils=16)
    db.session.commit()
    entries = entries_by_pupil(school)
    older = [p for p in pupils_of(school) if p.year_group >= 9]
    assert counts()[0] > before[0]
    assert all(entries[p.id] for p in older)


def test_the_same_seed_and_day_give_the_same_passport():
    pupil = SimpleNamespace(
        upn="A886400126001", year_group=12, sen_status="E", record_began_on=date(2021, 9, 1)
    )
    on = date(2026, 11, 23)
    first = plan_passport(pupil, seed=7, on=on)
    again = plan_passport(pupil, seed=7, on=on)
    other = plan_passport(pupil, seed=8, on=on)
    assert [e.content for e in first.entries] == [e.content for e in again.entries]
    assert [e.client_id for e in first.entries] == [e.client_id for e in again.entries]
    assert [e.content for e in first.entries] != [e.content for e in other.entries]


def planned_school(on: date) -> list[tuple[SimpleNamespace, Passport]]:
    """Passports planned for 36 pupils of each year group, a third of them with each SEN status
    (no database)."""
    planned = []
    for year_group in range(7, POST_19 + 1):
        for serial in range(36):
            pupil = SimpleNamespace(
                upn=f"T{year_group}-{serial}",
                year_group=year_group,
                sen_status="NKE"[serial % 3],
                record_began_on=date(2026 - (year_group - 7), 9, 1),
            )
            planned.append((pupil, plan_passport(pupil, on=on)))
    return planned


def test_planned_passports_read_well_and_cover_every_kind():
    """Every template is filled, every entry sits inside its record, and a school's worth of
    passports holds every encounter category, workplace kind and achievement kind."""
    on = date(2027, 7, 20)
    seen = defaultdict(set)
    for pupil, passport in planned_school(on):
        for entry in passport.entries:
            assert pupil.record_began_on <= entry.day <= on
            assert set(entry.content) == {*kinds.FIELDS[entry.kind], "attachments"}
            text = " ".join(str(value) for value in entry.content.values())
            assert not re.search(r"[{}]", text), text
            seen[entry.kind].add(kinds.category_of_entry(entry.kind, entry.content))
        stages = {d[1] for d in passport.destinations}
        if pupil.year_group >= 12:
            assert {"16", "18"} <= stages
        assert ("25" in stages) == (pupil.sen_status == "E" and pupil.year_group >= 10)
    assert seen[kinds.ENCOUNTER] == set(kinds.ENCOUNTER_CATEGORIES)
    assert seen[kinds.WORKPLACE] == set(kinds.WORKPLACE_KINDS)
    assert seen[kinds.ACHIEVEMENT] == set(kinds.ACHIEVEMENT_KINDS)


def test_maya_has_a_hand_written_passport(school):
    maya = find_by_login(DEMO_PUPIL).pupil
    mine = entries_by_pupil(school)[maya.id]
    assert 20 <= len(mine) <= 30  # fewer early in the school year
    titles = {e.title for e in mine}
    assert "A work placement: Aire Valley Vets" in titles
    placement = next(e for e in mine if e.title == "A work placement: Aire Valley Vets")
    assert sum(e.parent == placement for e in mine) == 4
    ratings = db.session.scalars(select(SkillRating).where(SkillRating.pupil_id == maya.id))
    speaking = [r.step for r in ratings if r.skill == "speaking"]
    assert len(speaking) >= 2 and speaking == sorted(speaking)


def test_staff_see_none_of_a_pupils_drafts(school, client, login):
    """A careers leader reads every page of the demo pupil's timeline: saved entries, no
    drafts."""
    maya = find_by_login(DEMO_PUPIL).pupil
    mine = entries_by_pupil(school)[maya.id]
    drafts = [e.title for e in mine if e.is_draft]
    saved = [e.title for e in mine if not e.is_draft]
    login(find_by_login("careers"))
    pages, page = [], 1
    while True:
        response = client.get(f"/pupils/{maya.id}/timeline?page={page}")
        assert response.status_code == 200
        pages.append(response.get_data(as_text=True).replace("&#39;", "'"))
        if "Older entries" not in pages[-1]:
            break
        page += 1
    shown = "".join(pages)
    assert all(title in shown for title in saved)
    for title in drafts:
        assert title not in shown or title in saved
    assert "Bronze Duke of Edinburgh's Award (so far)" not in shown


def test_add_demo_entries_tops_a_pupil_up_to_a_count(school):
    maya = find_by_login(DEMO_PUPIL).pupil
    had = len(entries_by_pupil(school)[maya.id])
    assert add_demo_entries(maya, 120) == 120 - had
    assert add_demo_entries(maya, 120) == 0
    db.session.commit()
    mine = entries_by_pupil(school)[maya.id]
    assert len(mine) == 120
    assert len({e.client_id for e in mine}) == 120
    assert all(e.parent is not None for e in mine if e.kind == kinds.DIARY)


def test_the_demo_pupil_has_signed_entries_and_guidance(school):
    from journal.guidance.models import Action, GuidanceInterview
    from journal.passport.signoff.models import SignOff
    from journal.passport.signoff.signing import sign_off_holds

    maya = db.session.scalar(select(Pupil).where(Pupil.user_id == find_by_login("pupil").id))
    sign_offs = db.session.scalars(
        select(SignOff).join(Entry, SignOff.entry_id == Entry.id).where(Entry.pupil_id == maya.id)
    ).all()
    assert sign_offs and all(
        sign_off_holds(s, db.session.get(Entry, s.entry_id)) for s in sign_offs
    )
    waiting = db.session.scalars(
        select(Entry).where(Entry.pupil_id == maya.id, Entry.state == "submitted")
    ).all()
    assert waiting, "the tutor's queue needs something from Maya too"
    assert db.session.scalar(select(GuidanceInterview).where(GuidanceInterview.pupil_id == maya.id))
    owners = set(db.session.scalars(select(Action.owner_kind).where(Action.pupil_id == maya.id)))
    assert owners == {"pupil", "staff", "family"}
    seed_demo(12)
    count = db.session.scalar(
        select(func.count(GuidanceInterview.id)).where(GuidanceInterview.pupil_id == maya.id)
    )
    assert count == 1


def test_seed_demo_and_bench_are_flask_commands_through_entry_points(app):
    """``flask --app journal seed-demo`` and ``... bench`` reach the commands through the
    ``flask.commands`` entry points (the app does not register them itself)."""
    from importlib.metadata import entry_points

    from journal_bench.cli import bench_cmd
    from journal_demo.cli import seed_demo_cmd

    found = {ep.name: ep.load() for ep in entry_points(group="flask.commands")}
    assert found["seed-demo"] is seed_demo_cmd
    assert found["bench"] is bench_cmd
    assert not {"seed-demo", "bench"} & set(app.cli.commands)


def test_the_runtime_never_imports_the_demo_the_benchmarks_or_the_scripts():
    """No module of ``journal/`` imports ``journal_demo``, ``journal_bench`` or ``scripts``,
    at the top or inside a function."""
    import ast
    from pathlib import Path

    outside = ("journal_demo", "journal_bench", "scripts")
    found = []
    for path in Path("journal").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            found += [f"{path}: {n}" for n in names if n.split(".")[0] in outside]
    assert found == []


def test_a_trust_shares_its_pupils_between_schools_each_with_its_own_staff(app):
    """``seed-demo --trust 3 --pupils 30 --entries 20``: three schools of ten, every pupil with
    at least 20 entries (each with its first revision, dated inside the record), staff of their
    own, and seeding again adds nothing."""
    from journal.passport.entries.models import EntryRevision
    from journal.schools.models import School

    first, sign_ins = seed_demo(pupils=30, schools=3, entries=20)
    db.session.commit()
    schools = db.session.scalars(select(School).order_by(School.urn)).all()
    assert [s.urn for s in schools] == ["100000", "100001", "100002"]
    on_roll = select(Pupil).where(Pupil.left_on.is_(None), Pupil.user_id.is_not(None))
    by_school = Counter(p.school_id for p in db.session.scalars(on_roll))
    assert by_school[schools[1].id] == by_school[schools[2].id] == 10
    assert by_school[first.id] == 11  # and Maya
    for school in schools:
        for pupil in pupils_of(school):
            mine = entries_by_pupil(school)[pupil.id]
            assert len(mine) >= 20, pupil
            assert all(pupil.record_began_on <= e.occurred_on <= today() for e in mine)
    for number in (2, 3):
        careers = find_by_login(f"s{number}.careers")
        assert careers.school_id == schools[number - 1].id
        assert f"s{number}.careers" in {s.username for s in sign_ins}
    missing = select(func.count(Entry.id)).where(Entry.current_revision_id.is_(None))
    assert db.session.scalar(missing) == 0
    revisions = db.session.scalar(select(func.count(EntryRevision.id)))
    assert revisions == db.session.scalar(select(func.count(Entry.id)))
    before = counts()
    seed_demo(pupils=30, schools=3, entries=20)
    db.session.commit()
    assert counts() == before
