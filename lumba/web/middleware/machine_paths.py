"""The paths that machines call, and how each says no.

The JSON API, FHIR and CDS Hooks each have their own error format: a client
of one reads `{"detail": ...}`, of another an OperationOutcome. Middleware
that refuses a request before any view (its size, its content type) answers
in the format of the path it was sent to, from this one table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpResponse, JsonResponse

from lumba.web.cds_hooks.http import cds_json
from lumba.web.fhir.http import refused as operation_outcome

API = "/api/v1/"
FHIR = "/fhir/"
CDS_HOOKS = "/cds-services"


def _detail(status: int, message: str) -> HttpResponse:
    return JsonResponse({"detail": message}, status=status)


def _cds_refusal(status: int, message: str) -> HttpResponse:
    # Record systems may call from a browser on another origin (CDS Hooks
    # asks for CORS): the refusal must be readable there too.
    return cds_json({"detail": message}, status)


@dataclass(frozen=True)
class MachinePath:
    prefix: str
    refuse: Callable[[int, str], HttpResponse]


MACHINE_PATHS = (
    MachinePath(API, _detail),
    MachinePath(FHIR, operation_outcome),
    MachinePath(CDS_HOOKS, _cds_refusal),
)


def machine_path(path: str) -> MachinePath | None:
    """The machine-facing path `path` is under, if any (pages are for people)."""
    return next((m for m in MACHINE_PATHS if path.startswith(m.prefix)), None)
