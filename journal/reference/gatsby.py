"""The Gatsby Benchmarks (updated 2025), as far as the journal counts them: the benchmarks an
entry can count towards, and the numbers the milestones expect (``journal.milestones``).

Which encounter category counts towards which benchmark is in ``journal.reference.kinds``.
"""

from __future__ import annotations

BENCHMARKS = {
    5: "Benchmark 5: encounters with employers and employees",
    6: "Benchmark 6: experiences of workplaces",
    7: "Benchmark 7: encounters with further and higher education",
}

# Colleges are expected to offer two encounters with employers a year (Gatsby, 2025); other
# schools one. Keyed by ``School.school_type``.
EMPLOYER_ENCOUNTERS_A_YEAR = {"college": 2}
# Two university encounters by 18 for a pupil who plans on higher education.
UNIVERSITY_VISITS = 2
