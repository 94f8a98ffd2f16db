"""The JSON API at /api/v1/: triage for machines, and the advice and rules behind it.

POST /triage makes the same two calls as `lumba triage` (parse_assessment on
the raw body, then Triager.result_json), so the API and the CLI cannot give
different results or different errors for the same input.
"""

import json
from dataclasses import replace
from datetime import date
from functools import cache
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from ninja import NinjaAPI, Query, Schema
from ninja.errors import HttpError, ValidationError, ValidationErrorContext
from pydantic import AfterValidator, Field, PlainSerializer

from lumba import __version__ as lumba_version
from lumba.catalogues import languages as offered
from lumba.content.loader import SCHEMA_PATH, default_library
from lumba.core.cards import AdviceCard
from lumba.core.conditions import Condition
from lumba.core.errors import DOCUMENT, FieldProblem, problems_of
from lumba.core.library import Library
from lumba.core.rules import Rule
from lumba.core.vocabulary import Certainty, Level, Topic
from lumba.service import triage_text, triager
from lumba.web.api.account import router as me_router
from lumba.web.api.json_body import JSONBodyParser, UnreadableBody
from lumba.web.diary.api import router as diary_router
from lumba.web.observability import record_triage_level
from lumba.web.visitor.language import current
from lumba.web.visitor.region import region_for
from lumba.web.visitor.triage_choice import known_language

DOCUMENT_FIELD = DOCUMENT
BODY = "payload"  # every JSON body parameter has this name
# Clients generate code from the operation ids: each route names its own, as
# ninja named it from the module these routes lived in (lumba/web/api.py).

DESCRIPTION = f"""\
Self-care and triage for back and pelvic pain in pregnancy. Not a diagnosis:
in an emergency call your local emergency number.

`POST /triage` answers exactly what `lumba triage` prints for the same
assessment, region and language.

Invalid input gives status 422 and `{{"detail": [{{"field": ..., "message": ...}}]}}`
with one item for every problem found. `field` is a dotted path into the
assessment (`pain.intensity`), a query parameter (`region`, `lang`, `topic`),
or `{DOCUMENT_FIELD}` for the body as a whole (empty, not JSON, not an object).
"""


_LANGUAGE_HELP = (
    "Language of the text and of the error messages: a language the site offers, "
    "as a BCP 47 tag (case does not matter). Default: the request's Accept-Language, "
    "else English."
)
# For /triage the view checks the language itself, so that a bad language, a
# bad region and a bad body are all reported in one answer.
TriageLanguage = Annotated[str | None, Query(None, description=_LANGUAGE_HELP)]
Language = Annotated[
    str | None, AfterValidator(known_language), Query(None, description=_LANGUAGE_HELP)
]
RegionChoice = Annotated[
    str | None,
    Query(
        None,
        description="Where the person is, for the emergency number: a region code (GB, US, "
        "EU, INT...) or a country code (DE). Default: the visitor's region (their choice on "
        "the site, else the server's setting, else their browser's language).",
    ),
]
TopicFilter = Annotated[Topic | None, Query(None, description="Only the cards on this topic.")]


def _condition_data(condition: Condition) -> dict[str, Any]:
    # Only the tests a condition makes; the unset ones would be a wall of nulls.
    return condition.model_dump(mode="json", exclude_none=True)


# Given a function without a return annotation (the lambda), pydantic documents
# the output with the Condition schema rather than as any object.
ConditionData = Annotated[Condition, PlainSerializer(lambda condition: _condition_data(condition))]


class FieldError(Schema):
    field: str = Field(
        description="A dotted path into the assessment (`pain.intensity`), a query "
        f"parameter (`region`, `lang`, `topic`), or `{DOCUMENT_FIELD}` for the whole body."
    )
    message: str


class InvalidInput(Schema):
    detail: list[FieldError] = Field(description="Every problem found, not just the first.")


class Message(Schema):
    detail: str


class Reason(Schema):
    rule: str
    level: Level
    title: str
    explanation: str
    sources: list[str]


class SignGroup(Schema):
    level: Level
    heading: str = Field(description="What to do for these signs.")
    signs: list[str]


class PlanItem(Schema):
    id: str
    topic: Topic
    title: str
    summary: str
    text: str = Field(description="The card's text; a generated sign list follows it as text too.")
    certainty: Certainty
    evidence: str
    sources: list[str]
    signs: list[SignGroup] | None = Field(
        None,
        description="Warning signs generated from the triage rules, grouped by what to do.",
    )


class TriageResult(Schema):
    level: Level
    label: str
    headline: str = Field(description="What to do, followed by the most urgent reason.")
    call_to_action: str = Field(description="What to do, without the reason.")
    actions: list[str]
    reasons: list[Reason] = Field(description="Every rule that fired; empty only at self_care.")
    plan: list[PlanItem] = Field(description="The personalised self-care advice.")
    region: str
    emergency_number: str
    language: str


class CardSummary(Schema):
    id: str
    topic: Topic
    title: str
    summary: str
    certainty: Certainty
    sources: list[str] = Field(description="Citations: a title and where to read it.")
    reviewed: date


class CardBoost(Schema):
    when: ConditionData
    by: int


class Card(CardSummary):
    text: str
    evidence: str
    priority: int
    applies_when: ConditionData | None = Field(description="null: the card may always apply.")
    not_when: ConditionData | None
    not_at_levels: list[Level]
    boosts: list[CardBoost]


class TriageRule(Schema):
    id: str
    level: Level
    title: str
    explanation: str
    sources: list[str]
    when: ConditionData


class _LumbaAPI(NinjaAPI):
    def validation_error_from_error_contexts(
        self, error_contexts: list[ValidationErrorContext[Any]]
    ) -> ValidationError:
        # Query, path and body errors in the same words and shape as assessment
        # errors; a JSON body's fields are named from its top, as in the triage
        # body (`pain`, not `payload.pain`).
        found = [
            replace(p, field=p.field.removeprefix(f"{BODY}."))
            if p.field.startswith(f"{BODY}.")
            else p
            for p in problems_of([c.pydantic_validation_error for c in error_contexts])
        ]
        return _invalid(found)

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        # ninja does not parse the triage body (parse_assessment does), so it
        # cannot see the assessment schema; add the published one.
        schema = super().get_openapi_schema(**kwargs)
        schema["components"]["schemas"]["Assessment"] = _assessment_schema()
        closed = _closed_sets()
        for operation in _operations(schema):
            _document_closed_parameters(operation, closed)
            _document_refusals(operation)
        return schema


api = _LumbaAPI(
    title="lumba API",
    version="1",
    urls_namespace="api-v1",
    description=DESCRIPTION,
    parser=JSONBodyParser(),
)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    # ninja turns any parser error into a bare 400; a body the parser could
    # not read is answered like any other invalid input, naming the problem.
    if isinstance(error.__cause__, UnreadableBody):
        return api.on_exception(request, _invalid([error.__cause__.problem]))
    return api.create_response(request, {"detail": str(error)}, status=error.status_code)


api.add_router("/diary", diary_router)
api.add_router("/me", me_router)


@cache
def _published_schema_text() -> str:
    return SCHEMA_PATH.read_text(encoding="utf-8")


def _assessment_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(_published_schema_text())
    # Inside an OpenAPI document these would change how references resolve.
    schema.pop("$schema", None)
    schema.pop("$id", None)
    return schema


def _operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    return [operation for path in schema["paths"].values() for operation in path.values()]


def _closed_sets() -> dict[str, list[str]]:
    """Every parameter that takes one of a known set of values, with the set."""
    library = default_library()
    regions = sorted(
        {*library.regions, *(c for r in library.regions.values() for c in r.countries)}
    )
    return {
        # Tags are read case-insensitively.
        "lang": list(dict.fromkeys([*offered(), *(tag.lower() for tag in offered())])),
        # Codes are read case-insensitively, and an empty region means "not chosen".
        "region": ["", *regions, *(code.lower() for code in regions)],
        "card_id": [card.id for card in library.cards],
    }


def _document_closed_parameters(operation: dict[str, Any], closed: dict[str, list[str]]) -> None:
    for parameter in operation.get("parameters", []):
        values = closed.get(parameter["name"])
        if values is not None:
            parameter["schema"]["enum"] = values


def _document_refusals(operation: dict[str, Any]) -> None:
    """The answers any operation may give before its view: 422 for a bad
    parameter or body (ninja, lumba.web.api.json_body), 413 and 415 for a body
    over the limit or not JSON (lumba.web.middleware: body_limit, json_bodies)."""
    message = {"application/json": {"schema": {"$ref": "#/components/schemas/Message"}}}
    invalid = {"application/json": {"schema": {"$ref": "#/components/schemas/InvalidInput"}}}
    refusals: dict[int, dict[str, Any]] = {}
    if operation.get("parameters") or "requestBody" in operation:
        refusals[422] = {"description": "A parameter or the body is not valid.", "content": invalid}
    if "requestBody" in operation:
        refusals[413] = {"description": "The body is over the size limit.", "content": message}
        refusals[415] = {"description": "The body is not JSON.", "content": message}
    responses = operation["responses"]
    for status, response in refusals.items():
        # ninja keys the statuses it knows by number, the rest by text.
        if status not in responses and str(status) not in responses:
            responses[str(status)] = response


def _invalid(found: list[FieldProblem]) -> ValidationError:
    # Explained in the request's language (?lang=, else its Accept-Language);
    # the field is named the same in every language.
    return ValidationError([{"field": p.named, "message": p.localized(gettext)} for p in found])


_ASSESSMENT_BODY = {
    "requestBody": {
        "required": True,
        "description": "One assessment (triage interface v1).",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Assessment"}}},
    }
}


@api.post(
    "/triage",
    operation_id="lumba_web_api_triage",
    response={200: TriageResult, 422: InvalidInput},
    openapi_extra=_ASSESSMENT_BODY,
    summary="Triage one assessment",
    tags=["triage"],
)
def triage(
    request: HttpRequest, region: RegionChoice = None, lang: TriageLanguage = None
) -> HttpResponse:
    """The result `lumba triage --region REGION --lang LANG` prints for the body."""
    # Everything this request says is read here; the service then decides once.
    region = region or region_for(request).code
    asked = triage_text(request.body, region, lang, fallback_language=current())
    if asked.outcome is None:
        raise _invalid(asked.problems)
    record_triage_level(asked.outcome.level, channel="api")
    response = HttpResponse(asked.result_json(), content_type="application/json")
    # A result describes someone's health: no shared or browser cache keeps it.
    add_never_cache_headers(response)
    return response


class Version(Schema):
    lumba: str
    spec: str


@api.get(
    "/version",
    response=Version,
    summary="The lumba and interface versions",
    tags=["about"],
    operation_id="lumba_web_api_version",
)
def version(request: HttpRequest) -> Any:
    """The running lumba version and the triage interface (spec) version it implements."""
    return {"lumba": lumba_version, "spec": "1.1"}


@api.get(
    "/cards",
    operation_id="lumba_web_api_cards",
    response={200: list[CardSummary], 422: InvalidInput},
    summary="List the advice cards",
    tags=["advice"],
)
def cards(request: HttpRequest, topic: TopicFilter = None, lang: Language = None) -> Any:
    """Every reviewed advice card, or those on one `topic`."""
    lang = lang or current()
    library = default_library()
    return [
        _card_summary(library, card, lang)
        for card in library.cards
        if topic is None or card.topic == topic
    ]


@api.get(
    "/cards/{card_id}",
    operation_id="lumba_web_api_card",
    response={200: Card, 404: Message, 422: InvalidInput},
    summary="One advice card in full",
    tags=["advice"],
)
def card(request: HttpRequest, card_id: str, lang: Language = None) -> Any:
    """The card with its text, evidence and the conditions that choose it for a plan."""
    lang = lang or current()
    library = default_library()
    try:
        found = library.card(card_id)
    except KeyError:
        # HttpError gives {"detail": message}, the documented Message shape.
        raise HttpError(404, f"no advice card with id {card_id!r}") from None
    return {
        **_card_summary(library, found, lang),
        "text": triager(region=region_for(request).code, language=lang).renderer.card_text(found),
        "evidence": found.evidence.get(lang),
        "priority": found.priority,
        "applies_when": found.applies_when,
        "not_when": found.not_when,
        "not_at_levels": found.not_at_levels,
        "boosts": [{"when": boost.when, "by": boost.by} for boost in found.boosts],
    }


def _card_summary(library: Library, card: AdviceCard, lang: str) -> dict[str, Any]:
    return {
        "id": card.id,
        "topic": card.topic,
        "title": card.title.get(lang),
        "summary": card.summary.get(lang),
        "certainty": card.certainty,
        "sources": library.citations(card.sources),
        "reviewed": card.reviewed,
    }


@api.get(
    "/rules",
    operation_id="lumba_web_api_rules",
    response={200: list[TriageRule], 422: InvalidInput},
    summary="List the triage rules",
    tags=["triage"],
)
def rules(request: HttpRequest, lang: Language = None) -> Any:
    """Every triage rule: when it fires (`when`), the level it raises to, and why."""
    lang = lang or current()
    library = default_library()
    return [_rule(library, rule, lang) for rule in library.rules]


def _rule(library: Library, rule: Rule, lang: str) -> dict[str, Any]:
    return {
        "id": rule.id,
        "level": rule.level,
        "title": rule.title.get(lang),
        "explanation": rule.explanation.get(lang),
        "sources": library.citations(rule.sources),
        "when": rule.when,
    }


def not_found(request: HttpRequest, rest: str = "") -> JsonResponse:
    """An unknown API path answers in JSON, as the API does, not with an HTML page."""
    return JsonResponse({"detail": f"no such API path: {request.path}"}, status=404)
