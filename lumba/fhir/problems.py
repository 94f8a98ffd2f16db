"""What is wrong with a QuestionnaireResponse, item by item.

Each problem names the item (linkId) at fault, a FHIRPath to it, and the
OperationOutcome issue type; "" as the linkId means the response as a whole.
Like lumba.core.errors, at most MAX_PROBLEMS are listed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from lumba.core.errors import MAX_PROBLEMS

RESOURCE = "QuestionnaireResponse"
_PLAIN_ID = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")


@dataclass(frozen=True, slots=True)
class Problem:
    link_id: str
    message: str
    expression: str = RESOURCE  # "" for a problem outside the resource
    code: str = "invalid"  # an OperationOutcome issue type

    def __str__(self) -> str:
        return f"{shown(self.link_id)}: {self.message}" if self.link_id else self.message


class InvalidResponse(ValueError):
    def __init__(self, found: list[Problem]) -> None:
        self.problems = capped(found)
        super().__init__("; ".join(map(str, self.problems)))

    @property
    def first(self) -> Problem:
        return self.problems[0]


def shown(link_id: str) -> str:
    """A linkId as a message shows it: as is when plain, else quoted and short."""
    if _PLAIN_ID.match(link_id):
        return link_id
    text = json.dumps(link_id, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + '..."'


def item_path(parent: str, link_id: str) -> str:
    """The FHIRPath of the item `link_id` within `parent`."""
    return f"{parent}.item.where(linkId={_literal(link_id)})"


def anywhere(link_id: str) -> str:
    """The FHIRPath of the item `link_id` at any depth (for an item not given)."""
    return f"{RESOURCE}.repeat(item).where(linkId={_literal(link_id)})"


def _literal(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("'", "\\'")
    return f"'{escaped}'"


def capped(found: list[Problem]) -> list[Problem]:
    """At most MAX_PROBLEMS problems, the last saying how many more there were."""
    if len(found) <= MAX_PROBLEMS:
        return found
    shown_ = found[: MAX_PROBLEMS - 1]
    return [*shown_, Problem("", f"and {len(found) - len(shown_)} more problems, not listed")]
