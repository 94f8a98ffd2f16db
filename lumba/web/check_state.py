"""The answers of a check in progress, kept in the person's own browser.

lumba stores nothing about a check on the server: the answers travel in a
signed cookie (tamper-evident, not secret from the person who wrote them),
which expires after a few hours or when the person starts again. This is
the web's answers store for the core check (lumba.core.check.AnswersStore).
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

from lumba.core.check import CheckRecord

COOKIE = "lumba_check"
_SALT = "lumba.check.v1"
MAX_AGE = 4 * 3600


class CookieStore:
    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self._pending: CheckRecord | None = None

    def load(self) -> CheckRecord:
        raw = self.request.COOKIES.get(COOKIE)
        if not raw:
            return CheckRecord()
        try:
            data = signing.loads(raw, salt=_SALT, max_age=MAX_AGE)
        except signing.BadSignature:
            return CheckRecord()
        if not isinstance(data, dict) or not isinstance(data.get("a"), dict):
            return CheckRecord()
        stopped = data.get("s")
        return CheckRecord(
            answers=data["a"], stopped_at=stopped if isinstance(stopped, str) else None
        )

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


def clear(response: HttpResponse) -> None:
    response.delete_cookie(COOKIE, path="/check/", samesite="Lax")
