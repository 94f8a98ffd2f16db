"""The language and region a machine-facing triage asks for (`?lang=`,
`?region=`): the web's side of service.choose_triager, which decides for
the API, FHIR's `$triage` and the command line alike."""

from __future__ import annotations

from django.http import HttpRequest

from lumba.catalogues import canonical
from lumba.catalogues import languages as offered
from lumba.core.errors import FieldProblem, invalid_value
from lumba.service import NOT_OFFERED, Triager, UnknownChoice, choose_triager
from lumba.web.visitor.region import region_for


def known_language(code: str | None) -> str | None:
    """A requested language as the tag lumba uses (tags ignore case), for a
    query parameter's validator; None stays None (the request's language)."""
    # A closed list rather than any string: the triager cache is keyed by
    # language, so free-form values would let visitors grow it without bound.
    if code is None:
        return None
    found = canonical(code)
    if found is None:
        raise invalid_value(NOT_OFFERED, known=", ".join(offered()))
    return found


def triager_asked_for(
    request: HttpRequest, region: str | None, language: str | None, fallback_language: str
) -> tuple[Triager | None, list[FieldProblem]]:
    """The triager `?region=` and `?lang=` ask for (this visitor's region where
    none is given; an empty one means "not chosen"), or every problem with them."""
    region = region or region_for(request).code
    try:
        chosen = choose_triager(region, language, fallback_language=fallback_language)
    except UnknownChoice as unknown:
        return None, unknown.problems
    return chosen, []
