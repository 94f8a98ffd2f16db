"""The diary pages: the list with what to do next, an entry (new, changed,
deleted) and the result of an entry that reported a sign."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from lumba.core.diary import pain_change
from lumba.service import DiaryRecord, record_entry
from lumba.web.accounts.models import profile_of
from lumba.web.check.finished import finished_result
from lumba.web.check.state import CookieStore
from lumba.web.diary.forms import EntryForm
from lumba.web.diary.models import Entry, SavedCheck
from lumba.web.diary.services import (
    helpful_cards,
    keep,
    needs_showing,
    recent_entries,
    result_in_language,
    suggestion_for,
)
from lumba.web.diary.summary import as_data_uri, chart_svg, helped_by_title, summary_context
from lumba.web.visitor.per_request import language, today, triager_for
from lumba.web.visitor.signed_in import signed_in

PRINT_CSS = Path(__file__).parent / "print" / "summary.css"
PDF_TABLE_ROWS = 14
LISTED = 60  # entries listed on the diary page, newest first (all are in the CSV)


@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    profile = profile_of(signed_in(request))
    listed = Entry.objects.readings().filter(user=signed_in(request))[:LISTED]
    # The readings look at the same days as the chart and the summary.
    recent = recent_entries(signed_in(request), today())
    days = [entry.day() for entry in recent]
    context = {
        "rows": [(entry, profile.weeks_on(entry.date)) for entry in listed],
        "weeks": profile.weeks_on(today()),
        "suggestion": suggestion_for(recent, today()),
        "change": pain_change(days, today()),
        "show_chart": len({day.date for day in days}) >= 2,
        "helped": helped_by_title(days, today(), language()),
        "latest_check": SavedCheck.objects.filter(user=signed_in(request)).first(),
    }
    return render(request, "diary/home.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def entry(request: HttpRequest, entry_id: int | None = None) -> HttpResponse:
    """A new entry, or one of the person's own (anyone else's is not found)."""
    mine = get_object_or_404(Entry, pk=entry_id, user=signed_in(request)) if entry_id else None
    profile = profile_of(signed_in(request))

    def record(sent: dict[str, Any]) -> DiaryRecord:
        return record_entry(
            sent,
            today=today(),
            due_date=profile.due_date,
            history=profile.history,
            triager=triager_for(request, profile.region),
        )

    form = EntryForm(
        request.POST or None,
        instance=mine,
        today=today(),
        cards=helpful_cards(signed_in(request), language()),
        record=record,
        language=language(),
    )
    if request.method == "POST" and form.is_valid() and form.record is not None:
        saved = mine or Entry(user=signed_in(request))
        keep(saved, form.record)
        if needs_showing(saved):
            # A sign or severe pain: what to do now comes before anything else.
            return redirect("diary-entry-result", entry_id=saved.pk)
        messages.success(request, _("Your diary entry is saved."))
        return redirect("diary")
    status = 400 if form.errors else 200
    return render(request, "diary/entry.html", {"form": form, "entry": mine}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, entry_id: int) -> HttpResponse:
    mine = get_object_or_404(Entry, pk=entry_id, user=signed_in(request))
    if request.method == "POST":
        mine.delete()
        messages.success(request, _("The entry is deleted."))
        return redirect("diary")
    return render(request, "diary/delete.html", {"entry": mine})


@login_required
@require_safe
def result(request: HttpRequest, entry_id: int) -> HttpResponse:
    mine = get_object_or_404(Entry, pk=entry_id, user=signed_in(request), triage__isnull=False)
    profile = profile_of(signed_in(request))
    shown = result_in_language(mine, profile, triager_for(request, profile.region))
    return render(request, "diary/result.html", {"entry": mine, "result": shown})


@login_required
@require_http_methods(["GET", "POST"])
def save_check(request: HttpRequest) -> HttpResponse:
    """Keep the check just done (in this browser) in the diary. A person who
    was not signed in comes here after signing up or logging in."""
    context = finished_result(request)
    if context is None:
        messages.info(request, _("There is no finished check in this browser to save."))
        return redirect("diary")
    if request.method == "POST":
        SavedCheck.objects.create(
            user=signed_in(request),
            date=today(),
            answers=CookieStore(request).load().answers,
            result=context["result"],
            content_version=triager_for(request).engine.library.version,
        )
        messages.success(request, _("The check is saved in your diary."))
        return redirect("diary")
    return render(request, "diary/save_check.html", {"result": context["result"]})


@login_required
@require_safe
def chart(request: HttpRequest) -> HttpResponse:
    profile = profile_of(signed_in(request))
    svg = chart_svg(recent_entries(signed_in(request), today()), profile, _("Pain over time"))
    return HttpResponse(svg, content_type="image/svg+xml")


@login_required
@require_safe
def summary(request: HttpRequest) -> HttpResponse:
    profile = profile_of(signed_in(request))
    recent = recent_entries(signed_in(request), today())
    context = summary_context(signed_in(request), profile, recent, today(), language())
    context["chart_src"] = reverse("diary-chart")
    return render(request, "diary/summary.html", context)


@login_required
@require_safe
def summary_pdf(request: HttpRequest) -> HttpResponse:
    from weasyprint import CSS, HTML  # loaded only when a PDF is asked for

    profile = profile_of(signed_in(request))
    recent = recent_entries(signed_in(request), today())
    context = summary_context(signed_in(request), profile, recent, today(), language())
    context["chart_src"] = as_data_uri(chart_svg(recent, profile, ""))
    # One page: the chart shows every day; the table the most recent ones.
    context["table_rows"] = context["entries"][-PDF_TABLE_ROWS:]
    html = render_to_string("diary/summary_pdf.html", context, request=request)
    pdf = HTML(string=html).write_pdf(stylesheets=[CSS(filename=str(PRINT_CSS))])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="lumba-summary.pdf"'
    return response


CSV_FIELDS = ("date", "pain", "locations", "worse_with", "symptoms", "helped", "helped_other")
CSV_MORE = ("sleep", "activity", "notes", "level")


@login_required
@require_safe
def entries_csv(request: HttpRequest) -> HttpResponse:
    """Every entry as CSV, oldest first; lists joined with semicolons."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="lumba-diary.csv"'
    response["Cache-Control"] = "no-store, private"
    writer = csv.writer(response)
    writer.writerow((*CSV_FIELDS, *CSV_MORE))
    entries = Entry.objects.readings().filter(user=signed_in(request)).order_by("date", "created")
    for entry in entries.iterator(chunk_size=500):
        plain = [getattr(entry, f) for f in CSV_FIELDS]
        row = [";".join(v) if isinstance(v, list) else v for v in plain]
        # readings() annotates it; django-stubs cannot follow annotate() through
        # a QuerySet method (its WithAnnotations does not match what it infers).
        level = entry.triage_level or ""  # type: ignore[attr-defined]
        row += [entry.sleep, entry.activity, entry.notes, level]
        writer.writerow([_cell(value) for value in row])
    return response


def _cell(value: object) -> object:
    # Text a spreadsheet would run as a formula ("=HYPERLINK(...)") is kept as text.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
