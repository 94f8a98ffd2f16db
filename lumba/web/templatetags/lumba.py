"""Template helpers for lumba's pages."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag
def option_hint(choices: dict, question: Any, value: str, language: str) -> str:
    """The hint under one option of a question, in the page's language, or ''."""
    choice = choices.get(question.field, {}).get(value)
    return choice.hint.get(language) if choice and choice.hint else ""


@register.simple_tag
def option_hint_id(choices: dict, question: Any, value: str) -> bool:
    choice = choices.get(question.field, {}).get(value)
    return bool(choice and choice.hint)


@register.filter
def get_item(mapping: dict, key: str) -> Any:
    return mapping.get(key)


@register.filter
def tr(text: Any, language: str) -> str:
    """LocalizedText in the page's language (falls back to English)."""
    return text.get(language) if text else ""


@register.filter
def paragraphs(text: str) -> list[str]:
    """Card text split into paragraphs (blank-line separated)."""
    return [p.strip() for p in text.split("\n\n") if p.strip()]
