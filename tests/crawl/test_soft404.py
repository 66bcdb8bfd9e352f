"""Soft-404 detection: pure signals, then the sibling probe against the local server."""

from __future__ import annotations

import pytest

from provcheck.crawl.body import HtmlView
from provcheck.crawl.crawler import check_urls_sync
from provcheck.crawl.soft404 import (
    PROBE_PREFIX,
    ProbeResult,
    probe_target,
    probe_verdict,
    redirect_verdict,
    says_not_found,
    similarity,
)
from provcheck.models import LinkState

from .conftest import LocalServer
from .test_fetch_server import cfg


@pytest.mark.parametrize(
    ("original", "final", "reason"),
    [
        ("https://news.example/2020/05/story", "https://news.example/", "redirected to site root"),
        ("https://old.example/story", "https://new.example/", "redirected to site root"),
        (
            "https://news.example/politics/2020/story",
            "https://www.news.example/politics/",
            "redirected to section front /politics/",
        ),
        (
            "https://news.example/story",
            "https://news.example/errors/404.html",
            "redirected to an error page /errors/404.html",
        ),
        (
            "https://news.example/story",
            "https://news.example/not-found",
            "redirected to an error page /not-found",
        ),
    ],
)
def test_redirect_signals(original: str, final: str, reason: str) -> None:
    verdict = redirect_verdict(original, final)
    assert verdict is not None
    assert verdict.confirmed
    assert verdict.reason == reason


@pytest.mark.parametrize(
    ("original", "final"),
    [
        ("http://news.example/story", "https://news.example/story"),
        ("https://news.example/story", "https://news.example/story/"),
        ("https://news.example/a/123", "https://news.example/a/123/harbour-bridge"),
        ("https://news.example/", "https://www.news.example/"),
    ],
)
def test_ordinary_redirects_are_not_soft404(original: str, final: str) -> None:
    assert redirect_verdict(original, final) is None


def test_not_found_wording() -> None:
    assert says_not_found(HtmlView("Page not found | Gazette", "long " * 500))
    assert says_not_found(HtmlView("Gazette", "Sorry, this page does not exist. Go home."))
    assert not says_not_found(HtmlView("Gazette", "not found " + "words " * 400))
    assert not says_not_found(HtmlView("Bridge reopens", "The bridge reopened on Friday."))


def test_probe_url_keeps_the_shape() -> None:
    got = probe_target("https://news.example/news/2021/story.html?x=1")
    assert got is not None
    key, url = got
    assert key == ("https", "news.example", "/news/2021/", ".html")
    assert url.startswith("https://news.example/news/2021/" + PROBE_PREFIX)
    assert url.endswith(".html")
    slash = probe_target("https://news.example/news/story/")
    assert slash is not None
    assert slash[1].endswith("/")
    assert probe_target("https://news.example/") is None
    again = probe_target("https://news.example/news/2021/other.html")
    assert again == got  # same directory and shape: same probe, also across runs


def test_similarity_ignores_digits_and_the_probed_words() -> None:
    a = "No results for harbour-bridge. Request 12345 served."
    b = "No results for provcheck-probe-ab12. Request 99 served."
    assert similarity(a, b, "harbour-bridge", "provcheck-probe-ab12") == 1.0
    assert similarity("one two three four", "five six seven eight") == 0.0
    assert similarity("Error 404 - page not found", "Error 404 - page not found", "0", "4") == 1.0


def test_probe_verdicts() -> None:
    url = "https://news.example/a/story"
    page = HtmlView("Gazette", "Sorry, the page was not found.")
    same = ProbeResult(200, "https://news.example/a/p", "Gazette", "Sorry, the page was not found.")
    verdict = probe_verdict(url, url, page, same)
    assert verdict is not None
    assert verdict.confirmed
    assert probe_verdict(url, url, page, ProbeResult(404)) is None
    shell = HtmlView("App", "")
    unconfirmed = probe_verdict(url, url, shell, ProbeResult(200, "x", "App", ""))
    assert unconfirmed is not None
    assert not unconfirmed.confirmed
    assert unconfirmed.reason.startswith("suspected soft-404")
    redirected = probe_verdict(
        url,
        "https://news.example/search",
        shell,
        ProbeResult(200, "https://news.example/search", "Search", "other words here"),
    )
    assert redirected is not None
    assert redirected.confirmed
    article = "The harbour bridge reopened on Friday after months of repairs. " * 30
    rich = probe_verdict(
        url, url, HtmlView("Gazette", article), ProbeResult(200, "y", "Gazette", article)
    )
    assert rich is not None
    assert rich.confirmed
    assert rich.reason == "site answers 200 to any path with the same page"
    failed = probe_verdict(url, url, page, ProbeResult(None))
    assert failed is not None
    assert not failed.confirmed


def test_catch_all_site_is_soft404_via_probe(local: LocalServer) -> None:
    urls = [local.url + "/catchall/old-story", local.url + "/catchall/another-story"]
    result = check_urls_sync(urls, cfg())
    for url in urls:
        assert result[url].state is LinkState.SOFT_404
        assert result[url].reason == "site answers 200 to any path; the page says not found"
    assert local.count_prefix("/catchall/" + PROBE_PREFIX) == 1  # one probe per directory


def test_same_shell_for_every_path_is_only_suspected(local: LocalServer) -> None:
    status = check_urls_sync([local.url + "/spa/story-7"], cfg())[local.url + "/spa/story-7"]
    assert status.state is LinkState.ALIVE
    assert status.reason == "suspected soft-404: site answers the same page to any path"


def test_probe_404_clears_the_page(local: LocalServer) -> None:
    result = check_urls_sync([local.url + "/real/story-1", local.url + "/thin/old"], cfg())
    assert result[local.url + "/real/story-1"].state is LinkState.ALIVE
    assert result[local.url + "/real/story-1"].reason == "HTTP 200"
    assert result[local.url + "/thin/old"].state is LinkState.ALIVE
    assert local.count_prefix("/real/" + PROBE_PREFIX) == 1


def test_thin_not_found_page_without_probe_is_suspected(local: LocalServer) -> None:
    url = local.url + "/thin/old"
    status = check_urls_sync([url], cfg(soft404_probe=False))[url]
    assert status.state is LinkState.ALIVE
    assert status.reason == "suspected soft-404: not-found page"
    assert local.count_prefix("/thin/" + PROBE_PREFIX) == 0


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/moved-home", "redirected to site root"),
        ("/section/old-story", "redirected to section front /section/"),
        ("/to-error", "redirected to an error page /errors/404.html"),
    ],
)
def test_redirect_to_root_or_section_is_soft404(local: LocalServer, path: str, reason: str) -> None:
    status = check_urls_sync([local.url + path], cfg())[local.url + path]
    assert status.state is LinkState.SOFT_404
    assert status.reason == reason
    assert len(status.hops) == 1
    assert status.hops[0].url == local.url + path
