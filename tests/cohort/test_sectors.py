"""Sorting an aspiration's words into a sector: particular sectors before general ones."""

from __future__ import annotations

import pytest

from journal.cohort.sectors import SECTORS, UNCLEAR, sector_of


@pytest.mark.parametrize(
    ("words", "sector"),
    [
        ("I want to be a nurse.", "health"),
        ("A children's nurse, through a degree or an apprenticeship.", "health"),
        ("I want to be a veterinary nurse.", "animals"),  # not health
        ("Childcare at college, then a job in a nursery.", "childcare"),  # not a nurse
        ("I want to be a sports coach or a PE teacher.", "sport"),
        ("I want to be an engineer.", "engineering"),
        ("An electrical apprenticeship at 16.", "construction"),
        ("I want to make computer games.", "digital"),
        ("I want to manage a shop one day.", "retail"),
        ("I want to be a police officer or a firefighter.", "public"),
        ("Care work, like my mum", "health"),
        ("I like it when things are tidy", UNCLEAR),  # "it" is not IT
        ("", UNCLEAR),
        (None, UNCLEAR),
    ],
)
def test_sector_of(words, sector):
    assert sector_of(words) == sector


def test_every_demo_aspiration_finds_a_sector():
    from journal_demo.words import SECTORS as DEMO_SECTORS

    for sector in DEMO_SECTORS.values():
        for what, _why in sector.hopes:
            assert sector_of(what) in SECTORS and sector_of(what) != UNCLEAR, what
