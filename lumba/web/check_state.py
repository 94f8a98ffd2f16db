"""The answers of a check in progress, kept in the person's own browser.

lumba stores nothing about a check on the server: the answers travel in a
signed cookie (tamper-evident, not secret from the person who wrote them),
which expires after a few hours or when the person starts again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

COOKIE = "lumba_check"
_SALT = "lumba.check.v1"
MAX_AGE = 4 * 3600


@dataclass
class CheckState:
    answers: dict[str, Any] = field(default_factory=dict)
    stopped_at: str | None = None  # the step that ended the check early, if any

    @classmethod
    def load(cls, request: HttpRequest) -> CheckState:
        raw = request.COOKIES.get(COOKIE)
        if not raw:
            return cls()
        try:
            data = signing.loads(raw, salt=_SALT, max_age=MAX_AGE)
        except signing.BadSignature:
            return cls()
        if not isinstance(data, dict) or not isinstance(data.get("a"), dict):
            return cls()
        stopped = data.get("s")
        return cls(answers=data["a"], stopped_at=stopped if isinstance(stopped, str) else None)

    def save(self, response: HttpResponse) -> None:
        value = signing.dumps({"a": self.answers, "s": self.stopped_at}, salt=_SALT, compress=True)
        response.set_cookie(
            COOKIE,
            value,
            max_age=MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
            path="/check/",
        )

    @staticmethod
    def clear(response: HttpResponse) -> None:
        response.delete_cookie(COOKIE, path="/check/", samesite="Lax")
