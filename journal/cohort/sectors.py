"""Which sector an aspiration points at, from the pupil's own words.

An aspiration is free text ("I want to be a nurse"), so the dashboard sorts it into a broad
sector by keywords, first match wins (more particular sectors first: "veterinary nurse" is
animal care, not health; "nursery" is childcare). Words that match nothing are "Not clear
yet". The sectors are broad groupings a careers leader would recognise, close to the
Labour Market Information routes; they only serve to show patterns, such as few girls
aiming at engineering or few boys at care.
"""

from __future__ import annotations

import re
from functools import lru_cache

UNCLEAR = "unclear"

# (key, label, keyword patterns). Order matters: the first sector that matches wins.
_SECTORS = (
    ("animals", "Animal care", r"animal|\bvets?\b|veterinar|\bzoo|horse|equine|dog groom"),
    (
        "sport",
        "Sport and leisure",
        r"sport|football|coach|\bpe\b|fitness|\bgym\b|personal trainer|athlet|swimm|leisure",
    ),
    (
        "childcare",
        "Education and childcare",
        r"child ?care|nurser(y|ies)|teach|work with children|early years|lecturer|\btutor",
    ),
    (
        "health",
        "Health and care",
        r"\bnurs(e|es|ing)\b|doctor|hospital|paramedic|care worker|carer|\bcare\b|health|"
        r"midwi|pharmac|physio|dentist|dental|surgeon|psycholog|social work|help people",
    ),
    (
        "public",
        "Public services",
        r"police|firefight|fire service|\barmy\b|\bnavy\b|\braf\b|soldier|armed forces|"
        r"prison|public service",
    ),
    (
        "construction",
        "Construction",
        r"\bbuild|construct|bricklay|plumb|joiner|carpent|plaster|roofer|site manager|"
        r"architect|surveyor|electric",
    ),
    (
        "engineering",
        "Engineering and manufacturing",
        r"engineer|machine|manufactur|mechanic|motor vehicle|\bcars?\b|weld|robot",
    ),
    (
        "digital",
        "Computing and digital",
        r"comput|software|developer|programmer|coding|\bcode\b|\bgames\b|cyber|digital|"
        r"web design|\bdata\b",
    ),
    (
        "creative",
        "Creative arts and media",
        r"artist|\bart\b|design|music|actor|acting|drama|danc|film|photograph|media|"
        r"writer|author|journalis|animat",
    ),
    (
        "hospitality",
        "Hospitality and catering",
        r"chef|cook|kitchen|\bbak(er|ing)|catering|hotel|restaurant|barista|waiter|waitress",
    ),
    ("hair", "Hair and beauty", r"\bhair|beaut|make-?up|\bnails?\b|barber|salon"),
    ("retail", "Retail", r"\bshops?\b|retail|sales|\bstore|supermarket"),
    (
        "business",
        "Business, law and finance",
        r"business|accountan|lawyer|solicitor|\blaw\b|legal|\bbank|financ|manag|office|"
        r"admin|marketing|entrepreneur",
    ),
    (
        "outdoors",
        "Farming and outdoors",
        r"outside|outdoor|\bfarm|garden|horticult|ranger|\btrees?\b|forest|landscap",
    ),
    (
        "transport",
        "Transport and logistics",
        r"driver|driving|lorry|pilot|logistic|warehouse|delivery|transport",
    ),
)
_COMPILED = tuple((key, re.compile(pattern)) for key, _l, pattern in _SECTORS)

SECTORS = {key: label for key, label, _p in _SECTORS} | {UNCLEAR: "Not clear yet"}


@lru_cache(maxsize=4096)
def sector_of(text: str | None) -> str:
    """The sector key an aspiration's words point at, or ``UNCLEAR``. (Cached: a school's
    pupils often use the same words.)"""
    words = (text or "").lower()
    for key, pattern in _COMPILED:
        if words and pattern.search(words):
            return key
    return UNCLEAR
