"""Refuse requests to private, loopback and other non-public addresses.

An archived article is untrusted input: a link (or a redirect from a public site) to
``http://10.0.0.1/`` or ``http://localhost:8080/admin`` must not make the checker poke at the
user's own network. Before every request, including each redirect hop, the host is resolved
(``getaddrinfo`` in a thread, with a timeout) and every address it resolves to must be global.
Literal IP hosts are checked without DNS. With a proxy, names are the proxy's to resolve, so only
literal IPs are checked.

The transport resolves the name again when it connects. That second lookup goes through the
same check (:mod:`provcheck.crawl.resolver` for the aiohttp transport,
:mod:`provcheck.crawl.connect_guard` for httpx's own), so a DNS answer that changes between the
two lookups (DNS rebinding) is refused too.

A failed lookup is not a refusal: the request goes ahead and the transport's own error
(DNS failure) becomes the verdict, so this module never turns a replayed or proxied request into
a false "broken".
"""

from __future__ import annotations

import asyncio
import functools
import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True, slots=True)
class Refusal:
    """Why a host may not be contacted."""

    address: str
    reason: str  # e.g. "private address 10.0.0.1 refused"


@functools.lru_cache(maxsize=4096)
def literal_ip(host: str) -> IPAddress | None:
    """The address if ``host`` is an IP literal (``[::1]`` brackets allowed), else None.

    Memoised per host: every URL of a batch asks, and hosts repeat.
    """
    text = host.strip("[]")
    try:
        return ipaddress.ip_address(text.split("%", 1)[0])
    except ValueError:
        return None


def address_problem(addr: IPAddress) -> str | None:
    """The kind of non-public address ``addr`` is, or None when it is a global address."""
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        return address_problem(addr.ipv4_mapped)
    if addr.is_loopback:
        return "loopback"
    if addr.is_link_local:
        return "link-local"
    if addr.is_multicast:
        return "multicast"
    if addr.is_unspecified:
        return "unspecified"
    if addr.is_reserved:
        return "reserved"
    if addr.is_private or not addr.is_global:
        return "private"
    return None


def check_address(addr: IPAddress) -> Refusal | None:
    """A refusal naming the address, or None when it may be contacted."""
    kind = address_problem(addr)
    if kind is None:
        return None
    return Refusal(str(addr), f"{kind} address {addr} refused")


class AddressRefused(OSError):
    """A connection refused at connect time: the host name resolved to a non-public address.

    Raised by the transport's resolver (see :mod:`provcheck.crawl.resolver`), so the address
    actually connected to is the address checked: a name that resolved to a public address for
    :class:`AddressGuard` and to a private one a moment later (DNS rebinding) is still refused.
    """

    def __init__(self, host: str, refusal: Refusal) -> None:
        super().__init__(f"{host} resolves to {refusal.reason}")
        self.host = host
        self.refusal = refusal


def first_refusal(host: str, addresses: Iterable[str]) -> AddressRefused | None:
    """The refusal for the first non-public address among ``host``'s resolved addresses."""
    for text in addresses:
        addr = literal_ip(text)
        if addr is not None and (refusal := check_address(addr)) is not None:
            return AddressRefused(host, refusal)
    return None


async def resolve_addresses(host: str, port: int | None, timeout: float | None) -> list[str]:
    """The addresses ``host`` resolves to for TCP, in the resolver's order, each once.

    Raises what the lookup raises: ``OSError`` (no such name, no DNS), ``TimeoutError``,
    ``UnicodeError`` (a name IDNA cannot encode).
    """
    async with asyncio.timeout(timeout):
        infos = await asyncio.to_thread(socket.getaddrinfo, host, port, proto=socket.IPPROTO_TCP)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class AddressGuard:
    """Per-run host checks, resolving each host name at most once per run."""

    def __init__(self, *, allow_private: bool, resolve_names: bool, timeout: float) -> None:
        self._allow_private = allow_private
        self._resolve_names = resolve_names
        self._timeout = timeout
        self._names: dict[str, asyncio.Task[Refusal | None]] = {}

    async def check(self, host: str) -> Refusal | None:
        """A refusal when ``host`` is (or resolves to) a non-public address."""
        if self._allow_private:
            return None
        addr = literal_ip(host)
        if addr is not None:
            return check_address(addr)
        if host.lower().rstrip(".") == "localhost" or host.lower().endswith(".localhost"):
            return Refusal("localhost", "loopback address localhost refused")
        if not self._resolve_names:
            return None
        key = host.lower()
        task = self._names.get(key)
        if task is None:
            task = asyncio.ensure_future(self._resolve(key))
            self._names[key] = task
        return await asyncio.shield(task)

    async def _resolve(self, host: str) -> Refusal | None:
        try:
            addresses = await resolve_addresses(host, None, self._timeout)
        except (OSError, TimeoutError, UnicodeError):
            return None  # the transport reports the DNS failure itself
        refused = first_refusal(host, addresses)
        if refused is None:
            return None
        return Refusal(refused.refusal.address, str(refused))
