"""One JSON object per log line, with the request id, and nothing personal.

Only named fields leave a record: the message, the logger, the level, the
request id and route, and the access log's fields. Anything else a library
attaches to a record (Django attaches the whole request) is dropped, so a
new field cannot leak by accident. Exceptions are logged with their type
and their stack (files, lines, code), never their message: messages carry
values (pydantic's `input_value`, a database's `Key (email)=(...)`).
"""

from __future__ import annotations

import json
import logging
import traceback
from datetime import UTC, datetime
from types import TracebackType

from lumba.web.observability.context import REQUEST_ID, ROUTE

# Fields a lumba log call may add with `extra=`: the access log's, and the
# few facts an error line needs. None of them can hold a person's data.
ALLOWED_EXTRA = ("method", "route", "status", "duration_ms", "error", "status_code")

_ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class JSONFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": _message(record),
            "request_id": REQUEST_ID.get(),
        }
        route = ROUTE.get()
        if route is not None:
            entry["route"] = route
        for name in ALLOWED_EXTRA:
            if name in record.__dict__:
                entry[name] = record.__dict__[name]
        if record.exc_info and record.exc_info[1] is not None:
            exc_info: _ExcInfo = record.exc_info
            entry["exception"] = _type_name(exc_info[1])
            entry["traceback"] = stack_without_messages(exc_info[1])
        return json.dumps(entry, ensure_ascii=False, default=str)


def _message(record: logging.LogRecord) -> str:
    message = record.getMessage()
    request = record.__dict__.get("request")
    path = getattr(request, "path", "")
    # Django's own lines ("Not Found: /path", "Forbidden (CSRF ...): /path")
    # end with the raw path, which can hold a password-reset or email
    # confirmation key: the route pattern stands in for it.
    if path and len(path) > 1:
        message = message.replace(path, ROUTE.get() or "<path>")
    return message


def _type_name(error: BaseException) -> str:
    kind = type(error)
    return (
        kind.__qualname__
        if kind.__module__ == "builtins"
        else f"{kind.__module__}.{kind.__qualname__}"
    )


def stack_without_messages(error: BaseException) -> str:
    """The traceback as Python prints it, each exception's message left out."""
    parts: list[str] = []
    seen: set[int] = set()

    def walk(current: BaseException) -> None:
        seen.add(id(current))
        cause = current.__cause__
        context = None if current.__suppress_context__ else current.__context__
        earlier = cause or context
        if earlier is not None and id(earlier) not in seen:
            walk(earlier)
            parts.append(
                "\nThe above exception was the direct cause of the following exception:\n\n"
                if cause is not None
                else "\nDuring handling of the above exception, another exception occurred:\n\n"
            )
        parts.append("Traceback (most recent call last):\n")
        parts.extend(traceback.format_list(traceback.extract_tb(current.__traceback__)))
        parts.append(f"{_type_name(current)} (message withheld from logs)\n")

    walk(error)
    return "".join(parts)
