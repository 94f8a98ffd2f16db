"""Everything the engine needs, loaded and cross-checked: rules, cards, guidance, sources."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lumba.core.cards import AdviceCard
from lumba.core.guidance import LevelGuidance, Region
from lumba.core.questions import Questionnaire
from lumba.core.rules import Rule
from lumba.core.sources import Source


@dataclass(frozen=True, eq=False)
class Library:
    rules: tuple[Rule, ...]
    cards: tuple[AdviceCard, ...]
    levels: Mapping[str, LevelGuidance]
    regions: Mapping[str, Region]
    sources: Mapping[str, Source]
    questionnaire: Questionnaire
    # Which content this is (a digest of the files): stored beside every saved
    # result, so a later change to the rules never rewrites what was said.
    version: str = ""

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def card(self, card_id: str) -> AdviceCard:
        for card in self.cards:
            if card.id == card_id:
                return card
        raise KeyError(card_id)

    def level_label(self, level: str, language: str) -> str:
        """A level's name in a language ("Urgent", "尽快就医"); a kept result may
        name a level the content no longer has: then its id."""
        guidance = self.levels.get(level)
        return guidance.label.get(language) if guidance else level

    def citations(self, codes: list[str]) -> list[str]:
        return [self.sources[code].citation() for code in codes]
