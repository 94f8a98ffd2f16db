"""The clinical hazard log (docs/safety/hazards.yaml) stays complete and true.

Every hazard has every DCB0129 field; every control names tests that exist;
the risk ratings follow the DCB0129 matrix; and docs/safety/hazards.md is what
scripts/render_hazards.py makes from the YAML now, so nobody edits it by hand.
"""

from __future__ import annotations

import ast
import datetime as dt
import importlib.util
import re
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
RENDERER = ROOT / "scripts" / "render_hazards.py"
RENDERED = ROOT / "docs" / "safety" / "hazards.md"
RERENDER = ".venv/bin/python scripts/render_hazards.py"

SEVERITIES = ["Minor", "Significant", "Considerable", "Major", "Catastrophic"]
LIKELIHOODS = ["Very low", "Low", "Medium", "High", "Very high"]

# The DCB0129 risk matrix as NHS England publishes it in its own hazard logs
# (the UK Core hazard log), written out again here, independently of the
# renderer: rows are likelihood from Very high down to Very low, columns are
# severity from Minor to Catastrophic.
DCB0129_MATRIX = """
    Very high | 3 4 4 5 5
    High      | 2 3 3 4 5
    Medium    | 2 2 3 3 4
    Low       | 1 2 2 3 4
    Very low  | 1 1 2 2 3
"""

TOP_LEVEL = {"system", "intended_use", "clinical_safety_officer", "scoring", "hazards"}
REQUIRED = {
    "id",
    "title",
    "description",
    "causes",
    "effect",
    "harm",
    "initial_severity",
    "initial_likelihood",
    "controls",
    "residual_severity",
    "residual_likelihood",
    "status",
    "owner",
}
OPTIONAL = {"gaps", "acceptance"}
STATUSES = {"open", "closed"}
# tests/... or, for the web, beside its feature: lumba/web/<feature>/tests/...
NODE_ID = re.compile(
    r"^((?:tests|lumba/web/\w+/tests)/(?:[\w-]+/)*test_\w+\.py)::((?:Test\w+::)?test\w*)$"
)


@cache
def renderer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("render_hazards", RENDERER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def log() -> dict[str, Any]:
    return renderer().load()


@pytest.fixture(scope="module")
def hazards(log: dict[str, Any]) -> list[dict[str, Any]]:
    assert isinstance(log.get("hazards"), list) and log["hazards"], "the log lists no hazards"
    return log["hazards"]


def _name(hazard: Any, index: int) -> str:
    return str(hazard.get("id")) if isinstance(hazard, dict) and hazard.get("id") else f"#{index}"


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _texts(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(_text(item) for item in value)


def _oracle(severity: str, likelihood: str) -> int:
    rows = {}
    for line in DCB0129_MATRIX.strip().splitlines():
        name, ratings = line.split("|")
        rows[name.strip()] = dict(zip(SEVERITIES, map(int, ratings.split()), strict=True))
    return rows[likelihood][severity]


# ---------------------------------------------------------------- every field


def _field_problems(hazard: Any, index: int) -> list[str]:
    name = _name(hazard, index)
    if not isinstance(hazard, dict):
        return [f"{name}: a hazard must be a mapping"]
    found = []
    missing = REQUIRED - hazard.keys()
    extra = hazard.keys() - REQUIRED - OPTIONAL
    if missing:
        found.append(f"{name}: missing {', '.join(sorted(missing))}")
    if extra:
        typed = [k for k in extra if "risk" in k]
        hint = " (risk ratings are computed by the renderer, never typed)" if typed else ""
        found.append(f"{name}: unknown field(s) {', '.join(sorted(extra))}{hint}")
    for field in ("title", "description", "effect", "harm", "owner"):
        if field in hazard and not _text(hazard[field]):
            found.append(f"{name}: {field} must be non-empty text")
    if "causes" in hazard and not _texts(hazard["causes"]):
        found.append(f"{name}: causes must be a non-empty list of texts")
    for stage in ("initial", "residual"):
        if hazard.get(f"{stage}_severity", SEVERITIES[0]) not in SEVERITIES:
            found.append(f"{name}: {stage}_severity must be one of {SEVERITIES}")
        if hazard.get(f"{stage}_likelihood", LIKELIHOODS[0]) not in LIKELIHOODS:
            found.append(f"{name}: {stage}_likelihood must be one of {LIKELIHOODS}")
    if hazard.get("status", "open") not in STATUSES:
        found.append(f"{name}: status must be open or closed")
    if "gaps" in hazard and not _texts(hazard["gaps"]):
        found.append(f"{name}: gaps, when given, must be a non-empty list of texts")
    found += _control_problems(name, hazard.get("controls", []))
    found += _acceptance_problems(name, hazard.get("acceptance"))
    return found


def _control_problems(name: str, controls: Any) -> list[str]:
    if not isinstance(controls, list) or not controls:
        return [f"{name}: controls must be a non-empty list"]
    found = []
    for number, control in enumerate(controls, start=1):
        where = f"{name} control {number}"
        if not isinstance(control, dict) or set(control) != {"description", "tests"}:
            found.append(f"{where}: a control has exactly a description and tests")
            continue
        if not _text(control["description"]):
            found.append(f"{where}: the description must be non-empty text")
        if not _texts(control["tests"]):
            found.append(
                f"{where}: tests must list at least one pytest node id "
                "(a control without a test belongs under the hazard's gaps)"
            )
            continue
        for test in control["tests"]:
            if not NODE_ID.match(test):
                found.append(
                    f"{where}: {test!r} is not a node id like tests/x/test_y.py::test_z "
                    "(no [parameter] part)"
                )
        if len(set(control["tests"])) != len(control["tests"]):
            found.append(f"{where}: a test is named twice")
    return found


def _acceptance_problems(name: str, acceptance: Any) -> list[str]:
    if acceptance is None:
        return []
    if not isinstance(acceptance, dict) or set(acceptance) != {"by", "date", "reason"}:
        return [f"{name}: acceptance has exactly by, date and reason"]
    found = []
    if not (_text(acceptance["by"]) and _text(acceptance["reason"])):
        found.append(f"{name}: acceptance needs who accepted the risk and why")
    if not isinstance(acceptance["date"], dt.date):
        found.append(f"{name}: acceptance date must be a date (YYYY-MM-DD)")
    return found


def test_the_log_has_its_top_level_fields(log: dict[str, Any]) -> None:
    assert set(log) == TOP_LEVEL
    for field in TOP_LEVEL - {"hazards"}:
        assert _text(log[field]), field


def test_every_hazard_has_every_field(hazards: list[dict[str, Any]]) -> None:
    found = [p for index, h in enumerate(hazards) for p in _field_problems(h, index)]
    assert not found, "\n".join(found)


def test_hazard_ids_run_from_h_001_in_order(hazards: list[dict[str, Any]]) -> None:
    ids = [h.get("id") for h in hazards]
    assert ids == [f"H-{n:03d}" for n in range(1, len(hazards) + 1)], ids


def test_every_hazard_has_a_control_proved_by_a_test(hazards: list[dict[str, Any]]) -> None:
    without = [
        _name(h, i)
        for i, h in enumerate(hazards)
        if not any(isinstance(c, dict) and c.get("tests") for c in h.get("controls") or [])
    ]
    assert not without, f"hazards with no control proved by a test: {', '.join(without)}"


# ---------------------------------------------------------------- named tests exist


@cache
def _tests_in(path: str) -> frozenset[str]:
    """The test functions pytest would collect from a file: module level, and in Test classes."""
    source = ROOT / path
    if not source.is_file():
        return frozenset()
    tree = ast.parse(source.read_text(encoding="utf-8"), filename=path)
    functions = (ast.FunctionDef, ast.AsyncFunctionDef)
    names = {node.name for node in tree.body if isinstance(node, functions)}
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            names |= {f"{node.name}::{m.name}" for m in node.body if isinstance(m, functions)}
    return frozenset(name for name in names if name.split("::")[-1].startswith("test"))


def test_every_named_test_exists(hazards: list[dict[str, Any]]) -> None:
    missing = []
    for index, hazard in enumerate(hazards):
        for number, control in enumerate(hazard.get("controls") or [], start=1):
            for test in (control or {}).get("tests") or []:
                match = NODE_ID.match(str(test))
                if match is None:
                    continue  # reported by test_every_hazard_has_every_field
                path, function = match.groups()
                if function not in _tests_in(path):
                    why = "no such test in it" if (ROOT / path).is_file() else "no such file"
                    missing.append(f"{_name(hazard, index)} control {number}: {test} ({why})")
    assert not missing, "the hazard log names tests that do not exist:\n" + "\n".join(missing)


def test_the_existence_check_finds_real_tests_and_misses_made_up_ones() -> None:
    here = "tests/test_hazard_log.py"
    assert "test_every_named_test_exists" in _tests_in(here)
    assert "test_no_such_thing" not in _tests_in(here)
    assert _tests_in("tests/no_such_file.py") == frozenset()
    assert not NODE_ID.match("tests/vignettes/test_vignettes.py::test_x[vignettes.jsonl]")


# ---------------------------------------------------------------- risk


def test_the_renderer_uses_the_dcb0129_matrix() -> None:
    module = renderer()
    assert list(module.SEVERITIES) == SEVERITIES
    assert list(module.LIKELIHOODS) == LIKELIHOODS
    for severity in SEVERITIES:
        for likelihood in LIKELIHOODS:
            assert module.risk(severity, likelihood) == _oracle(severity, likelihood), (
                severity,
                likelihood,
            )
    with pytest.raises(module.HazardLogError):
        module.risk("Serious", "Low")


def test_the_matrix_never_rates_a_worse_case_lower() -> None:
    for i, severity in enumerate(SEVERITIES):
        for j, likelihood in enumerate(LIKELIHOODS):
            rating = _oracle(severity, likelihood)
            assert 1 <= rating <= 5
            if i:
                assert rating >= _oracle(SEVERITIES[i - 1], likelihood)
            if j:
                assert rating >= _oracle(severity, LIKELIHOODS[j - 1])


def _risks(hazard: dict[str, Any]) -> tuple[int, int]:
    return (
        _oracle(hazard["initial_severity"], hazard["initial_likelihood"]),
        _oracle(hazard["residual_severity"], hazard["residual_likelihood"]),
    )


def test_the_rendered_log_shows_the_risks_the_matrix_gives(
    hazards: list[dict[str, Any]],
) -> None:
    page = RENDERED.read_text(encoding="utf-8")
    for hazard in hazards:
        initial, residual = _risks(hazard)
        row = re.search(rf"^\| \[{hazard['id']}\]\(.*\| (\d) \| (\d) \| (\w+) \|", page, re.M)
        assert row, f"{hazard['id']} is missing from the summary of {RENDERED.name}"
        assert (int(row[1]), int(row[2]), row[3]) == (initial, residual, hazard["status"]), hazard[
            "id"
        ]


def test_controls_never_raise_the_risk(hazards: list[dict[str, Any]]) -> None:
    for hazard in hazards:
        initial, residual = _risks(hazard)
        assert residual <= initial, f"{hazard['id']}: residual {residual} > initial {initial}"


def test_a_closed_hazard_has_no_gaps_and_an_acceptable_residual_risk(
    hazards: list[dict[str, Any]],
) -> None:
    # DCB0129: 1 and 2 are acceptable; 3 only where further reduction is
    # impractical, which a clinical safety officer must accept; 4 and 5 never.
    for hazard in hazards:
        if hazard["status"] != "closed":
            continue
        _, residual = _risks(hazard)
        assert not hazard.get("gaps"), f"{hazard['id']} is closed but lists gaps"
        assert residual <= 2 or (residual == 3 and hazard.get("acceptance")), (
            f"{hazard['id']} is closed at residual risk {residual}"
        )


# ---------------------------------------------------------------- the rendered page


def test_the_rendered_log_is_up_to_date(log: dict[str, Any]) -> None:
    expected = renderer().render(log)
    current = RENDERED.read_text(encoding="utf-8") if RENDERED.exists() else ""
    assert current == expected, (
        f"{RENDERED.relative_to(ROOT)} differs from the YAML: run {RERENDER} "
        "(never edit the .md by hand)"
    )


def test_the_readme_links_the_hazard_log() -> None:
    assert "docs/safety/hazards.md" in (ROOT / "README.md").read_text(encoding="utf-8")
