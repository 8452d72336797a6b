"""The pupil's passport, in three rooms:

- ``entries``: what the pupil records (encounters, work experience, diary days, achievements),
  each kept as revisions; the normal and the simple form, photos, the timeline; the one writer
  of entries (``entries.operations``: ``record_entry`` and, in bulk, ``record_entries``);
- ``plans``: skills, aspirations, intended destinations and "all about me", each a history;
- ``signoff``: staff confirming or returning a revision, the hash that proves what was signed,
  and the queue.

Sign-off and plans build on entries; entries knows neither. The views of all three share one
blueprint (``blueprint.bp``), so endpoints are ``passport.<name>``; ``views`` gathers them for
the application (this package imports nothing, so a model can be imported without the views).
"""
