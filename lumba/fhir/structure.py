"""The rest of a QuestionnaireResponse, checked against the R4B model:
elements lumba does not read (authored, subject, extensions) must still be
well formed. Each problem is placed on the item it is in, by linkId."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lumba.fhir.problems import RESOURCE, Problem, item_path
from lumba.fhir.validation import Location, model_errors


def structure_problems(response: dict[str, Any], found: Sequence[Problem]) -> list[Problem]:
    """The model's problems with the response that `found` does not already cover."""
    extra: list[Problem] = []
    for loc, message in model_errors(response):
        link_id, expression, tail = _locate(response, loc)
        problem = Problem(link_id, f"{tail or 'item'}: {message}", expression, "structure")
        if not any(_covers(known, problem) for known in [*found, *extra]):
            extra.append(problem)
    return extra


def _covers(known: Problem, problem: Problem) -> bool:
    # A problem already reported for the same item or element says more.
    if known.link_id:
        return known.link_id == problem.link_id
    return known.expression != RESOURCE and problem.expression.startswith(known.expression)


def _locate(document: Any, loc: Location) -> tuple[str, str, str]:
    """(linkId of the innermost item, FHIRPath, path within that item) of `loc`."""
    node, link_id, expression, tail = document, "", RESOURCE, ""
    index = 0
    while index < len(loc):
        item = _item_at(node, loc, index)
        if item is not None:
            node, link_id = item, item["linkId"]
            expression, tail = item_path(expression, link_id), ""
            index += 2
            continue
        key = loc[index]
        tail += f"[{key}]" if isinstance(key, int) else f"{'.' if tail else ''}{key}"
        node = _child(node, key)
        index += 1
    return link_id, f"{expression}.{tail}" if tail else expression, tail


def _item_at(node: Any, loc: Location, index: int) -> dict[str, Any] | None:
    """The item `loc` names at `index` ("item", n), when it has a linkId."""
    if loc[index] != "item" or index + 1 >= len(loc) or not isinstance(loc[index + 1], int):
        return None
    items = _child(node, "item")
    position = loc[index + 1]
    if not isinstance(items, list) or not isinstance(position, int) or position >= len(items):
        return None
    item = items[position]
    return item if isinstance(item, dict) and isinstance(item.get("linkId"), str) else None


def _child(node: Any, key: int | str) -> Any:
    if isinstance(node, dict) and isinstance(key, str):
        return node.get(key)
    if isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
        return node[key]
    return None
