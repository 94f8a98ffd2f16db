"""The shape limits: the cheap pre-check never lets a breaking document past,
and the walk names the bound a document breaks."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lumba.core import input_limits as limits
from lumba.core.errors import MAX_PROBLEMS, FieldProblem, capped
from lumba.service import InvalidAssessment, parse_assessment

# Small and large documents alike: short words and long ones, shallow and
# deep, with colons, commas and brackets inside strings too.
_text = st.text(alphabet=st.sampled_from('ab:,[]{}" é'), max_size=40) | st.just("x" * 2100)
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | _text,
    lambda inner: st.lists(inner, max_size=30) | st.dictionaries(_text, inner, max_size=30),
    max_leaves=250,
)


@settings(max_examples=60, deadline=None)
@given(_json)
def test_the_pre_check_lets_no_breaking_document_past(document: Any) -> None:
    text = json.dumps(document, ensure_ascii=False)
    if not limits.may_exceed(text):
        assert limits.shape_problem(document) is None


def _nested(levels: int) -> Any:
    document: Any = []
    for _ in range(levels - 1):
        document = [document]
    return document


@pytest.mark.parametrize(
    ("document", "said"),
    [
        ({str(n): n for n in range(limits.MAX_KEYS + 1)}, f"more than {limits.MAX_KEYS} keys"),
        (list(range(limits.MAX_ITEMS + 1)), f"more than {limits.MAX_ITEMS} list items"),
        (_nested(limits.MAX_DEPTH + 1), f"more than {limits.MAX_DEPTH} levels"),
        ({"k": "x" * (limits.MAX_STRING + 1)}, f"longer than {limits.MAX_STRING}"),
        ({"x" * (limits.MAX_STRING + 1): 1}, f"longer than {limits.MAX_STRING}"),
    ],
)
def test_each_bound_is_named_when_broken(document: Any, said: str) -> None:
    problem = limits.shape_problem(document)
    assert problem is not None and said in problem.message


@pytest.mark.parametrize(
    "document",
    [
        {str(n): n for n in range(limits.MAX_KEYS)},
        list(range(limits.MAX_ITEMS)),
        _nested(limits.MAX_DEPTH),
        {"k": "x" * limits.MAX_STRING},
    ],
)
def test_a_document_at_each_bound_passes(document: Any) -> None:
    assert limits.shape_problem(document) is None


def test_the_command_line_refuses_a_hostile_assessment_with_one_problem() -> None:
    text = json.dumps({f"k{n}": n for n in range(5000)})
    with pytest.raises(InvalidAssessment) as refused:
        parse_assessment(text)
    assert [p.field for p in refused.value.problems] == [""]
    assert "too large to check" in refused.value.first.message


def test_a_nesting_too_deep_for_the_parser_is_refused_by_name() -> None:
    with pytest.raises(InvalidAssessment) as refused:
        parse_assessment("[" * 50_000 + "]" * 50_000)
    assert "levels deep" in refused.value.first.message


@pytest.mark.parametrize("count", [0, 1, MAX_PROBLEMS, MAX_PROBLEMS + 1, 1000])
def test_a_list_of_problems_is_capped_and_says_how_many_more(count: int) -> None:
    found = [FieldProblem(f"f{n}", "bad") for n in range(count)]
    shown = capped(found)
    assert len(shown) == min(count, MAX_PROBLEMS)
    if count > MAX_PROBLEMS:
        assert shown[:-1] == found[: MAX_PROBLEMS - 1]
        left = count - (MAX_PROBLEMS - 1)
        assert shown[-1] == FieldProblem("", f"and {left} more problems, not listed")
    else:
        assert shown == found
