"""Showing results, rules and cards to a person in a terminal (Rich)."""

from __future__ import annotations

import json
from typing import Any

import yaml
from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from lumba.catalogues import translator
from lumba.core.cards import AdviceCard
from lumba.core.errors import Translate, gettext_noop
from lumba.core.library import Library
from lumba.core.result import ResultRenderer
from lumba.core.rules import Rule

# Colour is never the only signal: every banner also says the level in words.
LEVEL_STYLE = {
    "emergency": ("bold white on red", "!!"),
    "urgent": ("bold red", "!"),
    "soon": ("bold yellow", "*"),
    "routine": ("bold blue", "i"),
    "self_care": ("bold green", "+"),
}
# The same sentences as the web pages' footer, so one translation serves both.
DISCLAIMER = gettext_noop("lumba is not a diagnosis and does not replace your midwife or doctor.")
IF_WORRIED = gettext_noop("If you are worried, call your maternity unit.")
# Said wherever the disclaimer is, until a clinician has approved the content.
NOT_APPROVED = gettext_noop(
    "lumba's clinical content has not yet been approved by a clinician. It is written "
    "from published NHS, NICE, WHO and charity guidance, and is waiting for review."
)


def disclaimer(language: str = "en") -> str:
    from lumba.content.loader import default_library
    from lumba.content.wording import review_summary

    _ = translator(language)
    said = [_(DISCLAIMER), _(IF_WORRIED)]
    if not review_summary(default_library()).all_approved:
        said.append(_(NOT_APPROVED))
    return _one_paragraph(said)


def _one_paragraph(sentences: list[str]) -> str:
    # A space after a Latin full stop; none after a Chinese one (。), which has its own.
    text = ""
    for sentence in sentences:
        text += sentence if not text or text.endswith(("。", "！", "？")) else " " + sentence
    return text


# How many plan cards a result shows in short; the rest it names, to read with
# `lumba explain`. A warning-signs card is always shown whole: "what to do now"
# points to its list.
CARDS_IN_SHORT = 3


def show_result(result: dict[str, Any], console: Console | None = None) -> None:
    """A result in the order a person needs it: the level and what to do now,
    why, the plan in short, and at the end the level and what to do again, so
    that the last screen of a long result says it."""
    from lumba.content.loader import default_library

    console = console or Console()
    language = result.get("language", "en")
    _ = translator(language)
    style, icon = LEVEL_STYLE[result["level"]]
    title = f"{icon} {result['label'].upper()} {icon}"
    console.print(
        Panel(Text(result["headline"]), title=title, border_style=style, title_align="left")
    )
    console.print(Text(_("What to do now"), style="bold underline"))
    _actions(console, result["actions"])
    if result["reasons"]:
        console.print(Text("\n" + _("Why"), style="bold underline"))
        for reason in result["reasons"]:
            label = default_library().level_label(reason["level"], language)
            line = _("- {title} ({level})").format(title=reason["title"], level=label)
            console.print(Text(line, style="bold").append(f"  {reason['rule']}", style="dim"))
            console.print(Text(f"  {reason['explanation']}"))
            _sources(console, reason["sources"], _)
    if result["plan"]:
        _plan(console, result["plan"], language, _)
    console.print(Text(f"\n{disclaimer(language)}", style="italic"))
    recap = Text(_("What to do now"), style="bold")
    for number, action in enumerate(result["actions"], start=1):
        recap.append(f"\n{number}. {action}")
    console.print(
        Panel(
            recap,
            title=title,
            subtitle=_("Scroll up for the details."),
            border_style=style,
            title_align="left",
            subtitle_align="left",
        )
    )


def _actions(console: Console, actions: list[str]) -> None:
    for number, action in enumerate(actions, start=1):
        console.print(Text(f"  {number}. {action}"))


def _plan(console: Console, plan: list[dict[str, Any]], language: str, _: Translate) -> None:
    console.print(Text("\n" + _("Your plan"), style="bold underline"))
    others = [card for card in plan if card["topic"] != "warning_signs"]
    short, named = others[:CARDS_IN_SHORT], others[CARDS_IN_SHORT:]
    for card in plan:
        if card in short:
            _card_title(console, card)
            console.print(Text(card["summary"].strip()))
            _sources(console, card["sources"], _)
        elif card not in named:  # the warning signs, whole
            _card_title(console, card)
            console.print(Text(card["summary"].strip()))
            groups = card.get("signs")
            if not groups:
                console.print(Text(card["text"].strip()))
            for group in groups or ():
                console.print(Text(group["heading"], style="bold"))
                for sign in group["signs"]:
                    console.print(Text(f"- {sign}"))
            _sources(console, card["sources"], _)
    command = "lumba explain ID" + ("" if language == "en" else f" --lang {language}")
    if named:
        console.print(Text("\n" + _("Also in your plan:"), style="bold"))
        for card in named:
            console.print(Text(f"- {card['title']}").append(f"  {card['id']}", style="dim"))
    read = _("Read a card or a reason in full, with its sources: {command}")
    console.print(Text("\n" + read.format(command=command), style="dim"))


def _card_title(console: Console, card: dict[str, Any]) -> None:
    console.print(Text(f"\n{card['title']}", style="bold").append(f"  {card['id']}", style="dim"))


def _sources(console: Console, sources: list[str], _: Translate) -> None:
    """The sources on one line, cut to the width: `lumba explain` lists them in full."""
    if sources:
        line = _("Sources: {sources}").format(sources=_("; ").join(sources))
        console.print(Text("  " + line, style="dim"), no_wrap=True, overflow="ellipsis")


def show_card(renderer: ResultRenderer, card: AdviceCard, console: Console | None = None) -> None:
    """One advice card in full, in the renderer's language, with its sign lists and sources."""
    console = console or Console()
    language = renderer.language
    _ = translator(language)
    console.print(Text(card.title.get(language), style="bold"))
    console.print(Text(card.summary.get(language)))
    console.print(Text("\n" + renderer.card_text(card).strip()))
    console.print(Text("\n" + _("What the evidence says"), style="bold underline"))
    console.print(Text(card.evidence.get(language)))
    for citation in renderer.library.citations(card.sources):
        console.print(Text(_("Source: {source}").format(source=citation)))


def show_rules(library: Library, console: Console | None = None) -> None:
    console = console or Console()
    table = Table(title="Triage rules (most urgent first)", show_lines=False)
    table.add_column("id", no_wrap=True)
    table.add_column("level")
    table.add_column("when it fires")
    table.add_column("sources")
    for rule in library.rules:
        style, _ = LEVEL_STYLE[rule.level]
        table.add_row(
            rule.id, Text(rule.level, style=style), rule.title.get(), ", ".join(rule.sources)
        )
    console.print(table)


def show_rule(library: Library, rule: Rule, console: Console | None = None) -> None:
    console = console or Console()
    style, _ = LEVEL_STYLE[rule.level]
    console.print(
        Text(rule.id, style="bold"), Text(f"raises the level to {rule.level}", style=style)
    )
    console.print(Text(rule.title.get(), style="bold"))
    console.print(rule.explanation.get())
    console.print(Text("\nCondition (all keys must hold)", style="bold underline"))
    when = rule.when.model_dump(exclude_unset=True, mode="json")
    console.print(yaml.safe_dump(when, sort_keys=False, allow_unicode=True).rstrip())
    console.print(Text("\nSources", style="bold underline"))
    for citation in library.citations(rule.sources):
        console.print(f"- {citation}")
    console.print(
        Text("\nExamples (laid over 30 weeks, pain 3/10 in the lower back)", style="bold underline")
    )
    # As JSON, the language of an assessment: an example laid over the plain
    # case above is a document for `lumba triage`.
    for example in rule.examples.fires:
        console.print(f"fires:          {_json(example)}", highlight=False, markup=False)
    for example in rule.examples.does_not_fire:
        console.print(f"does not fire:  {_json(example)}", highlight=False, markup=False)


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)
