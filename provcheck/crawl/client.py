"""Building the httpx client and its network transport.

Transport choice (measured, 3,000 GETs at 100 connections against the benchmark server on
loopback, 2 cores): httpx's own ``AsyncHTTPTransport`` about 134 requests/s, httpx-aiohttp's
``AiohttpTransport`` about 1,700-2,000. The aiohttp transport does what the crawler needs:
HTTP/1.1, an ``ssl.SSLContext`` (custom CA bundle), an http(s) proxy, no automatic redirects and
no automatic decompression (so bodies are decoded under our own cap). It carries runs with many
URLs to fetch; httpx's transport carries small runs (``Backend.AUTO``, see
:class:`~provcheck.crawl.config.Backend`), runs that choose it (``Backend.HTTPX``) or find
httpx-aiohttp missing, and is the only one that can speak HTTP/2 (``http2=True`` needs the
``h2`` package).

Redirects are never followed by the client (``follow_redirects=False``): the fetcher follows
them itself so that each hop is recorded and passes the address check.
"""

from __future__ import annotations

import ssl
from collections.abc import Callable
from typing import Any

import httpx

from provcheck.crawl.body import ACCEPT_ENCODING
from provcheck.crawl.config import SMALL_RUN_REQUESTS, Backend, CrawlConfig

_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def ssl_context(config: CrawlConfig) -> ssl.SSLContext:
    """Verification always on; ``ca_bundle`` replaces the default trust store (like curl)."""
    if config.ca_bundle:
        return ssl.create_default_context(cafile=config.ca_bundle)
    return httpx.create_ssl_context()


def chosen_backend(config: CrawlConfig, requests: int | None) -> Backend:
    """The backend that carries a run expected to fetch ``requests`` URLs (None: unknown)."""
    if config.http2:
        return Backend.HTTPX
    if config.backend is Backend.AUTO:
        small = requests is not None and requests <= SMALL_RUN_REQUESTS
        return Backend.HTTPX if small else Backend.AIOHTTP
    return config.backend


def network_transport(config: CrawlConfig, requests: int | None = None) -> httpx.AsyncBaseTransport:
    """The transport that talks to the network, sized for the run's global concurrency.

    ``requests`` is how many URLs the run expects to fetch, when known (see
    :func:`chosen_backend`).
    """
    limits = httpx.Limits(
        max_connections=config.max_concurrency,
        max_keepalive_connections=config.max_concurrency,
    )
    proxy = httpx.Proxy(config.proxy) if config.proxy else None
    if chosen_backend(config, requests) is Backend.AIOHTTP:
        try:
            from httpx_aiohttp import AiohttpTransport
        except ImportError:
            pass
        else:
            context = ssl_context(config)
            guarded = not config.allow_private and proxy is None
            transport: httpx.AsyncBaseTransport = AiohttpTransport(
                verify=context,
                limits=limits,
                proxy=proxy,
                trust_env=False,
                client=_guarded_session(context, limits) if guarded else None,
            )
            return transport
    native = httpx.AsyncHTTPTransport(
        verify=ssl_context(config),
        limits=limits,
        proxy=proxy,
        http1=True,
        http2=config.http2,
        trust_env=False,
    )
    if config.allow_private or proxy is not None:
        return native
    from provcheck.crawl.connect_guard import guard_connections

    return guard_connections(native)


def _guarded_session(context: ssl.SSLContext, limits: httpx.Limits) -> Callable[[], Any]:
    """A factory of the aiohttp session the transport would build, with the checking resolver.

    The transport calls it on its first request, inside the running event loop.
    """

    def make() -> Any:
        import aiohttp

        from provcheck.crawl.resolver import PublicOnlyResolver

        connector = aiohttp.TCPConnector(
            limit=limits.max_connections or 0,
            keepalive_timeout=limits.keepalive_expiry,
            ssl=context,
            resolver=PublicOnlyResolver(),
        )
        return aiohttp.ClientSession(connector=connector)

    return make


class BorrowedTransport(httpx.AsyncBaseTransport):
    """A caller's transport used without taking ownership: closing the client leaves it open.

    The caller that built a recording or replay transport closes it (and flushes its file)
    when it is done with it, possibly after several runs.
    """

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        return None


def build_client(
    config: CrawlConfig,
    transport: httpx.AsyncBaseTransport | None = None,
    *,
    requests: int | None = None,
) -> httpx.AsyncClient:
    """The run's client: no redirects, our headers, per-request timeouts, no env proxies.

    Without a caller's ``transport``, the network transport is chosen for ``requests`` URLs.
    """
    if transport is not None:
        inner: httpx.AsyncBaseTransport = BorrowedTransport(transport)
    else:
        inner = network_transport(config, requests)
    headers: dict[str, Any] = {
        "User-Agent": config.user_agent,
        "Accept": _ACCEPT,
        "Accept-Encoding": ACCEPT_ENCODING,
        "Accept-Language": "en;q=0.9, *;q=0.5",
    }
    return httpx.AsyncClient(
        transport=inner,
        follow_redirects=False,
        timeout=httpx.Timeout(config.timeout, connect=config.connect_timeout),
        headers=headers,
        trust_env=False,
    )
