"""The crawler against a real local server: verdicts, hops, methods and exact request counts."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable
from typing import Any

import pytest

from provcheck.crawl.config import Backend, CrawlConfig
from provcheck.crawl.crawler import check_urls_sync
from provcheck.models import AnswerSource, Hop, LinkState, LinkStatus

from .conftest import LocalServer

pytestmark = pytest.mark.network


def cfg(**overrides: Any) -> CrawlConfig:
    """Fast, loopback-friendly settings: private addresses allowed, no archive, tiny backoff.

    The suite runs on aiohttp, the transport of every large run (``auto`` would pick httpx's
    own for these small runs); ``PROVCHECK_TEST_BACKEND=httpx`` runs it on httpx's.
    """
    base: dict[str, Any] = {
        "backend": Backend.AIOHTTP,
        "timeout": 3.0,
        "connect_timeout": 2.0,
        "allow_private": True,
        "archive": False,
        "per_host_interval": 0.0,
        "per_host_concurrency": 8,
        "backoff_base": 0.01,
    }
    if os.environ.get("PROVCHECK_TEST_BACKEND"):
        base["backend"] = Backend(os.environ["PROVCHECK_TEST_BACKEND"])
    base.update(overrides)
    return CrawlConfig(**base)


def one(url: str, config: CrawlConfig) -> LinkStatus:
    return check_urls_sync([url], config)[url]


def test_alive_page_with_target_metadata(local: LocalServer) -> None:
    status = one(local.url + "/page/article", cfg(soft404_probe=False))
    assert status.state is LinkState.ALIVE
    assert status.http_status == 200
    assert status.source is AnswerSource.NETWORK
    assert status.reason == "HTTP 200"
    assert status.content_type is not None
    assert status.content_type.startswith("text/html")
    assert status.target is not None
    assert status.target.title == "Harbour bridge reopens after repairs"
    assert status.target.date is not None
    assert status.target.date.iso() == "2021-03-26"
    assert status.target.date_source == "metadata"
    assert status.target.canonical == "https://news.example/2021/03/26/harbour-bridge-reopens"
    assert status.target.text is not None
    assert "Eastmere" in status.target.text
    assert status.checked_at is not None
    assert status.checked_at.endswith("Z")
    assert local.count("/page/article") == 1
    assert local.count("/page/article", "GET") == 1


def test_head_then_get_when_head_refused(local: LocalServer) -> None:
    config = cfg(fetch_targets=False, soft404_probe=False)
    status = one(local.url + "/nohead", config)
    assert status.state is LinkState.ALIVE
    assert local.count("/nohead", "HEAD") == 1
    assert local.count("/nohead", "GET") == 1
    assert status.target is None


def test_head_only_when_no_body_needed(local: LocalServer) -> None:
    status = one(local.url + "/page/article", cfg(fetch_targets=False, soft404_probe=False))
    assert status.state is LinkState.ALIVE
    assert local.count("/page/article", "HEAD") == 1
    assert local.count("/page/article", "GET") == 0


def test_head_500_is_asked_again_with_get_which_retries(local: LocalServer) -> None:
    config = cfg(fetch_targets=False, soft404_probe=False, max_retries=2)
    status = one(local.url + "/always500", config)
    assert status.state is LinkState.BROKEN
    assert local.count("/always500", "HEAD") == 1
    assert local.count("/always500", "GET") == 3


def test_redirect_chain_keeps_every_hop(local: LocalServer) -> None:
    status = one(local.url + "/chain/a", cfg(soft404_probe=False))
    assert status.state is LinkState.REDIRECTED
    assert status.hops == (
        Hop(local.url + "/chain/a", 301, local.url + "/chain/b"),
        Hop(local.url + "/chain/b", 302, local.url + "/chain/c"),
        Hop(local.url + "/chain/c", 307, local.url + "/chain/d"),
        Hop(local.url + "/chain/d", 308, local.url + "/page/article"),
    )
    assert status.final_url == local.url + "/page/article"
    assert status.http_status == 200
    assert status.reason == "HTTP 200 after 4 redirects"
    for hop in "abcd":
        assert local.count(f"/chain/{hop}") == 1


def test_redirect_loop_is_broken(local: LocalServer) -> None:
    status = one(local.url + "/loop/a", cfg())
    assert status.state is LinkState.BROKEN
    assert status.reason == "redirect loop"
    assert [h.url for h in status.hops] == [local.url + "/loop/a", local.url + "/loop/b"]
    assert local.count("/loop/a") == 1
    assert local.count("/loop/b") == 1


def test_too_many_redirects(local: LocalServer) -> None:
    status = one(local.url + "/endless/0", cfg(max_redirects=3))
    assert status.state is LinkState.BROKEN
    assert status.reason == "too many redirects"
    assert len(status.hops) == 4
    assert local.count_prefix("/endless/") == 4


@pytest.mark.parametrize(("path", "reason"), [("/missing", "HTTP 404"), ("/gone", "HTTP 410")])
def test_gone_pages_are_broken_without_retry(local: LocalServer, path: str, reason: str) -> None:
    status = one(local.url + path, cfg())
    assert status.state is LinkState.BROKEN
    assert status.reason == reason
    assert status.attempts == 1
    assert local.count(path) == 1


def test_500_recovers_on_retry(local: LocalServer) -> None:
    status = one(local.url + "/flaky500", cfg(soft404_probe=False))
    assert status.state is LinkState.ALIVE
    assert status.attempts == 2
    assert local.count("/flaky500") == 2


def test_500_after_retries_is_broken(local: LocalServer) -> None:
    status = one(local.url + "/always500", cfg(max_retries=2))
    assert status.state is LinkState.BROKEN
    assert status.reason == "HTTP 500"
    assert local.count("/always500") == 3


def test_retry_budget_bounds_retries(local: LocalServer) -> None:
    status = one(local.url + "/always500", cfg(max_retries=5, retry_budget=1))
    assert status.state is LinkState.BROKEN
    assert local.count("/always500") == 2


def test_503_with_retry_after_then_ok(local: LocalServer) -> None:
    status = one(local.url + "/busy503", cfg(soft404_probe=False))
    assert status.state is LinkState.ALIVE
    assert local.count("/busy503") == 2


def test_429_then_ok(local: LocalServer) -> None:
    status = one(local.url + "/rl-then-ok", cfg(soft404_probe=False))
    assert status.state is LinkState.ALIVE
    assert local.count("/rl-then-ok") == 2


def test_always_429_is_rate_limited_not_broken(local: LocalServer) -> None:
    status = one(local.url + "/rl-always", cfg(max_retries=1))
    assert status.state is LinkState.RATE_LIMITED
    assert status.http_status == 429
    assert local.count("/rl-always") == 2


def test_url_rate_limited_on_a_recent_run_is_asked_once_without_retries(
    local: LocalServer,
) -> None:
    cache = DictCache()
    url = local.url + "/rl-always"
    first = check_urls_sync([url], cfg(max_retries=2), cache=cache)[url]
    assert first.state is LinkState.RATE_LIMITED
    assert local.count("/rl-always") == 3
    assert cache.get(url) is None
    assert cache.rate_limited_recently(url)
    local.reset()
    again = check_urls_sync([url], cfg(max_retries=2), cache=cache)[url]
    assert again.state is LinkState.RATE_LIMITED
    assert again.source is AnswerSource.NETWORK  # a fresh answer, not a cached verdict
    assert again.attempts == 1
    assert "asked once" in again.reason
    assert local.count("/rl-always") == 1


def test_hinted_url_that_recovered_gets_its_real_verdict(local: LocalServer) -> None:
    cache = DictCache()
    url = local.url + "/page/article"
    cache.hinted.add(url)
    status = check_urls_sync([url], cfg(), cache=cache)[url]
    assert status.state is LinkState.ALIVE
    assert cache.data[url].state is LinkState.ALIVE


def test_long_retry_after_is_not_waited_for(local: LocalServer) -> None:
    status = one(local.url + "/rl-long", cfg(backoff_max=30))
    assert status.state is LinkState.RATE_LIMITED
    assert "3600" in status.reason
    assert local.count("/rl-long") == 1


@pytest.mark.parametrize("path", ["/forbidden", "/challenge"])
def test_forbidden_and_bot_walls_are_restricted(local: LocalServer, path: str) -> None:
    status = one(local.url + path, cfg())
    assert status.state is LinkState.RESTRICTED
    assert local.count(path) == 1  # a bot wall is not retried


def test_slow_response_times_out(local: LocalServer) -> None:
    status = one(local.url + "/slow", cfg(timeout=0.5, max_retries=1))
    assert status.state is LinkState.TIMEOUT
    assert status.attempts == 2
    assert local.count("/slow") == 2


def test_connection_reset_is_broken_after_retries(local: LocalServer) -> None:
    status = one(local.url + "/reset", cfg(max_retries=1))
    assert status.state is LinkState.BROKEN
    assert status.reason == "connection reset"
    assert status.attempts == 2
    # aiohttp itself resends an idempotent request once when the server drops the connection
    assert 2 <= local.count("/reset") <= 4


def test_connection_refused(local: LocalServer) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    urls = [f"http://127.0.0.1:{port}/x", local.url + "/page/article"]
    result = check_urls_sync(urls, cfg(soft404_probe=False))
    assert result[urls[0]].state is LinkState.BROKEN
    assert result[urls[0]].reason == "connection refused"
    assert result[urls[0]].attempts == 1


def test_dns_failure_is_broken_when_the_network_answers(local: LocalServer) -> None:
    urls = ["http://no-such-host.invalid/story", local.url + "/page/article"]
    result = check_urls_sync(urls, cfg(soft404_probe=False))
    assert result[urls[0]].state is LinkState.BROKEN
    assert result[urls[0]].reason == "DNS failure"
    assert result[urls[1]].state is LinkState.ALIVE


def test_dns_failures_alone_mean_network_unreachable() -> None:
    urls = ["http://no-such-host.invalid/a", "http://other-host.invalid/b"]
    result = check_urls_sync(urls, cfg())
    for url in urls:
        assert result[url].state is LinkState.UNVERIFIED
        assert result[url].reason.startswith("network unreachable?")


def test_each_unique_url_fetched_once_and_results_in_input_order(local: LocalServer) -> None:
    urls = [
        local.url + "/missing",
        local.url + "/page/article",
        local.url + "/missing",
        local.url + "/page/article#section-2",
    ]
    seen: list[str] = []
    result = check_urls_sync(urls, cfg(soft404_probe=False), progress=lambda s: seen.append(s.url))
    assert list(result) == [urls[0], urls[1], urls[3]]
    assert sorted(seen) == sorted(result)
    assert local.count("/missing") == 1
    assert local.count("/page/article") == 1
    assert result[urls[3]].state is LinkState.ALIVE


def test_malformed_urls_are_not_fetched() -> None:
    urls = ["ftp://files.example/a", "http://bad_host_with space/", "http:///nohost"]
    result = check_urls_sync(urls, cfg())
    assert all(s.state is LinkState.MALFORMED for s in result.values())
    assert result["ftp://files.example/a"].reason == "not http(s): ftp"
    assert all(s.source is AnswerSource.NONE for s in result.values())


def test_offline_fetches_nothing(local: LocalServer) -> None:
    url = local.url + "/page/article"
    status = one(url, cfg(offline=True))
    assert status.state is LinkState.UNVERIFIED
    assert status.reason == "offline"
    assert local.count("/page/article") == 0


def test_deadline_marks_unfinished_urls(local: LocalServer) -> None:
    urls = [local.url + "/slow", local.url + "/missing"]
    result = check_urls_sync(urls, cfg(timeout=5, deadline=0.5, soft404_probe=False))
    assert result[urls[0]].state is LinkState.UNVERIFIED
    assert result[urls[0]].reason.startswith("deadline reached")
    assert result[urls[1]].state is LinkState.BROKEN


class DictCache:
    """A verdict cache in a dict (the real one is SQLite)."""

    def __init__(self) -> None:
        self.data: dict[str, LinkStatus] = {}
        self.puts: list[LinkStatus] = []
        self.hinted: set[str] = set()

    def get(self, url: str) -> LinkStatus | None:
        return self.data.get(url)

    def get_many(self, urls: Iterable[str]) -> dict[str, LinkStatus]:
        return {url: self.data[url] for url in urls if url in self.data}

    def put(self, status: LinkStatus) -> None:
        self.puts.append(status)
        if status.state is LinkState.RATE_LIMITED:
            self.hinted.add(status.url)
        else:
            self.data[status.url] = status

    def rate_limited_recently(self, url: str) -> bool:
        return url in self.hinted

    def rate_limited_among(self, urls: Iterable[str]) -> set[str]:
        return self.hinted.intersection(urls)


def test_a_fully_cached_run_builds_no_client(
    local: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from provcheck.crawl import crawler

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("no HTTP client should be built when every verdict is cached")

    monkeypatch.setattr(crawler, "build_client", refuse)
    cache = DictCache()
    url = local.url + "/page/article"
    cache.data[url] = LinkStatus(url, LinkState.ALIVE, http_status=200)
    result = check_urls_sync([url], cfg(), cache=cache)
    assert result[url].state is LinkState.ALIVE
    assert local.count("/page/article") == 0


def test_cache_answers_before_the_network_and_stores_new_verdicts(local: LocalServer) -> None:
    cache = DictCache()
    url, other = local.url + "/page/article", local.url + "/missing"
    cache.data[url] = LinkStatus(url, LinkState.ALIVE, http_status=200, source=AnswerSource.NETWORK)
    result = check_urls_sync([url, other], cfg(), cache=cache)
    assert result[url].source is AnswerSource.CACHE
    assert result[url].state is LinkState.ALIVE
    assert local.count("/page/article") == 0
    assert [s.url for s in cache.puts] == [other]
    assert dataclasses.replace(cache.puts[0]) == result[other]
