"""The aiohttp resolver that checks the addresses the transport is about to connect to.

:class:`provcheck.crawl.safety.AddressGuard` resolves a host before each request, but the
transport resolves it again when it opens the connection. Checking that second answer too closes
the gap a DNS-rebinding host would use (public address for the first lookup, private for the
second). A refusal is an :class:`AddressRefused` (an ``OSError``), which aiohttp wraps in its
connector error and :mod:`provcheck.crawl.classify` turns into an ``unverified`` verdict.

httpx's own transport has the same check in :mod:`provcheck.crawl.connect_guard`.

Used only when private addresses are not allowed and no proxy is set (through a proxy, the only
name the transport resolves is the proxy's own).
"""

from __future__ import annotations

import socket
from typing import Any

from aiohttp.resolver import ThreadedResolver

from provcheck.crawl.safety import first_refusal


class PublicOnlyResolver(ThreadedResolver):
    """aiohttp's threaded resolver, refusing names that resolve to a non-public address."""

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[Any]:
        """Resolve as aiohttp does, then refuse if any address is not public."""
        results = await super().resolve(host, port, family)
        refused = first_refusal(host, (str(r["host"]) for r in results))
        if refused is not None:
            raise refused
        return list(results)
