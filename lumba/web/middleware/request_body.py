"""What a request says of its body before it is read: its declared length,
and whether it is chunked. The body limit and the content-type guard both ask."""

from __future__ import annotations

from django.http import HttpRequest


def declared_length(request: HttpRequest) -> int | None:
    """Content-Length as a number, or None when absent or malformed."""
    raw = request.META.get("CONTENT_LENGTH")
    if not raw:
        return None
    try:
        return max(0, int(raw))
    except ValueError:
        return None


def is_chunked(request: HttpRequest) -> bool:
    return "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()


def has_body(request: HttpRequest) -> bool:
    """Whether the request carries a body (a malformed length counts: it is
    then judged by its type like any other)."""
    if "HTTP_TRANSFER_ENCODING" in request.META:
        return True
    if not request.META.get("CONTENT_LENGTH"):
        return False
    length = declared_length(request)
    return length is None or length > 0  # None here: a length that is no number
