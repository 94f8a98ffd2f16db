"""One request body limit for every page and API path, applied before any view.

Django's own limit (DATA_UPLOAD_MAX_MEMORY_SIZE) is checked only when a view
reads the body, answers with an HTML 400, and never sees a chunked body: a
WSGI request without Content-Length reads as empty. Here every body is
measured first, a chunked one is read (up to the limit) so that views see it
whole, and a body over the limit gets 413 naming the limit: in JSON on the
API, as an OperationOutcome under /fhir/ (lumba.web.middleware.machine_paths), as plain
text elsewhere.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from lumba.core.input_limits import MAX_BODY_BYTES
from lumba.web.middleware.machine_paths import machine_path
from lumba.web.middleware.request_body import declared_length, is_chunked

_READ_SIZE = 16 * 1024


class BodyLimit:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        length = declared_length(request)
        if length is None and is_chunked(request):
            body = _read_at_most(request, MAX_BODY_BYTES + 1)
            length = len(body)
            if length <= MAX_BODY_BYTES:
                _replace_body(request, body)
        if length is not None and length > MAX_BODY_BYTES:
            return too_large(request)
        return self.get_response(request)


def too_large(request: HttpRequest) -> HttpResponse:
    detail = f"the body is larger than the limit of {MAX_BODY_BYTES} bytes"
    machine = machine_path(request.path)
    if machine is not None:
        return machine.refuse(413, detail)
    return HttpResponse(detail, status=413, content_type="text/plain; charset=utf-8")


def _read_at_most(request: HttpRequest, limit: int) -> bytes:
    # The request's own stream stops at Content-Length, which a chunked body lacks.
    stream = request.META["wsgi.input"]
    parts: list[bytes] = []
    size = 0
    while size < limit:
        part = stream.read(min(_READ_SIZE, limit - size))
        if not part:
            break
        parts.append(part)
        size += len(part)
    return b"".join(parts)


def _replace_body(request: HttpRequest, body: bytes) -> None:
    # Django reads the body from _stream, bounded by CONTENT_LENGTH; give it
    # the whole body as if it had come with a length.
    request.META["CONTENT_LENGTH"] = str(len(body))
    request._stream = io.BytesIO(body)
    request._read_started = False  # type: ignore[attr-defined]
