"""Date candidates in text: patterns, sources, modification dates and the choice."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provcheck.extract.dates import (
    CAPTION_RE,
    choose,
    find_dates,
    text_candidates,
    url_candidates,
)
from provcheck.models import (
    DateCandidate,
    DateSource,
    Link,
    LinkRole,
    PartialDate,
    PathDate,
    Precision,
    UrlFacts,
)


def day(y: int, m: int, d: int) -> PartialDate:
    return PartialDate(dt.date(y, m, d), Precision.DAY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It opened on March 29, 2021 downtown.", dt.date(2021, 3, 29)),
        ("It opened on 29 March 2021 downtown.", dt.date(2021, 3, 29)),
        ("It opened on Mar. 29, 2021 downtown.", dt.date(2021, 3, 29)),
        ("It opened on Sept. 3, 2020 downtown.", dt.date(2020, 9, 3)),
        ("It opened on September 3rd, 2020.", dt.date(2020, 9, 3)),
        ("Filed 2021-03-29 by the clerk.", dt.date(2021, 3, 29)),
        ("Stamp 2021-03-29T10:15:00Z on file.", dt.date(2021, 3, 29)),
        ("Dated MARCH 29, 2021.", dt.date(2021, 3, 29)),
        ("on March\n29, 2021 the", dt.date(2021, 3, 29)),
    ],
)
def test_full_dates_are_found(text: str, expected: dt.date) -> None:
    found = find_dates(text)
    assert [f.date.value for f in found] == [expected]
    assert found[0].date.precision is Precision.DAY
    assert found[0].text in text


@pytest.mark.parametrize(
    "text",
    [
        "The vote on March 27 was close.",
        "Since the Feb. 1 coup, nothing changed.",
        "Figures for 4/12/2022 were revised.",
        "Nothing happened on February 30, 2021.",
        "See https://news.example/2021-03-29/story for more.",
        "It may 5, 2021 be so.",
        "Sales grew 2014-2019 in the region.",
    ],
)
def test_yearless_ambiguous_and_invalid_dates_are_not_found(text: str) -> None:
    assert find_dates(text) == ()


def test_lines_are_one_based() -> None:
    found = find_dates("Title\n\nMay 4, 2022\n")
    assert found[0].line == 3


ARTICLE = """Harbour Bridge Reopens After Two Years
By Jane Roe
MILLTOWN, May 3, 2022

The bridge opened on Tuesday, officials said.

A crowd gathers at the bridge on May 2, 2022. Photo: Sam Lee/Example Wire

Work began on April 1, 2020, according to the council.
"""


def test_dateline_caption_and_text_sources() -> None:
    candidates, modified = text_candidates(ARTICLE)
    by_source = {c.source: c for c in candidates}
    assert by_source[DateSource.DATELINE].date == day(2022, 5, 3)
    assert by_source[DateSource.DATELINE].line == 3
    assert by_source[DateSource.CAPTION].date == day(2022, 5, 2)
    assert by_source[DateSource.TEXT].date == day(2020, 4, 1)
    assert by_source[DateSource.CAPTION].inferred
    assert modified == []


@pytest.mark.parametrize(
    "line",
    [
        "Published: Tuesday, May 3, 2022 10:15 a.m. EDT",
        "May 3, 2022",
        "*May 3, 2022*",
        "Posted on May 3, 2022 at 9:00",
        "2022-05-03",
    ],
)
def test_dateline_shapes(line: str) -> None:
    candidates, _ = text_candidates(f"Some Headline Here\n\n{line}\n\nBody text follows.")
    assert [c.source for c in candidates] == [DateSource.DATELINE]


def test_a_date_in_a_sentence_near_the_top_is_not_a_dateline() -> None:
    text = "Headline\n\nThe plan agreed on May 3, 2022 was dropped by the council.\n"
    candidates, _ = text_candidates(text)
    assert [c.source for c in candidates] == [DateSource.TEXT]


def test_updated_dates_are_modification_dates() -> None:
    text = "Headline\n\nPublished May 3, 2022 | Updated May 5, 2022\n\nBody.\n"
    candidates, modified = text_candidates(text)
    assert [c.date for c in candidates] == [day(2022, 5, 3)]
    assert modified == [day(2022, 5, 5)]


def test_month_precision_only_as_a_standalone_line() -> None:
    candidates, _ = text_candidates("Quarterly Review\n\nMarch 2021\n\nIn March 2021 sales rose.\n")
    assert len(candidates) == 1
    assert candidates[0].date == PartialDate(dt.date(2021, 3, 1), Precision.MONTH)
    assert candidates[0].source is DateSource.DATELINE


def test_skipped_lines_give_no_candidates() -> None:
    text = "Since July 1, 2024, we have removed ads.\n\nHeadline\n"
    candidates, _ = text_candidates(text, skip=frozenset({1}))
    assert candidates == []


def test_dateline_after_a_late_title_anchor() -> None:
    filler = "\n".join(f"Line number {i} of a long preamble." for i in range(20))
    text = f"{filler}\nThe Real Title\nJune 1, 2021\n"
    far, _ = text_candidates(text)
    assert [c.source for c in far] == [DateSource.TEXT]
    anchored, _ = text_candidates(text, anchors=[21])
    assert [c.source for c in anchored] == [DateSource.DATELINE]


def _link(role: LinkRole, date: PartialDate | None) -> Link:
    path_date = PathDate(date, "/x/", True) if date else None
    facts = UrlFacts("https://news.example/x", "news.example", "news.example", path_date, ())
    return Link("https://news.example/x", 9, 1, "", role, facts=facts)


def test_url_candidates_only_from_original_links() -> None:
    links = [
        _link(LinkRole.ORIGINAL, day(2022, 5, 3)),
        _link(LinkRole.RELATED, day(2025, 1, 1)),
        _link(LinkRole.ORIGINAL, None),
    ]
    candidates = url_candidates(links)
    assert [(c.date, c.source, c.line) for c in candidates] == [
        (day(2022, 5, 3), DateSource.URL, 9)
    ]


def test_choose_prefers_strength_then_precision_then_line() -> None:
    text_date = DateCandidate(day(2020, 1, 1), DateSource.TEXT, "a", 2)
    url = DateCandidate(day(2022, 5, 3), DateSource.URL, "b", 40)
    dateline_late = DateCandidate(day(2022, 5, 4), DateSource.DATELINE, "c", 9)
    dateline_early = DateCandidate(day(2022, 5, 3), DateSource.DATELINE, "d", 3)
    result = choose([text_date, url, dateline_late, dateline_early])
    assert result.chosen is not None
    assert result.chosen.evidence == "d"
    assert [c.chosen for c in result.candidates] == [False, False, False, True]


def test_choose_dedupes_and_keeps_latest_modification() -> None:
    a = DateCandidate(day(2022, 5, 3), DateSource.DATELINE, "a", 3)
    b = DateCandidate(day(2022, 5, 3), DateSource.DATELINE, "b", 8)
    result = choose([a, b], [day(2022, 5, 5), day(2022, 5, 9)])
    assert len(result.candidates) == 1
    assert result.modified == day(2022, 5, 9)


def test_choose_with_nothing() -> None:
    result = choose([])
    assert result.chosen is None
    assert result.candidates == ()


_GROUPED_CAPTION = re.compile(
    r"(?:Photo(?:graph)?s?|PHOTOS?|Image|IMAGE|Picture|Credits?|CREDITS?|Illustration)[ \t]*:"
    r"|\((?:[A-Z][\w.]*[ \t])?Photos?/|Photo(?:graph)? by |Getty Images|Shutterstock"
    r"|File [Pp]hoto"
)
CAPTION_PIECES = st.sampled_from(
    [
        *("Photo", "Photograph", "s", "PHOTO", "S", "Image", "IMAGE", "Picture", "Credit"),
        *("CREDITS", "Illustration", " ", "\t", ":", "(", "AP", "AP.", "/", " by ", "Getty"),
        *(" Images", "Shutterstock", "File ", "photo", "Photos/", "x", "\n"),
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(CAPTION_PIECES, max_size=12).map("".join))
def test_caption_pattern_matches_as_with_its_labels_grouped(text: str) -> None:
    found = CAPTION_RE.search(text)
    expected = _GROUPED_CAPTION.search(text)
    assert (found and found.span()) == (expected and expected.span())
