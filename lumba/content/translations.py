"""Translations that still match their English.

A translation is current when it was accepted for the English it now sits
beside. The lock file of a language (`data/translations.<lang>.lock`) keeps
one line per accepted pair: a digest of the English and a digest of the
translation. Editing the English after translating leaves a pair the lock
does not know, and `lumba content check` names it as stale; so does a
translation changed without being accepted again. Digests rather than places
keep the lock independent of ids and order.

`lumba content translations --accept LANG` writes the lock from the texts as
they are: run it after translating or reviewing, never to silence a check.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from lumba.content.loader import CONTENT_DIR, Problem
from lumba.core.library import Library
from lumba.core.myths import Myth
from lumba.core.text import DEFAULT_LANGUAGE, LocalizedText

# The languages lumba is translated into, each with its lock.
TRANSLATED = ("zh-Hans",)
_LIBRARY_PARTS = ("rules", "cards", "levels", "regions", "questionnaire")


def texts(value: Any, path: str) -> Iterator[tuple[str, LocalizedText]]:
    """Every LocalizedText inside `value`, with where it is."""
    if isinstance(value, LocalizedText):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from texts(getattr(value, name), f"{path}.{name}")
    elif hasattr(value, "items"):
        for key, item in value.items():
            yield from texts(item, f"{path}[{key}]")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from texts(item, f"{path}[{index}]")


def content_texts(library: Library, myths: Iterable[Myth]) -> list[tuple[str, LocalizedText]]:
    found = [t for part in _LIBRARY_PARTS for t in texts(getattr(library, part), part)]
    return found + list(texts(tuple(myths), "myths"))


def lock_path(language: str, content_dir: Path = CONTENT_DIR) -> Path:
    return content_dir / "data" / f"translations.{language}.lock"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def pair(text: LocalizedText, language: str) -> str:
    return f"{_digest(text.root[DEFAULT_LANGUAGE])} {_digest(text.root[language])}"


def pairs(found: list[tuple[str, LocalizedText]], language: str) -> set[str]:
    return {pair(text, language) for _, text in found if language in text.root}


def read_lock(language: str, content_dir: Path = CONTENT_DIR) -> set[str]:
    path = lock_path(language, content_dir)
    if not path.exists():
        return set()
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def write_lock(found: list[tuple[str, LocalizedText]], language: str, content_dir: Path) -> int:
    accepted = sorted(pairs(found, language))
    header = (
        f"# Accepted {language} translations: sha256 of the English, then of the translation.\n"
    )
    lock_path(language, content_dir).write_text(header + "\n".join(accepted) + "\n", "utf-8")
    return len(accepted)


def stale_problems(
    found: list[tuple[str, LocalizedText]], content_dir: Path = CONTENT_DIR
) -> list[Problem]:
    problems = []
    for language in TRANSLATED:
        accepted = read_lock(language, content_dir)
        for path, text in found:
            if language in text.root and pair(text, language) not in accepted:
                english = text.root[DEFAULT_LANGUAGE][:60].replace("\n", " ")
                message = (
                    f"the {language} text was not accepted for this English ({english!r}): "
                    f"the English changed after translating, or the translation is new; "
                    f"update it, then run `lumba content translations --accept {language}`"
                )
                problems.append(Problem(str(lock_path(language).name), path, message))
    return problems
