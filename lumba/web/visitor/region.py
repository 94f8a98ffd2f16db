"""Which region's numbers a visitor sees: their choice, else the server's, else their browser's."""

from __future__ import annotations

import os

from django.http import HttpRequest, HttpResponse
from django.utils.http import url_has_allowed_host_and_scheme

from lumba.content.loader import default_library
from lumba.core.guidance import Region, UnknownRegion, choose_region

REGION_COOKIE = "lumba_region"
REGION_MAX_AGE = 365 * 24 * 3600


def region_confirmed(request: HttpRequest) -> bool:
    """The person has chosen their region (the guess from the browser is not enough)."""
    return request.COOKIES.get(REGION_COOKIE) in default_library().regions


def safe_next(request: HttpRequest, default: str) -> str:
    """The page to go back to after choosing a region: this site only."""
    url = request.POST.get("next") or request.GET.get("next") or default
    return (
        url if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}) else default
    )


def remember_region(request: HttpRequest, response: HttpResponse, code: str) -> None:
    response.set_cookie(
        REGION_COOKIE,
        code,
        max_age=REGION_MAX_AGE,
        samesite="Lax",
        httponly=True,
        secure=request.is_secure(),
    )


def region_for(request: HttpRequest) -> Region:
    regions = default_library().regions
    chosen = request.COOKIES.get(REGION_COOKIE)
    environ = {"LUMBA_REGION": os.environ.get("LUMBA_REGION", ""), "LANG": _browser_locale(request)}
    try:
        return choose_region(regions, chosen if chosen in regions else None, environ)
    except UnknownRegion:
        # A bad server setting should not take the site down; the fallback
        # names the local emergency number in words.
        return regions["INT"]


def _browser_locale(request: HttpRequest) -> str:
    # "en-GB,en;q=0.9" -> "en_GB": the first language with a country.
    for part in request.headers.get("Accept-Language", "").split(","):
        tag = part.split(";")[0].strip()
        if "-" in tag:
            language, country = tag.split("-", 1)
            if len(country) == 2:
                return f"{language}_{country.upper()}"
    return ""
