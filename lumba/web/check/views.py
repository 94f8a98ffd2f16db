"""The check: one short step at a time, warning signs first, then the result."""

from __future__ import annotations

import hashlib
import json
import pickle
import secrets
from typing import Any

from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from lumba.content.loader import default_library
from lumba.core.check import Check, Move
from lumba.core.questions import NONE_OF_THESE, UNKNOWN, Questionnaire, Step
from lumba.web.accounts.models import Profile, answers_from_profile
from lumba.web.check.finished import check_in_browser, finished_result
from lumba.web.check.forms import StepForm, initial_for
from lumba.web.check.state import clear, restarts_unreadable_check
from lumba.web.observability import record_triage_level
from lumba.web.visitor.per_request import language, today
from lumba.web.visitor.region import region_confirmed, region_for, remember_region, safe_next


def _questionnaire() -> Questionnaire:
    return default_library().questionnaire


def _from_profile(request: HttpRequest, questions: list[Any]) -> dict[str, Any]:
    if not request.user.is_authenticated:
        return {}
    profile = Profile.objects.filter(user=request.user).first()
    return answers_from_profile(profile, questions, today())


def _step_or_404(check: Check, step_id: str) -> Step:
    try:
        return check.step(step_id)
    except KeyError:
        raise Http404("No such step") from None


@require_safe
def start(request: HttpRequest) -> HttpResponse:
    first = reverse("check-step", args=[_questionnaire().steps[0].id])
    if not region_confirmed(request):
        # The numbers a result gives depend on it: asked once, never guessed silently.
        return redirect(f"{reverse('check-region')}?next={first}")
    return redirect(first)


@require_http_methods(["GET", "POST"])
def region(request: HttpRequest) -> HttpResponse:
    """Where the person is, for the right phone numbers: asked once, then remembered."""
    regions = default_library().regions
    next_url = safe_next(request, reverse("check-start"))
    chosen, error = region_for(request).code, None
    if request.method == "POST":
        chosen = request.POST.get("region", "")
        if chosen in regions:
            response = redirect(next_url)
            remember_region(request, response, chosen)
            return response
        error = _("Choose where you are from the list")
    context = {
        "regions": [(code, r.name.get(language())) for code, r in regions.items()],
        "chosen": chosen,
        "next": next_url,
        "error": error,
    }
    return render(request, "check/region.html", context, status=400 if error else 200)


@require_http_methods(["GET", "POST"])
@restarts_unreadable_check
def step(request: HttpRequest, step_id: str) -> HttpResponse:
    check, store = check_in_browser(request)
    current = _step_or_404(check, step_id)
    questions = check.questions(current)
    returning = request.GET.get("return") == "answers"
    if request.method == "POST":
        form = StepForm(check.questionnaire, questions, language(), request.POST, today=today())
        if form.is_valid():
            move = check.submit(current, form.answers(), review=returning)
            return store.apply(redirect(_url_of(move)))
    else:
        known = {**_from_profile(request, questions), **check.answers}
        form = StepForm(
            check.questionnaire, questions, language(), initial=initial_for(questions, known)
        )
    position, total = check.position(current)
    fields, folded = form.split(current.fold)
    context = {
        "step": current,
        "form": form,
        "fields": fields,
        "folded": folded,
        "fold_open": any(form.has_input(field) for field in folded),
        "choices": check.questionnaire.choices,
        "language": language(),
        "position": position,
        "total": total,
        "back_url": _previous_url(check, current),
        "returning": returning,
    }
    response = render(request, "check/step.html", context, status=400 if form.errors else 200)
    if form.errors:
        response["HX-Push-Url"] = "false"  # the same step again: no new history entry
    return response


def _url_of(move: Move) -> str:
    if move.to == "result":
        return reverse("check-result")
    if move.to == "answers" or move.step is None:
        return reverse("check-answers")
    return reverse("check-step", args=[move.step.id])


def _previous_url(check: Check, current: Step) -> str:
    previous = check.previous(current)
    return reverse("check-step", args=[previous.id]) if previous else reverse("home")


@require_safe
@restarts_unreadable_check
def answers(request: HttpRequest) -> HttpResponse:
    check, _store = check_in_browser(request)
    unfinished = check.first_unfinished()
    if unfinished is not None:
        return redirect("check-step", step_id=unfinished.id)
    rows = []
    for each in check.steps():
        for question in check.questions(each):
            rows.append(
                {
                    "question": (question.summary or question.label).get(language()),
                    "answer": _answer_text(
                        check.questionnaire, question, check.answers.get(question.id)
                    ),
                    "change_url": reverse("check-step", args=[each.id]) + "?return=answers",
                    "id": question.id,
                }
            )
    return render(request, "check/answers.html", {"rows": rows})


def _answer_text(questionnaire: Questionnaire, question: Any, value: Any) -> list[str]:
    words = language()
    if question.kind == "blood_pressure" and value:
        return [_("%(systolic)s/%(diastolic)s mmHg") % value]
    if value is None or value == [] or value == [NONE_OF_THESE]:
        return [_("None of these") if question.kind == "multi" else _("Not answered")]
    if question.kind == "boolean":
        return [_("Yes") if value else _("No")]
    if question.kind == "weeks" and value == UNKNOWN:
        return [_("I don't know")]
    if question.kind in ("single", "multi"):
        values = value if isinstance(value, list) else [value]
        return [questionnaire.choice(question.field, v).label.get(words) for v in values]
    return [f"{value:g}" if isinstance(value, float) else str(value)]


@restarts_unreadable_check
def _render_result(request: HttpRequest, template: str, counted: bool = False) -> HttpResponse:
    check, _store = check_in_browser(request)
    context = finished_result(request, check)
    if context is None:
        unfinished = check.first_unfinished()
        if unfinished is not None:
            return redirect("check-step", step_id=unfinished.id)
        return redirect("check-start")  # the answers no longer make an assessment
    context["today"] = today()  # the print view's date
    if counted:
        # Counted where shown: the check keeps nothing on the server by which
        # to count a result once when made, so a reload counts again.
        record_triage_level(context["result"]["level"], channel="check")
    # The plan is ranked, most relevant first: the first three cards shown in
    # short, the rest folded, and the warning signs (in every plan) last.
    plan, signs = context["result"]["plan"], "warning-signs"
    cards = [card for card in plan if card["id"] != signs]
    context["plan_first"], context["plan_more"] = cards[:3], cards[3:]
    context["plan_signs"] = next((card for card in plan if card["id"] == signs), None)
    # Pain at the pelvis (or a calcium card) is when people are told to take
    # calcium: link the myth that answers it.
    assessment = context.get("assessment")
    locations = set(assessment.pain.locations) if assessment is not None else set()
    context["calcium_myth"] = bool(locations & {"pubic", "pelvic_back"}) or any(
        "calcium" in card["id"] for card in plan
    )
    # The result's HTML depends only on the result itself (and the myth link):
    # pages for the same outcome (common ones recur all day) reuse the rendered fragment.
    # Pickled, not JSON (a tenth of the time for a 25 KB result): equal bytes
    # are equal data, so two results never share a key (the same result
    # built in another order would only miss the cache).
    identity = pickle.dumps(
        [
            context["result"],
            context["stopped_early"],
            context["calcium_myth"],
            context.get("weeks_unknown"),
            template,
        ],
        protocol=5,
    )
    context["fragment_key"] = hashlib.sha256(identity).hexdigest()
    return _whole_page(request, template, context)


# The page's CSRF token (of "Start again" and the footer's region form) while
# a whole page is rendered for the cache; each answer then gets its own
# visitor's token in its place. Random per process, so no page can hold it by
# chance or by a visitor's choice.
_TOKEN_STAND_IN = secrets.token_hex(24)
_PAGES = "fragments"  # the in-process cache the result fragments use
PAGE_SECONDS = 86400


def _whole_page(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """The result page, whole from the in-process cache when an earlier
    visitor's page was the same (common outcomes recur all day).

    A page is the same when all that it shows is the same: the result and
    how the check ended (the fragment's key), the language, the region, whether
    someone is signed in (the header's link), the date (the print view) and
    the path. Pages with something of their own are rendered as ever: a
    query string (?lang= and its cookie) or messages waiting to be shown.
    The cache is this process's memory, never a shared or HTTP cache, and a
    page is served only to a visitor whose own answers give the same result.
    """
    if request.META.get("QUERY_STRING") or len(get_messages(request)):
        return render(request, template, context)
    key = (
        "result-page:"
        + hashlib.sha256(
            json.dumps(
                [
                    context["fragment_key"],
                    translation.get_language(),
                    language(),
                    region_for(request).code,
                    request.user.is_authenticated,
                    str(context["today"]),
                    request.path,
                ]
            ).encode()
        ).hexdigest()
    )
    pages = caches[_PAGES]
    page = pages.get(key)
    if page is None:
        page = render_to_string(template, {**context, "csrf_token": _TOKEN_STAND_IN}, request)
        pages.set(key, page, PAGE_SECONDS)
    # get_token also has the CSRF middleware send the cookie that goes with it.
    return HttpResponse(page.replace(_TOKEN_STAND_IN, get_token(request)))


@require_safe
def result(request: HttpRequest) -> HttpResponse:
    return _render_result(request, "check/result.html", counted=True)


@require_safe
def result_print(request: HttpRequest) -> HttpResponse:
    return _render_result(request, "check/result_print.html")


@require_POST
def restart(request: HttpRequest) -> HttpResponse:
    response = redirect("check-start")
    clear(response)
    return response
