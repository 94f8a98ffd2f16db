"""Showing results, rules and cards to a person in a terminal (Rich)."""

from __future__ import annotations

from typing import Any

import yaml
from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from lumba.catalogues import translator
from lumba.core.errors import Translate, gettext_noop
from lumba.core.library import Library
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


def show_result(result: dict[str, Any], console: Console | None = None) -> None:
    from lumba.content.loader import default_library

    console = console or Console()
    language = result.get("language", "en")
    _ = translator(language)
    style, icon = LEVEL_STYLE[result["level"]]
    console.print(
        Panel(
            Text(result["headline"]),
            title=f"{icon} {result['label'].upper()} {icon}",
            border_style=style,
            title_align="left",
        )
    )
    console.print(Text(_("What to do now"), style="bold underline"))
    for number, action in enumerate(result["actions"], start=1):
        console.print(f"  {number}. {action}")
    if result["reasons"]:
        console.print(Text("\n" + _("Why"), style="bold underline"))
        for reason in result["reasons"]:
            label = default_library().level_label(reason["level"], language)
            line = _("- {title} ({level})").format(title=reason["title"], level=label)
            console.print(Text(line, style="bold"))
            console.print(f"  {reason['explanation']}")
            _sources(console, reason["sources"], _)
    if result["plan"]:
        console.print(Text("\n" + _("Your plan"), style="bold underline"))
        for card in result["plan"]:
            console.print(Text(f"\n{card['title']}", style="bold"))
            console.print(card["text"].strip())
            _sources(console, card["sources"], _)
    console.print(Text(f"\n{disclaimer(language)}", style="italic"))


def _sources(console: Console, sources: list[str], _: Translate) -> None:
    for source in sources:
        console.print(Text("    " + _("Source: {source}").format(source=source), style="dim"))


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
    for example in rule.examples.fires:
        console.print(f"fires:          {example}")
    for example in rule.examples.does_not_fire:
        console.print(f"does not fire:  {example}")
