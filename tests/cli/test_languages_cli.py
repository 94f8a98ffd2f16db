"""The terminal in Chinese: only the words change, never the level, the
reasons or the plan; and no English is left in what a person reads."""

from __future__ import annotations

import json
import re

import pytest

from tests.cli.test_check_cli import PLAIN_ANSWERS
from tests.vignettes.cases import all_vignettes


def _assessments() -> list[str]:
    return [json.dumps(case["assessment"]) for case in all_vignettes()]


def _decisions(output: str) -> list[tuple]:
    decided = []
    for line in output.splitlines():
        result = json.loads(line)
        reasons = tuple(reason["rule"] for reason in result["reasons"])
        plan = tuple(card["id"] for card in result["plan"])
        decided.append((result["level"], reasons, plan, tuple(result["actions"]) != ()))
    return decided


@pytest.mark.parametrize("region", ["GB", "CN"])
def test_every_vignette_gets_the_same_decision_in_chinese(invoke_lumba, region: str) -> None:
    lines = "\n".join(_assessments()) + "\n"
    english = invoke_lumba("triage", "--batch", "--region", region, "--lang", "en", input=lines)
    chinese = invoke_lumba(
        "triage", "--batch", "--region", region, "--lang", "zh-Hans", input=lines
    )
    assert english.returncode == chinese.returncode == 0, chinese.stderr
    assert _decisions(chinese.stdout) == _decisions(english.stdout)
    assert len(_decisions(chinese.stdout)) >= 300
    first = json.loads(chinese.stdout.splitlines()[0])
    assert first["language"] == "zh-Hans"
    assert re.search(r"[\u4e00-\u9fff]", first["headline"])


def test_the_language_tag_ignores_case_and_an_unknown_one_is_refused(invoke_lumba) -> None:
    body = _assessments()[0]
    assert (
        json.loads(invoke_lumba("triage", "--lang", "ZH-hans", input=body).stdout)["language"]
        == "zh-Hans"
    )
    refused = invoke_lumba("triage", "--lang", "fr", input=body)
    assert refused.returncode == 2
    assert "fr" in refused.stderr and "zh-Hans" in refused.stderr


def test_an_invalid_assessment_is_explained_in_chinese_with_the_same_field(invoke_lumba) -> None:
    bad = json.dumps({"gestational_weeks": 50, "pain": {"intensity": 3, "locations": ["hip"]}})
    english = invoke_lumba("triage", "--lang", "en", input=bad)
    chinese = invoke_lumba("triage", "--lang", "zh-Hans", input=bad)
    assert english.returncode == chinese.returncode == 2
    assert "gestational_weeks: must be at most 44 (got 50)" in english.stderr
    assert "gestational_weeks: 不能大于 44（收到的是 50）" in chinese.stderr


# Latin-letter words a Chinese reader may still meet in the terminal check:
# the name, the commands it says they can type, units, and the names of the
# sources (publications keep their own titles); NHS, NICE and WHO are named
# in the note that the content is not yet approved; PGP and SPD are the
# letters a person meets in their notes, introduced in Chinese (英文简称);
# and `lumba explain ID --lang zh-Hans` with the ids of the cards and reasons
# shown, which is how a person reads one in full.
ALLOWED_LATIN = {"lumba", "back", "mmHg", "NHS", "NICE", "WHO", "PGP", "SPD"}
COMMAND_WORDS = {"explain", "lang", "zh-Hans"}


def _leftover_english(output: str) -> list[str]:
    from lumba.content.loader import default_library

    library = default_library()
    ids = {item.id for item in (*library.rules, *library.cards)}
    allowed = ALLOWED_LATIN | COMMAND_WORDS | ids
    found = []
    for line in output.splitlines():
        if "来源：" in line or "http" in line:
            continue  # a source's own title, and its address
        words = re.findall(r"[A-Za-z][A-Za-z'-]{2,}", line)
        found += [word for word in words if word not in allowed]
    return found


def test_the_terminal_check_speaks_chinese_throughout(invoke_lumba) -> None:
    answers = "\n".join(PLAIN_ANSWERS) + "\n"
    # Wide enough that no line wraps: a source's title stays on its 来源 line.
    wide = {"COLUMNS": "1000"}
    run = invoke_lumba(
        "check", "--region", "CN", "--lang", "zh-Hans", input=answers, env=wide, timeout=60
    )
    assert run.returncode == 0, run.stderr
    assert "现在该怎么做" in run.stdout
    assert "你的计划" in run.stdout
    assert _leftover_english(run.stdout) == []


def test_the_terminal_check_takes_chinese_typing(invoke_lumba) -> None:
    # Full-width digits and commas from a Chinese input method; "是" for yes.
    answers = [*PLAIN_ANSWERS]
    answers[1] = "３０"  # weeks
    answers[8] = "１，２"  # lower back and another place
    answers[0] = "返回"  # back at the first step stays at the first step
    answers.insert(1, "")
    run = invoke_lumba(
        "check", "--region", "CN", "--lang", "zh-Hans", input="\n".join(answers) + "\n"
    )
    assert run.returncode == 0, run.stderr
    assert "现在该怎么做" in run.stdout
    # No answer was refused: none of the "please type..." messages was shown.
    for refusal in ("请输入", "请从列表", "请至少选一项", "不是 1 到"):
        assert refusal not in run.stdout
