"""Template context every page needs: the visitor's region, numbers and language."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language

from lumba.content.loader import default_library
from lumba.content.wording import review_summary
from lumba.web.visitor.language import alternates, current
from lumba.web.visitor.region import region_for


def lumba(request: HttpRequest) -> dict[str, Any]:
    region = region_for(request)
    language = get_language() or "en"
    return {
        "content_approved": _content_approved(),
        "region": region,
        "region_name": region.name.get(language),
        "emergency_number": region.emergency.get(language),
        "advice_line": region.advice_line.get(language),
        "language_tag": current(),
        "language_alternates": alternates(request),
        "regions": [(r.code, r.name.get(language)) for r in default_library().regions.values()],
    }


@cache
def _content_approved() -> bool:
    return review_summary(default_library()).all_approved
