"""The FHIR endpoints: plain Django views, since FHIR has its own media type
(application/fhir+json) and its own error resource (OperationOutcome).

`$triage` takes the same `region` and `lang` as POST /api/v1/triage and
answers with the same result (as a Bundle, or as the plain result JSON for
a client that accepts only application/json). It is CSRF-exempt like the
JSON API: it reads only the body, stores nothing, and refuses any body not
typed as JSON (415), which a cross-site HTML form cannot send without a
CORS preflight. Nothing posted is stored or logged.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from lumba.content.loader import default_library
from lumba.core.errors import FieldProblem
from lumba.core.library import Library
from lumba.fhir.code_system import code_system as make_code_system
from lumba.fhir.code_system import level_code_system as make_level_code_system
from lumba.fhir.diary import diary_bundle
from lumba.fhir.outcome import operation_outcome
from lumba.fhir.problems import InvalidResponse, Problem
from lumba.fhir.questionnaire import questionnaire as make_questionnaire
from lumba.fhir.triage import Read, answer, read
from lumba.web.api.account import export_of
from lumba.web.fhir.http import fhir_response, refused
from lumba.web.observability import record_triage_level
from lumba.web.visitor.triage_choice import triager_asked_for


def _published(make: Callable[[Library, str], dict[str, Any]]) -> Callable[..., HttpResponse]:
    @require_safe
    def view(request: HttpRequest) -> HttpResponse:
        chosen, found = triager_asked_for(request, None, request.GET.get("lang"), "en")
        if chosen is None:
            return _invalid([_request_problem(p) for p in found])
        return fhir_response(make(default_library(), chosen.renderer.language))

    return view


questionnaire = _published(make_questionnaire)
code_system = _published(make_code_system)
level_code_system = _published(make_level_code_system)


@csrf_exempt
@require_POST
def triage(request: HttpRequest) -> HttpResponse:
    """A QuestionnaireResponse in, lumba's triage of it out."""
    # FHIR resources are English unless ?lang= asks otherwise (not Accept-Language:
    # a record system's settings are not a person's choice).
    asked = request.GET
    chosen, found = triager_asked_for(request, asked.get("region"), asked.get("lang"), "en")
    problems = [_request_problem(p) for p in found]
    given, body_problems = _read_body(request)
    if given is None or chosen is None or problems:
        return _invalid(problems + body_problems)
    bundle, result = answer(*given, chosen)
    record_triage_level(result["level"], channel="api")
    response = _plain(result) if _wants_plain_json(request) else fhir_response(bundle)
    # A result describes someone's health: no shared or browser cache keeps it.
    add_never_cache_headers(response)
    return response


def _read_body(request: HttpRequest) -> tuple[Read | None, list[Problem]]:
    # The body's size was checked before any view (lumba.web.middleware.body_limit).
    try:
        text = request.body.decode("utf-8")
    except UnicodeDecodeError:
        return None, [Problem("", "the body is not UTF-8 text", code="structure")]
    try:
        return read(text, default_library()), []
    except InvalidResponse as invalid:
        return None, invalid.problems


def _plain(result: dict[str, Any]) -> HttpResponse:
    body = json.dumps(result, ensure_ascii=False, separators=(",", ":"))
    return HttpResponse(body, content_type="application/json")


def _wants_plain_json(request: HttpRequest) -> bool:
    """A client that accepts application/json and nothing else gets the plain result."""
    accepted = request.headers.get("Accept", "")
    types = {part.split(";")[0].strip().lower() for part in accepted.split(",") if part.strip()}
    return types == {"application/json"}


@login_required
@require_safe
def diary(request: HttpRequest) -> HttpResponse:
    """The signed-in person's own diary as a Bundle, to download."""
    response = fhir_response(diary_bundle(export_of(request.user), default_library()))
    response["Content-Disposition"] = 'attachment; filename="lumba-diary.fhir.json"'
    response["Cache-Control"] = "no-store, private"
    return response


def not_found(request: HttpRequest) -> HttpResponse:
    return refused(404, f"no such FHIR path: {request.path}")


def _invalid(problems: list[Problem]) -> HttpResponse:
    response = fhir_response(operation_outcome(problems), status=422)
    add_never_cache_headers(response)
    return response


def _request_problem(problem: FieldProblem) -> Problem:
    # A query parameter, not part of the resource: no FHIRPath to it.
    return Problem("", f"{problem.field}: {problem.message}", "", "value")
