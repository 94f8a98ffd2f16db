"""Reading a QuestionnaireResponse from text, within bounds on its size and shape.

A response says much more than an assessment for the same answers (a
linkId, an answer and a coding for each tick), so the assessment's bounds
(lumba.core.input_limits) would refuse a real one. These are at least ten
times the largest real response (every box ticked, with displays), and
the text is held to the web's body limit in the terminal too.
"""

from __future__ import annotations

import json
from typing import Any

from lumba.core import input_limits
from lumba.core.input_limits import MAX_BODY_BYTES, MAX_DEPTH, Bounds
from lumba.fhir.problems import InvalidResponse, Problem

MAX_KEYS = 4000
MAX_ITEMS = 2000
MAX_TEXT = MAX_BODY_BYTES
RESPONSE = Bounds(keys=MAX_KEYS, items=MAX_ITEMS, depth=MAX_DEPTH, string=MAX_TEXT)


def parse(text: str) -> Any:
    """The JSON document in `text`, or InvalidResponse with the one problem that stops reading it."""
    # A byte order mark is how some editors start a UTF-8 file; it is not data.
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise _refused("empty input: expected one QuestionnaireResponse (JSON)", "required")
    if len(text.encode("utf-8")) > MAX_TEXT:
        raise _refused(f"too large to check: longer than {MAX_TEXT} bytes", "too-costly")
    try:
        document = json.loads(text)
    except RecursionError:
        raise _refused(
            f"too large to check: nested more than {MAX_DEPTH} levels deep", "too-costly"
        ) from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        message = f"not valid JSON: {error.msg[:1].lower()}{error.msg[1:]} at {where}"
        raise _refused(message, "structure") from None
    return document


def _refused(message: str, code: str) -> InvalidResponse:
    return InvalidResponse([Problem("", message, code=code)])


def shape_problem(document: Any) -> Problem | None:
    """The first bound the parsed document breaks, or None (the core's walk, with a response's bounds)."""
    problem = input_limits.shape_problem(document, RESPONSE)
    return None if problem is None else Problem("", problem.message, code="too-costly")
