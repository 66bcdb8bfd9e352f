"""Crawler settings and the verdict-cache seam.

Defaults are polite: a few requests at a time per host, a pause between requests to the same
host, bounded retries and a global retry budget, so that one run over a large archive never
hammers a site. Benchmarks and tests lift the limits explicitly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from provcheck import __version__
from provcheck.models import LinkStatus

#: Sent with every request; names the tool so site owners can tell what is knocking.
DEFAULT_USER_AGENT = f"provcheck/{__version__} (+link and provenance checker)"

#: The Internet Archive's Wayback availability API (pywb and OpenWayback speak the same).
DEFAULT_ARCHIVE_ENDPOINT = "https://archive.org/wayback/available"


class Backend(StrEnum):
    """Which HTTP/1.1 transport carries the requests.

    ``aiohttp`` (httpx-aiohttp's ``AiohttpTransport``) measured about 13x faster than httpx's
    own pool at 100 connections on loopback (about 1,700-2,000 vs 134 requests/s against the
    benchmark server); httpx's ``AsyncHTTPTransport`` stays as the fallback, used when
    httpx-aiohttp is missing or when chosen here.

    ``auto`` (the default) takes aiohttp when a run has more than :data:`SMALL_RUN_REQUESTS`
    URLs to fetch and httpx's own transport for fewer: importing aiohttp (it builds two TLS
    contexts at import) costs more than a handful of requests through httpx, which is
    already loaded. A warm run that re-asks only a few rate-limited URLs is such a run.
    """

    AUTO = "auto"
    AIOHTTP = "aiohttp"
    HTTPX = "httpx"


# At most this many URLs to fetch: httpx's own transport (see Backend).
SMALL_RUN_REQUESTS = 32


@dataclass(frozen=True, slots=True)
class CrawlConfig:
    """Everything the crawler needs to know; times in seconds, sizes in bytes."""

    timeout: float = 10.0  # whole request (connect + headers + capped body), per attempt
    connect_timeout: float = 5.0
    max_concurrency: int = 32  # requests in flight over the whole run
    per_host_concurrency: int = 4
    per_host_interval: float = 0.1  # minimum gap between request starts to the same host
    max_retries: int = 2  # per URL, for timeouts, resets, 5xx and 429
    retry_budget: int = 500  # retries over the whole run
    backoff_base: float = 0.5  # exponential backoff with full jitter: U(0, base * 2**n)
    backoff_max: float = 30.0  # longest wait honoured (Retry-After or backoff); longer -> give up
    deadline: float | None = None  # seconds for the whole run; then "deadline reached"
    max_redirects: int = 10
    max_body_bytes: int = 2 * 1024 * 1024  # bytes read from the wire per response
    max_decompressed_bytes: int = 4 * 1024 * 1024  # bytes kept after gzip/deflate decoding
    user_agent: str = DEFAULT_USER_AGENT
    allow_private: bool = False  # allow loopback/private/link-local targets
    ca_bundle: str | None = None  # PEM file replacing the default trust store
    proxy: str | None = None  # http(s) proxy URL; name resolution is then the proxy's
    offline: bool = False  # no network transport at all (a replay transport still works)
    archive: bool = True  # look broken/soft-404 links up in a web archive
    archive_endpoint: str = DEFAULT_ARCHIVE_ENDPOINT
    soft404_probe: bool = True  # random-sibling probe once per (host, directory)
    fetch_targets: bool = True  # read HTML targets for title/date/canonical/text
    # URLs whose main text is extracted (for content drift); None = every HTML target.
    # Main-text extraction costs milliseconds and up to 20k characters per page, so a
    # batch keeps it for the documents' declared original URLs only.
    text_for: frozenset[str] | None = None
    http2: bool = False  # HTTP/1.1 by default (see PITFALLS.md: HTTP/2 connection resets)
    backend: Backend = Backend.AUTO


class VerdictCacheProtocol(Protocol):
    """What the crawler needs from a verdict cache (``crawl.cache`` implements it)."""

    def get_many(self, urls: Iterable[str]) -> dict[str, LinkStatus]:
        """The fresh cached verdicts of any of ``urls``, keyed by URL (absent: none)."""
        ...

    def put(self, status: LinkStatus) -> None:
        """Store a new verdict; the cache decides which states are worth keeping."""
        ...

    def rate_limited_among(self, urls: Iterable[str]) -> set[str]:
        """Those of ``urls`` rate-limited on a recent run: ask them once, without retries."""
        ...
