"""The `lumba` command line (spec v1.1, "Command line").

The command runs in this process (`invoke_lumba`), with its own stdin,
stdout, stderr, environment and exit code. The few tests of the process
boundary run it for real: `python -m lumba` in a child process (`run_lumba`)
and the installed `lumba` script, so that exit codes and the split between
stdout and stderr are the ones a shell sees.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

PLAIN = {"gestational_weeks": 30, "pain": {"intensity": 3, "locations": ["lower_back"]}}
EMERGENCY = {**PLAIN, "symptoms": ["chest_pain"]}
URGENT = {
    "gestational_weeks": 34,
    "pain": {"intensity": 5, "locations": ["lower_back"], "pattern": "regular_waves"},
}
RESULT_KEYS = {"level", "headline", "reasons", "plan"}
LEVELS = {"emergency", "urgent", "soon", "routine", "self_care"}


def dumps(document: Any) -> str:
    return json.dumps(document)


def with_reading(systolic: Any, diastolic: Any) -> dict[str, Any]:
    return {**PLAIN, "blood_pressure": {"systolic": systolic, "diastolic": diastolic}}


def with_pain(**changes: Any) -> dict[str, Any]:
    return {**PLAIN, "pain": {**PLAIN["pain"], **changes}}


def without_pain(key: str) -> dict[str, Any]:
    return {**PLAIN, "pain": {k: v for k, v in PLAIN["pain"].items() if k != key}}


def assert_result(result: Any) -> None:
    assert isinstance(result, dict)
    assert set(result) >= RESULT_KEYS
    assert result["level"] in LEVELS
    assert isinstance(result["headline"], str) and result["headline"]
    assert isinstance(result["reasons"], list)
    assert isinstance(result["plan"], list)


def names_field(line: str, field: str) -> bool:
    """The message names ``field`` as a whole path, not as part of a longer one."""
    return re.search(rf"(^|[\s:(\"']){re.escape(field)}($|[\s:)\"',\[])", line) is not None


# ---------------------------------------------------------------- single assessment


def test_it_triages_an_assessment_from_stdin(run_lumba) -> None:
    run = run_lumba("triage", "--region", "GB", input=dumps(PLAIN))  # a child process
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assert len(run.out_lines()) == 1
    result = run.json()
    assert_result(result)
    assert result["level"] == "self_care"
    assert result["reasons"] == []
    assert result["plan"]


def test_it_triages_an_assessment_from_a_file(invoke_lumba, tmp_path: Path) -> None:
    path = tmp_path / "assessment.json"
    path.write_text(json.dumps(URGENT, indent=2), encoding="utf-8")
    from_file = invoke_lumba("triage", "--region", "GB", str(path), input=None)
    from_stdin = invoke_lumba("triage", "--region", "GB", input=dumps(URGENT))
    assert from_file.returncode == 0, from_file.stderr
    assert from_file.stderr == ""
    assert len(from_file.out_lines()) == 1
    result = from_file.json()
    assert_result(result)
    assert result["level"] == "urgent"
    assert [r["rule"] for r in result["reasons"]]
    assert result == from_stdin.json()


def test_it_reads_stdin_when_the_file_is_a_dash(invoke_lumba) -> None:
    run = invoke_lumba("triage", "--region", "GB", "-", input=dumps(EMERGENCY))
    assert run.returncode == 0, run.stderr
    assert run.json()["level"] == "emergency"


BAD_INPUTS = {
    "wrong type": (dumps({**PLAIN, "gestational_weeks": "30"}), "gestational_weeks"),
    "bool for integer": (dumps({**PLAIN, "gestational_weeks": True}), "gestational_weeks"),
    "out of range": (dumps(with_pain(intensity=11)), "pain.intensity"),
    "unknown name": (dumps(with_pain(locations=["knee"])), "pain.locations"),
    "duplicate list item": (dumps({**PLAIN, "symptoms": ["fever", "fever"]}), "symptoms"),
    "duplicate key": (
        '{"gestational_weeks": 30, "gestational_weeks": 31, '
        '"pain": {"intensity": 3, "locations": ["lower_back"]}}',
        "gestational_weeks",
    ),
    "duplicate key in pain": (
        '{"gestational_weeks": 30, '
        '"pain": {"intensity": 3, "intensity": 4, "locations": ["lower_back"]}}',
        "pain.intensity",
    ),
    "missing field": (dumps(without_pain("intensity")), "pain.intensity"),
    "missing top-level field": (dumps({"pain": PLAIN["pain"]}), "gestational_weeks"),
    "extra field": (dumps({**PLAIN, "name": "Ann"}), "name"),
    "extra pain field": (dumps(with_pain(extra=1)), "pain.extra"),
    "null temperature": (dumps({**PLAIN, "temperature_c": None}), "temperature_c"),
    "diastolic equal to systolic": (dumps(with_reading(120, 120)), "blood_pressure.diastolic"),
    "diastolic above systolic": (dumps(with_reading(80, 120)), "blood_pressure.diastolic"),
    "systolic out of range": (dumps(with_reading(320, 80)), "blood_pressure.systolic"),
    "diastolic as text": (dumps(with_reading(120, "80")), "blood_pressure.diastolic"),
    "null blood pressure": (dumps({**PLAIN, "blood_pressure": None}), "blood_pressure"),
    "reading without diastolic": (
        dumps({**PLAIN, "blood_pressure": {"systolic": 120}}),
        "blood_pressure.diastolic",
    ),
    "extra reading field": (
        dumps({**PLAIN, "blood_pressure": {"systolic": 120, "diastolic": 80, "pulse": 70}}),
        "blood_pressure.pulse",
    ),
    "duplicate key in blood_pressure": (
        '{"gestational_weeks": 30, "pain": {"intensity": 3, "locations": ["lower_back"]}, '
        '"blood_pressure": {"systolic": 120, "diastolic": 80, "systolic": 125}}',
        "blood_pressure.systolic",
    ),
    "duplicate diastolic, same value": (
        '{"gestational_weeks": 30, "pain": {"intensity": 3, "locations": ["lower_back"]}, '
        '"blood_pressure": {"systolic": 120, "diastolic": 80, "diastolic": 80}}',
        "blood_pressure.diastolic",
    ),
    "unknown v1.1-like symptom": (dumps({**PLAIN, "symptoms": ["tingling"]}), "symptoms"),
    "not JSON": ("this is not json", None),
    "truncated JSON": (dumps(PLAIN)[:-3], None),
    "two documents": (dumps(PLAIN) + " " + dumps(PLAIN), None),
    "empty input": ("", None),
    "blank input": ("  \n\n", None),
    "JSON array": (dumps([PLAIN]), None),
    "JSON null": ("null", None),
    "JSON number": ("42", None),
}


@pytest.mark.parametrize(("text", "field"), list(BAD_INPUTS.values()), ids=list(BAD_INPUTS))
def test_it_refuses_bad_input_with_one_line_naming_the_field(
    text: str, field: str | None, invoke_lumba
) -> None:
    run = invoke_lumba("triage", "--region", "GB", input=text)
    assert run.returncode == 2
    assert run.stdout == ""
    lines = run.err_lines()
    assert len(lines) == 1, run.stderr
    assert lines[0].strip()
    if field is not None:
        assert names_field(lines[0], field), lines[0]


@pytest.mark.parametrize(
    ("text", "field"),
    [
        (dumps({**PLAIN, "gestational_weeks": "3\n0"}), "gestational_weeks"),
        (dumps({**PLAIN, "na\nme": 1}), None),
        (dumps({**PLAIN, "symptoms": ["fe\rver"]}), "symptoms"),
    ],
    ids=["newline in a value", "newline in an unknown key", "carriage return in a list item"],
)
def test_it_keeps_the_error_on_one_line_whatever_the_input_holds(
    text: str, field: str | None, invoke_lumba
) -> None:
    run = invoke_lumba("triage", "--region", "GB", input=text)
    assert run.returncode == 2
    assert run.stdout == ""
    assert len(run.err_lines()) == 1, run.stderr
    if field is not None:
        assert names_field(run.err_lines()[0], field), run.stderr


@pytest.mark.parametrize(
    "text",
    [
        '{"gestational_weeks": '
        + "4" * 5000
        + ', "pain": {"intensity": 3, "locations": ["pubic"]}}',
        "[" * 100_000 + "]" * 100_000,
    ],
    ids=["number with 5000 digits", "deeply nested JSON"],
)
def test_it_refuses_pathological_json_without_crashing(text: str, run_lumba) -> None:
    # In a child process: a crash there (a C stack overflow) is the process dying.
    run = run_lumba("triage", "--region", "GB", input=text)
    assert run.returncode == 2, run.stderr[-500:]
    assert run.stdout == ""
    assert len(run.err_lines()) == 1, run.stderr[-500:]
    assert "Traceback" not in run.stderr


def test_the_installed_lumba_script_triages(tmp_path: Path) -> None:
    """The console script pip installs (pyproject.toml's [project.scripts]),
    not `python -m lumba`: the entry point a person types."""
    script = Path(sys.executable).with_name("lumba")
    if not script.exists():
        pytest.skip(f"lumba is not installed beside {sys.executable} (scripts/setup installs it)")
    path = tmp_path / "assessment.json"
    path.write_text(dumps(EMERGENCY), encoding="utf-8")
    done = subprocess.run(
        [str(script), "triage", "--region", "US", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert json.loads(done.stdout)["level"] == "emergency"
    assert "911" in json.loads(done.stdout)["headline"]
    refused = subprocess.run(
        [str(script), "triage", "--region", "ATLANTIS", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        check=False,
    )
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr.startswith("lumba: ") and "ATLANTIS" in refused.stderr


def test_it_refuses_a_missing_file(invoke_lumba, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-assessment.json"
    run = invoke_lumba("triage", "--region", "GB", str(missing), input=None)
    assert run.returncode == 2
    assert run.stdout == ""
    assert len(run.err_lines()) == 1
    assert "no-such-assessment.json" in run.stderr


def test_it_refuses_a_file_that_is_not_utf8(invoke_lumba, tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes(dumps(PLAIN).encode("utf-8")[:-1] + b', "x": "\xe9"}')
    run = invoke_lumba("triage", "--region", "GB", str(path), input=None)
    assert run.returncode == 2
    assert run.stdout == ""
    assert len(run.err_lines()) == 1


# ---------------------------------------------------------------- regions


def test_it_refuses_an_unknown_region(invoke_lumba) -> None:
    run = invoke_lumba("triage", "--region", "ATLANTIS", input=dumps(PLAIN))
    assert run.returncode == 2
    assert run.stdout == ""
    assert "ATLANTIS" in run.stderr


def test_it_refuses_an_unknown_region_from_the_environment(invoke_lumba) -> None:
    run = invoke_lumba("triage", input=dumps(PLAIN), env={"LUMBA_REGION": "ATLANTIS"})
    assert run.returncode == 2
    assert run.stdout == ""
    assert "ATLANTIS" in run.stderr


@pytest.mark.parametrize(
    ("args", "env", "number", "not_number"),
    [
        (("--region", "US"), {}, "911", "999"),
        (("--region", "GB"), {}, "999", "911"),
        (("--region", "gb"), {}, "999", "911"),
        ((), {"LUMBA_REGION": "AU"}, "000", "999"),
        ((), {"LANG": "en_US.UTF-8"}, "911", "999"),
        ((), {"LANG": "en_GB.UTF-8"}, "999", "911"),
        (("--region", "GB"), {"LUMBA_REGION": "AU"}, "999", "000"),
        ((), {"LUMBA_REGION": "US", "LANG": "en_GB.UTF-8"}, "911", "999"),
    ],
    ids=[
        "--region US",
        "--region GB",
        "--region gb",
        "LUMBA_REGION=AU",
        "LANG=en_US",
        "LANG=en_GB",
        "--region beats LUMBA_REGION",
        "LUMBA_REGION beats LANG",
    ],
)
def test_it_puts_the_regional_emergency_number_in_the_headline(
    args: tuple[str, ...], env: dict[str, str], number: str, not_number: str, invoke_lumba
) -> None:
    run = invoke_lumba("triage", *args, input=dumps(EMERGENCY), env=env)
    assert run.returncode == 0, run.stderr
    result = run.json()
    assert result["level"] == "emergency"
    assert re.search(rf"\b{number}\b", result["headline"]), result["headline"]
    assert not_number not in result["headline"]


def test_it_falls_back_to_a_region_neutral_number_without_a_locale(invoke_lumba) -> None:
    run = invoke_lumba("triage", input=dumps(EMERGENCY), env={"LANG": "C.UTF-8"})
    assert run.returncode == 0, run.stderr
    headline = run.json()["headline"]
    for national in ("999", "911", "000"):
        assert national not in headline


# ---------------------------------------------------------------- batch


def single(invoke_lumba, line: str) -> dict[str, Any]:
    run = invoke_lumba("triage", "--region", "GB", input=line)
    assert run.returncode == 0, run.stderr
    return run.json()


def test_it_answers_every_batch_line_in_order(run_lumba, invoke_lumba) -> None:
    lines = [
        dumps(PLAIN),
        dumps(with_pain(intensity=11)),
        "",
        "{not json",
        dumps(EMERGENCY),
    ]
    # In a child process: exit 1 for a batch with a bad line, as a shell sees it.
    run = run_lumba("triage", "--batch", "--region", "GB", input="\n".join(lines) + "\n")
    assert run.returncode == 1
    assert run.stderr == ""
    out = run.out_lines()
    assert len(out) == len(lines), [line[:100] for line in out]
    answers = [json.loads(line) for line in out]
    for number, (line, answer) in enumerate(zip(lines, answers, strict=True), start=1):
        if number in (1, 5):
            assert "error" not in answer
            assert_result(answer)
            assert answer == single(invoke_lumba, line)
        else:
            error = answer["error"]
            assert error["line"] == number
            assert isinstance(error["field"], str)
            assert isinstance(error["message"], str) and error["message"]
    assert answers[0]["level"] == "self_care"
    assert answers[4]["level"] == "emergency"
    assert answers[1]["error"]["field"] == "pain.intensity"


BATCH_ERRORS = {
    "wrong type": (dumps({**PLAIN, "gestational_weeks": "30"}), "gestational_weeks"),
    "unknown name": (dumps(with_pain(locations=["knee"])), "pain.locations"),
    "duplicate list item": (dumps({**PLAIN, "symptoms": ["fever", "fever"]}), "symptoms"),
    "missing field": (dumps(without_pain("intensity")), "pain.intensity"),
    "extra field": (dumps({**PLAIN, "name": "Ann"}), "name"),
    "extra pain field": (dumps(with_pain(extra=1)), "pain.extra"),
    "diastolic equal to systolic": (dumps(with_reading(120, 120)), "blood_pressure.diastolic"),
    "diastolic above systolic": (dumps(with_reading(90, 95)), "blood_pressure.diastolic"),
    "diastolic out of range": (dumps(with_reading(250, 210)), "blood_pressure.diastolic"),
    "null blood pressure": (dumps({**PLAIN, "blood_pressure": None}), "blood_pressure"),
    "duplicate systolic": (
        '{"gestational_weeks": 30, "pain": {"intensity": 3, "locations": ["lower_back"]}, '
        '"blood_pressure": {"systolic": 120, "systolic": 125, "diastolic": 80}}',
        "blood_pressure.systolic",
    ),
    "duplicate diastolic": (
        '{"gestational_weeks": 30, "pain": {"intensity": 3, "locations": ["lower_back"]}, '
        '"blood_pressure": {"systolic": 120, "diastolic": 70, "diastolic": 80}}',
        "blood_pressure.diastolic",
    ),
}


def test_it_names_the_field_of_each_bad_batch_line(invoke_lumba) -> None:
    good = dumps(PLAIN)
    lines = [good]
    for text, _ in BATCH_ERRORS.values():
        lines += [text, good]
    run = invoke_lumba("triage", "--batch", "--region", "GB", input="\n".join(lines))
    assert run.returncode == 1
    answers = [json.loads(line) for line in run.out_lines()]
    assert len(answers) == len(lines)
    for index, (_, field) in enumerate(BATCH_ERRORS.values()):
        number = 2 + 2 * index
        assert answers[number - 1]["error"]["line"] == number
        assert answers[number - 1]["error"]["field"] == field
        assert answers[number]["level"] == "self_care"


def test_it_exits_0_when_every_batch_line_is_good(invoke_lumba, tmp_path: Path) -> None:
    lines = [dumps(PLAIN), dumps(URGENT), dumps(EMERGENCY)]
    run = invoke_lumba("triage", "--batch", "--region", "GB", input="\n".join(lines) + "\n")
    assert run.returncode == 0, run.stderr
    answers = [json.loads(line) for line in run.out_lines()]
    assert [a["level"] for a in answers] == ["self_care", "urgent", "emergency"]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    from_file = invoke_lumba("triage", "--batch", "--region", "GB", str(path), input=None)
    assert from_file.returncode == 0
    assert from_file.stdout == run.stdout


# Spec v1.1 documents and the level the clinical brief (section 6) gives each.
V1_1_CASES = [
    ({**PLAIN, "symptoms": ["seizure"]}, "emergency"),
    ({**PLAIN, "symptoms": ["serious_accident"]}, "emergency"),
    ({**PLAIN, "symptoms": ["both_legs_weak_or_numb"]}, "emergency"),
    ({**PLAIN, "symptoms": ["severe_vomiting"]}, "urgent"),
    ({**PLAIN, "symptoms": ["leg_tingling"]}, "routine"),
    (with_reading(165, 100), "urgent"),
    (with_reading(150, 112), "urgent"),
    (with_reading(145, 95), "soon"),
    (with_reading(139, 89), "self_care"),
    ({**with_reading(142, 92), "symptoms": ["vision_changes"]}, "urgent"),
]


def test_it_triages_version_1_1_documents_in_a_batch(invoke_lumba) -> None:
    lines = [dumps(document) for document, _ in V1_1_CASES]
    run = invoke_lumba("triage", "--batch", "--region", "GB", input="\n".join(lines) + "\n")
    assert run.returncode == 0, run.stdout[-800:] + run.stderr[-800:]
    levels = [json.loads(line)["level"] for line in run.out_lines()]
    assert levels == [level for _, level in V1_1_CASES]


def test_it_names_the_diastolic_value_when_it_is_not_below_the_systolic(invoke_lumba) -> None:
    text = dumps(with_reading(110, 110))
    single_run = invoke_lumba("triage", "--region", "GB", input=text)
    assert single_run.returncode == 2
    assert single_run.stdout == ""
    assert len(single_run.err_lines()) == 1, single_run.stderr
    assert names_field(single_run.err_lines()[0], "blood_pressure.diastolic"), single_run.stderr
    batch = invoke_lumba("triage", "--batch", "--region", "GB", input=text + "\n" + dumps(PLAIN))
    assert batch.returncode == 1
    error, good = (json.loads(line) for line in batch.out_lines())
    assert error["error"]["line"] == 1
    assert error["error"]["field"] == "blood_pressure.diastolic"
    assert good["level"] == "self_care"


def test_it_reads_a_batch_file_with_windows_line_endings(invoke_lumba, tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [dumps(PLAIN), dumps(with_pain(intensity=11)), dumps(EMERGENCY)]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("utf-8"))
    run = invoke_lumba("triage", "--batch", "--region", "GB", str(path), input=None)
    assert run.returncode == 1
    answers = [json.loads(line) for line in run.out_lines()]
    assert len(answers) == 3
    assert answers[0]["level"] == "self_care"
    assert answers[1]["error"] == {**answers[1]["error"], "line": 2, "field": "pain.intensity"}
    assert answers[2]["level"] == "emergency"


def test_it_keeps_batch_line_numbers_when_a_line_holds_a_unicode_line_separator(
    invoke_lumba,
) -> None:
    # JSON allows a raw U+2028 inside a string; JSON Lines are split on "\n" only.
    odd = dumps({**PLAIN, "symptoms": ["a\u2028b"]}).replace("\\u2028", "\u2028")
    lines = [dumps(PLAIN), odd, dumps(EMERGENCY)]
    run = invoke_lumba("triage", "--batch", "--region", "GB", input="\n".join(lines) + "\n")
    assert run.returncode == 1
    answers = [json.loads(line) for line in run.out_lines()]
    assert len(answers) == 3, [line[:100] for line in run.out_lines()]
    assert answers[1]["error"]["line"] == 2
    assert answers[1]["error"]["field"] == "symptoms"
    assert answers[2]["level"] == "emergency"


def test_it_goes_on_after_a_pathological_batch_line(invoke_lumba) -> None:
    huge = (
        '{"gestational_weeks": '
        + "4" * 5000
        + ', "pain": {"intensity": 3, "locations": ["pubic"]}}'
    )
    lines = [dumps(PLAIN), huge, dumps(EMERGENCY)]
    run = invoke_lumba("triage", "--batch", "--region", "GB", input="\n".join(lines) + "\n")
    assert run.returncode == 1, run.stderr[-500:]
    answers = [json.loads(line) for line in run.out_lines()]
    assert len(answers) == 3
    assert answers[1]["error"]["line"] == 2
    assert answers[2]["level"] == "emergency"


# ---------------------------------------------------------------- rules and content


def test_it_lists_every_rule(invoke_lumba, library) -> None:
    run = invoke_lumba("rules")
    assert run.returncode == 0, run.stderr[-800:]
    for rule in library.rules:
        assert rule.id in run.stdout, rule.id


def test_it_explains_a_rule(invoke_lumba, library) -> None:
    rule = library.rules[0]
    run = invoke_lumba("explain", rule.id)
    assert run.returncode == 0, run.stderr[-800:]
    shown = set(re.findall(r"[\w']+", run.stdout.lower()))
    words = set(re.findall(r"[\w']+", rule.explanation.get("en").lower()))
    assert words <= shown, words - shown


def test_it_refuses_to_explain_an_unknown_rule(invoke_lumba) -> None:
    run = invoke_lumba("explain", "nope")
    assert run.returncode == 2, run.stderr[-800:]
    assert "nope" in run.stderr


def test_it_checks_the_packaged_content(invoke_lumba) -> None:
    """The suite's one check of lumba's own content as a whole (scripts/test
    runs the command as well): every file, every rule's own examples against
    its condition (tests/core/test_rules.py holds the engine to them), the
    wording, and the drafts still waiting for clinical review. (Its tests on
    broken copies: tests/content/test_content_check.py.)"""
    run = invoke_lumba("content", "check")
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stderr == ""
    assert "not yet approved by a clinician" in run.stdout
    assert "draft rules: " in run.stdout
    assert run.stdout.endswith("content OK\n")
