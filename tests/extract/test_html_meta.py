"""HTML metadata: JSON-LD, meta tags, htmldate and trafilatura fallbacks."""

from __future__ import annotations

import datetime as dt

import pytest

from provcheck.extract.html_meta import parse_partial_date, read_html_metadata
from provcheck.models import PartialDate, Precision

JSON_LD_PAGE = """<!doctype html>
<html><head>
<title>Harbour Board Counts the Cost | Milltown Courier</title>
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "NewsArticle", "headline": "Harbour Board Counts the Cost",
   "datePublished": "2022-05-03T08:00:00+01:00", "dateModified": "2022-05-04T10:00:00Z",
   "author": [{"@type": "Person", "name": "Jane Roe"}, {"@type": "Person", "name": "Sam Lee"}],
   "publisher": {"@type": "Organization", "name": "Milltown Courier"}}
]}
</script>
</head><body><article><h1>Harbour Board Counts the Cost</h1>
<p>The harbour board met on Tuesday to discuss the storm damage.</p></article></body></html>
"""

META_PAGE = """<html><head>
<title>Ferry Timetable Cut | Example Gazette</title>
<meta property="og:title" content="Ferry Timetable Cut After Storm">
<meta property="og:site_name" content="Example Gazette">
<meta property="article:published_time" content="2021-11-02T07:30:00Z">
<meta property="article:modified_time" content="2021-11-03">
<meta name="author" content="Jane Roe; Sam Lee">
</head><body><p>The ferry will run less often.</p></body></html>
"""


def test_json_ld() -> None:
    meta = read_html_metadata(JSON_LD_PAGE, today=dt.date(2023, 1, 1))
    assert meta.title == "Harbour Board Counts the Cost"
    assert meta.authors == ("Jane Roe", "Sam Lee")
    assert meta.site_name == "Milltown Courier"
    assert meta.published[0][0] == PartialDate(dt.date(2022, 5, 3), Precision.DAY)
    assert "datePublished" in meta.published[0][1]
    assert meta.modified == PartialDate(dt.date(2022, 5, 4), Precision.DAY)


def test_meta_tags() -> None:
    meta = read_html_metadata(META_PAGE, today=dt.date(2023, 1, 1))
    assert meta.title == "Ferry Timetable Cut After Storm"
    assert meta.authors == ("Jane Roe", "Sam Lee")
    assert meta.site_name == "Example Gazette"
    assert [d for d, _ in meta.published] == [PartialDate(dt.date(2021, 11, 2), Precision.DAY)]
    assert meta.modified == PartialDate(dt.date(2021, 11, 3), Precision.DAY)


def test_htmldate_fallback_reads_markup_only() -> None:
    page = (
        "<html><head><title>Quay Works</title></head><body>"
        '<time datetime="2020-06-15">15 June</time><p>Text.</p>'
        '<a href="https://news.example/2024/01/01/other">x</a></body></html>'
    )
    meta = read_html_metadata(page, today=dt.date(2023, 1, 1))
    assert [(d.value, source) for d, source in meta.published] == [
        (dt.date(2020, 6, 15), "htmldate")
    ]
    assert meta.title == "Quay Works"


def test_author_page_url_is_not_a_name_and_bad_json_ld_warns() -> None:
    page = (
        '<html><head><meta name="author" content="https://news.example/staff/jane">'
        '<script type="application/ld+json">{not json</script></head><body></body></html>'
    )
    meta = read_html_metadata(page, today=dt.date(2023, 1, 1))
    assert "https://news.example/staff/jane" not in meta.authors
    assert any("JSON-LD" in w for w in meta.warnings)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-03-26T10:00:00Z", PartialDate(dt.date(2021, 3, 26), Precision.DAY)),
        ("2021-03", PartialDate(dt.date(2021, 3, 1), Precision.MONTH)),
        ("2021", PartialDate(dt.date(2021, 1, 1), Precision.YEAR)),
        ("2021-02-30", None),
        ("yesterday", None),
    ],
)
def test_parse_partial_date(value: str, expected: PartialDate | None) -> None:
    assert parse_partial_date(value) == expected


@pytest.mark.parametrize(
    "page",
    ["<!-- only a comment -->", "   ", "<html></html>"],
)
def test_unreadable_or_empty_pages_do_not_raise(page: str) -> None:
    meta = read_html_metadata(page, today=dt.date(2023, 1, 1))
    assert meta.title is None
    assert meta.published == ()


def test_xml_declaration_is_accepted() -> None:
    page = '<?xml version="1.0" encoding="utf-8"?>\n' + META_PAGE
    meta = read_html_metadata(page, today=dt.date(2023, 1, 1))
    assert meta.site_name == "Example Gazette"
