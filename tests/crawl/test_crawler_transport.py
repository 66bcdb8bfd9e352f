"""The crawler over a caller's transport: cassette source, replay misses, ownership."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from provcheck.crawl import crawler
from provcheck.crawl.crawler import (
    check_urls_sync,
    dispatch_order,
    malformed_reason,
    worker_count,
)
from provcheck.errors import ReplayMiss
from provcheck.models import AnswerSource, LinkState

from .conftest import ARTICLE
from .test_fetch_server import cfg


class FakeReplay(httpx.AsyncBaseTransport):
    """Answers from a dict like a replay transport does; raises ReplayMiss otherwise."""

    def __init__(self, pages: dict[str, tuple[int, dict[str, str], str]]) -> None:
        self.pages = pages
        self.requests: list[str] = []
        self.closed = False

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        self.requests.append(f"{request.method} {url}")
        if url not in self.pages:
            raise ReplayMiss(url, "fake.warc")
        status, headers, body = self.pages[url]
        return httpx.Response(
            status,
            headers=headers,
            stream=httpx.ByteStream(body.encode()),
            extensions={"provcheck_source": "cassette"},
        )

    async def aclose(self) -> None:
        self.closed = True


HTML = {"content-type": "text/html; charset=utf-8"}


def test_cassette_answers_offline_with_cassette_source() -> None:
    replay = FakeReplay(
        {
            "https://news.example/story": (200, HTML, ARTICLE),
            "https://news.example/old": (301, {"location": "/story"}, ""),
            "https://news.example/dead": (404, HTML, "<h1>Not Found</h1>"),
        }
    )
    urls = ["https://news.example/story", "https://news.example/old", "https://news.example/dead"]
    config = cfg(offline=True, soft404_probe=False, allow_private=False)
    result = check_urls_sync(urls, config, transport=replay)
    assert [result[u].state for u in urls] == [
        LinkState.ALIVE,
        LinkState.REDIRECTED,
        LinkState.BROKEN,
    ]
    assert all(result[u].source is AnswerSource.CASSETTE for u in urls)
    assert result[urls[0]].target is not None
    assert not replay.closed  # the caller owns its transport


def test_replay_miss_stops_the_run() -> None:
    replay = FakeReplay({"https://news.example/story": (200, HTML, ARTICLE)})
    urls = ["https://news.example/story", "https://news.example/not-recorded"]
    with pytest.raises(ReplayMiss):
        check_urls_sync(urls, cfg(offline=True), transport=replay)


def test_replay_miss_in_the_probe_also_stops_the_run() -> None:
    replay = FakeReplay({"https://news.example/a/story": (200, HTML, ARTICLE)})
    with pytest.raises(ReplayMiss):
        check_urls_sync(["https://news.example/a/story"], cfg(offline=True), transport=replay)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("mailto:someone@news.example", "not http(s): mailto"),
        ("https://", "no host"),
        ("https://exa mple.com/", "bad host exa mple.com"),
        ("https://-bad-.example/", "bad host -bad-.example"),
        ("https://news.example:99999/", "unparsable URL or port"),
        ("https://bücher.example/", None),
        ("http://[::1]:8080/", None),
    ],
)
def test_malformed_reasons(url: str, reason: str | None) -> None:
    assert malformed_reason(url) == reason


def test_dispatch_order_interleaves_hosts_and_keeps_every_url_once() -> None:
    urls = [
        "https://a.example/1",
        "https://a.example/2",
        "https://a.example/3",
        "https://B.example/1",
        "https://c.example/1",
        "https://b.example/2",
        "not a url",
    ]
    order = dispatch_order(urls)
    assert sorted(order) == sorted(urls)
    assert order == [
        "https://a.example/1",
        "https://B.example/1",
        "https://c.example/1",
        "not a url",
        "https://a.example/2",
        "https://b.example/2",
        "https://a.example/3",
    ]


def test_worker_count_is_bounded_and_never_above_the_url_count() -> None:
    assert worker_count(cfg(max_concurrency=8), ["u"] * 3) == 3
    assert worker_count(cfg(max_concurrency=8), ["u"] * 10_000) == 2048
    assert worker_count(cfg(max_concurrency=512), ["u"] * 10_000) == 4096


def test_a_large_batch_runs_through_a_bounded_pool(monkeypatch: pytest.MonkeyPatch) -> None:
    """At most worker_count() checks are in progress at once, and every URL gets its verdict."""
    urls = [f"https://site{i % 40}.example/story/{i}" for i in range(2_500)]
    pages = dict.fromkeys(urls, (200, HTML, ARTICLE))
    original = crawler._Run.check
    in_flight = 0
    peak = 0

    async def counting(self: crawler._Run, url: str) -> None:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        try:
            await asyncio.sleep(0)  # let the other workers start theirs
            await original(self, url)
        finally:
            in_flight -= 1

    monkeypatch.setattr(crawler._Run, "check", counting)
    config = cfg(offline=True, soft404_probe=False, fetch_targets=False, max_concurrency=16)
    result = check_urls_sync(urls, config, transport=FakeReplay(pages))
    assert list(result) == urls
    assert all(status.state is LinkState.ALIVE for status in result.values())
    assert peak == worker_count(config, urls) == 2048


def test_cached_and_malformed_urls_are_settled_without_a_worker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Only URLs that need a request reach the worker pool; the rest are answered at once."""
    from .test_fetch_server import DictCache

    fresh = "https://news.example/fresh"
    cache = DictCache()
    first = check_urls_sync(
        [fresh],
        cfg(offline=True, soft404_probe=False),
        transport=FakeReplay({fresh: (200, HTML, ARTICLE)}),
    )
    cache.data[fresh] = first[fresh]
    checked: list[str] = []
    original = crawler._Run.check

    async def spying(self: crawler._Run, url: str) -> None:
        checked.append(url)
        await original(self, url)

    monkeypatch.setattr(crawler._Run, "check", spying)
    other = "https://news.example/other"
    urls = [fresh, "ftp://news.example/file", other]
    replay = FakeReplay({other: (200, HTML, ARTICLE)})
    result = check_urls_sync(
        urls, cfg(offline=True, soft404_probe=False), cache=cache, transport=replay
    )
    assert checked == [other]
    assert list(result) == urls
    assert result[fresh].source is AnswerSource.CACHE
    assert result["ftp://news.example/file"].state is LinkState.MALFORMED
    assert result[other].state is LinkState.ALIVE
    assert replay.requests
    assert all(other in r for r in replay.requests)
