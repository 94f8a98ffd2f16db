"""The language and region a machine-facing triage asks for (`?lang=`,
`?region=`), checked the same way by the JSON API and FHIR's `$triage`."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import HttpRequest

from lumba.content.loader import default_library
from lumba.core.errors import FieldProblem
from lumba.core.guidance import UnknownRegion
from lumba.service import Triager, triager
from lumba.web.region import region_for


def known_language(code: str) -> str:
    # A closed list rather than any string: the triager cache is keyed by
    # language, so free-form values would let visitors grow it without bound.
    # Read per request so that a newly translated language needs no code change.
    offered = [language for language, _ in settings.LANGUAGES]
    if code not in offered:
        raise ValueError(f"is not a language lumba offers; use one of {', '.join(offered)}")
    return code


def language_problems(lang: str) -> list[FieldProblem]:
    try:
        known_language(lang)
    except ValueError as error:
        return [FieldProblem("lang", f"{error} (got {json.dumps(lang, ensure_ascii=False)})")]
    return []


def choose_triager(
    request: HttpRequest, region: str | None, language: str
) -> tuple[Triager | None, list[FieldProblem]]:
    try:
        # An empty ?region= means "not chosen", as an empty --region does in the CLI.
        return triager(region=region or region_for(request).code, language=language), []
    except UnknownRegion:
        known = ", ".join(sorted(default_library().regions))
        got = json.dumps(region, ensure_ascii=False)
        message = f"is not a known region or country; use one of {known} (got {got})"
        return None, [FieldProblem("region", message)]
