"""Private addresses are refused before any connection, including on redirect hops."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from typing import Any

import pytest

from provcheck.crawl.config import Backend
from provcheck.crawl.crawler import check_urls_sync
from provcheck.crawl.safety import AddressGuard, address_problem, check_address, literal_ip
from provcheck.models import AnswerSource, LinkState

from .conftest import LocalServer
from .test_fetch_server import cfg


@pytest.mark.parametrize(
    ("addr", "kind"),
    [
        ("10.0.0.1", "private"),
        ("192.168.1.20", "private"),
        ("172.16.0.5", "private"),
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "private"),
        ("::ffff:10.0.0.1", "private"),
        ("93.184.216.34", None),
        ("2606:4700::1111", None),
    ],
)
def test_address_kinds(addr: str, kind: str | None) -> None:
    assert address_problem(ipaddress.ip_address(addr)) == kind


def test_refusal_names_the_address() -> None:
    refusal = check_address(ipaddress.ip_address("10.0.0.1"))
    assert refusal is not None
    assert refusal.reason == "private address 10.0.0.1 refused"


def test_literal_ip() -> None:
    assert literal_ip("[::1]") == ipaddress.ip_address("::1")
    assert literal_ip("news.example") is None


def test_guard_resolves_names() -> None:
    async def run() -> tuple[object, object, object]:
        guard = AddressGuard(allow_private=False, resolve_names=True, timeout=2)
        allowed = AddressGuard(allow_private=True, resolve_names=True, timeout=2)
        return (
            await guard.check("localhost"),
            await guard.check("no-such-host.invalid"),  # lookup failure is not a refusal
            await allowed.check("127.0.0.1"),
        )

    local_refusal, missing, allowed = asyncio.run(run())
    assert local_refusal is not None
    assert missing is None
    assert allowed is None


def test_literal_private_url_is_refused_without_a_request(local: LocalServer) -> None:
    url = local.url + "/page/article"
    status = check_urls_sync([url], cfg(allow_private=False))[url]
    assert status.state is LinkState.UNVERIFIED
    assert status.reason == "loopback address 127.0.0.1 refused"
    assert status.source is AnswerSource.NONE
    assert local.count("/page/article") == 0


@pytest.mark.parametrize(
    ("path", "reason", "secret"),
    [
        ("/to-private", "loopback address 127.0.0.1 refused", "/secret"),
        ("/to-ten", "private address 10.0.0.1 refused", "/admin"),
    ],
)
def test_redirect_to_private_address_is_refused(
    local: LocalServer, path: str, reason: str, secret: str
) -> None:
    """A public-looking host (through the proxy) redirecting to an internal address."""
    url = "http://news.test" + path
    config = cfg(allow_private=False, proxy=local.url, soft404_probe=False)
    status = check_urls_sync([url], config)[url]
    assert status.state is LinkState.UNVERIFIED
    assert status.reason == reason
    assert len(status.hops) == 1
    assert status.hops[0].status == 302
    assert local.count(path) == 1
    assert local.count(secret) == 0


def test_proxy_reaches_fictional_hosts(local: LocalServer) -> None:
    url = "http://news.test/page/article"
    status = check_urls_sync([url], cfg(allow_private=False, proxy=local.url))[url]
    assert status.state is LinkState.ALIVE
    assert local.count("/page/article") == 1


class _RebindingDns:
    """A DNS that answers a public address the first time and loopback after (DNS rebinding)."""

    def __init__(self, name: str, real: Any) -> None:
        self.name = name
        self.real = real
        self.asked = 0

    def __call__(self, host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host != self.name:
            return self.real(host, port, *args, **kwargs)
        self.asked += 1
        # A global address for the guard (never connected to), then the loopback server.
        address = "93.184.215.14" if self.asked == 1 else "127.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, port or 0))]


@pytest.mark.parametrize("backend", list(Backend))
def test_dns_rebinding_is_refused_when_connecting(
    local: LocalServer, monkeypatch: pytest.MonkeyPatch, backend: Backend
) -> None:
    """The guard's lookup sees a public address; the transport's lookup gets loopback."""
    dns = _RebindingDns("rebind.test", socket.getaddrinfo)
    monkeypatch.setattr(socket, "getaddrinfo", dns)
    url = f"http://rebind.test:{local.port}/page/article"
    config = cfg(allow_private=False, max_retries=0, backend=backend)
    status = check_urls_sync([url], config)[url]
    assert dns.asked >= 2  # both lookups happened: the second one was refused
    assert status.state is LinkState.UNVERIFIED
    assert "loopback address 127.0.0.1 refused" in status.reason
    assert "rebind.test" in status.reason
    assert local.count("/page/article") == 0
