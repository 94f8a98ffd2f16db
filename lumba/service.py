"""The edge where text becomes triage results: used by the CLI and the web API alike.

Parsing, validation, evaluation and rendering are wired together here once,
so `lumba triage`, `lumba triage --batch` and `POST /api/v1/triage` give
the same answer and the same error for the same input.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from pydantic import ValidationError

from lumba.catalogues import canonical, translator
from lumba.catalogues import languages as offered_languages
from lumba.core.assessment import Assessment, BloodPressure, Pain
from lumba.core.errors import (
    NOT_UTF8,
    FieldProblem,
    Translate,
    Wording,
    gettext_noop,
    given,
    problems,
    say,
)
from lumba.core.facts import Facts
from lumba.core.guidance import EXPLICIT_REGION, UnknownRegion, choose_region
from lumba.core.input_limits import may_exceed, shape_problem, too_deep
from lumba.core.library import Library
from lumba.core.questions import weeks_from_due_date
from lumba.core.result import ResultRenderer
from lumba.core.triage import Outcome, TriageEngine


class InvalidAssessment(ValueError):
    def __init__(self, found: list[FieldProblem]) -> None:
        self.problems = found
        super().__init__("; ".join(map(str, found)))

    def localized(self, translate: Translate) -> str:
        return "; ".join(p.described(translate) for p in self.problems)

    @property
    def first(self) -> FieldProblem:
        return self.problems[0]


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        self.key = key


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKey(key)
        result[key] = value
    return result


def parse_assessment(text: str) -> Assessment:
    """One JSON assessment from text, or InvalidAssessment naming the field."""
    # A byte order mark is how some editors start a UTF-8 file; it is not data.
    text = text.removeprefix("\ufeff")
    if not text.strip():
        empty = Wording(gettext_noop("empty input: expected one JSON assessment"))
        raise InvalidAssessment([FieldProblem.of("", empty)])
    if may_exceed(text):
        _refuse_oversized(text)
    try:
        assessment = Assessment.model_validate_json(text)
    except ValidationError as error:
        raise InvalidAssessment(problems(error)) from None
    # Every string in a valid assessment is a field name or a vocabulary word,
    # none with a colon, so each colon ends one key. More colons than fields
    # set means a key was given twice (the parser keeps the last silently).
    keys_given = len(assessment.model_fields_set) + len(assessment.pain.model_fields_set)
    if assessment.blood_pressure is not None:
        keys_given += len(assessment.blood_pressure.model_fields_set)
    if text.count(":") != keys_given:
        _refuse_duplicate_keys(text)
    return assessment


def _refuse_oversized(text: str) -> None:
    """Refuse, with one problem, a document too large to be worth validating."""
    try:
        document = json.loads(text)
    except RecursionError:
        raise InvalidAssessment([too_deep()]) from None
    except ValueError:
        return  # not JSON: validation says where, at no great cost
    problem = shape_problem(document)
    if problem is not None:
        raise InvalidAssessment([problem])


def _refuse_duplicate_keys(text: str) -> None:
    try:
        json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except _DuplicateKey as duplicate:
        key = duplicate.key
        field = key
        if key in Pain.model_fields:
            field = f"pain.{key}"
        elif key in BloodPressure.model_fields:
            field = f"blood_pressure.{key}"
        raise InvalidAssessment(
            [
                FieldProblem.of(
                    field, Wording(gettext_noop("appears more than once in the same object"))
                )
            ]
        ) from None


def validate_assessment(data: Any) -> Assessment:
    if not isinstance(data, dict):
        kind = type(data).__name__.replace("NoneType", "null")
        wrong = say(gettext_noop("expected a JSON object, got {kind}"), kind=kind)
        raise InvalidAssessment([FieldProblem.of("", wrong)])
    try:
        return Assessment.model_validate(data)
    except ValidationError as error:
        raise InvalidAssessment(problems(error)) from None


def jsonl_lines(text: str) -> list[str]:
    """The lines of a JSON Lines text: split on newline only (JSON strings may
    hold other line separators), a final newline ending the last line."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


@dataclass(frozen=True)
class Triager:
    engine: TriageEngine
    renderer: ResultRenderer

    def outcome(self, assessment: Assessment) -> Outcome:
        return self.engine.evaluate(assessment)

    def result(self, assessment: Assessment) -> dict[str, Any]:
        return self.renderer.to_dict(self.outcome(assessment))

    def result_json(self, assessment: Assessment) -> str:
        return self.renderer.to_json(self.outcome(assessment))

    def result_weeks_unknown(self, document: Mapping[str, Any]) -> dict[str, Any]:
        """The result of a document without weeks, read the way the check reads
        "I don't know" (TriageEngine.weeks_unknown_outcome); the weeks given as
        a placeholder are those of a check that never learnt them."""
        placeholder = validate_assessment({**document, "gestational_weeks": 0})
        outcome = self.engine.weeks_unknown_outcome(Facts.of(placeholder))
        return self.renderer.to_dict(outcome)

    def batch(self, lines: Iterable[str]) -> Iterator[tuple[bool, str]]:
        """(ok, output line) for each input line, in order; a bad line never stops the run.

        A bad line gives exactly the spec's `{"error": {"line", "field",
        "message"}}`, compact like the result lines: its first problem, the
        whole line named `(document)` as single triage names it.
        """
        # result_json, with its steps bound once: this loop runs for every line.
        evaluate, to_json = self.engine.evaluate, self.renderer.to_json
        _ = translator(self.renderer.language)
        for number, line in enumerate(lines, start=1):
            try:
                yield True, to_json(evaluate(parse_assessment(line)))
            except InvalidAssessment as invalid:
                problem = invalid.first
                message = problem.localized(_)
                if not line.strip():
                    message = _(gettext_noop("empty line: expected one JSON assessment"))
                # The whole line, named as FieldProblem.described names it for single triage.
                field = problem.named
                error = {"error": {"line": number, "field": field, "message": message}}
                yield False, json.dumps(error, ensure_ascii=False, separators=(",", ":"))


def decision(result: Mapping[str, Any]) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """What a result decided, apart from its words: the level, the rules that
    fired and the cards of the plan (the same in every language)."""
    reasons = tuple(reason["rule"] for reason in result.get("reasons", []))
    return result["level"], reasons, tuple(card["id"] for card in result.get("plan", []))


def in_words_of(stored: dict[str, Any], fresh: dict[str, Any]) -> dict[str, Any]:
    """A kept result shown in another language: the fresh result (the same
    answers, triaged again in that language) when it decides exactly what the
    kept one did; otherwise the kept one as it was, since what lumba told the
    person then is the record."""
    return fresh if decision(fresh) == decision(stored) else stored


@cache
def _engine(library: Library) -> TriageEngine:
    return TriageEngine(library)


@cache
def _triager(library: Library, region_code: str, language: str) -> Triager:
    return Triager(
        _engine(library), ResultRenderer(library, library.regions[region_code], language)
    )


NOT_OFFERED = gettext_noop("is not a language lumba offers; use one of {known}")
_NOT_A_REGION = gettext_noop("is not a known region or country; use one of {known}")


class UnknownChoice(ValueError):
    """A region or language that lumba does not have, as problems naming
    `lang` and `region` (or the setting that named the region), and the
    language to explain them in (English when the language is the problem)."""

    def __init__(self, found: list[FieldProblem], language: str) -> None:
        self.problems = found
        self.language = language
        super().__init__("; ".join(map(str, found)))


def choose_triager(
    region: str | None,
    language: str | None,
    *,
    fallback_language: str = "en",
    library: Library | None = None,
    environ: Mapping[str, str] | None = None,
) -> Triager:
    """The triager for a region and language as a person or a client asked
    for them, the one way every front end chooses: the command line's
    --region and --lang, the API's and FHIR's ?region= and ?lang=, a page's
    visitor. No region (or an empty one) means LUMBA_REGION, then the
    locale's country (see choose_region); no language means the fallback.
    Raises UnknownChoice naming every name it does not know."""
    found: list[FieldProblem] = []
    chosen = fallback_language if language is None else canonical(language)
    if chosen is None:
        wording = say(NOT_OFFERED, known=", ".join(offered_languages()))
        found.append(FieldProblem.of("lang", given(wording, json.dumps(language))))
        chosen = "en"
    try:
        made = triager(library, region or None, chosen, environ)
    except UnknownRegion as error:
        field = "region" if error.source == EXPLICIT_REGION else error.source
        wording = say(_NOT_A_REGION, known=", ".join(error.known))
        got = json.dumps(error.name, ensure_ascii=False)
        found.append(FieldProblem.of(field, given(wording, got)))
    if found:
        raise UnknownChoice(found, chosen)
    return made


@dataclass(frozen=True)
class Triaged:
    """One triage asked for as text: the answer, or every problem with the
    request at once (an unknown region or language, and the body's)."""

    problems: list[FieldProblem]
    triager: Triager | None = None
    outcome: Outcome | None = None

    def result_json(self) -> str:
        assert self.triager is not None and self.outcome is not None
        return self.triager.renderer.to_json(self.outcome)


def triage_text(
    body: str | bytes,
    region: str | None,
    language: str | None,
    *,
    fallback_language: str = "en",
) -> Triaged:
    """An assessment as text (JSON, UTF-8 when bytes) triaged for a region and
    language, every problem gathered at once: what `POST /api/v1/triage`
    answers (the command line chooses and parses with the same functions,
    stopping at its first problem)."""
    found: list[FieldProblem] = []
    chosen: Triager | None = None
    try:
        chosen = choose_triager(region, language, fallback_language=fallback_language)
    except UnknownChoice as unknown:
        found += unknown.problems
    try:
        text = body.decode("utf-8") if isinstance(body, bytes) else body
        assessment = parse_assessment(text)
    except UnicodeDecodeError:
        return Triaged([*found, FieldProblem.of("", NOT_UTF8)])
    except InvalidAssessment as invalid:
        return Triaged(found + invalid.problems)
    if chosen is None:
        return Triaged(found)
    return Triaged([], chosen, chosen.outcome(assessment))


def triager(
    library: Library | None = None,
    region: str | None = None,
    language: str = "en",
    environ: Mapping[str, str] | None = None,
) -> Triager:
    """A ready triager for a region (see choose_region) and language, built once and reused."""
    if library is None:
        from lumba.content.loader import default_library

        library = default_library()
    # No copies: this runs for every API request (os.environ is read, not copied).
    chosen = choose_region(library.regions, region, os.environ if environ is None else environ)
    # One triager per language however its tag is written (zh-hans, zh-Hans).
    return _triager(library, chosen.code, canonical(language) or language)


@dataclass(frozen=True)
class DiaryRecord:
    """A diary entry as it is kept: its fields, its triage (the result object
    of POST /triage) and the content version that produced that triage."""

    fields: dict[str, Any]
    triage: dict[str, Any]
    content_version: str


def record_entry(
    sent: Any,
    *,
    today: date,
    due_date: date | None,
    history: Sequence[str],
    triager: Triager,
) -> DiaryRecord:
    """The one way a diary entry is saved, from its page and its API alike:
    the entry as sent, validated (lumba.core.diary_entry: today's date and
    the library's cards are its context), then triaged. Raises InvalidEntry
    naming every problem."""
    from lumba.core.diary_entry import EntryContext, read_entry  # not needed by `lumba triage`

    library = triager.engine.library
    cards = frozenset(card.id for card in library.cards)
    fields = read_entry(sent, EntryContext(today, cards)).stored()
    triage = triage_diary_entry(fields, due_date, history, triager)
    return DiaryRecord(fields, triage, library.version)


def triage_diary_entry(
    entry: Mapping[str, Any], due_date: date | None, history: Sequence[str], triager: Triager
) -> dict[str, Any]:
    """The result for an entry's answers (as kept), with the weeks of
    pregnancy on the entry's day and the person's history; without a due
    date, read as the check reads "I don't know" (Triager.result_weeks_unknown)."""
    from lumba.core.diary import entry_document  # not needed by `lumba triage`

    weeks = weeks_from_due_date(due_date, entry["date"]) if due_date else None
    document = entry_document(
        weeks=weeks,
        pain=entry["pain"],
        locations=entry["locations"],
        worse_with=entry["worse_with"],
        symptoms=entry["symptoms"],
        history=history,
    )
    if "gestational_weeks" not in document:
        return triager.result_weeks_unknown(document)
    return triager.result(validate_assessment(document))
