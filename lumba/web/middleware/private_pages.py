"""No cache keeps a page about a person: a signed-in person's pages (diary,
results, summary, exports) and every page of the check (answers, results,
the print view) are health data. One rule for every page, so a new page
cannot forget it."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_vary_headers


class PrivatePagesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.path.startswith("/check/") or (user is not None and user.is_authenticated):
            add_never_cache_headers(response)  # no-store, private, must-revalidate
            patch_vary_headers(response, ("Cookie", "Authorization"))
        return response
