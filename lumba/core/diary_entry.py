"""What a valid diary entry is: the one definition that the diary page and the
diary API both validate with, so they accept and refuse the same entries in
the same words (templates marked for the catalogue, translated at the edge).

Pure: the day it is today and the advice cards that exist are given with
each validation (an EntryContext), never read here.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sized
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    ValidationError,
    ValidationInfo,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from lumba.core.errors import FieldProblem, Translate, gettext_noop, invalid_value, problems
from lumba.core.vocabulary import Activity, Location, Symptom

# No entry is for a day before this: it stops a mistyped year (1990, year 1).
EARLIEST = dt.date(2000, 1, 1)
# The key of the EntryContext in pydantic's validation context.
CONTEXT = "diary_entry"
Sleep = Literal["well", "broken", "badly"]

NOT_A_DATE = gettext_noop("must be a date written as YYYY-MM-DD")
TOO_EARLY = gettext_noop("must be a day of this pregnancy, not before the year 2000")
IN_THE_FUTURE = gettext_noop("must be today or an earlier day")
NOT_A_CARD = gettext_noop("is not an advice card id")
HAS_NUL = gettext_noop("must not contain a NUL character")
TOO_LONG = gettext_noop("must be at most {limit} characters long")
TOO_MANY = gettext_noop("must have at most {limit} items")


@dataclass(frozen=True, slots=True)
class EntryContext:
    """What validating an entry needs to know besides the entry."""

    today: dt.date
    cards: frozenset[str]  # the ids of the advice cards that exist


class InvalidEntry(ValueError):
    """Every problem with an entry, each naming its field."""

    def __init__(self, found: list[FieldProblem]) -> None:
        self.problems = found
        super().__init__("; ".join(map(str, found)))

    def localized(self, translate: Translate) -> str:
        return "; ".join(p.described(translate) for p in self.problems)


def _context(info: ValidationInfo) -> EntryContext:
    context = (info.context or {}).get(CONTEXT)
    if not isinstance(context, EntryContext):
        # A programming error, not bad input: read_entry always gives one.
        raise TypeError("a diary entry is validated with an EntryContext (use read_entry)")
    return context


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: Any) -> Any:
    # Only a calendar date: not a timestamp (a number), nor a date and time.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise invalid_value(NOT_A_DATE)


def _a_day_that_has_come(day: dt.date, info: ValidationInfo) -> dt.date:
    if day < EARLIEST:
        raise invalid_value(TOO_EARLY)
    if day > _context(info).today:
        raise invalid_value(IN_THE_FUTURE)
    return day


def _whole_number(value: Any) -> Any:
    # JSON Schema (and so the API's document) counts 4.0 as an integer, and so
    # does POST /triage; true and "4" are still refused.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


@dataclass(frozen=True, slots=True)
class AtMost:
    """A length limit on a text or a list, checked on what was sent (before
    repeats are counted once) and documented as maxLength or maxItems."""

    limit: int

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        documented = handler(schema)
        documented["maxLength" if documented.get("type") == "string" else "maxItems"] = self.limit
        return documented

    def _check(self, value: Sized) -> Sized:
        if len(value) > self.limit:
            template = TOO_LONG if isinstance(value, str) else TOO_MANY
            raise invalid_value(template, limit=str(self.limit))
        return value


def _once(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))  # a repeat counts once


def _plain_text(text: str) -> str:
    # No database text column stores a NUL.
    if "\x00" in text:
        raise invalid_value(HAS_NUL)
    return text


def _known_card(card: str, info: ValidationInfo) -> str:
    if card not in _context(info).cards:
        raise invalid_value(NOT_A_CARD)
    return card


# Documented as well as checked: a client can know before sending it that a
# NUL is refused.
PlainText = Annotated[
    str, AfterValidator(_plain_text), Field(json_schema_extra={"pattern": "^[^\\x00]*$"})
]
SHORT_TEXT, LONG_TEXT = 200, 2000  # characters: a line, and the notes
ShortText = Annotated[PlainText, AtMost(SHORT_TEXT)]
LongText = Annotated[PlainText, AtMost(LONG_TEXT)]
Locations = Annotated[list[Location], AtMost(6), AfterValidator(_once)]
Activities = Annotated[list[Activity], AtMost(10), AfterValidator(_once)]
Symptoms = Annotated[
    list[Symptom],
    AtMost(40),
    AfterValidator(_once),
    Field(description="Signs from the spec's list."),
]
CardIds = Annotated[
    list[Annotated[str, AfterValidator(_known_card)]],
    AtMost(45),
    AfterValidator(_once),
    Field(description="Advice card ids."),
]


class DiaryEntry(BaseModel):
    """A diary entry as sent: strict about what it accepts (repeated items count once)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date: Annotated[dt.date, BeforeValidator(_iso_date), AfterValidator(_a_day_that_has_come)] = (
        Field(description="The day the entry is for (ISO date, not in the future).")
    )
    pain: Annotated[int, BeforeValidator(_whole_number)] = Field(
        ge=0, le=10, strict=True, description="Worst pain that day, 0 to 10."
    )
    locations: Locations = []
    worse_with: Activities = []
    symptoms: Symptoms = []
    helped: CardIds = []
    helped_other: ShortText = ""
    sleep: Sleep | None = None
    activity: ShortText = ""
    notes: LongText = ""

    def stored(self) -> dict[str, Any]:
        """The fields as a diary keeps them (no sleep given: empty text)."""
        return self.model_dump() | {"sleep": self.sleep or ""}


def read_entry(sent: Any, context: EntryContext) -> DiaryEntry:
    """An entry as sent (a JSON object, or a page's fields as Python values),
    validated; or InvalidEntry with every problem, each naming its field."""
    try:
        return DiaryEntry.model_validate(sent, context={CONTEXT: context})
    except ValidationError as error:
        raise InvalidEntry(problems(error)) from None
