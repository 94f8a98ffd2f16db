"""The check: one short step at a time, warning signs first, then the result."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lumba.content.loader import default_library
from lumba.core.questions import Questionnaire, Step, assemble
from lumba.service import InvalidAssessment, Triager, triager, validate_assessment
from lumba.web.check_forms import StepForm, initial_for
from lumba.web.check_state import CheckState
from lumba.web.region import region_for


def _questionnaire() -> Questionnaire:
    return default_library().questionnaire


def _language() -> str:
    return get_language() or "en"


def _triager(request: HttpRequest) -> Triager:
    return triager(region=region_for(request).code, language=_language())


def _steps(answers: dict[str, Any]) -> list[Step]:
    """The steps that have at least one question that applies, in order."""
    shown = _questionnaire().shown(answers)
    return [s for s in _questionnaire().steps if s.id in shown]


def _step_by_id(step_id: str) -> Step:
    for step in _questionnaire().steps:
        if step.id == step_id:
            return step
    raise Http404("No such step")


@require_safe
def start(request: HttpRequest) -> HttpResponse:
    return redirect("check-step", step_id=_questionnaire().steps[0].id)


@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, step_id: str) -> HttpResponse:
    questionnaire = _questionnaire()
    current = _step_by_id(step_id)
    state = CheckState.load(request)
    questions = questionnaire.shown(state.answers).get(current.id, [])
    steps = _steps(state.answers)
    if request.method == "POST":
        form = StepForm(questionnaire, questions, _language(), request.POST)
        if request.POST.get("nav") == "back":
            state.answers.update(form.partial_answers())
            return _saved(state, redirect(_previous_url(steps, current)))
        if form.is_valid():
            state.answers.update(form.answers())
            _forget_questions_that_no_longer_apply(questionnaire, state)
            return _saved(state, redirect(_after(request, state, current)))
    else:
        form = StepForm(
            questionnaire, questions, _language(), initial=initial_for(questions, state.answers)
        )
    position = steps.index(current) + 1 if current in steps else 1
    context = {
        "step": current,
        "form": form,
        "choices": questionnaire.choices,
        "language": _language(),
        "position": position,
        "total": len(steps),
        "back_url": _previous_url(steps, current),
        "returning": request.GET.get("return") == "answers",
    }
    response = render(request, "lumba/check_step.html", context, status=400 if form.errors else 200)
    if form.errors:
        response["HX-Push-Url"] = "false"  # the same step again: no new history entry
    return response


def _saved(state: CheckState, response: HttpResponse) -> HttpResponse:
    state.save(response)
    return response


def _forget_questions_that_no_longer_apply(questionnaire: Questionnaire, state: CheckState) -> None:
    # A changed answer (fewer weeks, no leg pain) can make later questions moot.
    keep = {q.id for questions in questionnaire.shown(state.answers).values() for q in questions}
    for question in questionnaire.questions():
        if question.id not in keep:
            state.answers.pop(question.id, None)


def _previous_url(steps: list[Step], current: Step) -> str:
    if current in steps and steps.index(current) > 0:
        return reverse("check-step", args=[steps[steps.index(current) - 1].id])
    return reverse("home")


def _after(request: HttpRequest, state: CheckState, current: Step) -> str:
    """Where a saved step leads: the result at once, the answers page, or the next step."""
    state.stopped_at = None
    if current.may_stop_early:
        document = assemble(_questionnaire(), state.answers)
        if _triager(request).engine.needs_help_now(document) is not None:
            state.stopped_at = current.id
            return reverse("check-result")
    if request.GET.get("return") == "answers":
        return reverse("check-answers")
    steps = _steps(state.answers)
    later = steps[steps.index(current) + 1 :] if current in steps else steps
    return reverse("check-step", args=[later[0].id]) if later else reverse("check-answers")


def _first_unfinished(state: CheckState) -> Step | None:
    shown = _questionnaire().shown(state.answers)
    for each in _questionnaire().steps:
        for question in shown.get(each.id, []):
            if question.required and question.id not in state.answers:
                return each
    return None


@require_safe
def answers(request: HttpRequest) -> HttpResponse:
    state = CheckState.load(request)
    unfinished = _first_unfinished(state)
    if unfinished is not None:
        return redirect("check-step", step_id=unfinished.id)
    questionnaire = _questionnaire()
    shown = questionnaire.shown(state.answers)
    rows = []
    for each in questionnaire.steps:
        for question in shown.get(each.id, []):
            rows.append(
                {
                    "question": (question.summary or question.label).get(_language()),
                    "answer": _answer_text(questionnaire, question, state.answers.get(question.id)),
                    "change_url": reverse("check-step", args=[each.id]) + "?return=answers",
                    "id": question.id,
                }
            )
    return render(request, "lumba/check_answers.html", {"rows": rows})


def _answer_text(questionnaire: Questionnaire, question: Any, value: Any) -> list[str]:
    from django.utils.translation import gettext as _

    language = _language()
    if value is None or value == []:
        return [_("None") if question.kind == "multi" else _("Not answered")]
    if question.kind == "boolean":
        return [_("Yes") if value else _("No")]
    if question.kind in ("single", "multi"):
        values = value if isinstance(value, list) else [value]
        return [questionnaire.choice(question.field, v).label.get(language) for v in values]
    return [f"{value:g}" if isinstance(value, float) else str(value)]


def _result_context(request: HttpRequest) -> dict[str, Any] | HttpResponse:
    state = CheckState.load(request)
    run = _triager(request)
    document = assemble(_questionnaire(), state.answers)
    if state.stopped_at:
        outcome = run.engine.evaluate_partial(document)
        return {
            "result": run.renderer.to_dict(outcome),
            "stopped_early": True,
            "stopped_at": state.stopped_at,
        }
    unfinished = _first_unfinished(state)
    if unfinished is not None:
        return redirect("check-step", step_id=unfinished.id)
    try:
        assessment = validate_assessment(document)
    except InvalidAssessment:
        return redirect("check-start")
    return {"result": run.result(assessment), "stopped_early": False, "assessment": assessment}


def _render_result(request: HttpRequest, template: str) -> HttpResponse:
    context = _result_context(request)
    if isinstance(context, HttpResponse):
        return context
    # The result's HTML depends only on the result itself: pages for the same
    # outcome (common ones recur all day) reuse the rendered fragment.
    identity = json.dumps([context["result"], context["stopped_early"], template], sort_keys=True)
    context["fragment_key"] = hashlib.sha256(identity.encode()).hexdigest()
    return render(request, template, context)


@require_safe
def result(request: HttpRequest) -> HttpResponse:
    return _render_result(request, "lumba/result.html")


@require_safe
def result_print(request: HttpRequest) -> HttpResponse:
    return _render_result(request, "lumba/result_print.html")


@require_POST
def restart(request: HttpRequest) -> HttpResponse:
    response = redirect("check-start")
    CheckState.clear(response)
    return response
