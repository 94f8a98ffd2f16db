"""The pain diary in the browser (Django's test client): an entry in a few
taps, edit and delete, a sign triaged at once with what to do first, a
worsening trend that suggests a new check, and nobody else's entries."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client

from lumba.content.loader import default_library
from lumba.web.accounts.models import Profile
from lumba.web.diary.models import Entry, SavedCheck
from tests.check_answers import SELF_CARE, walk_check

TODAY = dt.date.today()


def _entry(client: Client, days_ago: int = 0, pain: int = 4, **more: Any):
    data = {
        "date": (TODAY - dt.timedelta(days=days_ago)).isoformat(),
        "pain": str(pain),
        "locations": ["lower_back"],
        **more,
    }
    return client.post("/diary/entries/new/", data)


def test_an_entry_takes_a_few_taps_and_is_listed(person: Client) -> None:
    response = _entry(person, pain=5, worse_with=["standing"])
    assert response["Location"] == "/diary/"
    page = person.get("/diary/").content.decode()
    assert "Your diary entry is saved." in page
    entry = Entry.objects.get()
    assert (entry.pain, entry.locations, entry.worse_with) == (5, ["lower_back"], ["standing"])
    assert entry.triage["level"] == "self_care"  # every entry is triaged; calm ones quietly


def test_the_form_offers_the_pain_as_a_scale_and_folds_the_rest(person: Client) -> None:
    page = person.get("/diary/entries/new/").content.decode()
    assert page.count('name="pain"') == 11
    assert '<details class="fold">' in page  # new signs, and the notes, folded


def test_an_entry_needs_a_pain_score_and_a_day_that_has_come(person: Client) -> None:
    missing = person.post("/diary/entries/new/", {"date": TODAY.isoformat()})
    assert missing.status_code == 400
    assert 'href="#id_pain_0"' in missing.content.decode()
    future = _entry(person, days_ago=-1)
    assert future.status_code == 400
    assert "must be today or an earlier day" in future.content.decode()
    assert not Entry.objects.exists()


def test_an_entry_with_a_sign_shows_what_to_do_first_and_keeps_the_result(
    person: Client,
) -> None:
    person.post(
        "/accounts/profile/",
        {"due_date": (TODAY + dt.timedelta(days=49)).isoformat()},  # 33 weeks
    )
    response = _entry(person, pain=3, symptoms=["fluid_leak"])
    entry = Entry.objects.get()
    assert response["Location"] == f"/diary/entries/{entry.pk}/result/"
    assert entry.triage["level"] == "urgent"
    assert entry.content_version == default_library().version
    page = person.get(response["Location"]).content.decode()
    main = page[page.index("<main") :]
    assert main.index('data-level="urgent"') < main.index("Why")
    assert "What to do now" in main


def test_without_a_due_date_a_sign_is_read_at_every_week(person: Client) -> None:
    # Fewer movements matter from 24 weeks: not knowing the week reads them so.
    _entry(person, pain=2, symptoms=["reduced_fetal_movements"])
    assert Entry.objects.get().triage["level"] == "urgent"


def test_an_entry_can_be_changed_and_deleted(person: Client) -> None:
    _entry(person, pain=6)
    entry = Entry.objects.get()
    changed = person.post(
        f"/diary/entries/{entry.pk}/",
        {"date": entry.date.isoformat(), "pain": "3", "locations": ["pubic"]},
    )
    assert changed.status_code == 302
    entry.refresh_from_db()
    assert (entry.pain, entry.locations) == (3, ["pubic"])
    assert person.get(f"/diary/entries/{entry.pk}/delete/").status_code == 200
    assert person.post(f"/diary/entries/{entry.pk}/delete/").status_code == 302
    assert not Entry.objects.exists()


def test_a_stranger_cannot_see_change_or_delete_an_entry(person: Client, stranger: Client) -> None:
    _entry(person, pain=6, notes="private words")
    entry = Entry.objects.get()
    for path in (f"/diary/entries/{entry.pk}/", f"/diary/entries/{entry.pk}/delete/"):
        assert stranger.get(path).status_code == 404
        assert stranger.post(path, {"date": TODAY.isoformat(), "pain": "0"}).status_code == 404
    assert "private words" not in stranger.get("/diary/").content.decode()
    assert Entry.objects.get().pain == 6


def test_the_diary_needs_a_signed_in_person(client: Client) -> None:
    for path in ("/diary/", "/diary/entries/new/"):
        assert client.get(path)["Location"].startswith("/accounts/login/")


def test_rising_pain_suggests_a_new_check_and_says_why(person: Client) -> None:
    _entry(person, days_ago=4, pain=3)
    _entry(person, days_ago=0, pain=6)
    page = person.get("/diary/").content.decode()
    assert "Time for a new check" in page
    assert "Your pain went up from 3 to 6 in 4 days." in page


def test_easing_pain_is_said_plainly_and_suggests_nothing(person: Client) -> None:
    _entry(person, days_ago=10, pain=6)
    _entry(person, days_ago=0, pain=3)
    page = person.get("/diary/").content.decode()
    assert "Your pain went from 6 to 3 over 10 days." in page
    assert "Time for a new check" not in page
    assert '<img class="summary-chart" src="/diary/chart.svg"' in page  # the trend, drawn


def test_a_check_done_before_logging_in_can_be_saved_after(person: Client) -> None:
    person.post("/accounts/logout/")
    walk_check(person, SELF_CARE)
    to_save = person.get("/diary/checks/save/")
    assert to_save["Location"].startswith("/accounts/login/?next=/diary/checks/save/")
    person.post(
        "/accounts/login/?next=/diary/checks/save/",
        {"login": "amy@example.com", "password": "a long pass phrase 42"},
    )
    assert person.get("/diary/checks/save/").status_code == 200
    assert person.post("/diary/checks/save/")["Location"] == "/diary/"
    saved = SavedCheck.objects.get()
    assert saved.level == "self_care" and saved.answers["gestational_weeks"] == 30
    assert saved.content_version == default_library().version
    # The saved plan's cards are the ones offered as "what helped".
    form = person.get("/diary/entries/new/").content.decode()
    assert 'value="stand-well-and-not-for-long"' in form


def test_with_no_finished_check_there_is_nothing_to_save(person: Client) -> None:
    response = person.get("/diary/checks/save/")
    assert response["Location"] == "/diary/"
    assert not SavedCheck.objects.exists()


def test_no_cache_keeps_a_signed_in_persons_pages(person: Client) -> None:
    _entry(person, pain=3, symptoms=["fluid_leak"])
    entry = Entry.objects.get()
    for path in (
        "/diary/",
        f"/diary/entries/{entry.pk}/result/",
        "/diary/summary/",
        "/diary/chart.svg",
        "/diary/entries.csv",
        "/accounts/profile/",
        "/api/v1/diary/entries",
    ):
        response = person.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert "Cookie" in response["Vary"], path


def test_severe_pain_alone_shows_its_result_first(person: Client) -> None:
    response = _entry(person, pain=9)
    entry = Entry.objects.get()
    assert entry.triage["level"] == "soon"
    assert response["Location"] == f"/diary/entries/{entry.pk}/result/"


def test_a_repeated_sign_or_place_counts_once(person: Client) -> None:
    response = person.post(
        "/diary/entries/new/",
        {
            "date": TODAY.isoformat(),
            "pain": "3",
            "locations": ["flank", "flank"],
            "symptoms": ["fever", "fever"],
        },
    )
    assert response.status_code == 302
    entry = Entry.objects.get()
    assert (entry.locations, entry.symptoms) == (["flank"], ["fever"])


def test_a_sign_on_a_day_outside_the_pregnancy_is_read_the_cautious_way(person: Client) -> None:
    # A day before the pregnancy, or long after the due date, has no week the
    # spec allows: the sign is read at every week, never refused with an error.
    person.get("/accounts/profile/")  # makes the profile
    # Set past the form's own limits, as a due date long gone would be.
    Profile.objects.update(due_date=TODAY - dt.timedelta(days=60))  # 48 weeks today
    _entry(person, pain=2, symptoms=["reduced_fetal_movements"])
    _entry(person, days_ago=345, pain=2, symptoms=["reduced_fetal_movements"])  # week -1
    assert [e.triage["level"] for e in Entry.objects.all()] == ["urgent", "urgent"]


def test_the_diary_says_what_seemed_to_help_and_that_it_is_not_proof(person: Client) -> None:
    _entry(person, days_ago=2, pain=6)
    _entry(person, days_ago=1, pain=3, helped=["keep-active-in-pregnancy"])
    page = person.get("/diary/").content.decode()
    assert "This is not proof" in page
    assert "3.0 on 1 days with it, 6.0 on 1 days without." in page


def test_the_pages_read_a_bounded_window_however_many_entries_there_are(person: Client) -> None:
    from django.contrib.auth import get_user_model

    from lumba.web.diary.services import ENTRIES_READ, recent_entries

    user = get_user_model().objects.get(email="amy@example.com")
    today = dt.date.today()
    Entry.objects.bulk_create(
        [
            Entry(user=user, date=today, pain=n % 11, triage={"level": "self_care"})
            for n in range(ENTRIES_READ + 40)
        ]
    )
    read = recent_entries(user, today)
    assert len(read) == ENTRIES_READ
    assert person.get("/diary/").status_code == 200


def test_pages_that_read_many_entries_show_results_without_decoding_them(
    person: Client, monkeypatch: Any
) -> None:
    # A stored result is about 23 KB: the diary, its chart, the summary and
    # the CSV read up to hundreds of entries, and decoding every result made
    # each such request megabytes larger (the soak's memory kept rising).
    from django.db.models import JSONField

    _entry(person, days_ago=1, pain=3)
    _entry(person, pain=2, symptoms=["reduced_fetal_movements"])
    label = next(e.triage["label"] for e in Entry.objects.all() if e.symptoms)
    decoded: list[str] = []
    original = JSONField.from_db_value

    def watched(field: JSONField, value: Any, expression: Any, connection: Any) -> Any:
        decoded.append(field.name)
        return original(field, value, expression, connection)

    monkeypatch.setattr(JSONField, "from_db_value", watched)
    home = person.get("/diary/").content.decode()
    summary = person.get("/diary/summary/").content.decode()
    csv_text = person.get("/diary/entries.csv").content.decode()
    assert person.get("/diary/chart.svg").status_code == 200
    assert "triage" not in decoded
    assert decoded  # the watch saw the other JSON fields being read
    assert label in home and label in summary
    assert ",urgent" in csv_text


def test_a_kept_result_reads_in_the_language_the_person_now_uses(person: Client) -> None:
    response = _entry(person, pain=3, symptoms=["fluid_leak"])
    entry = Entry.objects.get()
    assert entry.triage["language"] == "en"
    chinese = person.get(response["Location"] + "?lang=zh-Hans").content.decode()
    main = chinese[chinese.index("<main") :]
    assert 'data-level="urgent"' in main
    urgent = default_library().levels["urgent"]
    assert urgent.label.get("zh-Hans") in main and urgent.label.get() not in main
    listed = person.get("/diary/").content.decode()
    assert urgent.label.get("zh-Hans") in listed


def test_a_kept_result_that_would_now_be_decided_otherwise_is_shown_as_kept(
    person: Client,
) -> None:
    response = _entry(person, pain=3, symptoms=["fluid_leak"])
    entry = Entry.objects.get()
    # As if the content had changed since: the kept result decided something
    # a fresh triage would not. What lumba said then is the record.
    entry.triage = {**entry.triage, "level": "soon", "label": "Soon (kept)"}
    entry.save()
    page = person.get(response["Location"] + "?lang=zh-Hans").content.decode()
    assert "Soon (kept)" in page
