"""Personal access tokens: made, checked and revoked; the API's bearer auth."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import User
from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer

from lumba.web.accounts.models import AccessToken

PREFIX = "lumba_"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def make_token(user: User, name: str) -> tuple[AccessToken, str]:
    """A new token for `user`: the stored record, and the token to show once."""
    token = PREFIX + secrets.token_urlsafe(32)
    record = AccessToken.objects.create(
        user=user, name=name, digest=_digest(token), prefix=token[: len(PREFIX) + 4]
    )
    return record, token


def user_of(token: str) -> User | None:
    """The active user a token belongs to, or None; notes when it was used."""
    record = (
        AccessToken.objects.select_related("user").filter(digest=_digest(token.strip())).first()
    )
    if record is None or not record.user.is_active:
        return None
    AccessToken.objects.filter(pk=record.pk).update(last_used=timezone.now())
    return record.user


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = user_of(token)
        if user is not None:
            request.user = user  # the views read the person from the request either way
        return user


def revoke_all(user: User) -> None:
    """A new password ends every token: whoever held the old access loses it."""
    AccessToken.objects.filter(user=user).delete()
