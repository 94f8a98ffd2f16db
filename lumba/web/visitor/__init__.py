"""Who is asking, as every feature reads it: the visitor's language
(language.py) and region (region.py), what each request works out the same
way (per_request.py), a machine's ?lang= and ?region= (triage_choice.py), the
template context every page needs (context.py) and the signed-in person of
a page only they may see (signed_in.py)."""
