"""The assessment: what a pregnant person reports about their pain (spec v1.1).

The models accept exactly the documents ``assessment.schema.json`` accepts:
strict types (no ``"4"`` for 4, no ``1`` for true), no unknown fields, lists
as sets without duplicates, and the schema's defaults.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)

from lumba.core.errors import gettext_noop, invalid_value
from lumba.core.vocabulary import (
    Activity,
    HistoryItem,
    Impact,
    Location,
    Onset,
    Pattern,
    Symptom,
)


def _integral_float_to_int(value: Any) -> Any:
    # JSON Schema counts 4.0 as an integer; strict pydantic would not.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _no_duplicates(items: list[str]) -> list[str]:
    seen: set[str] = set()
    for item in items:
        if item in seen:
            raise invalid_value(
                gettext_noop("lists are sets: {item} appears more than once"), item=repr(item)
            )
        seen.add(item)
    return items


# Written out per field (not made by a function) so type checkers can read them.
_WholeNumber = BeforeValidator(_integral_float_to_int)
_Set = AfterValidator(_no_duplicates)
Weeks = Annotated[int, _WholeNumber, Field(ge=0, le=44)]
Intensity = Annotated[int, _WholeNumber, Field(ge=0, le=10)]
DurationDays = Annotated[int, _WholeNumber, Field(ge=0, le=400)]
# The schema's bounds of a blood pressure reading (mmHg), for every front end.
READING_BOUNDS = {"systolic": (50, 300), "diastolic": (20, 200)}
_SYSTOLIC, _DIASTOLIC = READING_BOUNDS["systolic"], READING_BOUNDS["diastolic"]
Systolic = Annotated[int, _WholeNumber, Field(ge=_SYSTOLIC[0], le=_SYSTOLIC[1])]
Diastolic = Annotated[int, _WholeNumber, Field(ge=_DIASTOLIC[0], le=_DIASTOLIC[1])]


_STRICT = ConfigDict(strict=True, extra="forbid", frozen=True)


class Pain(BaseModel):
    model_config = _STRICT

    intensity: Intensity
    locations: Annotated[list[Location], Field(min_length=1), _Set]
    onset: Onset = "gradual"
    duration_days: DurationDays = 0
    pattern: Pattern = "comes_and_goes"
    worse_with: Annotated[list[Activity], _Set] = []
    eased_by_rest: bool = True
    wakes_at_night: bool = False
    spreads_below_knee: bool = False
    daily_life_impact: Impact = "none"


class BloodPressure(BaseModel):
    """A reading the person took (home monitor, pharmacy), in mmHg."""

    model_config = _STRICT

    systolic: Systolic
    diastolic: Diastolic

    @field_validator("diastolic")
    @classmethod
    def _diastolic_is_lower(cls, diastolic: int, info: ValidationInfo) -> int:
        # Fields validate in order, so a valid systolic is already in info.data.
        systolic = info.data.get("systolic")
        if systolic is not None and diastolic >= systolic:
            raise invalid_value(
                gettext_noop("must be lower than the systolic value {systolic} (the upper number)"),
                systolic=str(systolic),
            )
        return diastolic


class Assessment(BaseModel):
    model_config = _STRICT

    gestational_weeks: Weeks
    pain: Pain
    symptoms: Annotated[list[Symptom], _Set] = []
    history: Annotated[list[HistoryItem], _Set] = []
    temperature_c: Annotated[float, Field(ge=30, le=45, allow_inf_nan=False)] | None = None
    blood_pressure: BloodPressure | None = None

    @field_validator("temperature_c", "blood_pressure", mode="before")
    @classmethod
    def _absent_not_null(cls, value: Any) -> Any:
        # The schema allows leaving a measurement out, not sending null.
        if value is None:
            raise invalid_value(
                gettext_noop("leave it out when it was not measured; null is not allowed")
            )
        return value
