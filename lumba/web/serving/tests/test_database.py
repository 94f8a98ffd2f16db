"""The web app runs on a real database: SQLite by default, PostgreSQL via DATABASE_URL."""

from __future__ import annotations

import os

from django.contrib.auth import get_user_model
from django.db import connection


def test_it_uses_the_database_the_environment_names() -> None:
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected


def test_it_stores_passwords_with_argon2_and_reads_them_back() -> None:
    user = get_user_model().objects.create_user("midwife-test", password="a long passphrase 42")
    stored = get_user_model().objects.get(pk=user.pk)
    assert stored.password.startswith("argon2")
    assert stored.check_password("a long passphrase 42")
