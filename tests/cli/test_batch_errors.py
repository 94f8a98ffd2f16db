"""`lumba triage --batch` error lines are exactly the spec's (v1.2, "Command line"):
`{"error": {"line": N, "field": "...", "message": "..."}}`, compact JSON like the result
lines, naming the whole document as single triage does. Run in process."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from lumba.cli import app

PLAIN = {"gestational_weeks": 30, "pain": {"intensity": 3, "locations": ["lower_back"]}}
MANY_PROBLEMS = {"gestational_weeks": 99, "pain": {"intensity": 99, "locations": []}}


def _batch(*lines: str, language: str = "en") -> list[str]:
    run = CliRunner().invoke(
        app, ["triage", "--batch", "--region", "GB", "--lang", language], input="\n".join(lines)
    )
    assert run.exit_code == 1, run.output
    return run.stdout.splitlines()


def _compact(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


@pytest.mark.parametrize("language", ["en", "zh-Hans"])
def test_an_error_line_has_exactly_the_keys_of_the_spec(language: str) -> None:
    out = _batch(json.dumps(MANY_PROBLEMS), "nope", "", json.dumps(PLAIN), language=language)
    for line in out[:3]:
        document = json.loads(line)
        assert list(document) == ["error"]
        assert list(document["error"]) == ["line", "field", "message"]
    assert json.loads(out[0])["error"]["field"] == "gestational_weeks"
    assert json.loads(out[3])["level"] == "self_care"


def test_an_error_line_is_compact_json_like_a_result_line() -> None:
    out = _batch("nope", json.dumps(PLAIN))
    for line in out:
        assert line == _compact(json.loads(line))


def test_it_names_the_whole_document_as_single_triage_does() -> None:
    single = CliRunner().invoke(app, ["triage", "--region", "GB"], input="nope")
    assert single.exit_code == 2
    assert single.stderr.startswith("lumba: invalid assessment: (document): ")
    fields = [json.loads(line)["error"]["field"] for line in _batch("nope", "", "[1]")]
    assert fields == ["(document)"] * 3
