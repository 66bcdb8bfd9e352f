"""URL facts: normal form, domain, path dates, slug words, placeholders, malformed URLs."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from provcheck.extract.urls import (
    _PATH_SAFE,
    TRACKING_PARAMS,
    MalformedUrl,
    _quote_path,
    _registrable_domain,
    _split,
    is_placeholder_target,
    normalize_url,
    path_date,
    slug_id,
    slug_words,
    tld_extractor,
    url_facts,
)
from provcheck.models import Precision

TODAY = dt.date(2024, 6, 15)


class TestNormalForm:
    def test_lowercases_scheme_and_host_but_not_path(self) -> None:
        facts = url_facts("HTTPS://News.Example.COM/World/Story")
        assert facts.normalized == "https://news.example.com/World/Story"
        assert facts.host == "news.example.com"

    @pytest.mark.parametrize(
        ("url", "expected"),
        [
            ("http://news.example.com:80/a", "http://news.example.com/a"),
            ("https://news.example.com:443/a", "https://news.example.com/a"),
            ("https://news.example.com:8443/a", "https://news.example.com:8443/a"),
        ],
    )
    def test_default_ports_removed(self, url: str, expected: str) -> None:
        assert url_facts(url).normalized == expected

    def test_empty_path_becomes_slash(self) -> None:
        assert url_facts("https://news.example.com").normalized == "https://news.example.com/"

    def test_fragment_set_aside(self) -> None:
        facts = url_facts("https://news.example.com/a#section-2")
        assert facts.normalized == "https://news.example.com/a"
        assert facts.fragment == "section-2"

    def test_tracking_params_removed_in_order_and_rest_kept_in_order(self) -> None:
        facts = url_facts(
            "https://news.example.com/a?utm_source=feed&page=2&fbclid=abc&sort=new&UTM_Medium=x"
        )
        assert facts.normalized == "https://news.example.com/a?page=2&sort=new"
        assert facts.removed_params == ("utm_source", "fbclid", "UTM_Medium")

    @pytest.mark.parametrize("param", ["gclid", "mc_cid", "mc_eid", "igshid", "ref_src", "_ga"])
    def test_documented_tracking_params(self, param: str) -> None:
        assert param in TRACKING_PARAMS
        facts = url_facts(f"https://news.example.com/a?{param}=1")
        assert facts.normalized == "https://news.example.com/a"
        assert facts.removed_params == (param,)

    def test_query_without_tracking_is_unchanged(self) -> None:
        url = "https://news.example.com/search?q=harbour&page=3"
        assert url_facts(url).normalized == url
        assert url_facts(url).removed_params == ()

    def test_idna_host(self) -> None:
        facts = url_facts("https://bücher.example.com/katalog")
        assert facts.host == "xn--bcher-kva.example.com"
        assert facts.normalized == "https://xn--bcher-kva.example.com/katalog"

    def test_non_ascii_path_is_percent_encoded(self) -> None:
        assert url_facts("https://news.example.com/café").normalized.endswith("/caf%C3%A9")

    def test_trailing_dot_of_host_dropped(self) -> None:
        assert url_facts("https://news.example.com./a").host == "news.example.com"

    def test_normalize_url_is_the_normal_form(self) -> None:
        assert normalize_url("HTTP://A.Example.org:80?utm_term=x") == "http://a.example.org/"


class TestDomain:
    @pytest.mark.parametrize(
        ("url", "domain"),
        [
            ("https://www.news.example.co.uk/a", "example.co.uk"),
            ("https://blog.example.com/a", "example.com"),
            ("https://www.paper.test/a", "paper.test"),
            ("http://127.0.0.1:8080/a", "127.0.0.1"),
            ("http://localhost:8080/a", "localhost"),
        ],
    )
    def test_registrable_domain(self, url: str, domain: str) -> None:
        assert url_facts(url).domain == domain


class TestMalformed:
    @pytest.mark.parametrize(
        "url",
        [
            "news.example.com/a",
            "/2021/03/26/story",
            "htps://news.example.com/a",
            "https:///path-only",
            "https://news.example.com:99999/a",
            "https://news..example.com/a",
            "https://-bad-.example.com/a",
            "https://newsroom/a",
            "https://news example.com/a",
            "https://999.1.1.1/a",
            "https://example.123/a",
            "http://[::1/a",
        ],
    )
    def test_raises_malformed_with_one_line_reason(self, url: str) -> None:
        with pytest.raises(MalformedUrl) as info:
            url_facts(url)
        assert str(info.value)
        assert "\n" not in str(info.value)

    def test_is_a_value_error(self) -> None:
        assert issubclass(MalformedUrl, ValueError)


class TestPathDate:
    @pytest.mark.parametrize(
        "path",
        [
            "/2021/03/26/harbour-fire",
            "/world/2021/3/26/harbour-fire",
            "/2021-03-26/harbour-fire",
            "/news/2021-03-26-harbour-fire",
            "/2021_03_26/harbour-fire",
            "/20210326/harbour-fire",
            "/archive/20210326.html",
        ],
    )
    def test_day_precision(self, path: str) -> None:
        found = path_date(path, today=TODAY)
        assert found is not None
        assert found.date.value == dt.date(2021, 3, 26)
        assert found.date.precision is Precision.DAY
        assert found.plausible
        assert found.text in path

    @pytest.mark.parametrize("path", ["/2021/03/harbour-fire", "/2021-03/harbour-fire", "/2021/03"])
    def test_month_precision(self, path: str) -> None:
        found = path_date(path, today=TODAY)
        assert found is not None
        assert found.date.iso() == "2021-03"
        assert found.date.precision is Precision.MONTH

    def test_year_only_before_a_slug(self) -> None:
        found = path_date("/opinion/2019/harbour-fire-lessons", today=TODAY)
        assert found is not None
        assert found.date.iso() == "2019"
        assert found.date.precision is Precision.YEAR

    @pytest.mark.parametrize(
        "path", ["/page/2019/", "/items/2019/4471", "/2019", "/gallery/2019/photo", "/a/12345678/b"]
    )
    def test_ambiguous_numbers_are_not_dates(self, path: str) -> None:
        assert path_date(path, today=TODAY) is None

    def test_invalid_calendar_day_is_not_a_day(self) -> None:
        found = path_date("/2021/02/30/story", today=TODAY)
        assert found is None or found.date.precision is not Precision.DAY

    def test_before_1990_is_implausible(self) -> None:
        found = path_date("/1985/07/01/story", today=TODAY)
        assert found is not None
        assert not found.plausible

    def test_after_tomorrow_is_implausible_and_tomorrow_is_not(self) -> None:
        later = path_date("/2024/06/17/story", today=TODAY)
        tomorrow = path_date("/2024/06/16/story", today=TODAY)
        assert later is not None
        assert not later.plausible
        assert tomorrow is not None
        assert tomorrow.plausible

    def test_url_facts_passes_today(self) -> None:
        facts = url_facts("https://news.example.com/2024/06/20/a", today=TODAY)
        assert facts.path_date is not None
        assert not facts.path_date.plausible

    def test_no_digits_no_date(self) -> None:
        assert path_date("/world/harbour-fire") is None


class TestSlug:
    def test_words_split_on_hyphen_and_underscore(self) -> None:
        assert slug_words("/2021/03/26/harbour_fire-spreads-east") == (
            "harbour",
            "fire",
            "spreads",
            "east",
        )

    @pytest.mark.parametrize("tail", ["a73387", "88123", "x9y2"])
    def test_trailing_id_token_dropped_and_available(self, tail: str) -> None:
        path = f"/world/harbour-fire-spreads-{tail}"
        assert slug_words(path) == ("harbour", "fire", "spreads")
        assert slug_id(path) == tail

    def test_trailing_word_is_not_an_id(self) -> None:
        assert slug_words("/world/harbour-fire-spreads") == ("harbour", "fire", "spreads")
        assert slug_id("/world/harbour-fire-spreads") is None

    def test_skips_extension_trailing_slash_and_index_pages(self) -> None:
        assert slug_words("/world/Harbour-Fire.html") == ("harbour", "fire")
        assert slug_words("/world/harbour-fire/") == ("harbour", "fire")
        assert slug_words("/world/harbour-fire/index.html") == ("harbour", "fire")
        assert slug_words("/world/harbour-fire/2/") == ("harbour", "fire")

    def test_single_token_kept_even_if_id_like(self) -> None:
        assert slug_words("/profile/b4rt") == ("b4rt",)

    def test_accepts_full_url_and_ignores_query(self) -> None:
        assert slug_words("https://news.example.com/a/tide-table?x=ab-cd") == ("tide", "table")

    def test_no_words(self) -> None:
        assert slug_words("/") == ()
        assert url_facts("https://news.example.com/2021/03/26/").slug_words == ()


class TestPlaceholder:
    @pytest.mark.parametrize(
        "href",
        ["#", "", "   ", "#!", "javascript:void(0)", "JavaScript:;", "about:blank", " # ", "null"],
    )
    def test_placeholders(self, href: str) -> None:
        assert is_placeholder_target(href)

    @pytest.mark.parametrize(
        "href", ["#notes", "https://news.example.com/", "/relative/page", "about-us"]
    )
    def test_real_targets(self, href: str) -> None:
        assert not is_placeholder_target(href)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["a", "Z", "0", "/", "%", "%2F", " ", "é", "~", "(", "[", "'", "|", "^", "?", "+"]
        ),
        max_size=20,
    ).map("".join)
)
def test_quote_path_is_quote_with_the_path_safe_characters(path):
    assert _quote_path(path) == quote(path, safe=_PATH_SAFE)


@pytest.mark.parametrize(
    ("url", "normalized"),
    [
        ("HTTP://News.Example.com", "http://news.example.com/"),
        ("https://user@news.example.com:8443/p?q", "https://user@news.example.com:8443/p?q"),
        ("https://news.example.com/?utm_medium=x", "https://news.example.com/"),
        ("http://[::1]:8080/p", "http://[::1]:8080/p"),
        (
            "https://news.example.com/caf\u00e9/(x)?a=%20|b",
            "https://news.example.com/caf%C3%A9/(x)?a=%20%7Cb",
        ),
    ],
)
def test_normal_form_is_assembled_like_urlunsplit(url, normalized):
    assert url_facts(url).normalized == normalized


@pytest.mark.parametrize(
    "host",
    [
        "www.paper.example",  # reserved TLDs: no rule, the shortcut answers
        "a.b.news.test",
        "intranet.invalid",
        "desk.example.co.uk",  # rules ending in the last label: looked up
        "blog.example.com",
        "city.kawasaki.jp",  # an exception to a wildcard rule
        "shop.anything.ck",  # a wildcard rule
        "co.uk",
        "news.xn--p1ai",  # punycode: the rules hold it decoded
        "portal.xn--zzzz-invalid",
        "x.example.notarealtld",
    ],
)
def test_registrable_domain_matches_tldextract(host):
    domain = tld_extractor()(host).top_domain_under_public_suffix
    assert _registrable_domain(host) == (domain or ".".join(host.split(".")[-2:]))


URL_PIECES = st.sampled_from(
    [
        *("http://", "HTTPS://", "hTtP://", "ftp://", "http:", "//", "/", "?", "#", "@", ":"),
        *(":8080", "[", "]", "[::1]", "%41", "a", "B", "news.example", "www.Site.test", "-"),
        *("_", ".", "é", "x=1&y=2", "utm_source=z", "/2021/03/26/", "index.html", "user:pw@"),
        *("\u2100", "ß"),
    ]
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(URL_PIECES, max_size=12).map("".join))
def test_plain_url_split_is_what_urlsplit_gives(text: str) -> None:
    try:
        parts = urlsplit(text)
        expected: object = (*parts, parts.hostname, parts.port)
    except ValueError:
        expected = ValueError
    try:
        got: object = _split(text)
    except ValueError:
        got = ValueError
    assert got == expected


def test_plain_and_other_urls_split_alike() -> None:
    plain = "HTTPS://News.Example/a/b?x=1?y#frag?z"
    assert _split(plain) == (
        "https",
        "News.Example",
        "/a/b",
        "x=1?y",
        "frag?z",
        "news.example",
        None,
    )
    assert _split("http://a.example#f?q") == ("http", "a.example", "", "", "f?q", "a.example", None)
    assert _split("http://u@a.example:81/p")[5:] == ("a.example", 81)
