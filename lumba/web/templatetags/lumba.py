"""Template helpers for lumba's pages."""

from __future__ import annotations

from typing import Any, NamedTuple

from django import template
from django.template import defaultfilters
from django.utils.translation import pgettext

from lumba.content.loader import default_library
from lumba.core.guidance import Region
from lumba.core.questions import Choice, Question
from lumba.web.visitor.language import current

register = template.Library()


# ---------------------------------------------------------------- dates and lists
# Each language writes a date its own way ("2 December 2026", "2026年12月2日"):
# the format is a translatable string in the syntax of Django's date filter.


@register.filter(expects_localtime=True)
def long_date(day: Any) -> str:
    """A day in full, in the page's language: "2 December 2026"."""
    # Translators: a date format for Django's date filter (j = day, n = month
    # number, F = month name, Y = year), for a day in full, e.g. 2 December 2026.
    return defaultfilters.date(day, pgettext("date format: a day in full", "j F Y"))


@register.filter(expects_localtime=True)
def short_date(day: Any) -> str:
    """A day and its month, short, in the page's language: "2 Dec"."""
    # Translators: a date format for Django's date filter (j = day, n = month
    # number, M = short month name), for a day and month, e.g. 2 Dec.
    return defaultfilters.date(day, pgettext("date format: day and month", "j M"))


@register.filter
def level_label(level: str) -> str:
    """A triage level's name in the page's language ("Urgent", "尽快就医"): a kept
    result stores its label in the language it was made in."""
    return default_library().level_label(level, current())


@register.simple_tag
def current_language_tag() -> str:
    """The page's language as a BCP 47 tag ("zh-Hans"), for pages rendered
    without the request's context (the error pages)."""
    return current()


@register.filter
def listing(items: Any) -> str:
    """Short items (names of signs) on one line, as the language separates them:
    "fever, chest pain" in English."""
    # Translators: what goes between the items of a list on one line, e.g. "fever, chest pain".
    between = pgettext("between the items of a list", ", ")
    return between.join(str(item) for item in items)


@register.simple_tag
def option_hint(
    choices: dict[str, dict[str, Choice]], question: Question, value: str, language: str
) -> str:
    """The hint under one option of a question, in the page's language, or ''."""
    choice = choices.get(question.field, {}).get(value)
    return choice.hint.get(language) if choice and choice.hint else ""


@register.simple_tag
def option_hint_id(choices: dict[str, dict[str, Choice]], question: Question, value: str) -> bool:
    choice = choices.get(question.field, {}).get(value)
    return bool(choice and choice.hint)


@register.filter(name="grouped")
def _grouped(field: Any) -> bool:
    """Radios or checkboxes: one input per choice, under a fieldset."""
    return getattr(field.field.widget, "input_type", "") in ("radio", "checkbox") and bool(
        getattr(field.field, "choices", None)
    )


@register.filter
def numbered_choices(field: Any) -> bool:
    """Choices that are their own numbers (a 0-10 scale): shown as a scale."""
    return _grouped(field) and all(str(value).isdigit() for value, _ in field.field.choices)


@register.filter
def error_anchor(field: Any) -> str:
    """The id the error summary links to: the first choice of a group, else the input."""
    return f"{field.auto_id}_0" if _grouped(field) else field.auto_id


@register.filter
def as_input(field: Any) -> Any:
    """A text, date, email, password or select input in lumba's style, tied to its hint and error."""
    described = [f"{field.auto_id}-hint"] if field.help_text else []
    described += [f"{field.auto_id}-error"] if field.errors else []
    classes = "input" + (" input-error" if field.errors else "")
    attrs = {"class": classes}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key)


@register.filter
def tr(text: Any, language: str) -> str:
    """LocalizedText in the page's language (falls back to English)."""
    return text.get(language) if text else ""


@register.filter
def blocks(text: str) -> list[tuple[str, Any]]:
    """Card text as ("p", text) paragraphs and ("ul", items) lists.

    Cards are plain text for reviewers: blank lines separate paragraphs and
    lines starting with "- " are list items.
    """
    found: list[tuple[str, Any]] = []
    for chunk in text.split("\n\n"):
        prose: list[str] = []
        items: list[str] = []
        for line in (line.strip() for line in chunk.splitlines()):
            if line.startswith("- "):
                items.append(line[2:])
            elif items and line:
                items[-1] += " " + line
            elif line:
                prose.append(line)
        if prose:
            found.append(("p", " ".join(prose)))
        if items:
            found.append(("ul", items))
    return found


@register.filter
def paragraphs(text: str) -> list[str]:
    """Plain paragraphs of a text (for texts without lists)."""
    return [body for kind, body in blocks(text) if kind == "p"]


# ---------------------------------------------------------------- call buttons
# The numbers are data (regions.yaml, `numbers`, each with its source), not
# found in prose: a region's emergency number always, its advice line where it
# has one number.


class CallLine(NamedTuple):
    """One call button: where it dials and what it says after "Call"."""

    tel: str
    words: str


@register.simple_tag
def call_line(region: Region | str | None, kind: str) -> CallLine | None:
    """The call button of a region ("emergency" or "advice"), in the page's
    language, or None where the region has no such number.

    `region` is the visitor's region, or the code a result was made for (a
    kept result keeps the numbers of its own region).
    """
    if isinstance(region, str):
        region = default_library().regions.get(region)
    if region is None:
        return None
    if kind == "emergency":
        phone = region.numbers.emergency
        return CallLine(phone.tel(), phone.number)
    if kind == "advice":
        advice = region.numbers.advice
        return CallLine(advice.tel(), region.advice_words(current())) if advice else None
    raise template.TemplateSyntaxError(f"call_line: no {kind!r} number (emergency or advice)")
