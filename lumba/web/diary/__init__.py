"""The pain diary: entries, the checks a person saved, trends and the
midwife summary, for a signed-in person."""
