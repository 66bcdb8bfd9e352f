"""PV205: weekday words tied to a definite day."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from provcheck.models import Certainty, DateSource, WeekdayMention
from provcheck.rules.weekdays import explicit_pairings, relative_pairings
from tests.rules.builders import cand, ctx, dates, doc, run

# 2021-03-26 was a Friday, 2021-03-27 a Saturday, 2021-03-29 a Monday.
FRIDAY, SATURDAY, SUNDAY, MONDAY = 4, 5, 6, 0


def mention(weekday: int, word: str, line: int, relative: bool = False) -> WeekdayMention:
    return WeekdayMention(weekday, word, word, line, relative)


def test_explicit_pairings_parse_common_forms() -> None:
    ref = dt.date(2021, 3, 29)
    assert explicit_pairings("on Saturday, March 27, the talks", "Saturday", ref)[0].day == (
        dt.date(2021, 3, 27)
    )
    found = explicit_pairings("Sat. 27 March 2021", "Sat", None)
    assert found[0].day == dt.date(2021, 3, 27)
    assert found[0].explicit_year
    assert explicit_pairings("Saturday 2021-03-27", "Saturday", None)[0].day.day == 27
    assert explicit_pairings("March 27 (Saturday)", "Saturday", ref)[0].day.month == 3
    assert explicit_pairings("on Saturday the crowd", "Saturday", ref) == []
    assert explicit_pairings("Saturday, March 27", "Saturday", None) == []  # no year known


def test_missing_year_is_guessed_near_the_document_date() -> None:
    found = explicit_pairings("Wednesday, December 30", "Wednesday", dt.date(2021, 1, 2))
    assert found[0].day == dt.date(2020, 12, 30)
    assert not found[0].explicit_year


def test_relative_pairings() -> None:
    day = dt.date(2021, 3, 29)
    assert relative_pairings("said yesterday, Sunday, that", "Sunday", day)[0].day == (
        dt.date(2021, 3, 28)
    )
    assert relative_pairings("Monday (today)", "Monday", day)[0].relative_word == "today"
    assert relative_pairings("on Sunday the crowd", "Sunday", day) == []


def test_pv205_fires_on_wrong_explicit_pairing() -> None:
    text = "Dateline\nProtests resumed on Sunday, March 27, after a pause.\n"
    d = doc(text=text, date=dates(cand("2021-03-29")), weekdays=(mention(SUNDAY, "Sunday", 2),))
    found = run("PV205", ctx(d))
    assert len(found) == 1
    assert found[0].line == 2
    assert "Sunday" in found[0].message
    assert "Saturday" in found[0].message
    assert "2021-03-27" in found[0].message
    assert found[0].confidence is Certainty.MEDIUM


def test_pv205_silent_on_right_pairing_and_bare_weekdays() -> None:
    text = "Protests resumed on Saturday, March 27.\nOfficials said Friday they would talk.\n"
    d = doc(
        text=text,
        date=dates(cand("2021-03-29")),
        weekdays=(mention(SATURDAY, "Saturday", 1), mention(FRIDAY, "Friday", 2, True)),
    )
    assert run("PV205", ctx(d)) == []


def test_pv205_today_must_match_a_stated_date() -> None:
    text = "The council met today, Friday, in closed session.\n"
    d = doc(text=text, date=dates(cand("2021-03-29")), weekdays=(mention(FRIDAY, "Friday", 1),))
    found = run("PV205", ctx(d))
    assert len(found) == 1
    assert "'today'" in found[0].message
    inferred = doc(
        text=text,
        date=dates(cand("2021-03-29", DateSource.CAPTION)),
        weekdays=(mention(FRIDAY, "Friday", 1),),
    )
    assert run("PV205", ctx(inferred)) == []


def test_pv205_ignores_mentions_outside_the_text() -> None:
    d = doc(text="one line\n", weekdays=(mention(MONDAY, "Monday", 40),))
    assert run("PV205", ctx(d)) == []


@given(
    text=st.text(max_size=80)
    | st.from_regex(r"(Mon|Sat)[a-z]*\.?,? (Feb|Sept?)[a-z.]* [0-9]{1,2}(, 20[0-9]{2})?"),
    word=st.sampled_from(["Monday", "Mon.", "Saturday", "Sat"]),
    day=st.dates(min_value=dt.date(1996, 1, 1), max_value=dt.date(2090, 1, 1)),
)
def test_pairing_parsers_never_crash(text: str, word: str, day: dt.date) -> None:
    for pairing in explicit_pairings(text, word, day) + relative_pairings(text, word, day):
        assert pairing.phrase in text
