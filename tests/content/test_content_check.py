"""`lumba content check` reports every problem in every file at once, each with its file
and field: a problem the loader finds never hides another, in the same file or elsewhere."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from content_copy import edit_yaml
from typer.testing import CliRunner

from lumba.cli import app
from lumba.content.checks import check_content
from lumba.content.loader import Problem


def _calm_card(content: Path) -> Path:
    """A card shown at self-care with no reason for urgency words: one may not say "999"."""
    for path in sorted((content / "cards").glob("*.yaml")):
        card = yaml.safe_load(path.read_text(encoding="utf-8"))
        if "self_care" not in card.get("not_at_levels", []) and not card.get("urgency_reason"):
            return path
    raise AssertionError("no card is shown at self-care")


def _has(found: list[Problem], file: str, field: str, words: str) -> bool:
    return any(p.file.endswith(file) and p.field == field and words in p.message for p in found)


def _break_two_files_two_ways_each(content: Path) -> tuple[Path, Path]:
    """One card with a bad certainty and an unknown source (both loader problems of one
    file); another with an unknown source and urgency words (a loader problem and a
    wording one, which also leaves its Chinese stale); and a rule example that is wrong."""
    first = content / "cards" / "acupuncture.yaml"
    second = _calm_card(content)
    assert first != second

    def bad_certainty_and_source(card: dict[str, Any]) -> None:
        card["certainty"] = "somewhat"
        card["sources"] = ["S9999", *card["sources"][1:]]

    def unknown_source_and_urgency(card: dict[str, Any]) -> None:
        card["sources"] = [*card["sources"], "S9998"]
        card["summary"]["en"] += " Call 999 now."

    def rule_example_that_does_not_fire(rules: list[dict[str, Any]]) -> None:
        rules[0]["examples"]["fires"][0] = {"symptoms": ["fever"]}

    edit_yaml(first, bad_certainty_and_source)
    edit_yaml(second, unknown_source_and_urgency)
    edit_yaml(content / "data" / "rules.yaml", rule_example_that_does_not_fire)
    return first, second


def test_it_reports_every_problem_of_every_file_at_once(content: Path) -> None:
    first, second = _break_two_files_two_ways_each(content)
    found = check_content(content)
    first_name, second_name = f"cards/{first.name}", f"cards/{second.name}"
    # A bad certainty no longer hides a bad source in the same file.
    assert _has(found, first_name, "certainty", "somewhat"), found
    assert _has(found, first_name, f"{first.stem}.sources[0]", "unknown source 'S9999'"), found
    # An unknown source no longer hides the wording, translation and example checks.
    last = len(yaml.safe_load(second.read_text(encoding="utf-8"))["sources"]) - 1
    assert _has(found, second_name, f"{second.stem}.sources[{last}]", "S9998"), found
    assert _has(found, second_name, "summary", "'999' (emergency)"), found
    assert any(
        p.file.endswith(".lock") and p.field.endswith("summary") and "was not accepted" in p.message
        for p in found
    ), found
    rules = yaml.safe_load((content / "data" / "rules.yaml").read_text(encoding="utf-8"))
    field = f"{rules[0]['id']}.examples.fires[0]"
    assert _has(found, "rules.yaml", field, "does not fire"), found
    assert all(p.file and p.field for p in found), found


def test_it_still_checks_the_sources_of_a_rule_refused_for_another_field(content: Path) -> None:
    def break_rule(rules: list[dict[str, Any]]) -> None:
        rules[1]["level"] = "whenever"
        rules[1]["sources"] = ["S9999"]

    edit_yaml(content / "data" / "rules.yaml", break_rule)
    found = check_content(content)
    assert _has(found, "rules.yaml", "[1].level", "whenever"), found
    rule_id = yaml.safe_load((content / "data" / "rules.yaml").read_text("utf-8"))[1]["id"]
    assert _has(found, "rules.yaml", f"{rule_id}.sources[0]", "S9999"), found


def test_it_still_checks_the_sources_and_cards_of_a_refused_myth(content: Path) -> None:
    def break_myth(myths: list[dict[str, Any]]) -> None:
        myths[0]["reviewed"] = "someday"
        myths[0]["sources"] = ["S9999"]
        myths[0]["cards"] = ["no-such-card"]

    edit_yaml(content / "data" / "myths.yaml", break_myth)
    found = check_content(content)
    assert _has(found, "myths.yaml", "[0].reviewed", ""), found
    assert _has(found, "myths.yaml", "[0].sources[0]", "S9999"), found
    assert _has(found, "myths.yaml", "[0].cards[0]", "no-such-card"), found


def test_it_names_a_malformed_source_code_once(content: Path) -> None:
    card = content / "cards" / "acupuncture.yaml"
    edit_yaml(card, lambda data: data.__setitem__("sources", ["nope"]))
    found = [p for p in check_content(content) if p.file.endswith(f"cards/{card.name}")]
    assert [p.field for p in found] == ["sources[0]"], found


def test_the_command_prints_every_problem_and_exits_1(content: Path) -> None:
    _break_two_files_two_ways_each(content)
    expected = check_content(content)
    run = CliRunner().invoke(app, ["content", "check", str(content)])
    assert run.exit_code == 1, run.output
    printed = run.stdout.splitlines()
    assert printed == [str(p) for p in expected]
    assert len(printed) >= 6
    assert f"lumba: {len(expected)} content problem(s)" in run.stderr


# The command on the packaged content (every rule's own examples, the drafts):
# tests/cli/test_triage_cli.py::test_it_checks_the_packaged_content.


def test_the_command_refuses_a_folder_that_is_not_content(tmp_path: Path) -> None:
    run = CliRunner().invoke(app, ["content", "check", str(tmp_path)])
    assert run.exit_code == 2
    assert "not a content folder" in run.stderr


def test_a_card_condition_too_long_to_show_a_person_is_a_problem(content: Path) -> None:
    """The advice page says who a card is for from its conditions: one it could
    not show (here 33 signs times 2 places: 66 alternatives) is refused, never hidden."""
    from lumba.core.vocabulary import Symptom, values

    path = content / "cards" / "acupuncture.yaml"

    def too_many(card: dict[str, Any]) -> None:
        card["applies_when"] = {
            "symptoms_any": list(values(Symptom)),
            "locations_any": ["lower_back", "pubic"],
        }

    edit_yaml(path, too_many)
    found = check_content(content)
    assert _has(found, "cards/acupuncture.yaml", "applies_when", "alternatives to read")
