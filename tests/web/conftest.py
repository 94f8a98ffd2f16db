"""Web tests run on a real database: SQLite by default, PostgreSQL when
DATABASE_URL points at one (scripts/test runs them on both)."""

from __future__ import annotations

import pytest
from django.test import Client

from lumba.content.loader import load_library


@pytest.fixture(autouse=True)
def _every_web_test_may_use_the_database(db):
    """The ORM is never mocked: each test gets the real test database."""


@pytest.fixture(autouse=True)
def _rate_limits_start_afresh():
    """allauth counts sign-ups and logins per address in the cache: each test
    starts with none counted, as a new visitor would."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def client() -> Client:
    return Client()


@pytest.fixture(scope="session")
def content():
    return load_library()


# --- People (the companion's personas): a person with a diary, a stranger ---

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


@pytest.fixture
def person() -> Client:
    return signed_in("amy@example.com")


@pytest.fixture
def stranger() -> Client:
    return signed_in("sam@example.com")
