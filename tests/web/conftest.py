"""Web tests run on a real database: SQLite by default, PostgreSQL when
DATABASE_URL points at one (scripts/test runs them on both)."""

from __future__ import annotations

import pytest
from django.test import Client

from lumba.content.loader import load_library


@pytest.fixture(autouse=True)
def _every_web_test_may_use_the_database(db):
    """The ORM is never mocked: each test gets the real test database."""


@pytest.fixture
def client() -> Client:
    return Client()


@pytest.fixture(scope="session")
def content():
    return load_library()
