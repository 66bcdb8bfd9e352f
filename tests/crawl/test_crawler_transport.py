"""The crawler over a caller's transport: cassette source, replay misses, ownership."""

from __future__ import annotations

import httpx
import pytest

from provcheck.crawl.crawler import check_urls_sync, malformed_reason
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
