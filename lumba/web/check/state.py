"""The answers of a check in progress, kept in the person's own browser.

lumba stores nothing about a check on the server: the answers travel in a
signed cookie (tamper-evident, not secret from the person who wrote them),
which expires after a few hours or when the person starts again. This is
the web's answers store for the core check (lumba.core.check.AnswersStore).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from lumba.content.loader import default_library
from lumba.core.check import CheckRecord

COOKIE = "lumba_check"
_SALT = "lumba.check.v1"
MAX_AGE = 4 * 3600


class CookieStore:
    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self._pending: CheckRecord | None = None

    def load(self) -> CheckRecord:
        return _read(self.request) or CheckRecord()

    @property
    def unreadable(self) -> bool:
        """A cookie is there, signed by lumba, but its answers do not fit the
        questions (an older version of lumba, or forged with a leaked key)."""
        return _read(self.request) is None

    def save(self, record: CheckRecord) -> None:
        self._pending = record

    def apply(self, response: HttpResponse) -> HttpResponse:
        """Write what the check saved during this request into the response."""
        if self._pending is None:
            return response
        if not self._pending.answers and self._pending.stopped_at is None:
            clear(response)
            return response
        value = signing.dumps(
            {"a": self._pending.answers, "s": self._pending.stopped_at}, salt=_SALT, compress=True
        )
        response.set_cookie(
            COOKIE,
            value,
            max_age=MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            path="/check/",
        )
        return response


def _read(request: HttpRequest) -> CheckRecord | None:
    """The check kept in the cookie; None when it cannot be used."""
    if not hasattr(request, "_lumba_check"):
        request._lumba_check = _parse(request.COOKIES.get(COOKIE))  # type: ignore[attr-defined]
    return request._lumba_check  # type: ignore[attr-defined,no-any-return]


def _parse(raw: str | None) -> CheckRecord | None:
    if not raw:
        return CheckRecord()
    try:
        data = signing.loads(raw, salt=_SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return CheckRecord()  # expired or not ours: as if there were none
    except (ValueError, zlib.error):
        return None  # signed by us, yet not what lumba writes
    questionnaire = default_library().questionnaire
    if not isinstance(data, dict) or not questionnaire.fits(data.get("a")):
        return None
    stopped = data.get("s")
    if stopped is not None and stopped not in {step.id for step in questionnaire.steps}:
        return None
    return CheckRecord(answers=data["a"], stopped_at=stopped)


def restarts_unreadable_check(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A check page met with answers that cannot be used starts the check
    again, saying why, rather than failing on them."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not CookieStore(request).unreadable:
            return view(request, *args, **kwargs)
        messages.info(
            request,
            _(
                "Your earlier answers could not be read, perhaps because lumba has "
                "changed since. Please start the check again."
            ),
        )
        response = redirect("check-start")
        clear(response)
        return response

    return guarded


def clear(response: HttpResponse) -> None:
    response.delete_cookie(COOKIE, path="/check/", samesite="Lax")
