"""Bounds on the shape of a JSON document, checked before it is validated.

Validation reports one problem per unknown key or bad item, so a body made
of thousands of keys would cost seconds of CPU and megabytes of answer. A
real assessment or diary entry has a few dozen keys, is three levels deep
and holds short words; anything far beyond that is refused with one problem
before validation starts, and no answer lists more than a few dozen
problems (lumba.core.errors.MAX_PROBLEMS).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lumba.core.errors import FieldProblem, gettext_noop, say

MAX_BODY_BYTES = 64 * 1024
MAX_KEYS = 200  # in the whole document
MAX_ITEMS = 500  # list items in the whole document
MAX_DEPTH = 32
MAX_STRING = 2000  # characters in one string, key or value


@dataclass(frozen=True)
class Bounds:
    keys: int  # in the whole document
    items: int  # list items in the whole document
    depth: int
    string: int  # characters in one string, key or value


# An assessment, a diary entry, an account body.
DOCUMENT = Bounds(MAX_KEYS, MAX_ITEMS, MAX_DEPTH, MAX_STRING)


def may_exceed(text: str) -> bool:
    """False when the text cannot break any bound, so that the common small
    document skips the walk. Each key needs a colon, each container a
    bracket, and a list of n items n - 1 commas; strings can only add to
    these counts, so they never hide a broken bound."""
    containers = text.count("{") + text.count("[")
    return (
        text.count(":") > MAX_KEYS
        or text.count(",") + containers > MAX_ITEMS
        or containers > MAX_DEPTH
        or len(text) > MAX_STRING
    )


def shape_problem(document: Any, bounds: Bounds = DOCUMENT) -> FieldProblem | None:
    """The first bound the parsed document breaks, or None."""
    keys = items = 0
    pending: list[tuple[Any, int]] = [(document, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, str):
            if len(value) > bounds.string:
                return _too(
                    gettext_noop("too large to check: a text is longer than {limit} characters"),
                    bounds.string,
                )
            continue
        if not isinstance(value, dict | list):
            continue
        if depth > bounds.depth:
            return _too(
                gettext_noop(
                    "too large to check: the document is nested more than {limit} levels deep"
                ),
                bounds.depth,
            )
        if isinstance(value, dict):
            keys += len(value)
            children = [*value.keys(), *value.values()]
        else:
            items += len(value)
            children = value
        if keys > bounds.keys:
            return _too(
                gettext_noop("too large to check: the document has more than {limit} keys"),
                bounds.keys,
            )
        if items > bounds.items:
            return _too(
                gettext_noop("too large to check: the document has more than {limit} list items"),
                bounds.items,
            )
        pending.extend((child, depth + 1) for child in children)
    return None


def too_deep() -> FieldProblem:
    """For a parser that stops on nesting before the walk can."""
    return _too(
        gettext_noop("too large to check: the document is nested more than {limit} levels deep"),
        MAX_DEPTH,
    )


def _too(template: str, limit: int) -> FieldProblem:
    return FieldProblem.of("", say(template, limit=str(limit)))
