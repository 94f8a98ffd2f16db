"""Who is asking, as every feature reads it: the visitor's language
(language.py) and region (region.py), what each request works out the same
way (per_request.py), a machine's ?lang= and ?region= (triage_choice.py) and
the template context every page needs (context.py)."""
