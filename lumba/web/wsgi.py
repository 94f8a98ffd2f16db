"""The WSGI application: Django's, given only what describes the request."""

import os
from collections.abc import Callable, Iterable
from typing import Any

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lumba.web.settings")

_REQUEST_KEYS = ("HTTP_", "wsgi.", "SERVER_", "REQUEST_", "PATH_", "QUERY_", "SCRIPT_")
_REQUEST_NAMES = {
    "CONTENT_TYPE",
    "CONTENT_LENGTH",
    "REMOTE_ADDR",
    "REMOTE_HOST",
    "GATEWAY_INTERFACE",
}


def _request_only(app: Callable[..., Iterable[bytes]]) -> Callable[..., Iterable[bytes]]:
    """Some servers (Granian) copy the whole process environment, database
    URL and secrets included, into every request's environ, where Django
    would keep it in request.META. Only the request's own keys pass."""

    def application(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        own = {
            k: v for k, v in environ.items() if k in _REQUEST_NAMES or k.startswith(_REQUEST_KEYS)
        }
        return app(own, start_response)

    return application


application = _request_only(get_wsgi_application())
