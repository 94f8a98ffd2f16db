"""The check, once for every front end: which step is next, going back,
dropping answers that no longer apply, when it is finished, and when it may
end early.

The web check and the terminal check are thin adapters over :class:`Check`;
a FHIR adaptive questionnaire or a diary entry can drive it the same way.
Where the answers live (a signed cookie, a database row) is the adapter's
choice, passed in as an :class:`AnswersStore`.

The early stop: after every step, the engine bounds what the finished check
could give. The check ends early only when the answers so far already need
urgent or emergency help *and* no way of answering the rest could make the
level more urgent; the level shown is then the level of the finished check.
While a more urgent level is still possible, the check asks next the first
step that could raise it, and skips the steps that cannot.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from pydantic import ValidationError

from lumba.core.assessment import Assessment
from lumba.core.conditions import KEYS, PartialFacts
from lumba.core.errors import FieldProblem, gettext_noop, problems
from lumba.core.facts import FIELD_FACTS, FIELD_OF_FACT, FLAG_OF_FIELD, SET_FACTS, partial_facts
from lumba.core.questions import UNKNOWN, Question, Questionnaire, Step, assemble
from lumba.core.triage import STOP_CHECK_LEVELS, Bounds, Outcome, TriageEngine
from lumba.core.vocabulary import IMPLIED_SYMPTOMS

Answers = dict[str, Any]

# Said with the result of a check whose weeks are unknown.
WEEKS_UNKNOWN_NOTE = gettext_noop(
    "You did not know how many weeks pregnant you are, so lumba took the most "
    "cautious reading of the signs that depend on it."
)


@dataclass
class CheckRecord:
    """A check in progress: the answers by question id, and where it stopped early."""

    answers: Answers = field(default_factory=dict)
    stopped_at: str | None = None


class AnswersStore(Protocol):
    def load(self) -> CheckRecord: ...

    def save(self, record: CheckRecord) -> None: ...


class MemoryStore:
    """Answers kept in memory, for one terminal check (or a test)."""

    def __init__(self, record: CheckRecord | None = None) -> None:
        self.record = record or CheckRecord()

    def load(self) -> CheckRecord:
        return self.record

    def save(self, record: CheckRecord) -> None:
        self.record = record


@dataclass(frozen=True, slots=True)
class Move:
    """Where the person goes after a step: another step, the result, or (when
    changing an answer) back to the answers page."""

    to: Literal["step", "answers", "result"]
    step: Step | None = None


@dataclass(frozen=True, slots=True)
class Conclusion:
    """Where a check stands, the same for every front end: still to answer
    (`unfinished`, the step to ask), decided (`outcome`), or answers that
    make no assessment (`problems`: a check kept from another version)."""

    unfinished: Step | None = None
    outcome: Outcome | None = None
    stopped_early: bool = False  # ended before every step, the level settled
    weeks_unknown: bool = False  # read the most cautious way (WEEKS_UNKNOWN_NOTE)
    assessment: Assessment | None = None  # the answers, when every one is known
    problems: tuple[FieldProblem, ...] = ()


class Check:
    def __init__(self, questionnaire: Questionnaire, engine: TriageEngine, store: AnswersStore):
        self.questionnaire = questionnaire
        self.engine = engine
        self.store = store
        self.record = store.load()

    @property
    def answers(self) -> Answers:
        return self.record.answers

    # ---------------------------------------------------------------- steps
    def step(self, step_id: str) -> Step:
        for step in self.questionnaire.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def first_step(self) -> Step:
        return self.questionnaire.steps[0]

    def steps(self) -> list[Step]:
        """The steps that have at least one question that applies, in order."""
        shown = self.questionnaire.shown(self.answers)
        return [s for s in self.questionnaire.steps if s.id in shown]

    def questions(self, step: Step) -> list[Question]:
        return self.questionnaire.shown(self.answers).get(step.id, [])

    def position(self, step: Step) -> tuple[int, int]:
        """(this step's number, how many steps there will be), for a progress indicator.

        Honest when steps are skipped: once help is needed now, only the later
        steps that could still raise the level count.
        """
        steps = self.steps()
        number = steps.index(step) + 1 if step in steps else 1
        later = steps[number:]
        bounds = self.bounds()
        if bounds.certain_level in STOP_CHECK_LEVELS:
            later = [s for s in later if self._could_raise(s, bounds)]
        return number, number + len(later)

    def previous(self, step: Step) -> Step | None:
        steps = self.steps()
        if step in steps and steps.index(step) > 0:
            return steps[steps.index(step) - 1]
        return None

    def first_unfinished(self) -> Step | None:
        shown = self.questionnaire.shown(self.answers)
        for step in self.questionnaire.steps:
            for question in shown.get(step.id, []):
                if question.required and question.id not in self.answers:
                    return step
        return None

    # -------------------------------------------------------------- answers
    def keep(self, answers: Answers) -> None:
        """Keep answers without moving on (between the questions of one step)."""
        self.answers.update(answers)
        self.store.save(self.record)

    def submit(self, step: Step, answers: Answers, review: bool = False) -> Move:
        """Save a step's answers and say where to go: the result at once when
        the level is settled at urgent or emergency, the answers page when
        reviewing, the same step again when an answer on it showed another
        question there (pain in the leg: does it go below the knee?), else the
        next step that should be asked."""
        asked = {q.id for q in self.questions(step)}
        self.answers.update(answers)
        revealed = [q for q in self.questions(step) if q.id not in asked | self.answers.keys()]
        for question in self.questions(step):
            # A submitted step answers the optional questions it showed, if only with "none".
            if not question.required and question.id in asked:
                self.answers.setdefault(question.id, [] if question.kind == "multi" else None)
        self._forget_questions_that_no_longer_apply()
        self.record.stopped_at = None
        bounds = self.bounds()
        if bounds.settled and bounds.certain_level in STOP_CHECK_LEVELS:
            self.record.stopped_at = step.id
            move = Move("result")
        elif revealed:
            move = Move("step", step)
        elif review:
            move = Move("answers")
        else:
            move = self._next(step, bounds)
        self.store.save(self.record)
        return move

    def _forget_questions_that_no_longer_apply(self) -> None:
        # A changed answer (fewer weeks, no leg pain) can make later questions moot.
        keep = {q.id for qs in self.questionnaire.shown(self.answers).values() for q in qs}
        for question in self.questionnaire.questions():
            if question.id not in keep:
                self.answers.pop(question.id, None)

    def _next(self, current: Step, bounds: Bounds) -> Move:
        steps = self.steps()
        later = steps[steps.index(current) + 1 :] if current in steps else steps
        if bounds.certain_level in STOP_CHECK_LEVELS:
            # Help is needed now: ask only what could make it more urgent.
            later = [s for s in later if self._could_raise(s, bounds)] or later
        # The last step leads straight to the result, which links to the
        # answers page for changes: a page fewer on a phone.
        return Move("step", later[0]) if later else Move("result")

    def _could_raise(self, step: Step, bounds: Bounds) -> bool:
        unanswered = [q for q in self.questions(step) if q.id not in self.answers]
        fields = {fact for q in unanswered for fact in _facts_of(q)}
        return any(not fields.isdisjoint(rule.when.facts_read()) for rule in bounds.possible)

    # -------------------------------------------------------------- outcome
    def document(self) -> dict[str, Any]:
        return assemble(self.questionnaire, self.answers)

    def partial(self) -> PartialFacts:
        """The facts so far, with what is still unknown (see conditions.PartialFacts)."""
        return partial_facts_of(self.questionnaire, self.answers)

    def bounds(self) -> Bounds:
        return self.engine.bounds(self.partial())

    @property
    def weeks_unknown(self) -> bool:
        return UNKNOWN in (
            self.answers.get(q.id) for q in self.questionnaire.questions() if q.kind == "weeks"
        )

    def cautious_outcome(self) -> Outcome:
        """The outcome of a finished check whose weeks are unknown: every rule
        that some number of weeks would fire counts (the most cautious reading)."""
        return self.engine.cautious_outcome(self.partial())

    def conclusion(self) -> Conclusion:
        early = self.early_outcome()
        if early is not None:
            return Conclusion(outcome=early, stopped_early=True)
        unfinished = self.first_unfinished()
        if unfinished is not None:
            return Conclusion(unfinished=unfinished)
        if self.weeks_unknown:
            return Conclusion(outcome=self.cautious_outcome(), weeks_unknown=True)
        try:
            assessment = Assessment.model_validate(self.document())
        except ValidationError as error:
            return Conclusion(problems=tuple(problems(error)))
        return Conclusion(outcome=self.engine.evaluate(assessment), assessment=assessment)

    def early_outcome(self) -> Outcome | None:
        """The outcome of a check that ended early, if it did and still may."""
        if self.record.stopped_at is None:
            return None
        partial = self.partial()
        bounds = self.engine.bounds(partial)
        if not (bounds.settled and bounds.certain_level in STOP_CHECK_LEVELS):
            return None  # answers changed since: the check goes on
        return self.engine.settled_outcome(partial, bounds)


def _facts_of(question: Question) -> frozenset[str]:
    return frozenset(FIELD_FACTS[question.field])


def partial_facts_of(questionnaire: Questionnaire, answers: Answers) -> PartialFacts:
    """Known facts from the answers so far; every unanswered question is unknown,
    except one that will not be asked, which keeps the schema's default."""
    document = assemble(questionnaire, answers)
    shown = {q.id for qs in questionnaire.shown(answers).values() for q in qs}
    answered = {q.field for q in questionnaire.questions() if q.id in answers}
    open_facts: set[str] = set()
    open_flags: set[str] = set()
    maybe: dict[str, set[str]] = {}
    for question in questionnaire.questions():
        unknown = answers.get(question.id) == UNKNOWN
        if not unknown and (question.id in answers or _settled_hidden(question, shown, answered)):
            continue
        filled = FIELD_FACTS[question.field]
        if question.field in FLAG_OF_FIELD:
            open_flags.add(FLAG_OF_FIELD[question.field])
        elif filled[0] in SET_FACTS:
            maybe.setdefault(filled[0], set()).update(question.options)
        else:
            open_facts.update(fact for fact in filled if fact not in SET_FACTS)
            if "symptoms" in filled:  # a measured temperature can add fever
                maybe.setdefault("symptoms", set()).add("fever")
    if "symptoms" in maybe:
        implied = {IMPLIED_SYMPTOMS[s] for s in maybe["symptoms"] if s in IMPLIED_SYMPTOMS}
        maybe["symptoms"] |= implied
    return PartialFacts(
        known=partial_facts(document),
        open=frozenset(open_facts),
        maybe={name: frozenset(found) for name, found in maybe.items()},
        open_flags=frozenset(open_flags),
    )


def _settled_hidden(question: Question, shown: set[str], answered: set[str]) -> bool:
    """A question that is not shown, and will not be whatever else is answered
    (every answer its showing depends on is given)."""
    if question.id in shown or question.show_if is None:
        return False
    return all(
        FIELD_OF_FACT[KEYS[key].fact] in answered for key in question.show_if.model_fields_set
    )
