"""Record a live run against the local server, then replay it offline: same verdicts."""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path

import pytest

from provcheck.crawl.client import network_transport
from provcheck.crawl.crawler import check_urls
from provcheck.crawl.record import RecordingTransport
from provcheck.crawl.replay import ReplayTransport
from provcheck.models import AnswerSource, LinkStatus

from .conftest import LocalServer
from .test_fetch_server import cfg

pytestmark = pytest.mark.network

PATHS = [
    "/page/article",
    "/chain/a",
    "/missing",
    "/flaky500",
    "/rl-then-ok",
    "/catchall/old-story",
    "/moved-home",
    "/loop/a",
]


def _comparable(status: LinkStatus) -> LinkStatus:
    return dataclasses.replace(status, checked_at=None, elapsed_ms=None, source=AnswerSource.NONE)


def test_record_then_replay_offline(local: LocalServer, tmp_path: Path) -> None:
    urls = [local.url + p for p in PATHS]
    warc = tmp_path / "run.warc.gz"
    config = cfg()

    async def record() -> dict[str, LinkStatus]:
        recorder = RecordingTransport(network_transport(config), warc)
        try:
            return await check_urls(urls, config, transport=recorder)
        finally:
            await recorder.aclose()

    live = asyncio.run(record())
    requests_live = sum(local.counts.values())
    replayed = asyncio.run(
        check_urls(urls, dataclasses.replace(config, offline=True), transport=ReplayTransport(warc))
    )
    assert sum(local.counts.values()) == requests_live  # the replay sent nothing
    for url in urls:
        assert live[url].source is AnswerSource.NETWORK
        assert replayed[url].source is AnswerSource.CASSETTE
        assert _comparable(replayed[url]) == _comparable(live[url])
