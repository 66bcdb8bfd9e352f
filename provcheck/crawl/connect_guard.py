"""The connect-time address check for httpx's own transport (``--backend httpx``).

:class:`provcheck.crawl.safety.AddressGuard` resolves a host before each request, but the
transport resolves it again when it opens the connection; a DNS-rebinding host answers a
public address to the first lookup and a private one to the second. The aiohttp transport
closes that gap with :class:`provcheck.crawl.resolver.PublicOnlyResolver`; this module does the
same for httpx's transport, whose connections are opened by an httpcore *network backend*:
:class:`PublicOnlyNetworkBackend` resolves the name itself, refuses it if any address is not
public (:class:`~provcheck.crawl.safety.AddressRefused`, which
:mod:`provcheck.crawl.classify` turns into an ``unverified`` verdict), and connects to the
checked addresses only, so no second lookup happens. TLS still verifies and sends the host
name: httpcore takes it from the request, not from the address connected to.

Used only when private addresses are not allowed and no proxy is set (through a proxy, the only
name the transport resolves is the proxy's own).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import httpcore
import httpx

from provcheck.crawl.safety import first_refusal, literal_ip, resolve_addresses


class PublicOnlyNetworkBackend(httpcore.AsyncNetworkBackend):
    """httpcore's asyncio (anyio) backend, connecting only to checked public addresses."""

    def __init__(self, inner: httpcore.AsyncNetworkBackend | None = None) -> None:
        self._inner = inner if inner is not None else httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        """Resolve ``host``, refuse it unless every address is public, connect to one."""
        addresses = await _resolve(host, port, timeout)
        refused = first_refusal(host, addresses)
        if refused is not None:
            raise refused
        failure: Exception | None = None
        for address in addresses:  # in the resolver's order, as a normal connect would try
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except httpcore.ConnectError as exc:
                failure = exc
        raise failure or httpcore.ConnectError(f"{host}: no address to connect to")

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        return await self._inner.connect_unix_socket(path, timeout, socket_options)

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


async def _resolve(host: str, port: int, timeout: float | None) -> list[str]:
    """The addresses of ``host`` (itself when it is an IP literal), lookup failures as
    httpcore's connect errors (which httpx turns into its own)."""
    if literal_ip(host) is not None:
        return [host]
    try:
        return await resolve_addresses(host, port, timeout)
    except TimeoutError as exc:
        raise httpcore.ConnectTimeout(f"{host}: name resolution timed out") from exc
    except (OSError, UnicodeError) as exc:  # socket.gaierror: no such name, no DNS
        raise httpcore.ConnectError(f"{host}: {exc}") from exc


def guard_connections(transport: httpx.AsyncHTTPTransport) -> httpx.AsyncHTTPTransport:
    """``transport`` with its connections opened by :class:`PublicOnlyNetworkBackend`.

    httpx does not take a network backend as an argument, so it is set on the transport's
    connection pool (httpx 0.28, httpcore 1.x: both pinned; a test fails if this stops
    taking effect). Raises ``TypeError`` for a transport without a direct connection pool
    (a proxy transport, which is never guarded).
    """
    pool = getattr(transport, "_pool", None)
    # Exactly a pool: a proxy pool (a subclass) connects to the proxy, which may be private.
    if type(pool) is not httpcore.AsyncConnectionPool or not hasattr(pool, "_network_backend"):
        raise TypeError("cannot guard this transport's connections (not a direct pool)")
    pool._network_backend = PublicOnlyNetworkBackend()
    return transport
