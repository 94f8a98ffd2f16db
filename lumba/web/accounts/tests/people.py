"""The companion's personas for the web's tests: a person signed up through
allauth's own pages, as a real person would be (the `person` and `stranger`
fixtures of the root conftest.py are two of them)."""

from __future__ import annotations

from django.test import Client

PASSWORD = "a long pass phrase 42"


def signed_in(email: str) -> Client:
    """A client signed up through allauth's own sign-up page (so the
    account is made as a real person's would be), and signed in."""
    client = Client()
    response = client.post(
        "/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return client
