"""Reading a pain diary: when to suggest a new check (the issue's three
reasons), how the pain changed, and what seemed to help."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from lumba.core.diary import Day, pain_change, suggest_check, what_helped

TODAY = dt.date(2026, 12, 1)


def ago(days: int) -> dt.date:
    return TODAY - dt.timedelta(days=days)


def day(days_ago: int, pain: int, *symptoms: str, helped: tuple[str, ...] = ()) -> Day:
    return Day(ago(days_ago), pain, frozenset(symptoms), frozenset(helped))


# ------------------------------------------------------------ suggest a check
def test_it_suggests_nothing_for_an_empty_or_steady_diary() -> None:
    assert suggest_check([], TODAY) is None
    assert suggest_check([day(3, 4), day(2, 4), day(0, 5)], TODAY) is None


def test_it_suggests_a_check_when_pain_rises_by_two_within_a_week() -> None:
    suggestion = suggest_check([day(6, 3), day(3, 2), day(0, 4)], TODAY)
    assert suggestion is not None
    assert (suggestion.reason, suggestion.before, suggestion.after, suggestion.days) == (
        "pain_up",
        2,
        4,
        3,
    )


def test_a_rise_spread_over_more_than_a_week_is_not_a_weekly_rise() -> None:
    assert suggest_check([day(9, 2), day(0, 4)], TODAY) is None


def test_it_suggests_a_check_after_two_weeks_without_improvement() -> None:
    suggestion = suggest_check([day(15, 5), day(8, 4), day(0, 5)], TODAY)
    assert suggestion is not None
    assert (suggestion.reason, suggestion.before, suggestion.after, suggestion.days) == (
        "not_improving",
        5,
        5,
        15,
    )


def test_pain_that_has_eased_over_two_weeks_needs_no_new_check() -> None:
    assert suggest_check([day(15, 6), day(7, 4), day(0, 3)], TODAY) is None


def test_no_pain_is_not_a_lack_of_improvement() -> None:
    assert suggest_check([day(20, 0), day(0, 0)], TODAY) is None


def test_a_new_sign_comes_first_and_is_named() -> None:
    days = [day(10, 3, "leg_tingling"), day(1, 2), day(0, 6, "leg_tingling", "fever")]
    suggestion = suggest_check(days, TODAY)
    assert suggestion is not None
    assert (suggestion.reason, suggestion.signs) == ("new_sign", ("fever",))


def test_a_sign_last_seen_over_two_weeks_ago_is_new_again() -> None:
    suggestion = suggest_check([day(20, 3, "fever"), day(0, 3, "fever")], TODAY)
    assert suggestion is not None and suggestion.reason == "new_sign"


def test_entries_dated_after_today_are_not_read() -> None:
    future = Day(TODAY + dt.timedelta(days=1), 9, frozenset({"fever"}))
    assert suggest_check([day(2, 3), day(0, 3), future], TODAY) is None


entries = st.lists(
    st.builds(
        day,
        st.integers(0, 40),
        st.integers(0, 10),
    )
    | st.builds(day, st.integers(0, 40), st.integers(0, 10), st.sampled_from(["fever"])),
    max_size=12,
)


@given(entries, st.integers(0, 10))
def test_a_new_entry_with_more_pain_never_removes_a_suggestion(days, extra) -> None:
    # Worse news can only add a reason to check, never take one away: the
    # latest entry, made more painful, keeps a suggestion.
    if not days:
        return
    latest = max(days, key=lambda d: d.date)
    worse = Day(latest.date, min(10, latest.pain + extra), latest.symptoms)
    rest = [d for d in days if d.date != latest.date]
    if suggest_check([*rest, latest], TODAY) is not None:
        assert suggest_check([*rest, worse], TODAY) is not None


# ------------------------------------------------------------ how it changed
def test_it_says_how_the_pain_changed_over_the_period() -> None:
    change = pain_change([day(10, 6), day(4, 5), day(0, 3)], TODAY)
    assert change is not None
    assert (change.first, change.last, change.days, change.direction) == (6, 3, 10, "down")


def test_one_day_is_not_a_change() -> None:
    assert pain_change([day(0, 6)], TODAY) is None


# ------------------------------------------------------------ what helped
def test_it_compares_days_with_and_without_each_card() -> None:
    days = [
        day(3, 6),
        day(2, 3, helped=("warmth-for-back-pain",)),
        day(1, 5),
        day(0, 2, helped=("warmth-for-back-pain", "pelvic-support-belt")),
    ]
    found = {h.card: h for h in what_helped(days, TODAY)}
    warmth = found["warmth-for-back-pain"]
    assert (warmth.with_card, warmth.days_with, warmth.without_card, warmth.days_without) == (
        2.5,
        2,
        5.5,
        2,
    )
    assert found["pelvic-support-belt"].days_with == 1


def test_a_card_used_every_day_cannot_be_compared() -> None:
    days = [day(1, 4, helped=("tens-machines",)), day(0, 3, helped=("tens-machines",))]
    assert what_helped(days, TODAY) == []
