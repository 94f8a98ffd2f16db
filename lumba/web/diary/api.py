"""The diary API: /api/v1/diary/entries, for the person signed in (session
with CSRF) or holding a personal access token (Authorization: Bearer)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from ninja.security import SessionAuth
from pydantic import ConfigDict, Field, WrapValidator

from lumba.content.loader import default_library
from lumba.core.diary_entry import DiaryEntry, InvalidEntry
from lumba.core.vocabulary import Activity, Location, Symptom
from lumba.service import record_entry
from lumba.web.accounts.models import profile_of
from lumba.web.accounts.tokens import BearerToken
from lumba.web.diary.models import Entry
from lumba.web.diary.services import keep
from lumba.web.visitor.per_request import today, triager_for
from lumba.web.visitor.signed_in import signed_in

PageSize = Annotated[
    int, Query(50, ge=1, le=100, description="Entries in one answer (at most 100).")
]
Offset = Annotated[int, Query(0, ge=0, le=1_000_000, description="Entries to skip, newest first.")]

# Either a token (other clients) or the browser's session, with CSRF.
PERSON = [BearerToken(), SessionAuth(csrf=True)]


def _card_ids(schema: dict[str, Any]) -> None:
    # The closed set of card ids the validation accepts, named in the document too.
    cards = schema["properties"]["helped"]["items"]
    cards["enum"] = sorted(card.id for card in default_library().cards)


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


class EntryIn(DiaryEntry):
    """An entry sent in: strict about what it accepts (repeated items count once)."""

    # The document's name for lumba.core.diary_entry.DiaryEntry, with the
    # card ids of this content named.
    model_config = ConfigDict(json_schema_extra=_card_ids)


def _as_sent(body: Any, validate: Any) -> Any:
    return body  # not validated here: see Sent


# The body as sent, documented as EntryIn: ninja only reads it, and the save
# validates it (record_entry), so every problem is found and worded once.
Sent = Annotated[EntryIn, WrapValidator(_as_sent)]


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


def _save(request: HttpRequest, entry: Entry, sent: Any) -> Entry:
    """The entry as sent, saved the one way (record_entry); 422 naming every
    problem, in the request's language."""
    profile = profile_of(signed_in(request))
    try:
        record = record_entry(
            sent,
            today=today(),
            due_date=profile.due_date,
            history=profile.history,
            triager=triager_for(request, profile.region),
        )
    except InvalidEntry as invalid:
        # Imported here: lumba.web.api.v1 includes this router.
        from lumba.web.api.v1 import _invalid

        raise _invalid(invalid.problems) from None
    keep(entry, record)
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
    entries = Entry.objects.filter(user=signed_in(request))
    response["X-Total-Count"] = str(entries.count())
    return [entry_data(entry) for entry in entries[offset : offset + limit]]


@router.post(
    "/entries",
    response={201: EntryOut},
    summary="Add a diary entry",
    openapi_extra=responses(unauthorized=UNAUTHORIZED, forbidden=FORBIDDEN, invalid=INVALID),
)
def add_entry(request: HttpRequest, payload: Sent) -> Any:
    """Answers 201 with the stored entry and its `id`; its `triage` is the
    same result object as `POST /triage` gives for the entry's answers."""
    return Status(201, entry_data(_save(request, Entry(user=signed_in(request)), payload)))


@router.get(
    "/entries/{entry_id}",
    response=EntryOut,
    summary="One diary entry",
    openapi_extra=responses(unauthorized=UNAUTHORIZED, not_found=NOT_FOUND, invalid=INVALID),
)
def get_entry(request: HttpRequest, entry_id: int) -> Any:
    return entry_data(get_object_or_404(Entry, pk=entry_id, user=signed_in(request)))


@router.put(
    "/entries/{entry_id}",
    response=EntryOut,
    summary="Change a diary entry",
    openapi_extra=responses(
        unauthorized=UNAUTHORIZED, forbidden=FORBIDDEN, not_found=NOT_FOUND, invalid=INVALID
    ),
)
def put_entry(request: HttpRequest, entry_id: int, payload: Sent) -> Any:
    """The whole entry, replaced; its triage is run again from the new answers."""
    entry = get_object_or_404(Entry, pk=entry_id, user=signed_in(request))
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
    get_object_or_404(Entry, pk=entry_id, user=signed_in(request)).delete()
    return Status(204, None)
