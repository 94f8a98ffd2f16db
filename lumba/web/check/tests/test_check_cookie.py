"""The check's answers come back from the browser: what comes back is
checked against the questions before use. A cookie that does not fit
(an older lumba, or forged) starts the check again with a plain message;
no cookie, whatever it holds, makes a check page fail."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import signing
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lumba.content.loader import default_library
from lumba.web.check.state import _SALT, COOKIE
from tests.check_answers import NO_SIGNS, SELF_CARE

PAGES = ["/check/emergency-signs/", "/check/answers/", "/check/result/", "/check/result/print/"]
RESTART_SAYS = "Your earlier answers could not be read"


def _signed(answers: Any, stopped: Any = None) -> str:
    # Signed with this installation's key, as lumba itself would sign it.
    return signing.dumps({"a": answers, "s": stopped}, salt=_SALT, compress=True)


def _visit(client: Client, page: str, value: str) -> Any:
    client.cookies[COOKIE] = value
    client.cookies[COOKIE]["path"] = "/check/"
    return client.get(page, follow=True)


def _answers_so_far() -> dict[str, Any]:
    """Real answers to the first steps, as the web check keeps them."""
    client = Client()
    client.post("/region/", {"region": "GB", "next": "/"})
    for step in ("emergency-signs", "pregnancy"):
        client.post(f"/check/{step}/", {**NO_SIGNS.get(step, {}), **SELF_CARE.get(step, {})})
    return signing.loads(client.cookies[COOKIE].value, salt=_SALT)["a"]


@pytest.mark.parametrize(
    ("answers", "stopped"),
    [
        ({"gestational_weeks": "thirty"}, None),  # wrong type
        ({"gestational_weeks": 99}, None),  # out of bounds
        ({"pain_intensity": {"a": 1}}, None),
        ({"emergency_signs": "fever"}, None),  # a list expected
        ({"emergency_signs": ["not-a-sign"]}, None),  # an option lumba does not have
        ({"a_question_lumba_no_longer_asks": True}, None),  # an older lumba
        ({}, "a-step-that-is-gone"),
        (["not", "a", "mapping"], None),
        ({"blood_pressure": {"systolic": 80, "diastolic": 120}}, None),
    ],
)
@pytest.mark.parametrize("page", PAGES)
def test_answers_that_do_not_fit_start_the_check_again_with_a_message(
    client: Client, page: str, answers: Any, stopped: Any
) -> None:
    response = _visit(client, page, _signed(answers, stopped))
    assert response.status_code == 200
    assert response.redirect_chain[0][0] == "/check/"
    assert RESTART_SAYS in response.content.decode()
    assert client.cookies[COOKIE].value == ""  # the unusable cookie is gone


def test_answers_that_fit_are_kept(client: Client) -> None:
    answers = _answers_so_far()
    assert answers  # the first steps were answered
    response = _visit(client, "/check/answers/", _signed(answers))
    assert RESTART_SAYS not in response.content.decode()
    third = default_library().questionnaire.steps[2].id
    assert response.redirect_chain[-1][0] == f"/check/{third}/"  # on from where it was


def test_a_cookie_signed_with_another_key_is_not_trusted(client: Client, settings) -> None:
    with_other_key = signing.dumps(
        {"a": _answers_so_far(), "s": None}, key="x" * 60, salt=_SALT, compress=True
    )
    response = _visit(client, "/check/result/", with_other_key)
    assert response.redirect_chain[-1][0] == "/check/emergency-signs/"


_any_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)
_question_ids = st.sampled_from([q.id for q in default_library().questionnaire.questions()])


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    answers=st.dictionaries(_question_ids, _any_json, max_size=4) | _any_json,
    page=st.sampled_from(PAGES),
)
def test_no_signed_cookie_makes_a_check_page_fail(client: Client, answers: Any, page: str) -> None:
    assert _visit(client, page, _signed(answers)).status_code == 200
