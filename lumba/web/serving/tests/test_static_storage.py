"""Collecting the static files for `lumba serve`."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from lumba.web.serving.static_storage import collect_static


def test_collecting_without_a_static_root_names_the_setting() -> None:
    with (
        override_settings(STATIC_ROOT=None),
        pytest.raises(ImproperlyConfigured, match="LUMBA_STATIC_COLLECTED"),
    ):
        collect_static()
