"""What each triage level tells a person to do, and the numbers to call where they live."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from lumba.core.sources import SourceCode
from lumba.core.text import LocalizedText
from lumba.core.vocabulary import Level

RegionCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2,3}$")]


class PhoneNumber(BaseModel):
    """A number a call button dials, as people write it ("1800 022 222"), with
    the source (sources.yaml) that gives it."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    # Digits, in groups separated by one space, maybe after a "+".
    number: Annotated[str, StringConstraints(pattern=r"^\+?[0-9]+( [0-9]+)*$")]
    source: SourceCode

    @field_validator("number")
    @classmethod
    def _dialable(cls, number: str) -> str:
        if sum(c.isdigit() for c in number) < 3:
            raise ValueError("a phone number has at least three digits")
        return number

    def tel(self) -> str:
        """The tel: address a call button links to: "tel:1800022222"."""
        return "tel:" + self.number.replace(" ", "")


class RegionNumbers(BaseModel):
    """The numbers a region's call buttons dial: the emergency number always,
    the advice line where it has one number (not "your GP")."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    emergency: PhoneNumber
    advice: PhoneNumber | None = None


class Region(BaseModel):
    """A place with its own emergency and advice numbers.

    Texts may use ``{emergency}`` for the emergency number; ``advice_line``
    is the out-of-hours urgent-care line where one exists. ``numbers`` are
    what the call buttons dial: each must be written in its text, in every
    language, so the words and the buttons cannot disagree.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: RegionCode
    name: LocalizedText
    # A number, or words where no one number fits (INT): translated like any text.
    emergency: LocalizedText
    advice_line: LocalizedText
    numbers: RegionNumbers
    countries: list[Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]] = []

    @model_validator(mode="after")
    def _numbers_are_in_their_texts(self) -> Region:
        pairs = [("emergency", self.emergency, self.numbers.emergency)]
        if self.numbers.advice is not None:
            pairs.append(("advice", self.advice_line, self.numbers.advice))
        for kind, text, phone in pairs:
            for language in sorted(text.languages()):
                if phone.number not in text.get(language):
                    field = "emergency" if kind == "emergency" else "advice_line"
                    raise ValueError(
                        f"numbers.{kind} {phone.number!r} is not in the {language} {field} text"
                    )
        return self

    def advice_words(self, language: str) -> str:
        """What the advice line's call button says, from its text up to and with
        its number ("NHS 111", "healthdirect on 1800 022 222"); '' without one."""
        phone = self.numbers.advice
        if phone is None:
            return ""
        text = self.advice_line.get(language)
        return text[: text.index(phone.number) + len(phone.number)]


class EarlyPregnancyGuidance(BaseModel):
    """What to do instead, before ``before_weeks`` (early pregnancy units, not the labour ward)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    before_weeks: Annotated[int, Field(ge=1, le=44)]
    headline: LocalizedText
    actions: Annotated[list[LocalizedText], Field(min_length=1)]


class RegionalGuidance(BaseModel):
    """What a level says instead where care is reached differently (in China:
    the obstetric emergency department of the hospital that holds the
    pregnancy's file, not a maternity unit's phone line). Fields left out
    keep the general text."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    headline: LocalizedText | None = None
    actions: Annotated[list[LocalizedText], Field(min_length=1)] | None = None
    signs_heading: LocalizedText | None = None
    early: EarlyPregnancyGuidance | None = None


class LevelGuidance(BaseModel):
    """The words every result at one level starts with.

    ``headline``, ``actions`` and ``signs_heading`` may use ``{emergency}``
    and ``{advice_line}``, filled from the person's region.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    level: Level
    label: LocalizedText
    headline: LocalizedText
    actions: Annotated[list[LocalizedText], Field(min_length=1)]
    # Heads this level's group in the generated sign lists ("Call 999 now if you have:").
    signs_heading: LocalizedText | None = None
    early: EarlyPregnancyGuidance | None = None
    by_region: dict[RegionCode, RegionalGuidance] = {}

    def for_region(self, code: str) -> LevelGuidance:
        """This level's words for one region: its own where it has them."""
        own = self.by_region.get(code)
        if own is None:
            return self
        given = {name: getattr(own, name) for name in own.model_fields_set}
        return self.model_copy(update={**given, "by_region": {}})

    def is_early(self, weeks: int | None) -> bool:
        """Whether the early-pregnancy advice applies. Unknown weeks take the
        advice for later pregnancy, which names the maternity unit."""
        return self.early is not None and weeks is not None and weeks < self.early.before_weeks

    def advice(self, early: bool) -> tuple[LocalizedText, list[LocalizedText]]:
        """The headline and actions for early pregnancy, or for later."""
        if early and self.early is not None:
            return self.early.headline, self.early.actions
        return self.headline, self.actions


FALLBACK_REGION = "INT"
REGION_ENV = "LUMBA_REGION"
_LOCALE_ENV = ("LC_ALL", "LC_MESSAGES", "LANG")


EXPLICIT_REGION = "--region"  # how a region named by the caller is named in a problem


class UnknownRegion(ValueError):
    def __init__(self, source: str, name: str, known: list[str]) -> None:
        self.source = source  # where the name came from: EXPLICIT_REGION or REGION_ENV
        self.name = name
        self.known = known
        super().__init__(f"{source}: unknown region {name!r}; use one of {', '.join(known)}")


def choose_region(
    regions: Mapping[str, Region], explicit: str | None, environ: Mapping[str, str]
) -> Region:
    """The region named, else LUMBA_REGION, else the locale's country, else INT.

    A name may be a region code (GB, EU) or a country code that belongs to a
    region (DE means EU). An explicit or configured name that is unknown is
    an error rather than a silent fallback: a wrong emergency number is worse
    than a refusal.
    """
    for name, source in ((explicit, EXPLICIT_REGION), (environ.get(REGION_ENV), REGION_ENV)):
        if name:
            region = _find(regions, name)
            if region is None:
                raise UnknownRegion(source, name, sorted(regions))
            return region
    for variable in _LOCALE_ENV:
        country = _locale_country(environ.get(variable, ""))
        if country and (region := _find(regions, country)) is not None:
            return region
    return regions[FALLBACK_REGION]


def _find(regions: Mapping[str, Region], name: str) -> Region | None:
    code = name.strip().upper()
    if code in regions:
        return regions[code]
    return next((r for r in regions.values() if code in r.countries), None)


def _locale_country(locale: str) -> str | None:
    # "en_GB.UTF-8" -> "GB"; "C.UTF-8" and "POSIX" name no country.
    base = locale.split(".")[0].split("@")[0]
    if "_" not in base:
        return None
    return base.split("_")[1] or None
