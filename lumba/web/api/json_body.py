"""How the API reads a JSON body: as `lumba triage` reads an assessment.

django-ninja's own parser would take a body of any shape into validation
and answer a broken one with a bare 400. This one refuses, before any
validation, a body too large in shape to be worth checking
(lumba.core.input_limits), accepts a UTF-8 byte order mark, and lets the
API answer every refusal in its usual 422 shape, naming the problem.
"""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from ninja.parser import Parser

from lumba.core.errors import NOT_UTF8, FieldProblem, gettext_noop, not_json, say
from lumba.core.input_limits import may_exceed, shape_problem, too_deep


class UnreadableBody(ValueError):
    def __init__(self, problem: FieldProblem) -> None:
        self.problem = problem
        super().__init__(str(problem))


class JSONBodyParser(Parser):
    def parse_body(self, request: HttpRequest) -> Any:
        return read_json(request.body)


def read_json(body: bytes) -> Any:
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableBody(FieldProblem.of("", NOT_UTF8)) from None
    try:
        document = json.loads(text)
    except RecursionError:
        raise UnreadableBody(too_deep()) from None
    except json.JSONDecodeError as error:
        why = say(
            gettext_noop("{why} at line {line} column {column}"),
            why=f"{error.msg[:1].lower()}{error.msg[1:]}",
            line=str(error.lineno),
            column=str(error.colno),
        )
        raise UnreadableBody(FieldProblem.of("", not_json(why))) from None
    if may_exceed(text):
        problem = shape_problem(document)
        if problem is not None:
            raise UnreadableBody(problem)
    return document
