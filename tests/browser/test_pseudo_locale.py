"""A pseudo-localisation run: every message and every content text wrapped,
accented and lengthened (tests/browser/pseudo.py), in real Chromium.

It shows that no English is left hard-coded in a template, a view or a
script (any plain a-z word on a page did not come through a catalogue or
the content's languages), and that the layouts survive text 40% longer than
English at phone widths.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test.utils import override_settings
from django.utils import translation
from playwright.sync_api import Page, expect

from lumba import catalogues
from lumba.core.text import LocalizedText
from tests.browser import pseudo
from tests.browser.conftest import EMERGENCY, PHONE, SELF_CARE
from tests.browser.page_text import (
    answer,
    image_text,
    latin_words,
    layout_problems,
    leftovers,
    page_text,
    path_of,
    walk_advice_and_diary,
)

pytestmark = pytest.mark.browser

# The brand is kept as it is in every language; and the person's own user
# name (from their email), which allauth shows after signing in.
EMAIL = "pia@example.com"
ALLOWED = frozenset({"lumba", "pia"})
# Pseudo text has no plain a-z at all, so a two-letter word ("OK", "in") shows too.
SHORTEST = 2


@pytest.fixture
def pseudo_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The live server speaks pseudo as "eo" while the test runs.

    The messages: a compiled catalogue in a temporary locale folder, first in
    LOCALE_PATHS, and "eo" in LANGUAGES. override_settings sends
    setting_changed, on which Django empties its translation caches (the
    catalogues, the languages, which catalogues exist), so the server thread
    reads the new ones; it puts the settings back, and empties them again, after.
    The content (questions, rules, cards, regions...): its texts are YAML, not
    gettext, so LocalizedText.get gives the pseudo form of the English for
    "eo". The live server runs in this process, in a thread: the patch
    reaches it. (What the server builds per language stays cached under "eo",
    which no other test reads.)
    """
    pseudo.write_catalogue(tmp_path)
    english = LocalizedText.get

    def get(self: LocalizedText, language: str = "en") -> str:
        if language.lower() == pseudo.LANGUAGE:
            return pseudo.pseudo(english(self, "en"))
        return english(self, language)

    monkeypatch.setattr(LocalizedText, "get", get)
    # lumba's own list of the languages it offers (read once per process, from
    # the compiled catalogues), which the triage asked for a page checks.
    offered = catalogues.languages()
    monkeypatch.setattr(catalogues, "languages", lambda: (*offered, pseudo.LANGUAGE))
    with override_settings(
        LOCALE_PATHS=[str(tmp_path), *settings.LOCALE_PATHS],
        LANGUAGES=[*settings.LANGUAGES, (pseudo.LANGUAGE, pseudo.NAME)],
    ):
        # The set-up works, or the test would pass on English: say so here.
        with translation.override(pseudo.LANGUAGE):
            continue_ = translation.gettext("Continue")
        assert continue_ == pseudo.pseudo("Continue"), continue_
        assert translation.check_for_language(pseudo.LANGUAGE)
        yield pseudo.LANGUAGE


def open_pseudo(open_page: Any, base_url: str, **context: Any) -> Page:
    page = open_page(locale="en-GB", **context)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": pseudo.LANGUAGE, "url": base_url}]
    )
    return page


class Reader:
    """Keeps every page's plain English words, to report them all at once."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.english: list[str] = []
        self.seen: list[str] = []

    def __call__(self, page: Page | None = None) -> None:
        page = page or self.page
        where = path_of(page)
        self.seen.append(where)
        lang = page.evaluate("document.documentElement.lang")
        assert lang == pseudo.LANGUAGE, f"{where} is in {lang!r}, not pseudo: is the cookie read?"
        found = page_text(page)
        self.english += [f"{where}  {line}" for line in leftovers(found, ALLOWED, SHORTEST)]
        # The page is pseudo text, not only free of English: some text is wrapped.
        if not any(pseudo.OPEN in text for _, text in found):
            self.english.append(f"{where}  no pseudo text on the page at all")

    def image(self, address: str) -> None:
        """An SVG image the page shows: the words drawn in it."""
        self.seen.append(address)
        found = image_text(self.page, address)
        self.english += [f"{address}  {line}" for line in leftovers(found, ALLOWED, SHORTEST)]

    def assert_clean(self) -> None:
        pages = len({line.split("  ")[0] for line in self.english})
        assert self.english == [], (
            f"plain English on {pages} of {len(self.seen)} pages under the pseudo language"
            " (page  where: text [words]):\n" + "\n".join(self.english)
        )


def test_no_english_is_left_hard_coded(open_page, base_url: str, pseudo_language: str) -> None:
    page = open_pseudo(open_page, base_url, viewport=PHONE, is_mobile=True, has_touch=True)
    read = Reader(page)
    page.goto("/")
    read()
    answer(page, SELF_CARE, each_step=read)
    expect(page).to_have_url(re.compile(r"/check/result/$"))
    read()
    page.goto("/check/answers/")
    read()
    page.goto("/check/result/print/")
    read()
    walk_advice_and_diary(page, read, EMAIL)
    read.assert_clean()


@pytest.mark.parametrize("width", [320, 390])
def test_layouts_survive_longer_text(
    open_page, base_url: str, pseudo_language: str, width: int
) -> None:
    problems: list[str] = []

    def look(page: Page) -> None:
        problems.extend(layout_problems(page))

    for case in (SELF_CARE, EMERGENCY):  # each in a browser of its own
        page = open_pseudo(
            open_page, base_url, viewport={"width": width, "height": 800}, is_mobile=True
        )
        page.goto("/")
        look(page)
        answer(page, case, each_step=look)
        expect(page).to_have_url(re.compile(r"/check/result/$"))
        assert page.evaluate("document.documentElement.lang") == pseudo.LANGUAGE
        look(page)  # the self-care plan, then the emergency care card
    assert problems == [], f"at {width}px, with pseudo text:\n" + "\n".join(dict.fromkeys(problems))


# --- The tools themselves (no browser): a checker that finds nothing proves nothing ---


def test_the_pseudo_form_keeps_what_a_translation_must_keep() -> None:
    english = "Call %(number)s or {emergency} at <strong>lumba</strong>, see https://nhs.uk/a"
    made = pseudo.pseudo(english)
    assert made.startswith(pseudo.OPEN) and made.endswith(pseudo.CLOSE)
    for kept in ("%(number)s", "{emergency}", "<strong>", "</strong>", "lumba", "https://nhs.uk/a"):
        assert kept in made
    # No plain a-z word is left outside what is kept, and the words are ~40% longer.
    assert latin_words(pseudo.KEPT.sub(" ", made), SHORTEST) == []
    assert len(pseudo.KEPT.sub("", made)) >= 1.35 * len(pseudo.KEPT.sub("", english))
    assert pseudo.pseudo("- one\n- two").startswith("- " + pseudo.OPEN)  # list items stay items
    assert pseudo.pseudo(", ") == ", "


def test_the_reader_finds_english_and_lets_the_rest_be() -> None:
    found = [
        ("a", "Continue"),
        ("p", "请拨打 120，或访问 https://www.nhs.uk/pregnancy 或写信给 pia@example.com"),
        ("p", "lumba 内容版本 content-4bc1c35632a9"),
        ("p", pseudo.pseudo("Your self-care plan")),
    ]
    assert leftovers(found, ALLOWED, SHORTEST) == ["a: 'Continue' ['Continue']"]
