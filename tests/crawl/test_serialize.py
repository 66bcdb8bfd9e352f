"""LinkStatus <-> dict: the report contract's key names and an exact round trip."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from provcheck.crawl.serialize import (
    partial_date_from_dict,
    partial_date_to_dict,
    status_from_dict,
    status_to_dict,
)
from provcheck.models import (
    AnswerSource,
    ArchivedCopy,
    Hop,
    LinkState,
    LinkStatus,
    PartialDate,
    Precision,
    TargetMeta,
)

FULL = LinkStatus(
    url="http://news.example/2021/03/harbour-plan",
    state=LinkState.REDIRECTED,
    http_status=200,
    final_url="https://www.news.example/2021/03/harbour-plan/",
    hops=(
        Hop(
            "http://news.example/2021/03/harbour-plan",
            301,
            "https://news.example/2021/03/harbour-plan",
        ),
        Hop(
            "https://news.example/2021/03/harbour-plan",
            302,
            "https://www.news.example/2021/03/harbour-plan/",
        ),
        Hop("https://www.news.example/2021/03/harbour-plan/", 200),
    ),
    content_type="text/html; charset=utf-8",
    elapsed_ms=123.456,
    checked_at="2024-05-01T12:00:00Z",
    source=AnswerSource.NETWORK,
    reason="moved permanently, then temporarily",
    archived=ArchivedCopy("https://web.archive.test/web/20210327/x", "20210327101500", 200, True),
    target=TargetMeta(
        title="Harbour plan approved",
        date=PartialDate(dt.date(2021, 3, 1), Precision.MONTH),
        date_source="metadata",
        canonical="https://www.news.example/2021/03/harbour-plan/",
        text="The council approved the harbour plan.",
    ),
    attempts=2,
)


def test_keys_follow_the_report_contract() -> None:
    d = status_to_dict(FULL)
    assert set(d) == {
        "url", "state", "http_status", "final_url", "hops", "content_type", "elapsed_ms",
        "checked_at", "source", "reason", "attempts", "archived", "target",
    }  # fmt: skip
    assert d["state"] == "redirected"
    assert d["source"] == "network"
    assert d["hops"][0] == {
        "url": "http://news.example/2021/03/harbour-plan",
        "status": 301,
        "location": "https://news.example/2021/03/harbour-plan",
    }
    assert d["hops"][2]["location"] is None
    assert d["target"]["date"] == {"value": "2021-03", "precision": "month", "source": "metadata"}
    assert set(d["target"]) == {"title", "date", "canonical", "text"}
    assert d["archived"]["timestamp"] == "20210327101500"


def test_full_status_round_trips_through_json() -> None:
    text = json.dumps(status_to_dict(FULL))
    assert status_from_dict(json.loads(text)) == FULL


def test_minimal_status_has_nulls() -> None:
    s = LinkStatus(url="https://example.com/", state=LinkState.PLACEHOLDER)
    d = status_to_dict(s)
    assert d["archived"] is None
    assert d["target"] is None
    assert d["hops"] == []
    assert status_from_dict(d) == s


@pytest.mark.parametrize(
    ("date", "text"),
    [
        (PartialDate(dt.date(2021, 3, 26), Precision.DAY), "2021-03-26"),
        (PartialDate(dt.date(2021, 3, 1), Precision.MONTH), "2021-03"),
        (PartialDate(dt.date(2021, 1, 1), Precision.YEAR), "2021"),
    ],
)
def test_partial_dates_use_iso_up_to_their_precision(date: PartialDate, text: str) -> None:
    d = partial_date_to_dict(date)
    assert d["value"] == text
    assert partial_date_from_dict(d) == date


def test_bad_dict_raises_value_error() -> None:
    d = status_to_dict(FULL)
    d["state"] = "sort-of-alive"
    with pytest.raises(ValueError, match="sort-of-alive"):
        status_from_dict(d)


_text = st.text(max_size=20)
_opt_text = st.none() | _text


@st.composite
def _partial_dates(draw: st.DrawFn) -> PartialDate:
    precision = draw(st.sampled_from(Precision))
    day = draw(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
    if precision is Precision.MONTH:
        day = day.replace(day=1)
    elif precision is Precision.YEAR:
        day = day.replace(month=1, day=1)
    return PartialDate(day, precision)


@st.composite
def _targets(draw: st.DrawFn) -> TargetMeta:
    date = draw(st.none() | _partial_dates())
    return TargetMeta(
        title=draw(_opt_text),
        date=date,
        date_source=draw(_opt_text) if date is not None else None,
        canonical=draw(_opt_text),
        text=draw(_opt_text),
    )


_statuses = st.builds(
    LinkStatus,
    url=_text,
    state=st.sampled_from(LinkState),
    http_status=st.none() | st.integers(100, 599),
    final_url=_opt_text,
    hops=st.lists(
        st.builds(Hop, url=_text, status=st.integers(100, 599), location=_opt_text), max_size=4
    ).map(tuple),
    content_type=_opt_text,
    elapsed_ms=st.none() | st.floats(min_value=0, max_value=1e7, allow_nan=False),
    checked_at=_opt_text,
    source=st.sampled_from(AnswerSource),
    reason=_text,
    archived=st.none()
    | st.builds(
        ArchivedCopy,
        url=_text,
        timestamp=_text,
        status=st.none() | st.integers(100, 599),
        before_document=st.booleans(),
    ),
    target=st.none() | _targets(),
    attempts=st.integers(0, 10),
)


@given(_statuses)
def test_any_status_round_trips_exactly(status: LinkStatus) -> None:
    assert status_from_dict(json.loads(json.dumps(status_to_dict(status)))) == status
