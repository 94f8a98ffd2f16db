"""The home page and the region choice (the health check is observability's)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from lumba.content.loader import default_library
from lumba.web.visitor.region import remember_region, safe_next


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "pages/home.html")


@require_POST
def set_region(request: HttpRequest) -> HttpResponse:
    code = request.POST.get("region", "")
    response = redirect(safe_next(request, "/"))
    if code in default_library().regions:
        remember_region(request, response, code)
    return response
