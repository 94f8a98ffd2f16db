"""The myths file: the packaged myths load, calcium first, and a broken copy is refused with
every problem named by file and field."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from lumba.content.loader import CONTENT_DIR, ContentError, load_myths
from lumba.core.myths import Myth

MIN_MYTHS = 6
# Myths the clinical brief asks the page to answer (brief sections 1, 2, 3 and 5).
BRIEF_MYTHS = {
    "calcium-and-back-pain": {"S41", "S42"},
    "relaxin-and-bed-rest": {"S6", "S52", "S17"},
    "massage-causes-miscarriage": {"S37"},
    "acupuncture-forbidden-points": {"S35"},
    "essential-oils-proven-safe-or-harmful": {"S36"},
    "pelvic-girdle-pain-means-caesarean": {"S53"},
    "waking-on-your-back": {"S40"},
}


@pytest.fixture(scope="module")
def myths() -> tuple[Myth, ...]:
    return load_myths()


def test_it_loads_the_packaged_myths(myths: tuple[Myth, ...]) -> None:
    assert len(myths) >= MIN_MYTHS


def test_it_puts_the_calcium_myth_first(myths: tuple[Myth, ...]) -> None:
    assert myths[0].id == "calcium-and-back-pain"
    assert "calcium" in myths[0].claim.get("en").lower()


@pytest.mark.parametrize(("myth_id", "codes"), sorted(BRIEF_MYTHS.items()))
def test_it_answers_each_myth_of_the_brief_with_its_sources(
    myths: tuple[Myth, ...], myth_id: str, codes: set[str]
) -> None:
    myth = next((m for m in myths if m.id == myth_id), None)
    assert myth is not None, f"missing myth {myth_id}"
    assert codes <= set(myth.sources)


def test_it_says_the_who_calcium_advice_is_about_pre_eclampsia(myths: tuple[Myth, ...]) -> None:
    answer = myths[0].answer.get("en")
    assert "pre-eclampsia" in answer
    assert "1,000 mg" in answer and "1,300 mg" in answer


def test_it_keeps_the_answers_in_short_sentences(myths: tuple[Myth, ...]) -> None:
    """Plain English: no sentence over 30 words, and about 15 on average."""
    for myth in myths:
        sentences = [s for s in re.split(r"(?<=[.?!:])\s+|\n", myth.answer.get("en")) if s.strip()]
        lengths = [len(s.split()) for s in sentences]
        assert max(lengths) <= 30, (myth.id, max(lengths))
        assert sum(lengths) / len(lengths) <= 16, (myth.id, sum(lengths) / len(lengths))


# ---------------------------------------------------------------- broken copies


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A private copy of the sources, cards and myths to break."""
    copy = tmp_path / "content"
    (copy / "data").mkdir(parents=True)
    for name in ("sources.yaml", "myths.yaml"):
        shutil.copy(CONTENT_DIR / "data" / name, copy / "data" / name)
    shutil.copytree(CONTENT_DIR / "cards", copy / "cards")
    return copy


def _edit(content: Path, change: Callable[[Any], None]) -> None:
    path = content / "data" / "myths.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _problems(content: Path) -> list[Any]:
    with pytest.raises(ContentError) as caught:
        load_myths(content)
    problems = caught.value.problems
    assert problems
    assert all(p.file.endswith("data/myths.yaml") for p in problems), problems
    return problems


def _fields(problems: list[Any]) -> dict[str, str]:
    return {p.field: p.message for p in problems}


def test_it_loads_an_unbroken_copy(content: Path, myths: tuple[Myth, ...]) -> None:
    assert load_myths(content) == myths


def test_it_refuses_a_myth_without_sources(content: Path) -> None:
    _edit(content, lambda data: data[0].pop("sources"))
    assert _fields(_problems(content)) == {"[0].sources": "is required"}


def test_it_refuses_a_myth_with_an_empty_source_list(content: Path) -> None:
    _edit(content, lambda data: data[1].__setitem__("sources", []))
    assert list(_fields(_problems(content))) == ["[1].sources"]


def test_it_refuses_an_unknown_source_code(content: Path) -> None:
    _edit(content, lambda data: data[2].__setitem__("sources", ["S6", "S9999"]))
    problems = _fields(_problems(content))
    assert list(problems) == ["[2].sources[1]"]
    assert "S9999" in problems["[2].sources[1]"]


def test_it_refuses_a_malformed_source_code(content: Path) -> None:
    _edit(content, lambda data: data[0].__setitem__("sources", ["calcium"]))
    assert list(_fields(_problems(content))) == ["[0].sources[0]"]


def test_it_refuses_an_extra_key(content: Path) -> None:
    _edit(content, lambda data: data[3].__setitem__("verdict", "false"))
    problems = _fields(_problems(content))
    assert list(problems) == ["[3].verdict"]
    assert problems["[3].verdict"].startswith("is not a known field")


def test_it_refuses_a_myth_without_english(content: Path) -> None:
    _edit(content, lambda data: data[0].__setitem__("claim", {"zh-hans": "缺钙"}))
    assert list(_fields(_problems(content))) == ["[0].claim"]


def test_it_refuses_an_unknown_card(content: Path) -> None:
    _edit(content, lambda data: data[0].__setitem__("cards", ["no-such-card"]))
    problems = _fields(_problems(content))
    assert "no-such-card" in problems["[0].cards[0]"]


def test_it_refuses_two_myths_with_the_same_id(content: Path) -> None:
    _edit(content, lambda data: data.append(dict(data[0])))
    problems = _problems(content)
    assert any(p.field == "id" and "calcium-and-back-pain" in p.message for p in problems)


def test_it_refuses_a_file_that_is_not_a_list(content: Path) -> None:
    (content / "data" / "myths.yaml").write_text("calcium: false\n", encoding="utf-8")
    assert _fields(_problems(content)) == {"": "must be a list of myths"}


def test_it_refuses_an_empty_or_missing_file(content: Path) -> None:
    path = content / "data" / "myths.yaml"
    path.write_text("", encoding="utf-8")
    assert "no myths" in _problems(content)[0].message
    path.unlink()
    assert "cannot read" in _problems(content)[0].message


def test_it_reports_every_problem_at_once(content: Path) -> None:
    def change(data: list[dict[str, Any]]) -> None:
        data[0].pop("sources")
        data[1]["sources"] = ["S9999"]
        data[2]["colour"] = "red"
        data[3]["reviewed"] = "someday"

    _edit(content, change)
    assert set(_fields(_problems(content))) == {
        "[0].sources",
        "[1].sources[0]",
        "[2].colour",
        "[3].reviewed",
    }
