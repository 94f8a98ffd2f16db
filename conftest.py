"""Shared fixtures: the packaged content, a triager and a runner for the real
CLI, for every test (tests/ and the web's tests beside each feature in
lumba/web/*/tests); and the web's fixtures, which give the web's tests the
real database.

Nothing here reads the shared spec folder: the tests only use what the
package itself ships (its content and its published schema copy, pinned by
hash in tests/core/test_assessment_schema.py).

The web's fixtures are here rather than in lumba/web/conftest.py because a
wheel ships every module of a package it ships: a conftest there would be
installed with lumba.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

# Django settings are read when pytest starts: keep lumba's data folder (the
# default SQLite file) out of the developer's home during tests.
os.environ.setdefault(
    "LUMBA_DATA_DIR", os.path.join(os.environ.get("TMPDIR", "/tmp"), "lumba-test-data")
)

PROJECT_ROOT = Path(__file__).resolve().parent
WEB = PROJECT_ROOT / "lumba" / "web"

# Environment variables that choose the region; removed before every CLI run
# so the host's settings cannot change what a test sees.
REGION_VARIABLES = ("LUMBA_REGION", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture(scope="session", autouse=True)
def private_cache_dir(tmp_path_factory: pytest.TempPathFactory):
    """Keep lumba's user cache (the content parse cache) inside the test run."""
    cache = tmp_path_factory.mktemp("user-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(cache))
        patch.delenv("LUMBA_NO_CONTENT_CACHE", raising=False)
        yield cache


@pytest.fixture(scope="session")
def library():
    from lumba.content.loader import load_library

    return load_library()


@pytest.fixture(scope="session")
def triager(library):
    from lumba.service import triager as make_triager

    return make_triager(library, region="GB", language="en")


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)

    def out_lines(self) -> list[str]:
        """Output lines split on newline only (JSON Lines), without the final empty one."""
        lines = self.stdout.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        return lines

    def err_lines(self) -> list[str]:
        lines = self.stderr.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        return lines


@pytest.fixture(scope="session")
def run_lumba() -> Callable[..., Run]:
    """Run the real `lumba` command in a child process."""

    def run(
        *args: str,
        input: str | None = "",
        env: Mapping[str, str] | None = None,
        timeout: float = 30,
    ) -> Run:
        child_env = {k: v for k, v in os.environ.items() if k not in REGION_VARIABLES}
        child_env["PYTHONIOENCODING"] = "utf-8"
        child_env.update(env or {})
        done = subprocess.run(
            [sys.executable, "-m", "lumba", *args],
            input=input,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="strict",
            env=child_env,
            cwd=PROJECT_ROOT,
            timeout=timeout,
            check=False,
        )
        return Run(done.returncode, done.stdout, done.stderr)

    return run


# --- The web's tests (lumba/web/*/tests) ---


def _is_web_test(item: pytest.Item) -> bool:
    return item.path.is_relative_to(WEB)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Web tests run on a real database: SQLite by default, PostgreSQL when
    DATABASE_URL points at one (scripts/test runs them on both). The ORM is
    never mocked: each test gets the real test database. (A mark, before
    pytest-django's own hook, so that it sets the test database up and orders
    the tests knowing which use it.)"""
    for item in items:
        if _is_web_test(item):
            item.add_marker(pytest.mark.django_db)


@pytest.fixture(autouse=True)
def _rate_limits_start_afresh(request: pytest.FixtureRequest) -> None:
    """allauth counts sign-ups and logins per address in the cache: each web
    test starts with none counted, as a new visitor would."""
    if not _is_web_test(request.node):
        return
    request.getfixturevalue("db")
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def client():
    from django.test import Client

    return Client()


@pytest.fixture
def web(client):
    """A client of the web app, on the test database, rate limits afresh."""
    return client


@pytest.fixture(scope="session")
def content():
    from lumba.content.loader import load_library

    return load_library()


# People (the companion's personas): a person with a diary, a stranger.


@pytest.fixture
def person():
    from lumba.web.accounts.tests.people import signed_in

    return signed_in("amy@example.com")


@pytest.fixture
def stranger():
    from lumba.web.accounts.tests.people import signed_in

    return signed_in("sam@example.com")
