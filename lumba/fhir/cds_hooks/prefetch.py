"""Resources out of whatever a record system prefetched.

A prefetch value is, by the specification, a FHIR resource or a searchset
Bundle; it may also be absent or null (the record system could not, or
chose not to, fetch it). Here anything else counts as nothing: a value or
an entry that is not a resource of the kind asked for is skipped, never an
error, so one bad entry cannot hide the good ones or fail the call.

A resource whose subject names another patient than the one in context is
skipped too: a card must never show one person's answers on another's
record. A subject lumba cannot read (a urn:uuid, an identifier) is taken
as the record system's word that the resource is this patient's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

# A Bundle bounded by the body limit holds few resources; this bounds the
# work on one that holds many tiny ones.
MAX_ENTRIES = 100

_REFERENCE = re.compile(
    r"(?:^|/)(?P<kind>[A-Z][A-Za-z]+)/(?P<id>[A-Za-z0-9\-.]{1,64})(?:/_history/[^/]*)?$"
)
_PARTIAL = re.compile(r"^(?P<year>\d{4})(?:-(?P<month>\d{2}))?$")


def resources(value: Any, kind: str) -> list[dict[str, Any]]:
    """The resources of type `kind` in a prefetch value, in the order given."""
    if not isinstance(value, dict):
        return []
    if value.get("resourceType") == kind:
        return [value]
    if value.get("resourceType") != "Bundle" or not isinstance(value.get("entry"), list):
        return []
    found = []
    for entry in value["entry"][:MAX_ENTRIES]:
        resource = entry.get("resource") if isinstance(entry, dict) else None
        if isinstance(resource, dict) and resource.get("resourceType") == kind:
            found.append(resource)
    return found


def names_another_patient(resource: dict[str, Any], patient_id: str) -> bool:
    """True when the resource's subject is a reference to anyone but this patient."""
    subject = resource.get("subject")
    reference = subject.get("reference") if isinstance(subject, dict) else None
    if not isinstance(reference, str):
        return False
    match = _REFERENCE.search(reference)
    if match is None:
        return False
    return match["kind"] != "Patient" or match["id"] != patient_id


def instant(value: Any) -> dt.datetime | None:
    """A FHIR dateTime ("2026", "2026-11", "2026-11-30", "2026-11-30T09:00:00Z")
    as a moment to sort by (a date alone at its start, in UTC), or None."""
    if not isinstance(value, str):
        return None
    partial = _PARTIAL.match(value)
    if partial is not None:
        value = f"{partial['year']}-{partial['month'] or '01'}-01"
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def day(value: Any) -> str | None:
    """The date part of a FHIR dateTime, as written (the record's own time zone)."""
    return value[:10] if instant(value) is not None else None


def newest_first(
    found: list[dict[str, Any]], when: Callable[[dict[str, Any]], Any]
) -> list[dict[str, Any]]:
    """Resources by the dateTime `when` gives, newest first; those without
    one after, in the order given (the templates ask for newest first)."""
    dated = [(moment, r) for r in found if (moment := instant(when(r))) is not None]
    undated = [r for r in found if instant(when(r)) is None]
    # A stable sort: resources of the same moment keep the order given.
    dated.sort(key=lambda pair: pair[0], reverse=True)
    return [r for _, r in dated] + undated
