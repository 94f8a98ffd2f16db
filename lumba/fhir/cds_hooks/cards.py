"""The card lumba answers a patient-view call with: its triage of the most
recent lumba QuestionnaireResponse in the prefetch.

One card at most. The responses are taken newest first (by `authored`,
else in the order given) and the first that lumba's FHIR triage accepts is
triaged, exactly as POST /fhir/QuestionnaireResponse/$triage would:
lumba.fhir.response reads it, lumba.fhir.triage.result_of gives the result.
The card's indicator follows the level (emergency and urgent: critical;
soon: warning; routine and self-care: info), its summary names the level,
the most urgent reason and the day the person answered, and its detail
says what lumba advises, every rule that fired, and that this is not a
diagnosis. Its links are the advice cards of the plan.

A newer response that could not be read is named in the detail, with its
first problems: the clinician then knows the card is not about the latest
answers. When no response can be read at all, one `info` card says so,
rather than nothing: the record holds answers lumba cannot show, and the
clinician should look at them there.

Pain scores (LOINC 72514-3) give no card of their own: a score alone is not
an assessment (no weeks, no warning signs) and may be about any pain, so
lumba makes no level from it; the most recent ones are listed in the
triage card's detail as context. Responses to other questionnaires, and
unfinished ones, are not lumba's to read and are skipped without a word.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lumba.core.library import Library
from lumba.fhir.canonical import LEVEL_SYSTEM_URL, LOINC, PAIN_SCORE_CODE, QUESTIONNAIRE_URL
from lumba.fhir.cds_hooks.discovery import MAX_RESPONSES, PAIN_SCORES_KEY, RESPONSES_KEY
from lumba.fhir.cds_hooks.prefetch import day, names_another_patient, newest_first, resources
from lumba.fhir.cds_hooks.request import HookRequest
from lumba.fhir.problems import InvalidResponse, Problem
from lumba.fhir.response import FINISHED, assessment_of
from lumba.fhir.triage import result_of
from lumba.service import Triager

INDICATORS = {
    "emergency": "critical",
    "urgent": "critical",
    "soon": "warning",
    "routine": "info",
    "self_care": "info",
}
SOURCE_LABEL = "lumba"
MAX_SUMMARY = 139  # the specification: "<140-character summary"
MAX_LINKS = 3
SCORES_SHOWN = 3
PROBLEMS_SHOWN = 3
NOT_A_DIAGNOSIS = "This is not a diagnosis; lumba records nothing it is sent."
NO_REASON = "no warning sign in the answers"
ELLIPSIS = "…"

ADVICE_PATH = "/advice/"
RULES_PATH = "/api/v1/rules"


@dataclass(frozen=True, slots=True)
class Unread:
    """A lumba response that could not be read, and why."""

    authored: str | None
    problems: Sequence[Problem]


def cards(call: HookRequest, triager: Triager, site: str) -> list[dict[str, Any]]:
    """The cards for a call; `site` is lumba's own address (https://host), for links."""
    library = triager.renderer.library
    unread: list[Unread] = []
    for response in lumba_responses(call):
        try:
            document = assessment_of(response, library)
        except InvalidResponse as invalid:
            unread.append(Unread(day(response.get("authored")), invalid.problems))
            continue
        result = result_of(document, triager)
        scores = pain_scores(call)
        return [triage_card(response, document, result, library, site, unread, scores)]
    return [unreadable_card(unread[0], site)] if unread else []


def lumba_responses(call: HookRequest) -> list[dict[str, Any]]:
    """The finished responses to lumba's Questionnaire about this patient, newest first."""
    found = [
        response
        for response in resources(call.prefetched(RESPONSES_KEY), "QuestionnaireResponse")
        if _is_lumbas(response)
        and response.get("status") in FINISHED
        and not names_another_patient(response, call.patient_id)
    ]
    return newest_first(found, lambda response: response.get("authored"))[:MAX_RESPONSES]


def _is_lumbas(response: Mapping[str, Any]) -> bool:
    canonical = response.get("questionnaire")
    return isinstance(canonical, str) and canonical.split("|", 1)[0] == QUESTIONNAIRE_URL


def pain_scores(call: HookRequest) -> list[tuple[int, str | None]]:
    """(score, day) of the patient's most recent 0-10 pain scores, newest first."""
    found = [
        observation
        for observation in resources(call.prefetched(PAIN_SCORES_KEY), "Observation")
        if _score(observation) is not None
        and observation.get("status") not in ("entered-in-error", "cancelled")
        and not names_another_patient(observation, call.patient_id)
    ]
    ordered = newest_first(found, _effective)
    return [(_score(o) or 0, day(_effective(o))) for o in ordered[:SCORES_SHOWN]]


def _score(observation: Mapping[str, Any]) -> int | None:
    code = observation.get("code")
    codings = code.get("coding") if isinstance(code, dict) else None
    if not isinstance(codings, list) or not any(
        isinstance(c, dict) and c.get("system") == LOINC and c.get("code") == PAIN_SCORE_CODE
        for c in codings
    ):
        return None
    value = observation.get("valueInteger")
    if value is None and isinstance(observation.get("valueQuantity"), dict):
        value = observation["valueQuantity"].get("value")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 10:
        return value
    return None


def _effective(observation: Mapping[str, Any]) -> Any:
    period = observation.get("effectivePeriod")
    start = period.get("start") if isinstance(period, dict) else None
    return observation.get("effectiveDateTime") or start or observation.get("issued")


def triage_card(
    response: Mapping[str, Any],
    document: Mapping[str, Any],
    result: Mapping[str, Any],
    library: Library,
    site: str,
    unread: Sequence[Unread] = (),
    scores: Sequence[tuple[int, str | None]] = (),
) -> dict[str, Any]:
    level = result["level"]
    answered = day(response.get("authored"))
    detail = [
        f"**What lumba advises for these answers:** {result['call_to_action']}",
        _reasons(result["reasons"]),
        _answers(document, answered, library),
        *([_scores(scores)] if scores else []),
        *(_unread_line(u) for u in unread[:1]),
        f"{NOT_A_DIAGNOSIS} The rules and their sources: {site}{RULES_PATH}",
    ]
    card: dict[str, Any] = {
        "summary": summary(result, answered),
        "detail": "\n\n".join(detail),
        "indicator": INDICATORS[level],
        "source": {
            "label": SOURCE_LABEL,
            "url": f"{site}{ADVICE_PATH}",
            "topic": {"system": LEVEL_SYSTEM_URL, "code": level, "display": result["label"]},
        },
    }
    links = [
        {"label": item["title"], "url": f"{site}{ADVICE_PATH}{item['id']}/", "type": "absolute"}
        for item in result["plan"][:MAX_LINKS]
    ]
    # CDS Hooks allows no empty array in a card.
    return card | ({"links": links} if links else {})


def summary(result: Mapping[str, Any], answered: str | None) -> str:
    """The level, the most urgent reason (how many more) and the day: under 140 characters."""
    reasons = result["reasons"]
    what = reasons[0]["title"] if reasons else NO_REASON
    more = f" (+{len(reasons) - 1} more)" if len(reasons) > 1 else ""
    ending = f"; answered {answered}" if answered else ""
    head = f"{result['label']}: {what}"
    room = MAX_SUMMARY - len(ending)
    if len(head) + len(more) > room:
        return trimmed(head, room - len(more)) + more + ending
    return head + more + ending


def trimmed(text: str, limit: int) -> str:
    """`text` in at most `limit` characters, cut at a word and ending in an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS) + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space > 0 else cut[: limit - len(ELLIPSIS)]
    return cut.rstrip(" ,;:.-–—") + ELLIPSIS


def _reasons(reasons: Sequence[Mapping[str, Any]]) -> str:
    if not reasons:
        return "**Why:** none of lumba's warning-sign rules fired."
    lines = ["**Why** (lumba's rules that fired, most urgent first):"]
    lines += [
        f"- **{r['title']}** (rule `{r['rule']}`, {r['level']}): {r['explanation']}"
        for r in reasons
    ]
    return "\n".join(lines)


def _answers(document: Mapping[str, Any], answered: str | None, library: Library) -> str:
    when = f"given on {answered}" if answered else "given on a day not recorded (no `authored`)"
    weeks = document.get("gestational_weeks")
    at = (
        f"at {weeks} weeks of pregnancy"
        if weeks is not None
        else "weeks of pregnancy not given (so read at the most urgent week)"
    )
    pain = document["pain"]
    places = [
        library.questionnaire.choice("pain.locations", code).label.get().lower()
        for code in pain.get("locations", [])
    ]
    where = f" ({', '.join(places)})" if places else ""
    return f"**The answers:** {when}, {at}; pain {pain['intensity']}/10{where}."


def _scores(scores: Sequence[tuple[int, str | None]]) -> str:
    shown = "; ".join(f"{score}/10 on {when}" if when else f"{score}/10" for score, when in scores)
    return f"**Pain scores in the record** (LOINC {PAIN_SCORE_CODE}, any cause): {shown}."


def _unread_line(unread: Unread) -> str:
    when = f" ({unread.authored})" if unread.authored else ""
    return (
        f"**Not the latest answers:** a newer lumba response{when} could not be read: "
        f"{_problems(unread.problems)}."
    )


def unreadable_card(unread: Unread, site: str) -> dict[str, Any]:
    """The one card when no lumba response in the prefetch could be read."""
    ending = f"; answered {unread.authored}" if unread.authored else ""
    detail = [
        "lumba could not read the patient's most recent answers to its check (a "
        "QuestionnaireResponse to the lumba Questionnaire), so it gives no level for them.",
        f"**Why:** {_problems(unread.problems)}.",
        "Look at the answers in the record itself: if they report a warning sign, act on it "
        "as you would without lumba.",
        NOT_A_DIAGNOSIS,
    ]
    return {
        "summary": f"lumba could not read the back pain check in the record{ending}",
        "detail": "\n\n".join(detail),
        "indicator": "info",
        "source": {"label": SOURCE_LABEL, "url": f"{site}{ADVICE_PATH}"},
    }


def _problems(problems: Sequence[Problem]) -> str:
    # The messages quote what the record sent: each is a code span, shown as it is.
    shown = "; ".join(code_span(str(p)) for p in problems[:PROBLEMS_SHOWN])
    more = len(problems) - PROBLEMS_SHOWN
    return f"{shown}; and {more} more" if more > 0 else shown


def code_span(text: str) -> str:
    """Text from a request as a Markdown code span, where nothing is markup:
    no link, no emphasis, no HTML. Its fence is longer than any run of
    backticks inside, and spaces pad it (CommonMark drops one each side)."""
    text = " ".join(text.split())
    runs = re.findall(r"`+", text)
    fence = "`" * (max(map(len, runs), default=0) + 1)
    return f"{fence} {text} {fence}"
