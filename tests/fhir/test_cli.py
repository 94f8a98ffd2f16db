"""`lumba fhir ...` (called in this process, with its own streams and exit
code): the same answers as the web's /fhir/ endpoints and `lumba triage`,
errors as one stderr line."""

from __future__ import annotations

import json
from pathlib import Path

from lumba.fhir.diary import diary_bundle
from lumba.fhir.from_assessment import response_of
from lumba.fhir.questionnaire import questionnaire
from lumba.fhir.validation import validate

URGENT = {
    "gestational_weeks": 34,
    "pain": {"intensity": 5, "locations": ["lower_back"], "pattern": "regular_waves"},
}


def test_it_prints_the_questionnaire(invoke_lumba, library) -> None:
    run = invoke_lumba("fhir", "questionnaire")
    assert run.returncode == 0, run.stderr
    assert run.json() == questionnaire(library)


def test_it_triages_a_response_file_into_a_bundle(invoke_lumba, library, tmp_path: Path) -> None:
    file = tmp_path / "response.json"
    file.write_text(json.dumps(response_of(URGENT, library)), encoding="utf-8")
    run = invoke_lumba("fhir", "triage", str(file), "--region", "GB")
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    bundle = validate(run.json())
    triage = bundle["entry"][2]["resource"]
    assert triage["prediction"][0]["outcome"]["coding"][0]["code"] == "urgent"


def test_json_prints_what_lumba_triage_prints(invoke_lumba) -> None:
    # The example response comes from the command line too.
    made = invoke_lumba("fhir", "response", input=json.dumps(URGENT))
    assert made.returncode == 0, made.stderr
    run = invoke_lumba("fhir", "triage", "-", "--json", "--region", "GB", input=made.stdout)
    assert run.returncode == 0, run.stderr
    plain = invoke_lumba("triage", "--region", "GB", input=json.dumps(URGENT))
    assert run.json() == plain.json()


def test_a_bad_response_exits_2_with_one_line_naming_the_item(invoke_lumba, library) -> None:
    response = response_of(URGENT, library)
    response["item"].append({"linkId": "pain_score", "answer": [{"valueInteger": 5}]})
    run = invoke_lumba("fhir", "triage", input=json.dumps(response))
    assert run.returncode == 2
    assert run.stdout == ""
    (line,) = run.err_lines()
    assert line.startswith("lumba: invalid QuestionnaireResponse: pain_score: ")


def test_not_json_exits_2(invoke_lumba) -> None:
    run = invoke_lumba("fhir", "triage", input="{")
    assert run.returncode == 2
    (line,) = run.err_lines()
    assert "not valid JSON" in line


def test_it_turns_an_account_export_into_the_bundle(invoke_lumba, library, tmp_path: Path) -> None:
    export = {
        "email": "amy@example.com",
        "entries": [{"id": 1, "date": "2026-03-01", "pain": 4, "locations": ["pubic"]}],
    }
    file = tmp_path / "export.json"
    file.write_text(json.dumps(export), encoding="utf-8")
    run = invoke_lumba("fhir", "export", str(file))
    assert run.returncode == 0, run.stderr
    assert run.json() == diary_bundle(export, library)
    assert "amy@example.com" not in run.stdout


def test_an_export_that_is_not_one_exits_2(invoke_lumba) -> None:
    run = invoke_lumba("fhir", "export", input=json.dumps({"entries": [{"pain": 4}]}))
    assert run.returncode == 2
    (line,) = run.err_lines()
    assert line.startswith("lumba: invalid export: entries[0].date")
