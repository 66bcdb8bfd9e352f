"""Property tests: the text URL finder and URL facts never crash and return valid results."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from hypothesis import given, settings
from hypothesis import strategies as st

from provcheck.extract.links import extract_links
from provcheck.extract.links_markdown import extract_markdown_links
from provcheck.extract.links_text import find_bare_urls
from provcheck.extract.urls import MalformedUrl, path_date, url_facts
from provcheck.models import DocFormat, Document

# Text made of URL-ish pieces, words, punctuation and line breaks finds many more URLs than
# uniformly random characters would.
PIECES = st.sampled_from(
    [
        "https://",
        "http://",
        "www.",
        "HTTPS://",
        "example.com",
        "news.example.org",
        "bücher.example",
        "/",
        "/2021/03/26/",
        "-",
        "_",
        ".",
        ",",
        ";",
        ":",
        "?",
        "=",
        "&",
        "#",
        "(",
        ")",
        "[",
        "]",
        "<",
        ">",
        '"',
        "'",
        "“",
        " ",
        "\n",
        "\r\n",
        "\n\n",
        "word",
        "Slug",
        "a1",
        "%20",
        "\t",
        "é",
    ]
)
URLISH_TEXT = st.one_of(st.lists(PIECES, max_size=40).map("".join), st.text(max_size=200))


@settings(max_examples=200, deadline=None)
@given(URLISH_TEXT)
def test_text_finder_returns_valid_located_urls(text: str) -> None:
    lines = text.split("\n")
    for link in find_bare_urls(text):
        urlsplit(link.url)  # must not raise
        assert link.raw in text
        assert link.line >= 1
        assert link.column >= 1
        assert lines[link.line - 1][link.column - 1 :].startswith(link.raw.split("\n")[0])
        if link.joined:
            assert "\n" in link.raw
            assert link.url.endswith(link.raw.replace("\r\n", "").replace("\n", "")[-1])
        else:
            assert "\n" not in link.raw
            written = link.url if link.url.startswith(link.raw) else "http://" + link.raw
            assert written == link.url


@settings(max_examples=200, deadline=None)
@given(URLISH_TEXT)
def test_joined_urls_are_the_raw_text_without_line_breaks(text: str) -> None:
    for link in find_bare_urls(text):
        unwrapped = "".join(part.rstrip("\r") for part in link.raw.split("\n"))
        assert link.url in (unwrapped, "http://" + unwrapped)


@settings(max_examples=200, deadline=None)
@given(URLISH_TEXT)
def test_extract_links_never_crashes_on_any_format(text: str) -> None:
    for fmt in DocFormat:
        doc = Document(path="p", format=fmt, text=text, raw=text)
        links = extract_links(doc)
        assert [(x.line, x.column) for x in links] == sorted((x.line, x.column) for x in links)
        for link in links:
            assert (link.facts is None) or (link.malformed is None)


@settings(max_examples=100, deadline=None)
@given(URLISH_TEXT)
def test_markdown_positions_are_in_range(text: str) -> None:
    lines = text.split("\n")
    for link in extract_markdown_links(text):
        assert 1 <= link.line <= len(lines)
        assert 1 <= link.column <= len(lines[link.line - 1]) + 1


URL_TEXT = st.one_of(
    st.text(max_size=80),
    st.builds(
        lambda scheme, host, path: f"{scheme}{host}{path}",
        st.sampled_from(["http://", "https://", "HTTPS://", "ftp://", "", "//"]),
        st.text(alphabet="abcxyz0123456789.-_[]:@é", max_size=25),
        st.text(alphabet="abc/0123456789-_?=&#%.é ", max_size=40),
    ),
)


@settings(max_examples=200, deadline=None)
@given(URL_TEXT)
def test_url_facts_only_raises_malformed(url: str) -> None:
    try:
        facts = url_facts(url, today=dt.date(2024, 1, 1))
    except MalformedUrl as exc:
        reason = str(exc)
        assert reason
        assert "\n" not in reason
        return
    assert urlsplit(facts.normalized).scheme in ("http", "https")
    assert facts.host
    assert " " not in facts.normalized
    assert url_facts(facts.normalized, today=dt.date(2024, 1, 1)).normalized == facts.normalized


DATE_PATH = st.builds(
    lambda y, m, d, sep, tail: f"/{y}{sep}{m}{sep}{d}/{tail}",
    st.integers(1850, 2150).map(str),
    st.integers(0, 14).map(lambda n: f"{n:02d}"),
    st.integers(0, 33).map(lambda n: f"{n:02d}"),
    st.sampled_from(["/", "-", "_", ""]),
    st.sampled_from(["", "story-slug", "a1", "x.html"]),
)


@settings(max_examples=200, deadline=None)
@given(st.one_of(DATE_PATH, st.text(alphabet="0123456789/-_abc", max_size=30)))
def test_path_dates_are_valid_and_plausible_only_in_range(path: str) -> None:
    today = dt.date(2024, 1, 1)
    found = path_date(path, today=today)
    if found is None:
        return
    value = found.date.value
    assert isinstance(value, dt.date)
    assert found.text in path
    if found.plausible:
        assert dt.date(1990, 1, 1) <= found.date.latest()
        assert value <= today + dt.timedelta(days=1)
    else:
        assert value < dt.date(1990, 1, 1) or value > today + dt.timedelta(days=1)
