"""The Gatsby milestones: what the benchmarks expect of a pupil by now, counted from the
passport's entries and intended destinations and the guidance interviews, in two twins:

- ``journey``: one pupil, in Python (the pupil's "My careers journey", the family's view);
- ``coverage``: a whole group, set-based in SQL (the cohort dashboard).

They share their definitions and ``tests/cohort/test_coverage.py`` checks they agree. This
domain sits above passport and guidance; neither imports it.
"""
