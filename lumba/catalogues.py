"""The interface's message catalogues (lumba/locale): where they are, and
compiling them. The web app (Django) and the terminal (stdlib gettext) read
the same compiled files.

The .po files are the source and are committed; the .mo files are built
from them and never committed, so a compiled catalogue cannot be older than
its source in a checkout. A build of the package (wheel, or `pip install`)
compiles them itself (build_catalogues.py, a setuptools build step that
uses compile_all); in a checkout `python -m lumba.catalogues` compiles every
catalogue whose .mo is missing or older than its .po (scripts/setup runs it).
This module imports nothing outside the standard library at the top: the
build step loads it from its file, before lumba is installed.
"""

from __future__ import annotations

import gettext
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "django"  # Django's makemessages writes this domain; the CLI reads it too


def sources(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    return sorted(locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def compiled(po: Path) -> Path:
    return po.with_suffix(".mo")


def stale() -> list[Path]:
    """The catalogues whose compiled file is missing or older than the source."""
    return [
        po
        for po in sources()
        if not compiled(po).exists() or compiled(po).stat().st_mtime < po.stat().st_mtime
    ]


def tag(folder: str) -> str:
    """A catalogue folder's name as a BCP 47 tag: zh_Hans -> zh-Hans."""
    return folder.replace("_", "-")


@cache
def languages() -> tuple[str, ...]:
    """English (the source) and every language with a compiled catalogue.
    Read once per process: every request asks, and a catalogue compiled later
    needs a restart anyway (Django reads LANGUAGES at start-up)."""
    found = [tag(po.parent.parent.name) for po in sources() if compiled(po).exists()]
    return ("en", *found)


def canonical(requested: str) -> str | None:
    """The offered tag a requested one names (tags ignore case), or None."""
    wanted = requested.strip().lower()
    return next((known for known in languages() if known.lower() == wanted), None)


@cache
def translator(language: str) -> Callable[[str], str]:
    """gettext for one language, outside Django (the terminal); English as it is."""
    folder = (canonical(language) or language).replace("-", "_")
    found = gettext.translation(DOMAIN, LOCALE_DIR, languages=[folder], fallback=True)
    return found.gettext


def compile_all(catalogues: list[Path]) -> list[Path]:
    """Each .po compiled to the .mo beside it."""
    import polib  # only needed when building

    for po in catalogues:
        catalogue = polib.pofile(str(po))
        # Fuzzy entries are guesses waiting for review: left out, as msgfmt does.
        catalogue.save_as_mofile(str(compiled(po)))
    return catalogues


def compile_stale() -> list[Path]:
    return compile_all(stale())


def main() -> None:
    for po in compile_stale():
        print(f"compiled {po.relative_to(LOCALE_DIR.parent.parent)}", file=sys.stderr)


if __name__ == "__main__":
    main()
