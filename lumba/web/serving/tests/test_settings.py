"""Settings come from the environment, strictly; production refuses unsafe ones."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from lumba.web.serving import environment

GOOD_KEY = "7f3c9a1e5b2d8f4a6c0e9b7d3f1a5c8e2b4d6f0a9c7e5b3d1f8a6c4e2b0d9f7a5c"


def _start(
    env: dict[str, str], code: str = "import lumba.web.settings"
) -> subprocess.CompletedProcess:
    # Start from a clean slate: no lumba settings, and none of the test-only
    # Django switches other test folders set in this process.
    base = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LUMBA_", "DATABASE_URL", "DJANGO_"))
    }
    return subprocess.run(
        [sys.executable, "-c", code], env={**base, **env}, capture_output=True, text=True
    )


def test_it_starts_locally_with_nothing_configured() -> None:
    assert _start({}).returncode == 0


@pytest.mark.parametrize(
    ("env", "problem"),
    [
        ({}, "LUMBA_SECRET_KEY"),
        ({"LUMBA_SECRET_KEY": "change-me"}, "LUMBA_SECRET_KEY"),
        ({"LUMBA_SECRET_KEY": GOOD_KEY, "LUMBA_DEBUG": "true"}, "LUMBA_DEBUG"),
        ({"LUMBA_SECRET_KEY": GOOD_KEY}, "LUMBA_ALLOWED_HOSTS"),
    ],
)
def test_it_refuses_to_start_in_production_with_unsafe_settings(env: dict, problem: str) -> None:
    run = _start(
        {"LUMBA_ENV": "production", "LUMBA_ALLOWED_HOSTS": "lumba.example", **env}
        if problem != "LUMBA_ALLOWED_HOSTS"
        else {"LUMBA_ENV": "production", **env}
    )
    assert run.returncode != 0
    assert problem in run.stderr


def test_it_passes_the_deployment_checks_in_production() -> None:
    env = {
        "LUMBA_ENV": "production",
        "LUMBA_SECRET_KEY": GOOD_KEY,
        "LUMBA_ALLOWED_HOSTS": "lumba.example",
    }
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='lumba.web.settings'; django.setup();"
        "from django.core.management import call_command; call_command('check', deploy=True, fail_level='WARNING')"
    )
    run = _start(env, code)
    assert run.returncode == 0, run.stderr


def test_it_reads_a_secret_from_a_file(tmp_path) -> None:
    secret = tmp_path / "key"
    secret.write_text(GOOD_KEY + "\n")
    assert (
        environment.text("LUMBA_SECRET_KEY", environ={"LUMBA_SECRET_KEY_FILE": str(secret)})
        == GOOD_KEY
    )


@pytest.mark.parametrize("value", ["maybe", "2", "yess"])
def test_it_refuses_a_bad_boolean(value: str) -> None:
    with pytest.raises(environment.SettingError, match="LUMBA_DEBUG"):
        environment.boolean("LUMBA_DEBUG", False, environ={"LUMBA_DEBUG": value})


def test_it_refuses_an_unknown_environment_name() -> None:
    run = _start({"LUMBA_ENV": "staging"})
    assert run.returncode != 0 and "LUMBA_ENV" in run.stderr


def test_it_uses_postgresql_when_database_url_says_so() -> None:
    code = "from lumba.web import settings; print(settings.DATABASES['default']['ENGINE'])"
    run = _start({"DATABASE_URL": "postgresql://postgres@127.0.0.1:5432/test"}, code)
    assert run.stdout.strip() == "django.db.backends.postgresql"


def test_it_defaults_to_a_sqlite_file_in_the_data_folder(tmp_path) -> None:
    code = "from lumba.web import settings; print(settings.DATABASES['default']['NAME'])"
    run = _start({"LUMBA_DATA_DIR": str(tmp_path)}, code)
    assert run.stdout.strip() == str(tmp_path / "lumba.sqlite3")


def test_it_reports_503_on_healthz_when_the_database_does_not_answer() -> None:
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='lumba.web.settings'; django.setup();"
        "from django.test import Client; r = Client().get('/healthz'); print(r.status_code, r.json()['status'])"
    )
    run = _start({"DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"}, code)
    assert run.stdout.split() == ["503", "unavailable"], run.stderr


def test_healthz_answers_plain_http_in_production() -> None:
    # A load balancer's health check over HTTP must not get a redirect.
    env = {
        "LUMBA_ENV": "production",
        "LUMBA_SECRET_KEY": GOOD_KEY,
        "LUMBA_ALLOWED_HOSTS": "lumba.example",
        "DATABASE_URL": "sqlite:///:memory:",
    }
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='lumba.web.settings'; django.setup();"
        "from django.test import Client; c = Client(HTTP_HOST='lumba.example');"
        "print(c.get('/healthz').status_code, c.get('/').status_code)"
    )
    run = _start(env, code)
    assert run.stdout.split() == ["200", "301"], run.stderr


def test_each_installation_makes_its_own_key_readable_by_its_owner_only(tmp_path) -> None:
    code = "from lumba.web import settings; print(settings.SECRET_KEY)"
    first, again = (_start({"LUMBA_DATA_DIR": str(tmp_path / "one")}, code) for _ in range(2))
    other = _start({"LUMBA_DATA_DIR": str(tmp_path / "two")}, code)
    key = first.stdout.strip()
    assert len(key) >= 50 and again.stdout.strip() == key  # kept across starts
    assert other.stdout.strip() != key
    kept = tmp_path / "one" / "secret_key"
    assert kept.read_text().strip() == key
    assert kept.stat().st_mode & 0o777 == 0o600
    assert "django-insecure" not in key


def test_workers_starting_together_agree_on_the_new_key(tmp_path) -> None:
    code = "from lumba.web import settings; print(settings.SECRET_KEY)"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("LUMBA_", "DJANGO_"))},
        "LUMBA_DATA_DIR": str(tmp_path),
    }
    starts = [
        subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(6)
    ]
    keys = {start.communicate()[0].strip() for start in starts}
    assert len(keys) == 1 and len(keys.pop()) >= 50
    assert [path.name for path in tmp_path.iterdir()] == ["secret_key"]  # no drafts left


def test_a_damaged_key_file_is_named_rather_than_replaced(tmp_path) -> None:
    (tmp_path / "secret_key").write_text("short\n")
    run = _start({"LUMBA_DATA_DIR": str(tmp_path)})
    assert run.returncode != 0 and "secret_key" in run.stderr and "too short" in run.stderr
