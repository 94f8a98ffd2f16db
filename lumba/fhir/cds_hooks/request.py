"""A call to lumba's CDS service, checked before anything in it is read.

The envelope must be as CDS Hooks 2.0 says, else the call is refused (400)
with a message naming each field at fault: the hook (`patient-view`, the
one this service answers), the hookInstance (a UUID), the context with
its patientId, and `fhirServer` when `fhirAuthorization` is given. What
lumba does not use may be absent (userId, encounterId) and is never read.
Extensions and unknown fields are allowed, as the specification reserves
them.

The prefetched data is not checked here: whatever the record system sent
under a prefetch key (a Bundle, a resource, null, junk) is read leniently
by lumba.fhir.cds_hooks.prefetch, and gives no card rather than an error.
"""

from __future__ import annotations

import json
import uuid
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from lumba.core.errors import FieldProblem, problems
from lumba.fhir.cds_hooks.discovery import HOOK


class InvalidHookRequest(ValueError):
    """A call that is not a CDS Hooks request this service can answer (400)."""

    def __init__(self, found: list[FieldProblem]) -> None:
        self.problems = found
        super().__init__(self.detail)

    @property
    def detail(self) -> str:
        """Every problem in one line, each naming its field (none for the body as a whole)."""
        return "; ".join(f"{p.field}: {p.message}" if p.field else p.message for p in self.problems)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True, frozen=True)


class Context(_Strict):
    """The patient-view context: only patientId is read."""

    patient_id: Annotated[str, Field(alias="patientId")]
    user_id: Annotated[str | None, Field(alias="userId")] = None
    encounter_id: Annotated[str | None, Field(alias="encounterId")] = None

    @field_validator("patient_id")
    @classmethod
    def _not_blank(cls, patient_id: str) -> str:
        if not patient_id.strip():
            raise ValueError("must not be empty")
        return patient_id


class HookRequest(_Strict):
    hook: str
    hook_instance: Annotated[str, Field(alias="hookInstance")]
    fhir_server: Annotated[str | None, Field(alias="fhirServer")] = None
    # Never used: lumba reads only what is prefetched, and never calls the FHIR server.
    fhir_authorization: Annotated[dict[str, Any] | None, Field(alias="fhirAuthorization")] = None
    context: Context
    prefetch: dict[str, Any] | None = None

    @field_validator("hook")
    @classmethod
    def _patient_view(cls, hook: str) -> str:
        if hook != HOOK:
            raise ValueError(f"must be {HOOK}: the only hook this service answers")
        return hook

    @field_validator("hook_instance")
    @classmethod
    def _a_uuid(cls, value: str) -> str:
        try:
            uuid.UUID(value)
        except ValueError:
            raise ValueError("must be a UUID") from None
        return value

    @model_validator(mode="after")
    def _server_with_authorization(self) -> HookRequest:
        if self.fhir_authorization is not None and self.fhir_server is None:
            # The specification's rule (cds-r-1); reported on the missing field.
            raise ValueError("fhirServer is required when fhirAuthorization is given")
        return self

    @property
    def patient_id(self) -> str:
        return self.context.patient_id

    def prefetched(self, key: str) -> Any:
        """What was prefetched under `key`: None when absent or null."""
        return (self.prefetch or {}).get(key)


def read_request(body: bytes) -> HookRequest:
    """The call in a request body, or InvalidHookRequest naming what is wrong."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refused("the body is not UTF-8 text") from None
    if not text.strip():
        raise _refused("empty body: expected a CDS Hooks request (JSON)")
    try:
        document = json.loads(text)
    except RecursionError:
        raise _refused("not valid JSON: nested too deep") from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        raise _refused(
            f"not valid JSON: {error.msg[:1].lower()}{error.msg[1:]} at {where}"
        ) from None
    return validate_request(document)


def validate_request(document: Any) -> HookRequest:
    """A parsed request body as a HookRequest, or InvalidHookRequest."""
    if not isinstance(document, dict):
        got = "a list" if isinstance(document, list) else json.dumps(document)[:40]
        raise _refused(f"expected a JSON object, got {got}")
    try:
        return HookRequest.model_validate(document)
    except ValidationError as error:
        found = problems(error, indexes=True)
        raise InvalidHookRequest([_named(p) for p in found]) from None


def _named(problem: FieldProblem) -> FieldProblem:
    # The model-level rule has no field of its own: it is about fhirServer.
    if not problem.field and problem.message.startswith("fhirServer "):
        return FieldProblem("fhirServer", problem.message.removeprefix("fhirServer "))
    return problem


def _refused(message: str) -> InvalidHookRequest:
    return InvalidHookRequest([FieldProblem("", message)])
