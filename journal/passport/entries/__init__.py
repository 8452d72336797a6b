"""Entries: what the pupil records, each save a new revision (see ``models``)."""
