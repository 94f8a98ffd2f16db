"""The request being served, as far as logs need it: its id and its route.

Context variables rather than thread-locals, so the values stay right under
any worker model (threads, greenlets, asyncio)."""

from __future__ import annotations

import re
import uuid
from contextvars import ContextVar

REQUEST_ID: ContextVar[str | None] = ContextVar("lumba_request_id", default=None)
ROUTE: ContextVar[str | None] = ContextVar("lumba_route", default=None)

# What a proxy's id looks like: nginx's $request_id (32 hex), a UUID, a
# ULID, or similar. Anything else (too long, spaces, quotes, control
# characters) is replaced, so a client cannot smuggle text into the logs.
_ACCEPTED_ID = re.compile(r"[A-Za-z0-9._-]{8,128}")


def current_request_id() -> str | None:
    return REQUEST_ID.get()


def request_id_from(incoming: str | None) -> str:
    """The proxy's X-Request-ID when it is sane, else a new random one."""
    if incoming and _ACCEPTED_ID.fullmatch(incoming):
        return incoming
    return uuid.uuid4().hex
