"""Putting an outcome into words: the triage result of spec v1.

A renderer is made once per language and region. It keeps the rendered
reason and card pieces, as dicts and as JSON text, so that batch triage
joins ready-made fragments instead of serialising the same advice again.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from lumba.core.cards import AdviceCard
from lumba.core.guidance import Region
from lumba.core.library import Library
from lumba.core.rules import Rule
from lumba.core.triage import Outcome


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class ResultRenderer:
    def __init__(self, library: Library, region: Region, language: str = "en") -> None:
        self.library = library
        self.region = region
        self.language = language
        self._placeholders = {
            "emergency": region.emergency,
            "advice_line": region.advice_line.get(language),
        }
        self._reasons = {rule.id: self._reason(rule) for rule in library.rules}
        self._cards = {card.id: self._card(card) for card in library.cards}
        self._reason_json = {key: _dumps(value) for key, value in self._reasons.items()}
        self._card_json = {key: _dumps(value) for key, value in self._cards.items()}
        self._tail = _dumps(
            {"region": region.code, "emergency_number": region.emergency, "language": language}
        )[1:]
        self._head = lru_cache(maxsize=None)(self._head_uncached)

    def to_dict(self, outcome: Outcome) -> dict[str, Any]:
        head, _ = self._head(outcome.level, outcome.fired[0].id if outcome.fired else None)
        return {
            **head,
            "actions": list(head["actions"]),
            "reasons": [dict(self._reasons[rule.id]) for rule in outcome.fired],
            "plan": [dict(self._cards[card.id]) for card in outcome.plan],
            "region": self.region.code,
            "emergency_number": self.region.emergency,
            "language": self.language,
        }

    def to_json(self, outcome: Outcome) -> str:
        """The same result as :meth:`to_dict`, as one line of JSON, built from fragments."""
        _, head_json = self._head(outcome.level, outcome.fired[0].id if outcome.fired else None)
        return "".join(
            (
                head_json,
                ',"reasons":[',
                ",".join([self._reason_json[rule.id] for rule in outcome.fired]),
                '],"plan":[',
                ",".join([self._card_json[card.id] for card in outcome.plan]),
                "],",
                self._tail,
            )
        )

    def _text(self, template: str) -> str:
        return template.format(**self._placeholders)

    def _head_uncached(self, level: str, first_rule: str | None) -> tuple[dict[str, Any], str]:
        guidance = self.library.levels[level]
        headline = self._text(guidance.headline.get(self.language))
        if first_rule is not None:
            headline += " " + self._reasons[first_rule]["explanation"]
        head = {
            "level": level,
            "label": guidance.label.get(self.language),
            "headline": headline,
            "call_to_action": self._text(guidance.headline.get(self.language)),
            "actions": [self._text(action.get(self.language)) for action in guidance.actions],
        }
        return head, _dumps(head)[:-1]

    def _reason(self, rule: Rule) -> dict[str, Any]:
        return {
            "rule": rule.id,
            "level": rule.level,
            "title": rule.title.get(self.language),
            "explanation": rule.explanation.get(self.language),
            "sources": self.library.citations(rule.sources),
        }

    def _card(self, card: AdviceCard) -> dict[str, Any]:
        return {
            "id": card.id,
            "topic": card.topic,
            "title": card.title.get(self.language),
            "summary": card.summary.get(self.language),
            "text": card.text.get(self.language),
            "certainty": card.certainty,
            "evidence": card.evidence.get(self.language),
            "sources": self.library.citations(card.sources),
        }
