"""Bare URLs in plain text: boundaries, punctuation, positions, wrapped URLs."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from provcheck.extract.links_text import extract_text_links, find_bare_urls, splits, trim_url


def urls(text: str) -> list[str]:
    return [link.url for link in extract_text_links(text)]


class TestFinding:
    def test_no_urls(self) -> None:
        assert extract_text_links("The harbour reopened on Tuesday.\nNo links here.") == ()

    def test_http_and_https(self) -> None:
        text = "See http://a.example.com/x and https://b.example.org/y?z=1 today"
        assert urls(text) == ["http://a.example.com/x", "https://b.example.org/y?z=1"]

    def test_scheme_case_kept_as_written(self) -> None:
        assert urls("HTTPS://News.Example.com/A") == ["HTTPS://News.Example.com/A"]

    def test_www_gets_http_and_raw_keeps_written_form(self) -> None:
        (link,) = extract_text_links("Visit www.tides.example.org/tables now.")
        assert link.url == "http://www.tides.example.org/tables"
        assert link.raw == "www.tides.example.org/tables"

    def test_www_needs_a_real_host(self) -> None:
        assert urls("the www. prefix and www.x alone") == []

    def test_scheme_without_host_is_not_a_url(self) -> None:
        assert urls("type https:// then the address") == []

    def test_not_inside_words_or_emails(self) -> None:
        assert urls("xhttps://a.example.com/ and mail@www.example.com") == []

    def test_autolink_syntax(self) -> None:
        (link,) = extract_text_links("Source: <https://port.example.com/notice>")
        assert link.url == "https://port.example.com/notice"
        assert link.syntax == "autolink"
        assert link.column == 10

    def test_bare_syntax(self) -> None:
        (link,) = extract_text_links("https://port.example.com/notice")
        assert link.syntax == "bare"
        assert not link.joined

    def test_repeated_url_kept_twice(self) -> None:
        text = "https://a.example.com/x\nhttps://a.example.com/x\n"
        found = extract_text_links(text)
        assert [(link.line, link.url) for link in found] == [
            (1, "https://a.example.com/x"),
            (2, "https://a.example.com/x"),
        ]

    def test_line_column_and_context(self) -> None:
        text = "Intro line\n  More at https://a.example.com/p here.\n"
        (link,) = extract_text_links(text)
        assert (link.line, link.column) == (2, 11)
        assert link.context == "  More at https://a.example.com/p here."

    def test_url_embedded_in_another_url_path_stays_one(self) -> None:
        text = "https://archive.example.org/web/2021/https://a.example.com/x"
        assert urls(text) == [text]

    def test_adjacent_urls_separated_by_semicolon_and_space(self) -> None:
        assert urls("https://a.example.com/1; https://b.example.com/2") == [
            "https://a.example.com/1",
            "https://b.example.com/2",
        ]


class TestPunctuation:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Read https://a.example.com/x.", "https://a.example.com/x"),
            ("Read https://a.example.com/x, then", "https://a.example.com/x"),
            ("Is it https://a.example.com/x?", "https://a.example.com/x"),
            ("Wow https://a.example.com/x!", "https://a.example.com/x"),
            ("(see https://a.example.com/x)", "https://a.example.com/x"),
            ("(see https://a.example.com/x).", "https://a.example.com/x"),
            ("[https://a.example.com/x]", "https://a.example.com/x"),
            ('"https://a.example.com/x"', "https://a.example.com/x"),
            ("'https://a.example.com/x'", "https://a.example.com/x"),
            ("“https://a.example.com/x”", "https://a.example.com/x"),
            ("**https://a.example.com/x**", "https://a.example.com/x"),
            ("https://a.example.com/x?q=1;", "https://a.example.com/x?q=1"),
        ],
    )
    def test_trailing_punctuation_stripped(self, text: str, expected: str) -> None:
        assert urls(text) == [expected]

    def test_balanced_parentheses_kept(self) -> None:
        text = "(see https://wiki.example.org/wiki/Mercury_(planet))"
        assert urls(text) == ["https://wiki.example.org/wiki/Mercury_(planet)"]

    def test_trim_url_helper(self) -> None:
        assert trim_url("https://a.example.com/x_(y)).") == "https://a.example.com/x_(y)"
        assert trim_url("") == ""


class TestWrapped:
    def test_hyphen_end_joined_with_next_line(self) -> None:
        text = "https://a.example.com/2021/03/harbour-fire-spreads-\nacross-the-docks\n"
        (link,) = extract_text_links(text)
        assert link.url == "https://a.example.com/2021/03/harbour-fire-spreads-across-the-docks"
        assert link.joined
        assert link.raw == "https://a.example.com/2021/03/harbour-fire-spreads-\nacross-the-docks"
        assert (link.line, link.column) == (1, 1)

    def test_mid_word_wrap_joined_when_next_line_is_a_lone_path_piece(self) -> None:
        text = "https://a.example.com/2021/03/harbour-fire-spre\nads-east\n\nNext paragraph."
        (link,) = extract_text_links(text)
        assert link.url == "https://a.example.com/2021/03/harbour-fire-spreads-east"
        assert link.joined

    def test_query_wrap_joined(self) -> None:
        text = "Data: https://stats.example.org/table?year=2021&\nregion=north for details"
        (link,) = extract_text_links(text)
        assert link.url == "https://stats.example.org/table?year=2021&region=north"

    def test_wrapped_autolink(self) -> None:
        text = "<https://a.example.com/long/path/\nharbour-report>\n"
        (link,) = extract_text_links(text)
        assert link.url == "https://a.example.com/long/path/harbour-report"
        assert link.syntax == "autolink"
        assert link.joined

    def test_three_line_wrap(self) -> None:
        text = "https://a.example.com/a-very-long-\nslug-that-keeps-\ngoing-on\n"
        (link,) = extract_text_links(text)
        assert link.url == "https://a.example.com/a-very-long-slug-that-keeps-going-on"
        assert link.raw.count("\n") == 2

    @pytest.mark.parametrize(
        "text",
        [
            "https://a.example.com/world/\nThe minister said it was over.",
            "https://a.example.com/world/\nAdvertisement",
            "https://a.example.com/world/x\nhttps://b.example.com/y",
            "https://a.example.com/world/x\nwww.b.example.com/y",
            "https://a.example.com/world/x\nb.example.com/path-two",
            "Read https://a.example.com/world/x.\nnext-steps",
            "https://a.example.com/world-\n\ncontinued-here",
            "https://a.example.com/world-\n  indented-line",
            "https://a.example.com/world/x\nharbour",
            "https://a.example.com/world/x and more\nslug-part",
        ],
    )
    def test_not_joined(self, text: str) -> None:
        first = extract_text_links(text)[0]
        assert not first.joined
        assert "\n" not in first.raw

    def test_crlf_lines(self) -> None:
        text = "first line\r\nhttps://a.example.com/x\r\nlast\r\n"
        (link,) = extract_text_links(text)
        assert (link.url, link.line, link.column) == ("https://a.example.com/x", 2, 1)

    def test_consumed_continuation_is_not_found_again(self) -> None:
        text = "https://a.example.com/path-\nwww-mirror/a\n"
        found = find_bare_urls(text)
        assert len(found) == 1
        assert found[0].url == "https://a.example.com/path-www-mirror/a"


def test_slug_cut_mid_word_is_joined_and_marked():
    text = (
        "The order is published at http://www.port.example/notices/2022/inner-harbour-clo\n"
        "sure-order-june-12 and runs to four pages.\n"
    )
    (link,) = find_bare_urls(text)
    assert link.url == "http://www.port.example/notices/2022/inner-harbour-closure-order-june-12"
    assert link.joined is True
    assert "\n" in link.raw


def test_prose_after_a_slug_url_is_not_joined():
    text = (
        "See http://www.port.example/notices/2022/inner-harbour-closure\n"
        "for details of the order.\n"
    )
    (link,) = find_bare_urls(text)
    assert link.url == "http://www.port.example/notices/2022/inner-harbour-closure"
    assert link.joined is False


@pytest.mark.parametrize(
    "url",
    [
        "http://a.example/x",
        "http://[::1]/x",
        "http://[::1/x",
        "http://a]b.example/",
        "http://[v1.x]/",
        "http://[127.0.0.1]/",
        "http://caf\u00e9.example/",
        "http://a\u2100b.example/",
        "http://a.example/\u2100",
    ],
)
def test_splits_says_whether_urlsplit_accepts_the_url(url):
    try:
        urlsplit(url)
        accepted = True
    except ValueError:
        accepted = False
    assert splits(url) is accepted
