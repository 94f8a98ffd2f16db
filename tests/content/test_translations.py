"""Every text of the content in Simplified Chinese as well as English, and
the same triage whatever the language (issue 11).

Text that has no letters (the pain scale's "0" to "10") reads the same in
every language and needs no translation.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from lumba.content.loader import (
    CONTENT_DIR,
    default_library,
    default_myths,
    load_library,
    load_myths,
)
from lumba.content.translations import content_texts, stale_problems, write_lock
from lumba.core.text import LocalizedText
from lumba.service import triager, validate_assessment

CHINESE = "zh-Hans"
VIGNETTES = sorted((Path(__file__).parents[1] / "vignettes").glob("*.jsonl"))


def all_texts() -> list[tuple[str, LocalizedText]]:
    return content_texts(default_library(), default_myths())


def needs_words(text: LocalizedText) -> bool:
    return any(character.isalpha() for character in text.get("en"))


def test_the_walk_finds_the_content_texts() -> None:
    # Hundreds of texts: a walk that found none would let the next test pass.
    assert len(all_texts()) > 500


def test_every_content_text_is_in_simplified_chinese() -> None:
    missing = [path for path, text in all_texts() if needs_words(text) and CHINESE not in text.root]
    assert not missing, f"{len(missing)} texts have no {CHINESE}: {missing[:20]}"


def _vignettes() -> list[dict[str, Any]]:
    return [
        json.loads(line) for path in VIGNETTES for line in path.read_text().splitlines() if line
    ]


def _same_in_any_language(result: dict[str, Any]) -> tuple[Any, ...]:
    return (
        result["level"],
        [reason["rule"] for reason in result["reasons"]],
        [card["id"] for card in result["plan"]],
    )


@pytest.mark.parametrize("region", ["GB", "CN"])
def test_every_vignette_gives_the_same_level_reasons_and_plan_in_chinese(region: str) -> None:
    english, chinese = triager(region=region), triager(region=region, language=CHINESE)
    for vignette in _vignettes():
        assessment = validate_assessment(vignette["assessment"])
        in_english, in_chinese = english.result(assessment), chinese.result(assessment)
        assert _same_in_any_language(in_chinese) == _same_in_any_language(in_english), vignette[
            "id"
        ]
        assert in_chinese["headline"] != in_english["headline"], vignette["id"]


GLOSSARY = Path(__file__).parents[2] / "lumba" / "content" / "data" / "glossary.yaml"


def _glossary() -> list[dict[str, Any]]:
    import yaml

    return yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))


def _outside_explanations(text: str, variant: str) -> str:
    # A term's first mention may name a variant once, as an explanation:
    # 子痫前期（也叫“先兆子痫”，……）, 宫外孕（异位妊娠）.
    for allowed in (f"也叫“{variant}”", f"也叫{variant}", f"（{variant}）"):
        text = text.replace(allowed, "")
    return text


def test_every_chinese_text_uses_the_glossary_terms_not_their_variants() -> None:
    entries = [e for e in _glossary() if e.get("avoid")]
    assert entries  # the check has something to check
    found = [
        f"{path}: {variant} (use {entry['zh-Hans']})"
        for path, text in all_texts()
        if CHINESE in text.root
        for entry in entries
        for variant in entry["avoid"]
        if variant in _outside_explanations(text.root[CHINESE], variant)
    ]
    assert not found, found


def test_the_variant_check_finds_a_variant_used_as_the_term() -> None:
    assert "先兆子痫" in _outside_explanations("可能是先兆子痫的信号。", "先兆子痫")
    assert "先兆子痫" not in _outside_explanations("子痫前期（也叫“先兆子痫”）", "先兆子痫")


def test_every_glossary_entry_has_its_parts() -> None:
    for entry in _glossary():
        assert {"en", "zh-Hans", "explanation", "source"} <= set(entry), entry


def _copy_of_content(tmp_path: Path) -> Path:
    import shutil

    return Path(shutil.copytree(CONTENT_DIR, tmp_path / "content"))


def _stale(content: Path) -> list[str]:
    found = content_texts(load_library(content), load_myths(content))
    return [problem.field for problem in stale_problems(found, content)]


def test_the_translations_as_committed_are_all_current() -> None:
    assert not stale_problems(all_texts()), "run `lumba content translations --accept zh-Hans`"


def test_english_changed_after_translating_makes_its_translation_stale(tmp_path: Path) -> None:
    content = _copy_of_content(tmp_path)
    levels = content / "data" / "levels.yaml"
    text = levels.read_text(encoding="utf-8")
    assert "en: Emergency" in text
    levels.write_text(text.replace("Emergency", "Emergency now", 1), encoding="utf-8")
    assert _stale(content) == ["levels[emergency].label"]
    # Accepting (after the translator has looked) makes it current again.
    library = load_library(content)
    write_lock(content_texts(library, load_myths(content)), CHINESE, content)
    assert _stale(content) == []
