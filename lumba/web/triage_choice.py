"""The language and region a machine-facing triage asks for (`?lang=`,
`?region=`), checked the same way by the JSON API and FHIR's `$triage`."""

from __future__ import annotations

import json

from django.http import HttpRequest

from lumba.catalogues import canonical
from lumba.catalogues import languages as offered
from lumba.content.loader import default_library
from lumba.core.errors import FieldProblem, gettext_noop, given, invalid_value, say
from lumba.core.guidance import UnknownRegion
from lumba.service import Triager, triager
from lumba.web.language import current
from lumba.web.region import region_for

_NOT_OFFERED = gettext_noop("is not a language lumba offers; use one of {known}")


def known_language(code: str | None) -> str | None:
    """A requested language as the tag lumba uses (tags ignore case), for a
    query parameter's validator; None stays None (the request's language)."""
    # A closed list rather than any string: the triager cache is keyed by
    # language, so free-form values would let visitors grow it without bound.
    if code is None:
        return None
    found = canonical(code)
    if found is None:
        raise invalid_value(_NOT_OFFERED, known=", ".join(offered()))
    return found


def chosen_language(requested: str | None) -> tuple[str, list[FieldProblem]]:
    """The language asked for with `?lang=`, else the request's own (its
    Accept-Language or cookie); English, with a problem, when it is not offered."""
    if requested is None:
        return current(), []
    found = canonical(requested)
    if found is not None:
        return found, []
    wording = say(_NOT_OFFERED, known=", ".join(offered()))
    got = json.dumps(requested, ensure_ascii=False)
    return "en", [FieldProblem.of("lang", given(wording, got))]


def choose_triager(
    request: HttpRequest, region: str | None, language: str
) -> tuple[Triager | None, list[FieldProblem]]:
    try:
        # An empty ?region= means "not chosen", as an empty --region does in the CLI.
        return triager(region=region or region_for(request).code, language=language), []
    except UnknownRegion:
        known = ", ".join(sorted(default_library().regions))
        got = json.dumps(region, ensure_ascii=False)
        wording = say(
            gettext_noop("is not a known region or country; use one of {known}"), known=known
        )
        return None, [FieldProblem.of("region", given(wording, got))]
