"""What every page works out the same way for its request: the language,
today's date (the one place the web reads the clock; the core is given it)
and the triager for the visitor's region."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from django.utils import timezone

from lumba.service import Triager, choose_triager
from lumba.web.visitor.language import current
from lumba.web.visitor.region import region_for


def language() -> str:
    """The page's language as lumba's tag ("zh-Hans"), as the API and the terminal name it."""
    return current()


def today() -> dt.date:
    return timezone.localdate()


def triager_for(request: HttpRequest, region: str = "") -> Triager:
    """The triager for `region` when a person chose one in their profile, else
    for the region this visitor's cookie or browser gives."""
    region = region or region_for(request).code
    return choose_triager(region, language())
