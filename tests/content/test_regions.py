"""Emergency numbers are the one fact a person acts on at once: each is pinned here.

A change to regions.yaml that alters a number fails this test, so it cannot
happen by accident; a deliberate change edits the number here too, with its
source, in the same review.
"""

from __future__ import annotations

import pytest

from lumba.service import triager as make_triager
from lumba.service import validate_assessment

EMERGENCY_NUMBERS = {
    "GB": "999",
    "JE": "999",  # Jersey: no NHS 111
    "GG": "999",  # Guernsey, Alderney and Sark: no NHS 111
    "IM": "999",  # Isle of Man: no NHS 111
    "IE": "112 or 999",
    "US": "911",
    "CA": "911",
    "EU": "112",
    "AU": "000",
    "NZ": "111",
    "CN": "120",
}


def test_every_region_has_its_pinned_emergency_number(library) -> None:
    found = {
        code: region.emergency.get() for code, region in library.regions.items() if code != "INT"
    }
    assert found == EMERGENCY_NUMBERS


@pytest.mark.parametrize("code", ["JE", "GG", "IM"])
def test_islands_without_nhs_111_are_never_told_to_call_it(library, code: str) -> None:
    run = make_triager(library, region=code)
    document = {
        "gestational_weeks": 30,
        "pain": {"intensity": 3, "locations": ["lower_back"]},
        "symptoms": ["vaginal_bleeding"],
    }
    result = run.result(validate_assessment(document))
    assert "111" not in " ".join(result["actions"])


def test_australia_uses_the_24_hour_line(library) -> None:
    assert "1800 022 222" in library.regions["AU"].advice_line.get()
