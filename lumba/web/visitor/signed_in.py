"""The signed-in person of a page that only such a person may see."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


def signed_in(request: HttpRequest) -> User:
    """The person signed in, for a view behind ``login_required`` (which sends
    a visitor to sign in first); a view without it refuses a visitor (403)."""
    user = request.user
    if not user.is_authenticated:
        raise PermissionDenied
    return user
