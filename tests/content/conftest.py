"""A private copy of the packaged content for a test to break (edit it with content_copy.edit_yaml)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lumba.content.loader import CONTENT_DIR


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A private copy of the packaged content to break."""
    copy = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return copy
