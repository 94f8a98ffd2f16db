"""What a person can do with their whole account through the API: take
everything they gave lumba, or delete it all (with their password).

The whole account spans the account (lumba.web.accounts) and its diary
(lumba.web.diary): it lives here, above both, so that neither imports the
other's API."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import logout
from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import HttpError
from pydantic import ConfigDict, Field

from lumba.core.input_limits import MAX_STRING
from lumba.web.accounts.models import profile_of
from lumba.web.diary.api import (
    INVALID,
    PERSON,
    UNAUTHORIZED,
    EntryOut,
    entry_data,
    responses,
)
from lumba.web.diary.models import Entry, SavedCheck

router = Router(auth=PERSON, tags=["account"])


class Export(Schema):
    email: str
    profile: dict[str, Any]
    entries: list[EntryOut]
    saved_checks: list[dict[str, Any]]
    access_tokens: list[dict[str, Any]] = Field(description="Names and dates only, never tokens.")


class DeleteAccount(Schema):
    model_config = ConfigDict(extra="forbid")

    # No longer than any text the API reads (lumba.core.input_limits).
    password: str = Field(max_length=MAX_STRING, description="The account's password, asked again.")


def export_of(user: Any) -> dict[str, Any]:
    """Everything the person has given lumba, as plain data (the API and the web share it)."""
    profile = profile_of(user)
    entries = Entry.objects.filter(user=user)
    return {
        "email": user.email,
        "profile": {
            "due_date": profile.due_date.isoformat() if profile.due_date else None,
            "region": profile.region,
            "history": profile.history,
            "summary_name": profile.summary_name,
            "questions": profile.questions,
        },
        "entries": [
            EntryOut.model_validate(entry_data(entry)).model_dump(mode="json") for entry in entries
        ],
        "saved_checks": [
            {
                "date": check.date.isoformat(),
                "answers": check.answers,
                "result": check.result,
                "content_version": check.content_version,
            }
            for check in SavedCheck.objects.filter(user=user)
        ],
        "access_tokens": [
            {"name": token.name, "created": token.created.isoformat()}
            for token in user.access_tokens.all()
        ],
    }


@router.get(
    "/export",
    # The ids ninja gave these when this module was lumba/web/accounts/api.py.
    operation_id="lumba_web_accounts_api_export",
    response=Export,
    summary="Everything you have given lumba",
    openapi_extra=responses(unauthorized=UNAUTHORIZED),
)
def export(request: HttpRequest) -> Any:
    return export_of(request.user)


@router.delete(
    "",
    operation_id="lumba_web_accounts_api_delete_account",
    response={204: None},
    summary="Delete your account",
    openapi_extra=responses(
        unauthorized=UNAUTHORIZED,
        forbidden="The password is not correct (or a signed-in session without its CSRF token).",
        invalid=INVALID,
    ),
)
def delete_account(request: HttpRequest, payload: DeleteAccount) -> Any:
    """Deletes the account, its profile, diary, saved checks and tokens, for
    good. The password is asked again, even with a token."""
    user = request.user
    if not user.check_password(payload.password):
        raise HttpError(403, "the password is not correct; nothing was deleted")
    logout(request)
    user.delete()
    return Status(204, None)
