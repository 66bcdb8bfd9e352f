"""Which transport carries a run: aiohttp for many URLs, httpx's own for a handful."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import httpx
import pytest

from provcheck.crawl.client import chosen_backend, network_transport
from provcheck.crawl.config import SMALL_RUN_REQUESTS, Backend, CrawlConfig
from provcheck.crawl.crawler import check_urls_sync
from provcheck.models import LinkState

from .conftest import LocalServer
from .test_fetch_server import cfg


@pytest.mark.parametrize(
    ("requests", "expected"),
    [
        (1, Backend.HTTPX),
        (SMALL_RUN_REQUESTS, Backend.HTTPX),
        (SMALL_RUN_REQUESTS + 1, Backend.AIOHTTP),
        (None, Backend.AIOHTTP),  # unknown (a recording run): the fast transport
    ],
)
def test_auto_picks_by_the_number_of_urls_to_fetch(requests: int | None, expected: Backend) -> None:
    assert chosen_backend(CrawlConfig(), requests) is expected


@pytest.mark.parametrize("backend", [Backend.AIOHTTP, Backend.HTTPX])
def test_an_explicit_backend_is_kept_whatever_the_size(backend: Backend) -> None:
    config = CrawlConfig(backend=backend)
    assert chosen_backend(config, 1) is backend
    assert chosen_backend(config, 10_000) is backend


def test_http2_always_takes_httpx_own_transport() -> None:
    config = CrawlConfig(http2=True)
    assert chosen_backend(config, 10_000) is Backend.HTTPX


def test_network_transport_follows_the_choice() -> None:
    config = CrawlConfig(allow_private=True)
    small = network_transport(config, requests=3)
    assert isinstance(small, httpx.AsyncHTTPTransport)
    large = network_transport(config, requests=SMALL_RUN_REQUESTS + 1)
    assert type(large).__name__ == "AiohttpTransport"


@pytest.mark.network
def test_auto_gives_the_same_verdicts_on_either_side_of_the_threshold(
    local: LocalServer,
) -> None:
    paths = ["/page/article", "/missing", "/chain/a"]
    small = [local.url + p for p in paths]
    pad = [f"{local.url}/real/story{i}" for i in range(SMALL_RUN_REQUESTS)]
    auto = cfg(backend=Backend.AUTO, soft404_probe=False)
    few = check_urls_sync(small, auto)
    many = check_urls_sync(small + pad, auto)
    assert [few[u].state for u in small] == [many[u].state for u in small]
    assert few[small[0]].state is LinkState.ALIVE
    assert few[small[1]].state is LinkState.BROKEN
    assert [h.status for h in few[small[2]].hops] == [301, 302, 307, 308]
    assert [h.status for h in many[small[2]].hops] == [301, 302, 307, 308]
    assert all(many[u].state is LinkState.ALIVE for u in pad)


@pytest.mark.network
def test_a_small_run_never_imports_aiohttp(local: LocalServer) -> None:
    """The point of ``auto``: a warm run re-asking a few URLs skips aiohttp's import cost."""
    script = textwrap.dedent(
        f"""
        import sys
        from provcheck.crawl.config import CrawlConfig
        from provcheck.crawl.crawler import check_urls_sync
        url = {local.url + "/page/article"!r}
        config = CrawlConfig(allow_private=True, archive=False, soft404_probe=False)
        print(check_urls_sync([url], config)[url].state.value)
        print("aiohttp" in sys.modules)
        """
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert run.stdout.split() == ["alive", "False"]
