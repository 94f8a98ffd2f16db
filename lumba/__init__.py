"""lumba: a self-care and triage companion for back and pelvic pain in pregnancy."""

__version__ = "0.1.0"
