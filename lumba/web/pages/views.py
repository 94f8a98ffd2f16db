"""The home page, the health check and the region choice."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from lumba.content.loader import default_library
from lumba.web.visitor.region import remember_region, safe_next


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/home.html")


@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the content loads and the database answers; 503 otherwise."""
    try:
        default_library()
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # any failure means "not usable"; say which part
        return JsonResponse({"status": "unavailable", "problem": type(error).__name__}, status=503)
    return JsonResponse({"status": "ok"})


@require_POST
def set_region(request: HttpRequest) -> HttpResponse:
    code = request.POST.get("region", "")
    response = redirect(safe_next(request, "/"))
    if code in default_library().regions:
        remember_region(request, response, code)
    return response
