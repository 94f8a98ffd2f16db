"""Which language a visitor reads: offered languages, their tags, and the choice.

The choice, most specific first: `?lang=` on a link (so a link can be shared
in a language), the signed-in person's profile, the language cookie, then the
browser's Accept-Language (Django's LocaleMiddleware does the last two).
The footer's language links carry `?lang=`; following one keeps the choice in
the cookie, and in the profile for a signed-in person, so it follows them to
another device.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from lumba.catalogues import canonical
from lumba.catalogues import languages as offered

QUERY = "lang"


def current() -> str:
    """The active language as lumba's tag: Django's zh-hans is zh-Hans."""
    active = translation.get_language() or settings.LANGUAGE_CODE
    return canonical(active) or active


class LanguageChoiceMiddleware:
    """After LocaleMiddleware: apply `?lang=` or the profile's language.

    `?lang=` applies to any answer (the API's messages too), but only a page
    keeps it (cookie, profile): a machine's query is not a person's choice.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from_link = canonical(request.GET.get(QUERY, ""))
        chosen = from_link or _profile_language(request)
        if chosen:
            translation.activate(chosen)
            request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        # The cookie chooses the words: a shared cache must not serve one visitor's
        # language to another (LocaleMiddleware adds Accept-Language).
        patch_vary_headers(response, ("Cookie",))
        if chosen and response.get("Content-Type", "").startswith("text/html"):
            if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != chosen.lower():
                remember(response, chosen)
            if from_link and _signed_in(request):
                save_to_profile(request, from_link)
        return response


def _profile_language(request: HttpRequest) -> str | None:
    if not _signed_in(request):
        return None
    profile = getattr(request.user, "profile", None)
    return canonical(profile.language) if profile and profile.language else None


def _signed_in(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return bool(user and user.is_authenticated)


def remember(response: HttpResponse, chosen: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        chosen.lower(),
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def save_to_profile(request: HttpRequest, chosen: str) -> None:
    from lumba.web.accounts.models import Profile

    Profile.objects.update_or_create(user=request.user, defaults={"language": chosen})


def alternates(request: HttpRequest) -> list[dict[str, Any]]:
    """This page in each offered language (for hreflang links): ?lang= on the same URL."""
    query = request.GET.copy()
    query.pop(QUERY, None)
    names = dict(settings.LANGUAGES)
    found = []
    for language in offered():
        query[QUERY] = language
        url = f"{request.path}?{urlencode(query, doseq=True)}"
        found.append({"tag": language, "url": url, "name": names.get(language.lower(), language)})
    return found
