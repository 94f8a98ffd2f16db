"""Anything a user can see or set is documented: the README names every
command, every setting and every API path, and this test keeps it so."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    from lumba.cli import app, content_app

    names = [f"lumba {c.name or c.callback.__name__}" for c in app.registered_commands]
    names += [
        f"lumba content {c.name or c.callback.__name__}" for c in content_app.registered_commands
    ]
    return names


def _settings() -> set[str]:
    """Every LUMBA_* environment variable the code, scripts, tests or benchmarks read."""
    found = {"DATABASE_URL"}
    for folder in ("lumba", "scripts", "benchmarks", "tests"):
        for source in (ROOT / folder).rglob("*"):
            if source.is_file() and source.suffix in ("", ".py", ".sh"):
                found |= set(
                    re.findall(
                        r"\b(LUMBA_[A-Z][A-Z_]*[A-Z])\b",
                        source.read_text(encoding="utf-8", errors="ignore"),
                    )
                )
    return found


@pytest.mark.parametrize("command", _commands())
def test_it_documents_every_command(command: str) -> None:
    assert f"`{command}" in README


@pytest.mark.parametrize("setting", sorted(_settings()))
def test_it_documents_every_setting(setting: str) -> None:
    assert setting in README


def test_it_documents_every_api_path() -> None:
    from django.test import Client

    paths = Client().get("/api/v1/openapi.json").json()["paths"]
    for path in paths:
        assert path.replace("/api/v1", "").split("{")[0].rstrip("/") in README, path


def test_it_gives_a_newcomer_exactly_two_commands() -> None:
    start = README.split("## Start here", 1)[1].split("##", 1)[0]
    block = re.search(r"```sh\n(.*?)```", start, flags=re.S).group(1)
    assert [line.split("#")[0].strip() for line in block.strip().splitlines()] == [
        "scripts/run",
        "scripts/test",
    ]
