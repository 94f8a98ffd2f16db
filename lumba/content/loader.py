"""Load the content files into checked core models.

Every problem is collected, with its file and field, before anything is
refused: a reviewer fixing content sees all of them at once.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from lumba.content import parse_cache
from lumba.core.cards import AdviceCard
from lumba.core.errors import problems as field_problems
from lumba.core.guidance import LevelGuidance, Region
from lumba.core.library import Library
from lumba.core.myths import Myth
from lumba.core.questions import FIELD_KINDS, Questionnaire
from lumba.core.rules import Rule
from lumba.core.sources import Source, SourceCode
from lumba.core.vocabulary import LEVELS_MOST_URGENT_FIRST

CONTENT_DIR = Path(__file__).parent
DATA_DIR = CONTENT_DIR / "data"
CARDS_DIR = CONTENT_DIR / "cards"
SCHEMA_PATH = DATA_DIR / "assessment.schema.json"

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.field}" if self.field else self.file
        return f"{where}: {self.message}"


class ContentError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} content problem(s):\n" + "\n".join(map(str, problems)))


class _Collector:
    def __init__(self, root: Path, parsed: dict[str, Any] | None = None) -> None:
        self.root = root
        self.problems: list[Problem] = []
        # Parsed file contents by path, from the parse cache when it matched.
        self.parsed: dict[str, Any] = parsed or {}

    def name(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def add(self, path: Path, field: str, message: str) -> None:
        self.problems.append(Problem(self.name(path), field, message))

    def read(self, path: Path) -> Any:
        if str(path) in self.parsed:
            return self.parsed[str(path)]
        # Imported here: with the parse cache warm, `lumba triage` reads no
        # YAML and need not spend the import (about 15 ms of a 300 ms call).
        import yaml

        try:
            with path.open(encoding="utf-8") as handle:
                data = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
                self.parsed[str(path)] = data
                return data
        except OSError as error:
            self.add(path, "", f"cannot read: {error.strerror}")
        except yaml.YAMLError as error:
            self.add(path, "", f"not valid YAML: {error}")
        return None

    def model(self, path: Path, prefix: str, model: type[M], data: Any) -> M | None:
        try:
            return model.model_validate(data)
        except ValidationError as error:
            for problem in field_problems(error, indexes=True):
                field = ".".join(p for p in (prefix, problem.field) if p)
                self.add(path, field, problem.message)
            return None

    def models(self, path: Path, model: type[M], data: Any, key: Callable[[Any], str]) -> list[M]:
        if not isinstance(data, list):
            self.add(path, "", "must be a list")
            return []
        loaded = [self.model(path, f"[{i}]", model, item) for i, item in enumerate(data)]
        return [item for item in loaded if item is not None]


def load_library(content_dir: Path = CONTENT_DIR) -> Library:
    """Load and cross-check all content; raise ContentError listing every problem."""
    library, problems = gather_library(content_dir)
    if problems:
        raise ContentError(problems)
    return library


def gather_library(content_dir: Path = CONTENT_DIR) -> tuple[Library, list[Problem]]:
    """Every problem of the content, and a library of the parts that loaded.

    With problems, the library holds only what passed (a file or an item that
    failed is left out; an empty questionnaire stands in for one that failed),
    so that `lumba content check` can go on to check the words of the rest;
    nothing else may use it.
    """
    files = sorted(
        [*(content_dir / "data").glob("*.yaml"), *(content_dir / "cards").glob("*.yaml")]
    )
    cache_key = parse_cache.key_of(files)
    collect = _Collector(
        content_dir.parent.parent if content_dir == CONTENT_DIR else content_dir,
        parse_cache.read(cache_key),
    )
    data_dir, cards_dir = content_dir / "data", content_dir / "cards"

    sources = _load_sources(collect, data_dir / "sources.yaml")
    rules_path = data_dir / "rules.yaml"
    raw_rules = collect.read(rules_path)
    rules = collect.models(rules_path, Rule, raw_rules, _id)
    cards, raw_cards = _load_cards(collect, cards_dir)
    levels = collect.models(
        data_dir / "levels.yaml", LevelGuidance, collect.read(data_dir / "levels.yaml"), _id
    )
    raw_regions = collect.read(data_dir / "regions.yaml")
    regions = collect.models(data_dir / "regions.yaml", Region, raw_regions, _id)
    questionnaire = collect.model(
        data_dir / "questions.yaml", "", Questionnaire, collect.read(data_dir / "questions.yaml")
    )

    _check_unique(collect, rules_path, (r.id for r in rules), "rule id")
    _check_unique(collect, cards_dir, (c.id for c in cards), "card id")
    # Read from the files as written, so that an item refused for another
    # field still has its sources checked.
    raw_rule_items = raw_rules if isinstance(raw_rules, list) else []
    _check_citations(
        collect,
        ((rules_path, _named(raw, f"[{i}]"), raw) for i, raw in enumerate(raw_rule_items)),
        sources,
    )
    _check_citations(
        collect, ((path, _named(raw, path.stem), raw) for path, raw in raw_cards), sources
    )
    _check_levels(collect, data_dir / "levels.yaml", levels)
    _check_sign_lists(collect, cards_dir, cards, levels)
    _check_unique(collect, data_dir / "regions.yaml", (r.code for r in regions), "region code")
    _check_number_sources(collect, data_dir / "regions.yaml", raw_regions, sources)
    if "INT" not in {r.code for r in regions}:
        collect.add(data_dir / "regions.yaml", "", "the fallback region INT is missing")
    if questionnaire is not None:
        _check_questionnaire(collect, data_dir / "questions.yaml", questionnaire)

    if not collect.problems:
        parse_cache.write(cache_key, collect.parsed)
    library = Library(
        rules=tuple(rules),
        cards=tuple(sorted(cards, key=lambda c: c.id)),
        levels={g.level: g for g in levels},
        regions={r.code: r for r in regions},
        sources=sources,
        questionnaire=questionnaire or _NO_QUESTIONNAIRE,
        version=_version_of(files),
    )
    return library, collect.problems


# Stands in, in a library gathered with problems, for a questionnaire that did not load.
_NO_QUESTIONNAIRE = Questionnaire.model_construct(
    id="", version="", title=None, steps=[], choices={}
)


def _version_of(files: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return f"content-{digest.hexdigest()[:12]}"


@cache
def default_library() -> Library:
    """The packaged content, loaded once per process."""
    return load_library()


def _id(item: Any) -> str:
    return str(getattr(item, "id", ""))


def _load_sources(collect: _Collector, path: Path) -> dict[str, Source]:
    data = collect.read(path)
    if not isinstance(data, dict):
        collect.add(path, "", "must map source codes to {title, url}")
        return {}
    sources = {}
    for code, entry in data.items():
        fields = {"code": code, **entry} if isinstance(entry, dict) else entry
        source = collect.model(path, str(code), Source, fields)
        if source is not None:
            sources[source.code] = source
    return sources


def _load_cards(
    collect: _Collector, cards_dir: Path
) -> tuple[list[AdviceCard], list[tuple[Path, Any]]]:
    """The cards that passed, and every card file as read."""
    cards = []
    raw_cards = []
    paths = sorted(cards_dir.glob("*.yaml"))
    if not paths:
        collect.add(cards_dir, "", "no advice cards found")
    for path in paths:
        raw = collect.read(path)
        raw_cards.append((path, raw))
        card = collect.model(path, "", AdviceCard, raw)
        if card is None:
            continue
        if card.id != path.stem:
            collect.add(path, "id", f"id {card.id!r} must match the file name {path.stem!r}")
        cards.append(card)
    return cards, raw_cards


def _check_unique(collect: _Collector, path: Path, ids: Iterable[str], what: str) -> None:
    for value, count in Counter(ids).items():
        if count > 1:
            collect.add(path, "id", f"duplicate {what} {value!r} ({count} times)")


def _check_citations(
    collect: _Collector, items: Iterable[tuple[Path, str, Any]], sources: Mapping[str, Source]
) -> None:
    """Every well-formed source code an item cites, valid item or not, is a known source.

    Items are (file, the item's name in the problems, the item as read). A
    malformed code is left to the item's own validation, which names it.
    """
    for path, name, raw in items:
        codes = raw.get("sources") if isinstance(raw, dict) else None
        for i, code in enumerate(codes if isinstance(codes, list) else []):
            if isinstance(code, str) and _SOURCE_CODE.match(code) and code not in sources:
                field = f"{name}.sources[{i}]" if name else f"sources[{i}]"
                collect.add(path, field, f"unknown source {code!r}")


def _check_number_sources(
    collect: _Collector, path: Path, raw_regions: Any, sources: Mapping[str, Source]
) -> None:
    """Every region's phone number rests on a known source, valid region or not."""
    for i, raw in enumerate(raw_regions if isinstance(raw_regions, list) else []):
        numbers = raw.get("numbers") if isinstance(raw, dict) else None
        for kind, phone in numbers.items() if isinstance(numbers, dict) else ():
            code = phone.get("source") if isinstance(phone, dict) else None
            if isinstance(code, str) and _SOURCE_CODE.match(code) and code not in sources:
                collect.add(path, f"[{i}].numbers.{kind}.source", f"unknown source {code!r}")


def _named(raw: Any, where: str) -> str:
    """An item's id as written, else where it is in its file."""
    item_id = raw.get("id") if isinstance(raw, dict) else None
    return item_id if isinstance(item_id, str) and item_id else where


# What lumba.core.sources.SourceCode accepts.
_SOURCE_CODE = re.compile(get_args(SourceCode)[1].pattern)


def _check_levels(collect: _Collector, path: Path, levels: list[LevelGuidance]) -> None:
    given = Counter(g.level for g in levels)
    for level in LEVELS_MOST_URGENT_FIRST:
        if given[level] != 1:
            collect.add(path, level, f"each level needs exactly one entry (found {given[level]})")


def _check_sign_lists(
    collect: _Collector, cards_dir: Path, cards: list[AdviceCard], levels: list[LevelGuidance]
) -> None:
    headed = {g.level for g in levels if g.signs_heading is not None}
    for card in cards:
        if card.topic == "warning_signs" and not card.signs:
            collect.add(
                cards_dir / f"{card.id}.yaml",
                "signs",
                "a warning-signs card lists signs generated from the rules: give their levels",
            )
        for level in card.signs:
            if level not in headed:
                collect.add(
                    cards_dir / f"{card.id}.yaml", "signs", f"level {level!r} has no signs_heading"
                )


def _check_questionnaire(collect: _Collector, path: Path, questionnaire: Questionnaire) -> None:
    vocab = _field_vocabularies()
    ids = Counter(q.id for q in questionnaire.questions())
    for qid, count in ids.items():
        if count > 1:
            collect.add(path, qid, f"duplicate question id ({count} times)")
    asked = {q.field for q in questionnaire.questions()}
    for field in FIELD_KINDS:
        if field not in asked:
            collect.add(path, "steps", f"no question fills the assessment field {field!r}")
    for question in questionnaire.questions():
        allowed = vocab.get(question.field, ())
        labels = questionnaire.choices.get(question.field, {})
        for option in question.options:
            coded = question.values is not None
            value = question.values[option] if question.values else option
            if (allowed and value not in allowed) or (not allowed and not coded):
                collect.add(
                    path, question.id, f"option {option!r} is not a value of {question.field}"
                )
                continue
            if option not in labels:
                collect.add(path, f"choices.{question.field}", f"no label for {option!r}")


def _field_vocabularies() -> dict[str, tuple[str, ...]]:
    from lumba.core import vocabulary as v

    return {
        "pain.locations": v.values(v.Location),
        "pain.onset": v.values(v.Onset),
        "pain.pattern": v.values(v.Pattern),
        "pain.worse_with": v.values(v.Activity),
        "pain.daily_life_impact": v.values(v.Impact),
        "symptoms": v.values(v.Symptom),
        "history": v.values(v.HistoryItem),
    }


# ---------------------------------------------------------------- myths (the advice library)
# Kept apart from load_library: only the myths page reads data/myths.yaml.


def load_myths(content_dir: Path = CONTENT_DIR) -> tuple[Myth, ...]:
    """Load data/myths.yaml, in file order, checked against the sources and the cards.

    Raise ContentError listing every problem, each with its file and field.
    """
    myths, problems = gather_myths(content_dir)
    if problems:
        raise ContentError(problems)
    return myths


def gather_myths(content_dir: Path = CONTENT_DIR) -> tuple[tuple[Myth, ...], list[Problem]]:
    """The myths that passed, and every problem of the myths file."""
    collect = _Collector(content_dir.parent.parent if content_dir == CONTENT_DIR else content_dir)
    path = content_dir / "data" / "myths.yaml"
    sources = _load_sources(collect, content_dir / "data" / "sources.yaml")
    card_ids = {card.stem for card in (content_dir / "cards").glob("*.yaml")}
    unread = len(collect.problems)
    data = collect.read(path)
    myths: list[Myth] = []
    if not data and len(collect.problems) == unread:
        collect.add(path, "", "no myths found")
    elif data and not isinstance(data, list):
        collect.add(path, "", "must be a list of myths")
    items = data if isinstance(data, list) else []
    # Sources and cards as written, so a myth refused for another field still has them checked.
    _check_citations(collect, ((path, f"[{i}]", item) for i, item in enumerate(items)), sources)
    for i, item in enumerate(items):
        cards = item.get("cards") if isinstance(item, dict) else None
        for j, card_id in enumerate(cards if isinstance(cards, list) else []):
            if isinstance(card_id, str) and card_id not in card_ids:
                collect.add(path, f"[{i}].cards[{j}]", f"unknown advice card {card_id!r}")
        myth = collect.model(path, f"[{i}]", Myth, item)
        if myth is not None:
            myths.append(myth)
    _check_unique(collect, path, (m.id for m in myths), "myth id")
    return tuple(myths), collect.problems


@cache
def default_myths() -> tuple[Myth, ...]:
    """The packaged myths, loaded once per process."""
    return load_myths()
