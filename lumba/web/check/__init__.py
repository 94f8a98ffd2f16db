"""The check: one short step at a time, warning signs first, then the result.
Its answers stay in the person's browser (state.py); finished.py gives the
result of a finished check to the check's pages and the diary alike."""
