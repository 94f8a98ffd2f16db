"""Shared fixtures: the packaged content, a triager and a runner for the real CLI.

Nothing here reads the shared spec folder: the tests only use what the
package itself ships (its content and its published schema copy, pinned by
hash in tests/core/test_assessment_schema.py).
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

PROJECT_ROOT = Path(__file__).resolve().parent.parent

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
