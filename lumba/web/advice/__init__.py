"""The advice library: every card by topic (views.py), its search (search.py),
and who each card is for, said in words (conditions_text.py)."""
