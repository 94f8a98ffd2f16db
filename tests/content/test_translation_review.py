"""The line-by-line review of the Chinese emergency and urgent texts (H-016).

docs/safety/translation-review.md is what scripts/render_translation_review.py
makes from the content and the verdicts now (as tests/test_hazard_log.py
checks the hazard log), and every row of it has a verdict given for the
words it has today.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
RENDERER = ROOT / "scripts" / "render_translation_review.py"
RENDERED = ROOT / "docs" / "safety" / "translation-review.md"
RERENDER = ".venv/bin/python scripts/render_translation_review.py"
REVIEWED_LEVELS = ("emergency", "urgent")


@cache
def renderer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("render_translation_review", RENDERER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def review():
    return renderer().load_review()


def test_the_review_page_is_current_with_the_content(library, review) -> None:
    expected = renderer().render(library, review)
    current = RENDERED.read_text(encoding="utf-8") if RENDERED.exists() else ""
    assert current == expected, (
        f"{RENDERED.relative_to(ROOT)} differs from the content and the verdicts: run "
        f"{RERENDER} (never edit the .md by hand)"
    )


def test_the_review_has_a_row_for_every_emergency_and_urgent_rule(library) -> None:
    module = renderer()
    wanted = [r.id for lv in REVIEWED_LEVELS for r in library.rules if r.level == lv]
    assert wanted  # the check has something to check
    assert [row.key for row in module.rule_rows(library)] == wanted
    keys = {row.key for row in module.level_rows(library)}
    for level in REVIEWED_LEVELS:
        assert {f"{level}.headline", f"{level}.signs_heading", f"{level}.actions[0]"} <= keys
    # China's own words for the urgent level are reviewed too.
    assert "urgent.by_region[CN].headline" in keys
    assert "urgent.by_region[CN].early.actions[0]" in keys


def test_every_emergency_and_urgent_rule_and_level_text_has_a_current_verdict(
    library, review
) -> None:
    module = renderer()
    missing = [
        f"{row.section}.{row.key}: {verdict}"
        for row in module.rows(library)
        if (verdict := module.status(row, review)[0]) not in module.VERDICTS
    ]
    assert not missing, (
        "review these rows against their English, fix the Chinese if need be, then record "
        f"the verdict with `{RERENDER} --record ID VERDICT --note ...`:\n" + "\n".join(missing)
    )


def test_the_verdict_file_names_only_known_rows_and_known_verdicts(library, review) -> None:
    assert renderer().problems(review, library) == []


def test_a_verdict_given_for_other_words_needs_review_again(library, review) -> None:
    module = renderer()
    rule = library.rule("fever")
    sign = rule.sign.model_copy(update={"root": {**rule.sign.root, "zh-Hans": "发烧"}})
    changed = dataclasses.replace(
        library,
        rules=tuple(
            r.model_copy(update={"sign": sign}) if r.id == "fever" else r for r in library.rules
        ),
    )
    row = next(r for r in module.rule_rows(changed) if r.key == "fever")
    assert module.status(row, review)[0] == module.NEEDS_REVIEW
    assert "**needs review again**" in module.render(changed, review)
    # The English changing needs the review again just the same.
    current = next(r for r in module.rule_rows(library) if r.key == "fever")
    assert module.status(current, review)[0] in module.VERDICTS
    _, _, chinese = current.parts[0]
    english_changed = (("sign", "a fever", chinese), *current.parts[1:])
    row = dataclasses.replace(current, parts=english_changed)
    assert module.status(row, review)[0] == module.NEEDS_REVIEW


def test_a_row_with_no_verdict_is_not_reviewed_and_recording_one_makes_it_current(
    library, tmp_path: Path
) -> None:
    module = renderer()
    empty = module.load_review(tmp_path / "none.yaml")
    row = module.rule_rows(library)[0]
    assert module.status(row, empty)[0] == module.NOT_REVIEWED
    recorded = module.record(empty, row, "same", "")
    assert module.status(row, recorded) == ("same", "")
    with pytest.raises(module.ReviewError, match="needs --note"):
        module.record(empty, row, "fixed", "")
    with pytest.raises(module.ReviewError, match="unknown verdict"):
        module.record(empty, row, "fine", "")
    # What --record writes reads back the same.
    saved = tmp_path / "review.yaml"
    saved.write_text(module.dump_review(recorded), encoding="utf-8")
    assert module.status(row, module.load_review(saved)) == ("same", "")


def test_the_review_records_each_fix_it_made(review) -> None:
    fixed = [
        key
        for section in renderer().SECTIONS
        for key, entry in review[section].items()
        if entry["verdict"] == "fixed"
    ]
    assert fixed and all(str(review_note(review, key)).strip() for key in fixed)


def review_note(review, key: str) -> str:
    for section in renderer().SECTIONS:
        if key in review[section]:
            return review[section][key].get("note", "")
    raise KeyError(key)
