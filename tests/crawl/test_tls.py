"""TLS: verification is always on; a custom CA bundle makes a private CA trusted."""

from __future__ import annotations

import pytest

from provcheck.crawl.config import Backend
from provcheck.crawl.crawler import check_urls_sync
from provcheck.models import LinkState

from .conftest import LocalServer
from .test_fetch_server import cfg

pytestmark = pytest.mark.network


@pytest.mark.parametrize("backend", list(Backend))
def test_custom_ca_bundle_is_trusted(local: LocalServer, backend: Backend) -> None:
    url = local.tls_url + "/page/article"
    status = check_urls_sync([url], cfg(ca_bundle=local.ca_pem, backend=backend))[url]
    assert status.state is LinkState.ALIVE
    assert status.target is not None
    assert status.target.title is not None


@pytest.mark.parametrize("backend", list(Backend))
def test_unknown_ca_is_a_tls_failure(local: LocalServer, backend: Backend) -> None:
    url = local.tls_url + "/page/article"
    urls = [url, local.url + "/missing"]  # one plain answer: the network is up
    status = check_urls_sync(urls, cfg(backend=backend))[url]
    assert status.state is LinkState.BROKEN
    assert status.reason == "TLS failure"
    assert status.attempts == 1
    assert local.count("/page/article") == 0
