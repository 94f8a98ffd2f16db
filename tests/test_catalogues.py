"""The interface's catalogues are complete and current: every message the
code and templates ask to translate has a reviewed translation in every
language lumba offers, with the same placeholders.

A message whose English changes is a new msgid, so it shows here as missing
until it is translated again: that is how a stale translation is caught.
(The content's texts have their own check: tests/content/test_translations.py.)
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import polib
import pytest
from django.utils.translation.template import templatize

from lumba.catalogues import LOCALE_DIR, compiled, sources, stale

PACKAGE = Path(__file__).resolve().parents[1] / "lumba"
# The names the code translates with (Django's, the terminal's `_`, and the
# core's marker); xgettext, through makemessages, knows the same ones.
SINGULAR = {"_", "gettext", "gettext_lazy", "gettext_noop"}
CONTEXT = {"pgettext", "pgettext_lazy"}
PLURAL = {"ngettext", "ngettext_lazy"}
TEMPLATE_CALL = re.compile(
    r"\b(gettext|pgettext|ngettext|npgettext)\((u?'(?:[^'\\]|\\.)*'(?:, *u?'(?:[^'\\]|\\.)*')?)"
)


def _python_messages(path: Path) -> set[tuple[str, str]]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        texts = [a.value for a in node.args if isinstance(a, ast.Constant)]
        if not all(isinstance(t, str) for t in texts):
            continue
        first_is_text = bool(node.args) and isinstance(node.args[0], ast.Constant)
        if name in SINGULAR | PLURAL and first_is_text:
            found.add(("", texts[0]))
        elif name in CONTEXT and len(texts) >= 2:
            found.add((texts[0], texts[1]))
    return found


def _template_messages(path: Path) -> set[tuple[str, str]]:
    found = set()
    for function, arguments in TEMPLATE_CALL.findall(templatize(path.read_text("utf-8"))):
        literals = ast.literal_eval(f"({arguments},)")
        if function in ("pgettext", "npgettext"):
            found.add((literals[0], literals[1]))
        else:
            found.add(("", literals[0]))
    return found


@cache
def used() -> frozenset[tuple[str, str]]:
    """(context, msgid) for every message lumba's code and templates translate."""
    found: set[tuple[str, str]] = set()
    for path in PACKAGE.rglob("*.py"):
        if "migrations" not in path.parts:
            found |= _python_messages(path)
    for path in [*PACKAGE.rglob("templates/**/*.html"), *PACKAGE.rglob("templates/**/*.txt")]:
        found |= _template_messages(path)
    for path in (PACKAGE / "web" / "diary" / "print").glob("*.html"):
        found |= _template_messages(path)
    return frozenset(found)


CATALOGUES = sources()


def _language(po: Path) -> str:
    return po.relative_to(LOCALE_DIR).parts[0]


def test_the_extraction_finds_the_messages_it_should() -> None:
    # The test below is only as good as this: messages from a template, a
    # blocktranslate with a placeholder, a view and the core's marker.
    messages = {msgid for _, msgid in used()}
    assert "Skip to main content" in messages
    assert "Emergency? Call <strong>%(emergency_number)s</strong> now." in messages
    assert "must be at most {limit}" in messages
    assert "Type 'back' at any question to go back a step." in messages
    assert len(messages) > 300


def test_there_is_a_catalogue_for_chinese() -> None:
    assert [_language(po) for po in CATALOGUES] == ["zh_Hans"]


@pytest.mark.parametrize("po", CATALOGUES, ids=_language)
def test_every_message_has_a_current_reviewed_translation(po: Path) -> None:
    catalogue = polib.pofile(str(po))
    translated = {
        (entry.msgctxt or "", entry.msgid)
        for entry in catalogue.translated_entries()  # neither empty nor fuzzy
    }
    missing = sorted(msgid for context, msgid in used() - translated)
    assert not missing, (
        f"{len(missing)} messages lack a reviewed {_language(po)} translation (new, changed "
        "in English, empty or fuzzy). Run makemessages (see README), translate them, "
        "then `python -m lumba.catalogues`:\n" + "\n".join(missing[:40])
    )


PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}|</?[a-z]+[^>]*>")


@pytest.mark.parametrize("po", CATALOGUES, ids=_language)
def test_translations_keep_every_placeholder_and_tag(po: Path) -> None:
    wrong = []
    for entry in polib.pofile(str(po)).translated_entries():
        # A plural form is compared with the English plural (one Chinese form serves all).
        source = entry.msgid_plural or entry.msgid
        targets = [entry.msgstr] if entry.msgstr else list(entry.msgstr_plural.values())
        for target in targets:
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(target)):
                wrong.append(f"{entry.msgid!r} -> {target!r}")
    assert not wrong, "placeholders or tags differ:\n" + "\n".join(wrong)


@pytest.mark.parametrize("po", CATALOGUES, ids=_language)
def test_the_compiled_catalogue_is_current(po: Path) -> None:
    assert compiled(po).exists() and po not in stale(), (
        f"{compiled(po)} is missing or older than its source: run `python -m lumba.catalogues` "
        "(scripts/setup does)"
    )
