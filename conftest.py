"""Shared fixtures: the packaged content, a triager and two runners of the
real CLI (in this process, and in a child process), for every test (tests/
and the web's tests beside each feature in lumba/web/*/tests); and the
web's fixtures, which give the web's tests the real database, named for
the run.

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
import uuid
from collections.abc import Callable, Iterator, Mapping
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
def invoke_lumba() -> Callable[..., Run]:
    """Call the `lumba` command in this process, as Typer's test runner does:
    the same arguments, standard input, environment and exit code as a child
    process, with stdout and stderr kept apart, in a fraction of the time
    (no interpreter start, the content loaded once per test process).

    The environment variables that choose the region are removed, as for
    `run_lumba`; `env` sets others for the call only. An exception the command
    does not handle fails the test with its traceback (a child process would
    print it and exit 1). What only a child process can show (an installed
    entry point, a signal, a fresh interpreter) uses `run_lumba`."""
    from typer.testing import CliRunner

    from lumba.cli import app

    def invoke(
        *args: str,
        input: str | None = "",
        env: Mapping[str, str] | None = None,
        timeout: float | None = None,  # as run_lumba takes it: nothing to wait for here
    ) -> Run:
        unset: dict[str, str | None] = dict.fromkeys(REGION_VARIABLES)
        runner = CliRunner()
        with pytest.MonkeyPatch.context() as patch:
            patch.chdir(PROJECT_ROOT)  # relative paths read as in a child process
            done = runner.invoke(
                app,
                list(args),
                input=input,
                env={**unset, **(env or {})},
                catch_exceptions=False,
                prog_name="lumba",
            )
        return Run(
            done.exit_code,
            done.stdout_bytes.decode("utf-8", "strict"),
            done.stderr_bytes.decode("utf-8", "strict"),
        )

    return invoke


@pytest.fixture(scope="session")
def run_lumba() -> Callable[..., Run]:
    """Run the real `lumba` command in a child process (`python -m lumba`):
    for the tests of the process boundary (exit codes as a shell sees them,
    stdout and stderr as separate pipes, signals, hash seeds). Everything
    else uses `invoke_lumba`, in this process."""

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


@pytest.fixture(scope="session")
def django_db_modify_db_settings(
    django_db_modify_db_settings_parallel_suffix: None,
    django_db_keepdb: bool,
    request: pytest.FixtureRequest,
) -> None:
    """Test databases named for this run: test_<NAME>_gw0_<run> on PostgreSQL,
    so that two runs on one server (two checkouts, two CI jobs) never create,
    use or drop each other's. pytest-django adds the xdist worker's suffix
    (gw0) first; the run's token is the one xdist gives all its workers, or a
    new one without xdist. Each run drops its own databases at the end. With
    --reuse-db the names stay as they are, so that the next run finds them.
    (SQLite's test database is in memory: nothing to name.)"""
    if django_db_keepdb:
        return
    from django.conf import settings

    worker = getattr(request.config, "workerinput", {})
    run = str(worker.get("testrunuid") or uuid.uuid4().hex)[:8]
    for database in settings.DATABASES.values():
        test = database.setdefault("TEST", {})
        if database["ENGINE"] == "django.db.backends.sqlite3" and not test.get("NAME"):
            continue
        test["NAME"] = f"{test.get('NAME') or 'test_' + database['NAME']}_{run}"


@pytest.fixture(scope="session", autouse=True)
def _cheap_password_hashing() -> Iterator[None]:
    """Argon2 at its least cost for every test (tests/cheap_hashing.py): the
    same algorithm and code as lumba's settings, without 100 MB a hash."""
    from django.conf import settings
    from django.test.utils import override_settings

    cheap = "tests.cheap_hashing.CheapArgon2PasswordHasher"
    with override_settings(PASSWORD_HASHERS=[cheap, *settings.PASSWORD_HASHERS]):
        yield


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
