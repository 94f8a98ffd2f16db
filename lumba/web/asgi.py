"""The ASGI application `lumba serve` runs: Django's, with each request's body
read whole, and never past the body limit, before Django sees it."""

from __future__ import annotations

import json
from typing import Any

from lumba.core.input_limits import MAX_BODY_BYTES
from lumba.web.api_guard import API
from lumba.web.body_limit import too_large_detail

_application: Any = None


def application(_target: str = "") -> Any:
    """The ASGI app, made once per process; in the parent before forking, so workers share it."""
    global _application
    if _application is None:
        from django.core.asgi import get_asgi_application

        _application = _whole_bodies(get_asgi_application())
    return _application


def _whole_bodies(app: Any) -> Any:
    """Each request's body read whole before the app sees it, and never more than the limit.

    Django's ASGI handler would read any body to the end, spooling it to a
    temporary file, before the body-limit middleware could answer 413. Here
    a body over the limit is refused as it arrives; a chunked one reaches
    Django with its Content-Length, like any other.
    """

    async def guarded(scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await app(scope, receive, send)
        headers = [(k, v) for k, v in scope["headers"] if k != b"transfer-encoding"]
        declared = dict(headers).get(b"content-length", b"0")
        if not declared.isdigit() or int(declared) > MAX_BODY_BYTES:
            return await _too_large(scope, send, MAX_BODY_BYTES)
        parts, size = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return None  # the client went away
            parts.append(message.get("body", b""))
            size += len(parts[-1])
            if size > MAX_BODY_BYTES:
                return await _too_large(scope, send, MAX_BODY_BYTES)
            if not message.get("more_body"):
                break
        body = b"".join(parts)
        headers = [(k, v) for k, v in headers if k != b"content-length"]
        if body:
            headers.append((b"content-length", str(len(body)).encode()))
        replayed = False

        async def replay() -> dict:
            nonlocal replayed
            if replayed:
                return await receive()  # waits for the disconnect, as Django expects
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}

        return await app({**scope, "headers": headers}, replay, send)

    return guarded


async def _too_large(scope: dict, send: Any, limit: int) -> None:
    # The same answer as lumba.web.body_limit gives under the limit's other check.
    detail = too_large_detail()
    if scope["path"].startswith(API):
        body, kind = json.dumps({"detail": detail}).encode(), b"application/json"
    else:
        body, kind = detail.encode(), b"text/plain; charset=utf-8"
    headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})
