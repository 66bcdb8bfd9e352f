"""httpx's own transport checks the addresses it connects to (DNS rebinding, --backend httpx)."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterable
from typing import Any

import httpcore
import httpx
import pytest

from provcheck.crawl.client import network_transport
from provcheck.crawl.config import Backend
from provcheck.crawl.connect_guard import PublicOnlyNetworkBackend, guard_connections
from provcheck.crawl.safety import AddressRefused

from .test_fetch_server import cfg


class RecordingBackend(httpcore.AsyncNetworkBackend):
    """Stands in for the network: records where it was asked to connect."""

    def __init__(self, refuse: Iterable[str] = ()) -> None:
        self.calls: list[tuple[str, int]] = []
        self.refuse = set(refuse)

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        self.calls.append((host, port))
        if host in self.refuse:
            raise httpcore.ConnectError(f"{host} refused the connection")
        return httpcore.AsyncNetworkStream()

    async def sleep(self, seconds: float) -> None:
        return None


def _dns(answers: dict[str, list[str]]) -> Any:
    def lookup(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host not in answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            (socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (a, port))
            for a in answers[host]
        ]

    return lookup


def test_a_public_name_is_connected_by_its_checked_address(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", _dns({"news.test": ["93.184.215.14"]}))
    inner = RecordingBackend()
    asyncio.run(PublicOnlyNetworkBackend(inner).connect_tcp("news.test", 443, timeout=1.0))
    assert inner.calls == [("93.184.215.14", 443)]  # the address, so no second lookup


def test_a_name_with_any_private_address_is_refused_before_connecting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(socket, "getaddrinfo", _dns({"mixed.test": ["93.184.215.14", "10.0.0.7"]}))
    inner = RecordingBackend()
    with pytest.raises(AddressRefused) as info:
        asyncio.run(PublicOnlyNetworkBackend(inner).connect_tcp("mixed.test", 80, timeout=1.0))
    assert "10.0.0.7" in str(info.value)
    assert inner.calls == []


def test_every_checked_address_is_tried_and_unknown_names_fail_to_connect(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        socket, "getaddrinfo", _dns({"two.test": ["93.184.215.14", "93.184.215.15"]})
    )
    inner = RecordingBackend(refuse={"93.184.215.14"})
    asyncio.run(PublicOnlyNetworkBackend(inner).connect_tcp("two.test", 80, timeout=1.0))
    assert inner.calls == [("93.184.215.14", 80), ("93.184.215.15", 80)]
    with pytest.raises(httpcore.ConnectError):
        asyncio.run(PublicOnlyNetworkBackend(inner).connect_tcp("nowhere.test", 80, timeout=1.0))


def test_an_ip_literal_is_checked_without_a_lookup() -> None:
    inner = RecordingBackend()
    with pytest.raises(AddressRefused):
        asyncio.run(PublicOnlyNetworkBackend(inner).connect_tcp("127.0.0.1", 80))
    asyncio.run(PublicOnlyNetworkBackend(inner).connect_tcp("93.184.215.14", 80))
    assert inner.calls == [("93.184.215.14", 80)]


def test_the_httpx_transport_is_guarded_unless_private_addresses_are_allowed() -> None:
    def backend_of(transport: httpx.AsyncBaseTransport) -> object:
        return getattr(getattr(transport, "_pool", None), "_network_backend", None)

    guarded = network_transport(cfg(backend=Backend.HTTPX, allow_private=False))
    assert isinstance(backend_of(guarded), PublicOnlyNetworkBackend)
    open_ = network_transport(cfg(backend=Backend.HTTPX, allow_private=True))
    assert not isinstance(backend_of(open_), PublicOnlyNetworkBackend)
    proxied = network_transport(
        cfg(backend=Backend.HTTPX, allow_private=False, proxy="http://127.0.0.1:9")
    )
    assert not isinstance(backend_of(proxied), PublicOnlyNetworkBackend)
    with pytest.raises(TypeError):
        guard_connections(httpx.AsyncHTTPTransport(proxy="http://127.0.0.1:9"))
