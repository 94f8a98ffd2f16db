"""The diary API: /api/v1/diary/entries, for the person signed in (session
with CSRF) or holding a personal access token (Authorization: Bearer)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from ninja.errors import ValidationError
from ninja.security import SessionAuth
from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field

from lumba.content.loader import default_library
from lumba.core.vocabulary import Activity, Location, Symptom
from lumba.web.accounts.models import profile_of
from lumba.web.accounts.tokens import BearerToken
from lumba.web.diary.models import Entry
from lumba.web.diary.services import record_triage
from lumba.web.visitor.per_request import today, triager_for

PageSize = Annotated[
    int, Query(50, ge=1, le=100, description="Entries in one answer (at most 100).")
]
Offset = Annotated[int, Query(0, ge=0, le=1_000_000, description="Entries to skip, newest first.")]

# Either a token (other clients) or the browser's session, with CSRF.
PERSON = [BearerToken(), SessionAuth(csrf=True)]


def _known_cards(ids: list[str]) -> list[str]:
    known = {card.id for card in default_library().cards}
    unknown = [card for card in ids if card not in known]
    if unknown:
        raise ValueError(f"not an advice card id: {', '.join(unknown)}")
    return ids


def _card_ids(schema: dict[str, Any]) -> None:
    # The closed set the validator accepts, named in the document too.
    schema["items"]["enum"] = sorted(card.id for card in default_library().cards)


def _once(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _plain_text(text: str) -> str:
    if "\x00" in text:
        raise ValueError("must not contain a NUL character")
    return text


def _whole_number(value: Any) -> Any:
    # JSON Schema (and so the document) counts 4.0 as an integer, and so does
    # POST /triage; true and "4" are still refused.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _recent(day: dt.date) -> dt.date:
    # The future is refused in the view (it needs today); this stops year 1.
    if day < dt.date(2000, 1, 1):
        raise ValueError("must be a day of this pregnancy, not before the year 2000")
    return day


# Documented as well as checked: a client can know before sending it that a NUL
# is refused (no database text column stores one).
Text = Annotated[
    str, AfterValidator(_plain_text), Field(json_schema_extra={"pattern": "^[^\\x00]*$"})
]
Items = Annotated[list[str], AfterValidator(_once)]


class EntryFields(Schema):
    """What an entry holds, as stored and as returned."""

    date: dt.date = Field(description="The day the entry is for (ISO date, not in the future).")
    pain: int = Field(ge=0, le=10, strict=True, description="Worst pain that day, 0 to 10.")
    locations: list[Location] = Field([], max_length=6)
    worse_with: list[Activity] = Field([], max_length=10)
    symptoms: list[Symptom] = Field([], max_length=40, description="Signs from the spec's list.")
    helped: list[str] = Field([], max_length=45, description="Advice card ids.")
    helped_other: str = Field("", max_length=200)
    sleep: Literal["well", "broken", "badly"] | None = None
    activity: str = Field("", max_length=200)
    notes: str = Field("", max_length=2000)


class EntryIn(EntryFields):
    """An entry sent in: strict about what it accepts (repeated items count once)."""

    model_config = ConfigDict(extra="forbid")

    date: Annotated[dt.date, AfterValidator(_recent)] = Field(
        description="The day the entry is for (ISO date, not in the future)."
    )
    pain: Annotated[int, BeforeValidator(_whole_number)] = Field(
        ge=0, le=10, strict=True, description="Worst pain that day, 0 to 10."
    )
    locations: Annotated[list[Location], AfterValidator(_once)] = Field([], max_length=6)
    worse_with: Annotated[list[Activity], AfterValidator(_once)] = Field([], max_length=10)
    symptoms: Annotated[list[Symptom], AfterValidator(_once)] = Field(
        [], max_length=40, description="Signs from the spec's list."
    )
    helped: Annotated[Items, AfterValidator(_known_cards)] = Field(
        [], max_length=45, description="Advice card ids.", json_schema_extra=_card_ids
    )
    helped_other: Text = Field("", max_length=200)
    activity: Text = Field("", max_length=200)
    notes: Text = Field("", max_length=2000)


class EntryOut(EntryFields):
    """A stored entry: card ids are given back as stored, even one that the
    content has since retired, so a person always gets their diary back."""

    id: int
    triage: dict[str, Any] | None = Field(
        None, description="The result object of POST /triage for the entry's answers."
    )
    content_version: str = Field("", description="The content that produced `triage`.")


router = Router(auth=PERSON, tags=["diary"])


def responses(**answers: str) -> dict[str, Any]:
    """The refusals an operation can answer, documented by name (`invalid`,
    `unauthorized`, `forbidden`, `not_found`) in the API's shared shapes (the
    `InvalidInput` and `Message` schemas of lumba.web.api.v1, which every route
    of the API shares)."""
    shapes = {
        "invalid": ("422", "InvalidInput"),
        "unauthorized": ("401", "Message"),
        "forbidden": ("403", "Message"),
        "not_found": ("404", "Message"),
    }
    documented = {}
    for name, description in answers.items():
        status, shape = shapes[name]
        schema = {"$ref": f"#/components/schemas/{shape}"}
        documented[status] = {
            "description": description,
            "content": {"application/json": {"schema": schema}},
        }
    return {"responses": documented}


UNAUTHORIZED = "No valid token and no signed-in session."
FORBIDDEN = "A signed-in session without its CSRF token."
INVALID = "Every problem with the path or the body, each naming its field."
NOT_FOUND = "No entry of yours has this id."


def entry_data(entry: Entry) -> dict[str, Any]:
    return {
        field: getattr(entry, field)
        for field in (*EntryFields.model_fields, "id", "triage", "content_version")
    } | {"sleep": entry.sleep or None}


def _save(request: HttpRequest, entry: Entry, data: EntryIn) -> Entry:
    if data.date > today():
        raise ValidationError([{"field": "date", "message": "must be today or an earlier day"}])
    for field, value in data.model_dump().items():
        setattr(entry, field, value if value is not None else "")
    profile = profile_of(request.user)
    record_triage(entry, profile, triager_for(request, profile.region))
    entry.save()
    return entry


@router.get(
    "/entries",
    response=list[EntryOut],
    summary="List your diary entries",
    openapi_extra=responses(unauthorized=UNAUTHORIZED),
)
def list_entries(
    request: HttpRequest, response: HttpResponse, limit: PageSize = 50, offset: Offset = 0
) -> Any:
    """Newest first, a page at a time (every entry carries its whole triage
    result, so a year of entries in one answer would be megabytes); the
    total is in the X-Total-Count header."""
    entries = Entry.objects.filter(user=request.user)
    response["X-Total-Count"] = str(entries.count())
    return [entry_data(entry) for entry in entries[offset : offset + limit]]


@router.post(
    "/entries",
    response={201: EntryOut},
    summary="Add a diary entry",
    openapi_extra=responses(unauthorized=UNAUTHORIZED, forbidden=FORBIDDEN, invalid=INVALID),
)
def add_entry(request: HttpRequest, payload: EntryIn) -> Any:
    """Answers 201 with the stored entry and its `id`; its `triage` is the
    same result object as `POST /triage` gives for the entry's answers."""
    return Status(201, entry_data(_save(request, Entry(user=request.user), payload)))


@router.get(
    "/entries/{entry_id}",
    response=EntryOut,
    summary="One diary entry",
    openapi_extra=responses(unauthorized=UNAUTHORIZED, not_found=NOT_FOUND, invalid=INVALID),
)
def get_entry(request: HttpRequest, entry_id: int) -> Any:
    return entry_data(get_object_or_404(Entry, pk=entry_id, user=request.user))


@router.put(
    "/entries/{entry_id}",
    response=EntryOut,
    summary="Change a diary entry",
    openapi_extra=responses(
        unauthorized=UNAUTHORIZED, forbidden=FORBIDDEN, not_found=NOT_FOUND, invalid=INVALID
    ),
)
def put_entry(request: HttpRequest, entry_id: int, payload: EntryIn) -> Any:
    """The whole entry, replaced; its triage is run again from the new answers."""
    entry = get_object_or_404(Entry, pk=entry_id, user=request.user)
    return entry_data(_save(request, entry, payload))


@router.delete(
    "/entries/{entry_id}",
    response={204: None},
    summary="Delete a diary entry",
    openapi_extra=responses(
        unauthorized=UNAUTHORIZED, forbidden=FORBIDDEN, not_found=NOT_FOUND, invalid=INVALID
    ),
)
def delete_entry(request: HttpRequest, entry_id: int) -> Any:
    get_object_or_404(Entry, pk=entry_id, user=request.user).delete()
    return Status(204, None)
