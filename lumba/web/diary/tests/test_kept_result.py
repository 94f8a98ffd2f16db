"""An entry's kept result, as the result page shows it."""

from __future__ import annotations

import pytest

from lumba.service import triager
from lumba.web.accounts.models import Profile
from lumba.web.diary.models import Entry
from lumba.web.diary.services import result_in_language


def test_an_entry_without_a_kept_result_is_named_not_read_as_a_result() -> None:
    entry = Entry(pk=7, pain=3, triage=None)
    with pytest.raises(ValueError, match="diary entry 7 has no kept result"):
        result_in_language(entry, Profile(), triager(language="zh-Hans"))
