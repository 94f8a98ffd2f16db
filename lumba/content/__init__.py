"""Reviewed content (rules, advice cards, questions, guidance) and its loader."""
