"""The check this browser keeps, and its result once it is finished.

Shared by the check's result pages and the diary's "save this check": plain
data, never a response. Each page decides for itself what to do when there
is no finished check (the check goes back to its next step; the diary says
there is none to save).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from lumba.core.check import WEEKS_UNKNOWN_NOTE, Check
from lumba.web.check.state import CookieStore
from lumba.web.visitor.per_request import triager_for


def check_in_browser(request: HttpRequest) -> tuple[Check, CookieStore]:
    """The check whose answers this browser keeps (lumba.web.check.state)."""
    engine = triager_for(request).engine
    store = CookieStore(request)
    return Check(engine.library.questionnaire, engine, store), store


def finished_result(request: HttpRequest, check: Check | None = None) -> dict[str, Any] | None:
    """The result of the browser's check (or of `check`) and how it ended,
    for the result pages; None while a step is still to be answered, or when
    the answers no longer make a valid assessment (Check.conclusion decides)."""
    if check is None:
        check, _store = check_in_browser(request)
    conclusion = check.conclusion()
    if conclusion.outcome is None:
        return None
    context: dict[str, Any] = {
        "result": triager_for(request).renderer.to_dict(conclusion.outcome),
        "stopped_early": conclusion.stopped_early,
    }
    if conclusion.stopped_early:
        context["stopped_at"] = check.record.stopped_at
    if conclusion.weeks_unknown:
        context["weeks_unknown"] = _(WEEKS_UNKNOWN_NOTE)
    if conclusion.assessment is not None:
        context["assessment"] = conclusion.assessment
    return context
