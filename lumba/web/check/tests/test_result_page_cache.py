"""The result page, kept whole in the process's memory (issue 17, section 10):
a visitor whose answers give a result already shown gets the same page
without rendering it, with a CSRF token of their own in its forms, and
nothing of another visitor's."""

from __future__ import annotations

import re

from django.core.cache import caches
from django.test import Client

from lumba.web.check import views
from lumba.web.check.tests.test_result_page import PUBIC, SELF_CARE
from tests.check_answers import result_page

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')


def _tokens(page: str) -> list[str]:
    return TOKEN.findall(page)


def _without_tokens(page: str) -> str:
    return TOKEN.sub("", page)


def _fresh() -> None:
    caches[views._PAGES].clear()


def test_a_result_shown_before_is_served_whole_without_rendering() -> None:
    _fresh()
    client = Client()
    first = result_page(client, PUBIC)
    again = client.get("/check/result/")
    assert again.status_code == 200
    assert again.templates == []  # nothing rendered: the page came from the cache
    assert _without_tokens(again.content.decode()) == _without_tokens(first)


def test_every_visitor_gets_a_token_of_their_own_that_works() -> None:
    _fresh()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    pages = []
    for client in (first, second):
        walker = Client()
        result_page(walker, SELF_CARE)
        client.cookies = walker.cookies  # the finished check, without any CSRF cookie yet
        response = client.get("/check/result/")
        pages.append(response.content.decode())
        assert "csrftoken" in response.cookies  # the token's cookie is sent with the page
    first_tokens, second_tokens = (_tokens(page) for page in pages)
    # Two forms (the footer's region and "Start again"), one token in both.
    assert len(first_tokens) == 2 and len(set(first_tokens)) == 1
    assert len(second_tokens) == 2 and len(set(second_tokens)) == 1
    assert views._TOKEN_STAND_IN not in pages[0] + pages[1]
    # The second visitor's page came from the cache, and its token is theirs:
    # it starts their check again; the first visitor's token does not.
    refused = second.post("/check/restart/", {"csrfmiddlewaretoken": first_tokens[0]})
    assert refused.status_code == 403
    restarted = second.post("/check/restart/", {"csrfmiddlewaretoken": second_tokens[0]})
    assert restarted.status_code == 302 and restarted["Location"] == "/check/"


def test_a_cached_page_gets_a_new_token_each_time() -> None:
    _fresh()
    client = Client()
    result_page(client, SELF_CARE)
    tokens = {_tokens(client.get("/check/result/").content.decode())[0] for _ in range(3)}
    assert len(tokens) == 3  # masked afresh, as Django does for every rendered page


def test_signed_in_and_signed_out_visitors_do_not_share_a_page(person: Client) -> None:
    _fresh()
    signed_out = result_page(Client(), SELF_CARE)
    assert 'href="/accounts/login/"' in signed_out and 'href="/diary/"' not in signed_out
    signed_in = result_page(person, SELF_CARE)
    assert 'href="/diary/"' in signed_in and 'href="/accounts/login/"' not in signed_in


def test_a_message_waiting_for_the_visitor_is_shown_on_a_result_kept_whole(
    person: Client, stranger: Client
) -> None:
    _fresh()
    # The stranger's sign-in message is shown on their first result; their
    # second visit is a page kept whole, signed in, with no message.
    result_page(stranger, SELF_CARE)
    assert 'class="messages"' not in stranger.get("/check/result/").content.decode()
    # The person has just signed up: allauth's "signed in" message waits.
    page = result_page(person, SELF_CARE)
    assert 'class="messages"' in page and "amy@example.com" in page
