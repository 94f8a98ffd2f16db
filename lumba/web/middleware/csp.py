"""The Content-Security-Policy header, built once rather than on every response.

django-csp builds the header from the settings on every response, and the
report-only header too (lumba has none), at about 60 µs a request. Every
response that asks nothing of its own (no csp_update, csp_replace or
csp_exempt decorator, no nonce used by its page) gets the same policy: this
builds it once per process, and again when the settings change (tests
override them). A response that asks for its own policy is built by
django-csp exactly as before.
"""

from __future__ import annotations

import http.client as http_client
from functools import cache

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as BuildEachTime
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.http import HttpRequest, HttpResponseBase

# What a view's decorators leave on its response for django-csp to read.
_OWN_POLICY = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)
_HEADERS = (
    # (header, the setting it comes from, the response's way of opting out, report-only)
    (HEADER, "CONTENT_SECURITY_POLICY", "_csp_exempt", False),
    (HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY", "_csp_exempt_ro", True),
)
_DEBUG_PAGES = (http_client.INTERNAL_SERVER_ERROR, http_client.NOT_FOUND)


@cache
def settled_policy(report_only: bool) -> str:
    """The policy every response without one of its own gets ("" for none)."""
    return build_policy(report_only=report_only)


@cache
def _excluded_prefixes(setting: str) -> tuple[str, ...]:
    policy = getattr(settings, setting, None) or {}
    return tuple(policy.get("EXCLUDE_URL_PREFIXES", None) or ())


def _settings_changed(*, setting: str, **kwargs: object) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        settled_policy.cache_clear()
        _excluded_prefixes.cache_clear()


setting_changed.connect(_settings_changed, dispatch_uid="lumba-csp-settled-policy")


class CSPMiddleware(BuildEachTime):
    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if getattr(request, "_csp_nonce", None) is not None or any(
            getattr(response, name, None) is not None for name in _OWN_POLICY
        ):
            return super().process_response(request, response)
        if response.status_code in _DEBUG_PAGES and settings.DEBUG:
            return response
        for header, setting, exempt, report_only in _HEADERS:
            policy = settled_policy(report_only)
            if (
                policy
                and header not in response
                and getattr(response, exempt, False) is False
                and not request.path_info.startswith(_excluded_prefixes(setting))
            ):
                response[header] = policy
        # As django-csp does: a nonce asked for after the header is written
        # could not be in it, so asking is an error from here on.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)  # type: ignore[attr-defined]
        return response
