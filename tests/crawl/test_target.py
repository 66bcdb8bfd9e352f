"""Target page metadata from HTML: title, date, canonical and main text."""

from __future__ import annotations

from provcheck.crawl.target import MAX_TEXT_CHARS, target_meta
from provcheck.models import Precision

from .conftest import ARTICLE


def test_metadata_date_title_canonical_text() -> None:
    meta = target_meta(ARTICLE, "https://news.example/story")
    assert meta.title == "Harbour bridge reopens after repairs"
    assert meta.date is not None
    assert meta.date.iso() == "2021-03-26"
    assert meta.date.precision is Precision.DAY
    assert meta.date_source == "metadata"
    assert meta.canonical == "https://news.example/2021/03/26/harbour-bridge-reopens"
    assert meta.text is not None
    assert "deck joints" in meta.text


def test_relative_og_url_is_resolved() -> None:
    html = (
        '<html><head><title>T</title><meta property="og:url" content="/a/b"></head>'
        "<body><p>Short.</p></body></html>"
    )
    meta = target_meta(html, "https://news.example/x/y")
    assert meta.canonical == "https://news.example/a/b"


def test_no_metadata_date_falls_back_to_url_path() -> None:
    html = "<html><head><title>Undated</title></head><body><p>No date at all.</p></body></html>"
    meta = target_meta(html, "https://news.example/2019/07/04/fireworks-story")
    assert meta.date is not None
    assert meta.date.iso() == "2019-07-04"
    assert meta.date_source == "url"


def test_no_date_anywhere() -> None:
    html = "<html><head><title>Undated</title></head><body><p>Nothing.</p></body></html>"
    meta = target_meta(html, "https://news.example/about")
    assert meta.date is None
    assert meta.date_source is None


def test_main_text_is_capped() -> None:
    paras = "".join(
        f"<p>Meeting {i} of the council discussed item {i * 7} about the bridge, "
        f"and member {i % 13} asked about the budget for year {1990 + i}. " * 6 + "</p>"
        for i in range(400)
    )
    html = "<html><head><title>Long</title></head><body><article>" + paras
    html += "</article></body></html>"
    meta = target_meta(html, "https://news.example/long")
    assert meta.text is not None
    assert len(meta.text) == MAX_TEXT_CHARS
