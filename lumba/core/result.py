"""Putting an outcome into words: the triage result of spec v1.

A renderer is made once per language and region. It keeps the rendered
reason and card pieces, as dicts and as JSON text, so that batch triage
joins ready-made fragments instead of serialising the same advice again.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from lumba.core.cards import AdviceCard
from lumba.core.guidance import Region
from lumba.core.library import Library
from lumba.core.rules import Rule
from lumba.core.triage import Outcome
from lumba.core.vocabulary import LEVELS_MOST_URGENT_FIRST, URGENCY

# Head fragments kept for to_json: levels times first rules times weeks stay
# well below this; the bound only matters for weeks no assessment allows.
_HEADS_KEPT = 1 << 14


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class ResultRenderer:
    def __init__(self, library: Library, region: Region, language: str = "en") -> None:
        self.library = library
        self.region = region
        self.language = language
        self._levels = {level: g.for_region(region.code) for level, g in library.levels.items()}
        self._placeholders = {
            "emergency": region.emergency.get(language),
            "advice_line": region.advice_line.get(language),
        }
        self._reasons = {rule.id: self._reason(rule) for rule in library.rules}
        # A card with a sign list reads differently by level (see _card), so
        # cards are rendered once per level.
        self._cards: dict[tuple[str, str], dict[str, Any]] = {
            (card.id, level): self._card(card, level)
            for card in library.cards
            for level in LEVELS_MOST_URGENT_FIRST
        }
        self._reason_json = {key: _dumps(value) for key, value in self._reasons.items()}
        self._card_json: dict[tuple[str, str], str] = {
            key: _dumps(value) for key, value in self._cards.items()
        }
        self._tail = _dumps(
            {
                "region": region.code,
                "emergency_number": region.emergency.get(language),
                "language": language,
            }
        )[1:]
        self._head = lru_cache(maxsize=None)(self._head_uncached)
        # For to_json, which runs for every line of a batch: card fragments by
        # level then id (no key tuple to build), and head fragments by level,
        # first rule and weeks (a look-up where _head_of makes three calls).
        self._card_json_at: dict[str, dict[str, str]] = {
            level: {card.id: self._card_json[card.id, level] for card in library.cards}
            for level in LEVELS_MOST_URGENT_FIRST
        }
        self._head_json: dict[tuple[str, str | None, int | None], str] = {}

    def _head_of(self, outcome: Outcome) -> tuple[dict[str, Any], str]:
        early = self._levels[outcome.level].is_early(outcome.weeks)
        return self._head(outcome.level, outcome.fired[0].id if outcome.fired else None, early)

    def to_dict(self, outcome: Outcome) -> dict[str, Any]:
        head, _ = self._head_of(outcome)
        return {
            **head,
            "actions": list(head["actions"]),
            "reasons": [dict(self._reasons[rule.id]) for rule in outcome.fired],
            "plan": [dict(self._cards[card.id, outcome.level]) for card in outcome.plan],
            "region": self.region.code,
            "emergency_number": self.region.emergency.get(self.language),
            "language": self.language,
        }

    def to_json(self, outcome: Outcome) -> str:
        """The same result as :meth:`to_dict`, as one line of JSON, built from fragments."""
        fired = outcome.fired
        key = (outcome.level, fired[0].id if fired else None, outcome.weeks)
        head_json = self._head_json.get(key)
        if head_json is None:
            head_json = self._head_of(outcome)[1]
            if len(self._head_json) < _HEADS_KEPT:
                self._head_json[key] = head_json
        reasons, cards = self._reason_json, self._card_json_at[outcome.level]
        return "".join(
            (
                head_json,
                ',"reasons":[',
                ",".join([reasons[rule.id] for rule in fired]),
                '],"plan":[',
                ",".join([cards[card.id] for card in outcome.plan]),
                "],",
                self._tail,
            )
        )

    def _text(self, template: str) -> str:
        return template.format(**self._placeholders)

    def _head_uncached(
        self, level: str, first_rule: str | None, early: bool
    ) -> tuple[dict[str, Any], str]:
        guidance = self._levels[level]
        call, actions = guidance.advice(early)
        headline = self._text(call.get(self.language))
        if first_rule is not None:
            headline += " " + self._reasons[first_rule]["explanation"]
        head = {
            "level": level,
            "label": guidance.label.get(self.language),
            "headline": headline,
            "call_to_action": self._text(call.get(self.language)),
            "actions": [self._text(action.get(self.language)) for action in actions],
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

    def card_text(self, card: AdviceCard, level: str | None = None) -> str:
        """The card's text, followed by its sign list (for a result at `level`, or in full)."""
        return _with_signs(
            card.text.get(self.language), self.sign_groups(_levels_shown(card.signs, level))
        )

    def _card(self, card: AdviceCard, level: str) -> dict[str, Any]:
        groups = self.sign_groups(_levels_shown(card.signs, level))
        text = _with_signs(card.text.get(self.language), groups)
        return {
            "id": card.id,
            "topic": card.topic,
            "title": card.title.get(self.language),
            "summary": card.summary.get(self.language),
            "text": text,
            "certainty": card.certainty,
            "evidence": card.evidence.get(self.language),
            "sources": self.library.citations(card.sources),
            **({"signs": groups} if groups else {}),
        }

    def sign_groups(self, levels: Sequence[str]) -> list[dict[str, Any]]:
        """The signs of the rules at these levels, grouped by what to do, most urgent first.

        Made from the rules themselves, so a card can never list a sign under
        a different action than the engine gives it.
        """
        groups = []
        for level in (lv for lv in LEVELS_MOST_URGENT_FIRST if lv in levels):
            guidance = self._levels[level]
            signs: list[str] = []
            for rule in self.library.rules:
                if rule.level == level and rule.sign is not None:
                    sign = rule.sign.get(self.language)
                    if sign not in signs:
                        signs.append(sign)
            if signs and guidance.signs_heading is not None:
                heading = self._text(guidance.signs_heading.get(self.language))
                groups.append({"level": level, "heading": heading, "signs": signs})
        return groups


def _levels_shown(levels: Sequence[str], result_level: str | None) -> list[str]:
    # At an urgent result only signs that need faster help still matter: the
    # list keeps the groups at least as urgent as the result.
    if result_level is None:
        return list(levels)
    urgent_enough = [lv for lv in levels if URGENCY[lv] >= URGENCY[result_level]]
    return urgent_enough or list(levels[:1])


def _with_signs(text: str, groups: list[dict[str, Any]]) -> str:
    """A card's text followed by its sign list, as list items under each heading."""
    if not groups:
        return text
    blocks = ["\n".join([g["heading"], *(f"- {sign}" for sign in g["signs"])]) for g in groups]
    return text.rstrip("\n") + "\n\n" + "\n\n".join(blocks) + "\n"
