"""The profile page: due date, region and history, for a signed-in person."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lumba.web.accounts.forms import ProfileForm
from lumba.web.accounts.models import AccessToken, profile_of
from lumba.web.accounts.tokens import make_token
from lumba.web.visitor.per_request import language, today
from lumba.web.visitor.signed_in import signed_in


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    mine = profile_of(signed_in(request))
    if request.method == "POST":
        form = ProfileForm(request.POST, instance=mine, today=today(), language=language())
        if form.is_valid():
            form.save()
            messages.success(request, _("Your profile is saved."))
            return redirect("profile")
    else:
        form = ProfileForm(instance=mine, today=today(), language=language())
    context = {"form": form, "weeks": mine.weeks_on(today())}
    return render(request, "accounts/profile.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """Make a personal access token (with the password, shown once) or revoke one."""
    me = signed_in(request)
    made, error = None, ""
    if request.method == "POST" and "revoke" in request.POST:
        return _revoke(request)
    if request.method == "POST":
        name = request.POST.get("name", "").strip()
        if not name or len(name) > 80:
            error = _("Give the token a name of up to 80 characters, such as the app that uses it.")
        elif not me.check_password(request.POST.get("password", "")):
            error = _("The password is not correct. Type your lumba password to make a token.")
        else:
            _record, made = make_token(me, name)
    context = {
        "tokens": AccessToken.objects.filter(user=me),
        "made": made,
        "error": error,
    }
    return render(request, "accounts/tokens.html", context, status=400 if error else 200)


def _revoke(request: HttpRequest) -> HttpResponse:
    try:
        token_id = int(request.POST["revoke"])
    except ValueError:
        return HttpResponseBadRequest(_("That is not a token of yours."))
    deleted, _kinds = AccessToken.objects.filter(user=signed_in(request), pk=token_id).delete()
    if deleted:
        messages.success(request, _("The token is revoked: it no longer works."))
    else:
        messages.error(request, _("That token was not found: nothing was revoked."))
    return redirect("tokens")


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    """Delete the account and everything in it, after the password is typed again."""
    error = ""
    if request.method == "POST":
        user = signed_in(request)
        if user.check_password(request.POST.get("password", "")):
            logout(request)
            user.delete()
            messages.success(request, _("Your account and everything in it are deleted."))
            return redirect("home")
        error = _("The password is not correct: nothing was deleted.")
    return render(request, "accounts/delete.html", {"error": error}, status=400 if error else 200)
