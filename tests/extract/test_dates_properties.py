"""Property tests: the date finder never crashes and only returns real, full dates."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from provcheck.extract.dates import find_dates, text_candidates
from provcheck.models import Precision

_MONTHS = ["January", "Feb.", "March", "Apr", "May", "Sept.", "December", "june", "MAR"]
_PIECES = st.one_of(
    st.sampled_from(_MONTHS),
    st.integers(min_value=-5, max_value=3000).map(str),
    st.sampled_from(
        [" ", ", ", "\n", "-", ".", "/", "th", "of", "2021", "2021-02-30", "1999-12-31"]
    ),
    st.text(max_size=8),
)
_DATE_LIKE = st.lists(_PIECES, max_size=25).map("".join)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_never_crashes_on_arbitrary_text(text: str) -> None:
    for found in find_dates(text):
        assert found.text in text
    text_candidates(text)


@settings(max_examples=200, deadline=None)
@given(_DATE_LIKE)
def test_found_dates_are_valid_full_dates_present_in_the_input(text: str) -> None:
    for found in find_dates(text):
        assert isinstance(found.date.value, dt.date)
        assert found.date.precision is Precision.DAY
        assert text[found.start : found.end] == found.text
        digits = "".join(ch if ch.isdigit() else " " for ch in found.text).split()
        assert str(found.date.value.year) in digits  # the year is written, never invented
        assert 1 <= found.line <= text.count("\n") + 1


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["March", "Apr.", "Sept.", "December"]),
    st.integers(min_value=1, max_value=31),
    st.text(alphabet=" abc,.;", max_size=10),
)
def test_yearless_dates_are_never_returned(month: str, day_number: int, tail: str) -> None:
    assert find_dates(f"On {month} {day_number}{tail} nothing") == ()


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_every_written_date_round_trips(value: dt.date) -> None:
    text = f"It happened on {value.strftime('%B')} {value.day}, {value.year:04d} at noon."
    assert [f.date.value for f in find_dates(text)] == [value]
    assert [f.date.value for f in find_dates(f"Filed {value.isoformat()}.")] == [value]
