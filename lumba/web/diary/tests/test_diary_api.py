"""The diary API: entries as JSON for the person (session with CSRF, or a
personal access token), 422 naming the field, the triage object on a sign,
the export, and deleting the account with the password."""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from lumba.web.accounts.tests.people import PASSWORD
from lumba.web.diary.models import Entry

TODAY = dt.date.today().isoformat()
ENTRY = {"date": TODAY, "pain": 4, "locations": ["lower_back"], "worse_with": ["standing"]}


def _token(client: Client, name: str = "my app") -> str:
    page = client.post("/accounts/tokens/", {"name": name, "password": PASSWORD}).content.decode()
    return re.search(r'<code class="token">([^<]+)</code>', page).group(1)


def _api(client: Client, method: str, path: str, body: Any = None, token: str = "") -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    data = json.dumps(body) if body is not None else None
    return getattr(client, method)(
        f"/api/v1{path}", data=data, content_type="application/json", headers=headers
    )


def test_a_token_adds_and_reads_entries(person: Client) -> None:
    token = _token(person)
    app = Client()  # another client: no session, only the token
    made = _api(app, "post", "/diary/entries", ENTRY, token)
    assert made.status_code == 201
    entry = made.json()
    assert entry["id"] == Entry.objects.get().pk
    assert entry["pain"] == 4 and entry["triage"]["level"] == "self_care"
    listed = _api(app, "get", "/diary/entries", token=token).json()
    assert [e["id"] for e in listed] == [entry["id"]]
    assert _api(app, "get", f"/diary/entries/{entry['id']}", token=token).json() == entry


def test_an_entry_with_a_sign_carries_the_triage_result(person: Client) -> None:
    token = _token(person)
    made = _api(Client(), "post", "/diary/entries", {**ENTRY, "symptoms": ["chest_pain"]}, token)
    triage = made.json()["triage"]
    assert triage["level"] == "emergency"
    assert {"level", "headline", "reasons", "plan", "actions"} <= set(triage)
    assert made.json()["content_version"].startswith("content-")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({**ENTRY, "pain": 11}, "pain"),
        ({**ENTRY, "locations": ["knee"]}, "locations"),
        ({**ENTRY, "symptoms": ["hiccups"]}, "symptoms"),
        ({**ENTRY, "helped": ["no-such-card"]}, "helped"),
        ({**ENTRY, "date": "yesterday"}, "date"),
        ({**ENTRY, "mood": "fine"}, "mood"),
        ({"date": TODAY}, "pain"),
        ({**ENTRY, "pain": "4"}, "pain"),
        ({**ENTRY, "pain": True}, "pain"),
        ({**ENTRY, "date": "0001-01-01"}, "date"),
        ({**ENTRY, "notes": "a\u0000b"}, "notes"),
    ],
)
def test_an_invalid_entry_gets_422_naming_the_field(person: Client, body, field) -> None:
    response = _api(person, "post", "/diary/entries", body)
    assert response.status_code == 422
    fields = [problem["field"] for problem in response.json()["detail"]]
    assert any(f == field or f.startswith(field + ".") for f in fields), fields
    assert not Entry.objects.exists()


def test_a_future_date_is_refused_by_name(person: Client) -> None:
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    response = _api(person, "post", "/diary/entries", {**ENTRY, "date": tomorrow})
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "date"


def test_put_replaces_and_delete_removes(person: Client) -> None:
    entry = _api(person, "post", "/diary/entries", ENTRY).json()
    changed = _api(person, "put", f"/diary/entries/{entry['id']}", {**ENTRY, "pain": 2})
    assert changed.status_code == 200 and changed.json()["pain"] == 2
    assert _api(person, "delete", f"/diary/entries/{entry['id']}").status_code == 204
    assert _api(person, "get", f"/diary/entries/{entry['id']}").status_code == 404


def test_nobody_else_reaches_an_entry(person: Client, stranger: Client) -> None:
    entry = _api(person, "post", "/diary/entries", ENTRY).json()
    path = f"/diary/entries/{entry['id']}"
    assert _api(stranger, "get", path).status_code == 404
    assert _api(stranger, "put", path, ENTRY).status_code == 404
    assert _api(stranger, "delete", path).status_code == 404
    assert _api(Client(), "get", "/diary/entries").status_code == 401
    assert _api(Client(), "get", "/diary/entries", token="lumba_not-a-token").status_code == 401


def test_the_browser_session_needs_its_csrf_token_to_write(person: Client) -> None:
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = person.cookies
    assert _api(strict, "get", "/diary/entries").status_code == 200
    assert _api(strict, "post", "/diary/entries", ENTRY).status_code == 403
    assert not Entry.objects.exists()


def test_a_revoked_token_stops_working(person: Client) -> None:
    token = _token(person)
    from lumba.web.accounts.models import AccessToken

    stored = AccessToken.objects.get()
    assert token not in (stored.digest, stored.prefix)  # only a digest is kept
    person.post("/accounts/tokens/", {"revoke": str(stored.pk)})
    assert _api(Client(), "get", "/diary/entries", token=token).status_code == 401


def test_the_export_holds_everything_given(person: Client) -> None:
    person.post("/accounts/profile/", {"summary_name": "A. B.", "questions": "Belt?"})
    _api(person, "post", "/diary/entries", {**ENTRY, "notes": "after the walk"})
    export = _api(person, "get", "/me/export").json()
    assert export["email"] == "amy@example.com"
    assert export["profile"]["summary_name"] == "A. B."
    assert export["entries"][0]["notes"] == "after the walk"


def test_the_diary_downloads_as_csv_with_formulas_kept_as_text(person: Client) -> None:
    _api(person, "post", "/diary/entries", {**ENTRY, "notes": "=HYPERLINK(1)"})
    response = person.get("/diary/entries.csv")
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("date,pain,locations")
    assert TODAY in lines[1] and "'=HYPERLINK(1)" in lines[1]


def test_deleting_the_account_needs_the_password(person: Client) -> None:
    _api(person, "post", "/diary/entries", ENTRY)
    wrong = _api(person, "delete", "/me", {"password": "not it"})
    assert wrong.status_code == 403
    assert get_user_model().objects.filter(email="amy@example.com").exists()
    assert _api(person, "delete", "/me", {"password": PASSWORD}).status_code == 204
    assert not get_user_model().objects.filter(email="amy@example.com").exists()
    assert not Entry.objects.exists()


def test_repeated_items_count_once_and_never_break_the_triage(person: Client) -> None:
    body = {**ENTRY, "locations": ["flank", "flank"], "symptoms": ["fever", "fever"]}
    made = _api(person, "post", "/diary/entries", body)
    assert made.status_code == 201
    assert made.json()["symptoms"] == ["fever"] and made.json()["locations"] == ["flank"]


def test_a_card_retired_from_the_content_still_comes_back(person: Client) -> None:
    _api(person, "post", "/diary/entries", ENTRY)
    Entry.objects.update(helped=["a-card-retired-since"])
    assert _api(person, "get", "/diary/entries").json()[0]["helped"] == ["a-card-retired-since"]
    assert _api(person, "get", "/me/export").status_code == 200


def test_making_a_token_needs_the_password(person: Client) -> None:
    refused = person.post("/accounts/tokens/", {"name": "app", "password": "not it"})
    assert refused.status_code == 400
    assert "The password is not correct" in refused.content.decode()
    from lumba.web.accounts.models import AccessToken

    assert not AccessToken.objects.exists()


def test_a_new_password_ends_every_token(person: Client) -> None:
    token = _token(person)
    new = "another long phrase 77"
    person.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
    )
    assert _api(Client(), "get", "/diary/entries", token=token).status_code == 401


def test_revoking_needs_one_of_your_own_token_ids(person: Client, stranger: Client) -> None:
    _token(person)
    from lumba.web.accounts.models import AccessToken

    theirs = AccessToken.objects.get().pk
    assert stranger.post("/accounts/tokens/", {"revoke": "abc"}).status_code == 400
    followed = stranger.post("/accounts/tokens/", {"revoke": str(theirs)}, follow=True)
    assert "nothing was revoked" in followed.content.decode()
    assert AccessToken.objects.filter(pk=theirs).exists()


def test_the_account_can_be_deleted_from_the_web_with_the_password(person: Client) -> None:
    _api(person, "post", "/diary/entries", ENTRY)
    assert person.post("/accounts/delete/", {"password": "no"}).status_code == 400
    assert person.post("/accounts/delete/", {"password": PASSWORD})["Location"] == "/"
    assert not get_user_model().objects.filter(email="amy@example.com").exists()
    assert not Entry.objects.exists()


def test_the_list_comes_a_page_at_a_time_newest_first_with_the_total(person: Client) -> None:
    token = _token(person)
    days = [dt.date.today() - dt.timedelta(days=n) for n in range(7)]
    for day in reversed(days):
        _api(Client(), "post", "/diary/entries", {**ENTRY, "date": day.isoformat()}, token)
    first = _api(Client(), "get", "/diary/entries?limit=3", token=token)
    rest = _api(Client(), "get", "/diary/entries?limit=100&offset=3", token=token)
    assert first["X-Total-Count"] == rest["X-Total-Count"] == "7"
    listed = [e["date"] for e in first.json() + rest.json()]
    assert listed == [day.isoformat() for day in days]  # newest first, none twice
    assert _api(Client(), "get", "/diary/entries?limit=101", token=token).status_code == 422
    assert len(_api(Client(), "get", "/diary/entries", token=token).json()) == 7  # default 50
