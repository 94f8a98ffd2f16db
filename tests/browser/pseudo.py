"""Pseudo-localisation: every message and every content text in a made-up
language, "eo" (Esperanto, which Django knows and lumba does not offer),
written so that English left anywhere stands out and layouts meet longer text.

A pseudo form keeps the meaning readable and the markup working:

    "Continue"            -> "⟦Çóñţíñúé óñé ţŵ⟧"
    "Call %(number)s"     -> "⟦Çáļļ %(number)s óñ⟧"

every Latin letter is swapped for an accented one (no plain a-z is left), the
text is wrapped in ⟦ ⟧ and lengthened by about 40% with pseudo words, and
placeholders ({name}, %(name)s, %s), HTML tags, entities, addresses and the
brand "lumba" are kept as they are. Text without letters (", ") and Django
date formats ("j F Y", whose letters are codes) are kept whole.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import polib

from lumba.catalogues import DOMAIN, LOCALE_DIR

LANGUAGE = "eo"
NAME = "Pseudo"

LETTERS = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçðéƒĝĥíĵķļɱñóþǫŕšţúṽŵẋýžÁƁÇÐÉƑĜĤÍĴĶĻṀÑÓÞǪŔŠŢÚṼŴẊÝŽ",
)
# What a translation must carry over as it is.
KEPT = re.compile(
    r"%\(\w+\)[sdif]"  # %(name)s
    r"|%[sdif%]"  # %s, %%
    r"|\{\{|\}\}"  # escaped braces in a format string
    r"|\{[\w.]*\}"  # {name}, {}
    r"|<[^<>]+>"  # HTML tags in a blocktranslate string
    r"|&#?\w+;"  # entities
    r"|(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # addresses
    r"|\blumba\b"  # the brand
)
# List items in content text ("- item"): the marker stays at the line's start.
MARKER = re.compile(r"^(\s*(?:[-*]\s+|\d+\.\s+)?)(.*?)(\s*)$")
PADDING = "óñé ţŵó ţĥŕéé ƒóúŕ ƒíṽé šíẋ šéṽéñ éíĝĥţ ñíñé ţéñ "
OPEN, CLOSE = "⟦", "⟧"
# Pseudo text is made of these and what KEPT keeps: a word in plain a-z left
# on a page was not localised.
PSEUDO_MARKS = re.compile(f"[{OPEN}{CLOSE}]|[^\\x00-\\x7f]")


def _pieces(text: str) -> Iterator[tuple[bool, str]]:
    """(kept, piece) in order: kept pieces are placeholders, tags and the like."""
    at = 0
    for found in KEPT.finditer(text):
        if found.start() > at:
            yield False, text[at : found.start()]
        yield True, found.group()
        at = found.end()
    if at < len(text):
        yield False, text[at:]


def _line(text: str) -> str:
    lead, body, tail = MARKER.match(text).groups()
    prose = [piece for kept, piece in _pieces(body) if not kept]
    if not any(c.isalpha() for piece in prose for c in piece):
        return text
    swapped = "".join(piece if kept else piece.translate(LETTERS) for kept, piece in _pieces(body))
    visible = sum(len(piece) for piece in prose)
    extra = max(2, math.ceil(visible * 0.4))
    padding = (PADDING * (extra // len(PADDING) + 1))[:extra].rstrip()
    return f"{lead}{OPEN}{swapped} {padding}{CLOSE}{tail}"


def pseudo(text: str) -> str:
    """The pseudo form of an English text, line by line (content text has lists)."""
    return "\n".join(_line(line) for line in text.split("\n"))


def _is_format(entry: polib.POEntry) -> bool:
    """A Django date format: its letters are codes ("j F Y"), kept as they are."""
    return (entry.msgctxt or "").startswith("date format")


def _entries(sources: Iterable[Path]) -> Iterator[polib.POEntry]:
    """Every message that has a Chinese translation (which a Chinese page
    would show translated), as a pseudo translation."""
    seen: set[tuple[str | None, str]] = set()
    for source in sources:
        for entry in polib.pofile(str(source)):
            translated = entry.msgstr or any(entry.msgstr_plural.values())
            key = (entry.msgctxt, entry.msgid)
            if entry.obsolete or entry.fuzzy or not translated or key in seen or not entry.msgid:
                continue
            seen.add(key)
            same = _is_format(entry)
            made = polib.POEntry(msgctxt=entry.msgctxt, msgid=entry.msgid)
            if entry.msgid_plural:
                made.msgid_plural = entry.msgid_plural
                made.msgstr_plural = {
                    0: entry.msgid if same else pseudo(entry.msgid),
                    1: entry.msgid_plural if same else pseudo(entry.msgid_plural),
                }
            else:
                made.msgstr = entry.msgid if same else pseudo(entry.msgid)
            yield made


def chinese_catalogues() -> list[Path]:
    """The Chinese catalogues a Chinese page draws its messages from, first
    the one that wins: lumba's own (LOCALE_PATHS), then every installed app's
    (allauth's account pages, django.contrib.auth's password rules), then
    Django's (month names, form errors)."""
    import django
    from django.apps import apps

    folders = [LOCALE_DIR]
    folders += [Path(app.path) / "locale" for app in reversed(list(apps.get_app_configs()))]
    folders.append(Path(django.__file__).parent / "conf" / "locale")
    found = [folder / "zh_Hans" / "LC_MESSAGES" / f"{DOMAIN}.po" for folder in folders]
    return list(dict.fromkeys(po for po in found if po.is_file()))


def write_catalogue(locale_dir: Path) -> Path:
    """Write LANGUAGE's compiled catalogue under locale_dir; return the .mo path."""
    catalogue = polib.POFile()
    catalogue.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": LANGUAGE,
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    for entry in _entries(chinese_catalogues()):
        catalogue.append(entry)
    folder = locale_dir / LANGUAGE / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    mo = folder / f"{DOMAIN}.mo"
    catalogue.save_as_mofile(str(mo))
    return mo
