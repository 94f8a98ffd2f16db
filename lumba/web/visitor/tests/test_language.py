"""Choosing the language: the browser's first, then a choice that is kept
(cookie, profile), with the page's lang and hreflang right."""

from __future__ import annotations

import html
import re

from django.test import Client

from lumba.web.accounts.tests.people import PASSWORD


def h1(response) -> str:
    return re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S).group(1)


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def test_a_first_visit_reads_the_browsers_language(client: Client) -> None:
    chinese = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9,en;q=0.5")
    assert html_lang(chinese) == "zh-Hans"
    assert re.search(r"[\u4e00-\u9fff]", h1(chinese))
    english = Client().get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert html_lang(english) == "en"
    assert "Accept-Language" in chinese["Vary"] and "Cookie" in chinese["Vary"]


def test_the_footer_links_each_language_named_in_itself(client: Client) -> None:
    page = client.get("/advice/?topic=sleep").content.decode()
    links = re.search(r'<nav class="language-links".*?</nav>', page, re.S).group(0)
    assert '<span aria-current="true" lang="en">English</span>' in links
    chinese = re.search(r'<a href="([^"]+)" hreflang="zh-Hans" lang="zh-Hans">简体中文</a>', links)
    assert html.unescape(chinese.group(1)) == "/advice/?topic=sleep&lang=zh-Hans"


def test_a_choice_is_kept_in_a_cookie_over_the_browsers_language(client: Client) -> None:
    client.get("/advice/?lang=zh-Hans", HTTP_ACCEPT_LANGUAGE="en-GB")
    later = client.get("/advice/myths/", HTTP_ACCEPT_LANGUAGE="en-GB")
    assert html_lang(later) == "zh-Hans"
    client.get("/?lang=en")
    assert html_lang(client.get("/", HTTP_ACCEPT_LANGUAGE="zh-CN")) == "en"


def test_an_unknown_language_changes_nothing(client: Client) -> None:
    response = client.get("/?lang=klingon")
    assert html_lang(response) == "en"
    assert "django_language" not in response.cookies


def test_a_machines_lang_is_not_kept_as_a_persons_choice(client: Client) -> None:
    api = client.get("/api/v1/rules?lang=zh-Hans")
    assert api.status_code == 200 and "django_language" not in api.cookies
    assert html_lang(client.get("/")) == "en"


def test_a_link_can_carry_the_language_and_it_is_kept(client: Client) -> None:
    first = client.get("/advice/?lang=zh-hans", HTTP_ACCEPT_LANGUAGE="en")
    assert html_lang(first) == "zh-Hans"
    assert html_lang(client.get("/advice/myths/", HTTP_ACCEPT_LANGUAGE="en")) == "zh-Hans"


def test_each_page_names_itself_in_every_language_for_hreflang(client: Client) -> None:
    page = client.get("/advice/?topic=sleep").content.decode()
    found = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', page)
    links = {language: html.unescape(url) for language, url in found}
    assert links == {
        "en": "/advice/?topic=sleep&lang=en",
        "zh-Hans": "/advice/?topic=sleep&lang=zh-Hans",
    }


def test_a_signed_in_persons_choice_follows_them_to_another_device(person: Client) -> None:
    person.get("/diary/?lang=zh-Hans")
    elsewhere = Client()  # another browser: no cookie, an English browser
    signed = elsewhere.post("/accounts/login/", {"login": "amy@example.com", "password": PASSWORD})
    assert signed.status_code == 302
    diary = elsewhere.get("/diary/", HTTP_ACCEPT_LANGUAGE="en-GB")
    assert html_lang(diary) == "zh-Hans"
    assert elsewhere.cookies["django_language"].value == "zh-hans"
