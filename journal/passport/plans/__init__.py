"""Plans: skills, aspirations, intended destinations and the vocational profile, each kept
as a history (a new row for every change)."""
