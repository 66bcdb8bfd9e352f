"""Entry point of the crawl stage: unique URLs in, one :class:`LinkStatus` per URL out.

Each unique URL (fragment ignored) is fetched once per run, after the verdict cache had its
say. The network transport is built here unless the caller gives one (a replay transport, or a
recording transport wrapping the network); the caller keeps ownership of a transport it gives
and closes it. ``offline`` forbids only the network transport, so a replay still answers
offline. A replay miss (:class:`ReplayMiss`) stops the run; every other failure of a URL is a
verdict. Results come back in input order.

Network-down heuristic: DNS failures, unreachable networks, connect timeouts and proxy errors
say nothing about a link when the machine has no network at all. While no request of the run
has received any HTTP answer, such verdicts are held back; at the end of the run, if still not
a single answer came back from any host, they become ``unverified`` ("network unreachable?")
instead of ``broken``/``timeout``. One answer from anywhere (even a 404) proves the network
works and releases them unchanged. A run of one dead domain is therefore reported unverified:
the price of never calling links broken on a machine without network.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx

from provcheck.crawl.archive import ArchiveLookup
from provcheck.crawl.classify import NETWORK_DOWN_FAILURES
from provcheck.crawl.client import build_client
from provcheck.crawl.config import CrawlConfig, VerdictCacheProtocol
from provcheck.crawl.fetch import FetchContext, fetch
from provcheck.crawl.safety import AddressGuard, literal_ip
from provcheck.crawl.scheduler import HostScheduler, RetryBudget
from provcheck.crawl.verdict import Judge
from provcheck.models import AnswerSource, LinkState, LinkStatus

ProgressCallback = Callable[[LinkStatus], None]

_LABEL = re.compile(r"^(?!-)[a-z0-9_-]{1,63}(?<!-)$", re.IGNORECASE)


def malformed_reason(url: str) -> str | None:
    """Why ``url`` cannot be fetched at all (not http(s), no or bad host, bad port), or None."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return "unparsable URL or port"
    if parts.scheme.lower() not in ("http", "https"):
        return f"not http(s): {parts.scheme or 'no scheme'}"
    host = parts.hostname
    if not host:
        return "no host"
    if port == 0:
        return "bad port"
    if literal_ip(host) is not None:
        return None
    try:
        ascii_host = host.rstrip(".").encode("idna").decode("ascii")
    except UnicodeError:
        return f"bad host {host}"
    labels = ascii_host.split(".")
    if not ascii_host or len(ascii_host) > 253 or not all(_LABEL.match(x) for x in labels):
        return f"bad host {host}"
    return None


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _fetch_key(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))


def _plain(url: str, state: LinkState, reason: str) -> LinkStatus:
    return LinkStatus(url=url, state=state, reason=reason, checked_at=_now())


class _Run:
    """One crawl: the shared fetch context, de-duplicated fetches and held-back verdicts."""

    def __init__(
        self,
        config: CrawlConfig,
        cache: VerdictCacheProtocol | None,
        cached: Mapping[str, LinkStatus],
        reference_dates: Mapping[str, dt.date],
        progress: ProgressCallback | None,
    ) -> None:
        self.config = config
        self.cache = cache
        self.reference_dates = reference_dates
        self.progress = progress
        self.ctx: FetchContext | None = None
        self.judge: Judge | None = None
        self.archive: ArchiveLookup | None = None
        self.fetches: dict[str, asyncio.Task[tuple[LinkStatus, bool]]] = {}
        self.held: list[LinkStatus] = []
        self.results: dict[str, LinkStatus] = {}
        self.cached: Mapping[str, LinkStatus] = cached
        self.hinted: set[str] = set()  # rate-limited on a recent run: asked once

    def connect(self, client: httpx.AsyncClient) -> None:
        """Fetch through ``client`` from now on (without it, unsettled URLs are offline)."""
        config = self.config
        scheduler = HostScheduler(
            config.max_concurrency, config.per_host_concurrency, config.per_host_interval
        )
        guard = AddressGuard(
            allow_private=config.allow_private,
            resolve_names=config.proxy is None and not config.offline,
            timeout=config.connect_timeout,
        )
        budget = RetryBudget(config.retry_budget)
        self.ctx = FetchContext(client, config, scheduler, guard, budget)
        self.judge = Judge(self.ctx)
        if config.archive and not config.offline:
            self.archive = ArchiveLookup(client, scheduler, config.archive_endpoint, config.timeout)

    def emit(self, status: LinkStatus, *, store: bool) -> None:
        """Record a final verdict: cache it when new, and tell the progress callback."""
        self.results[status.url] = status
        if store and self.cache is not None:
            self.cache.put(status)
        if self.progress is not None:
            self.progress(status)

    def settle(self, url: str) -> bool:
        """Give ``url`` its verdict now if no request is needed (cached, or malformed).

        The cache comes first: only fetched URLs are cached, so a cached URL is well formed.
        """
        cached = self.cached.get(url)
        if cached is not None:
            if cached.url != url or cached.source is not AnswerSource.CACHE:
                cached = dataclasses.replace(cached, url=url, source=AnswerSource.CACHE)
            self.emit(cached, store=False)
            return True
        problem = malformed_reason(url)
        if problem is not None:
            self.emit(_plain(url, LinkState.MALFORMED, problem), store=False)
            return True
        return False

    async def check(self, url: str) -> None:
        """Decide the verdict of an unsettled ``url``, sharing the fetch with URLs that differ
        by fragment only."""
        assert self.ctx is not None  # connected: check_urls settles everything when offline
        key = _fetch_key(url)
        task = self.fetches.get(key)
        if task is None:
            task = asyncio.ensure_future(self._verdict(key, hinted=url in self.hinted))
            self.fetches[key] = task
        status, network_down = await asyncio.shield(task)
        status = dataclasses.replace(status, url=url)
        if network_down and self.ctx.stats.responses == 0:
            self.held.append(status)  # decided in finish(): no network, or a dead host?
            return
        self.emit(status, store=True)

    async def _verdict(self, url: str, *, hinted: bool) -> tuple[LinkStatus, bool]:
        """Fetch and judge ``url``; a URL rate-limited on a recent run is asked only once."""
        assert self.ctx is not None
        assert self.judge is not None
        want_body = self.config.fetch_targets or self.config.soft404_probe
        retries = 0 if hinted else None
        outcome = await fetch(self.ctx, url, want_body=want_body, max_retries=retries)
        status = await self.judge.status_of(outcome, _now())
        if hinted and status.state is LinkState.RATE_LIMITED:
            reason = f"{status.reason}; asked once, rate-limited on a recent run too"
            status = dataclasses.replace(status, reason=reason)
        if status.state in (LinkState.BROKEN, LinkState.SOFT_404) and self.archive is not None:
            archived = await self.archive.find(url, self.reference_dates.get(url))
            status = dataclasses.replace(status, archived=archived)
        failure = outcome.problem.failure if outcome.problem is not None else None
        return status, failure is not None and failure.failure in NETWORK_DOWN_FAILURES

    async def cancel_all(self, checks: Sequence[asyncio.Future[None]]) -> None:
        """Stop whatever is still running (deadline reached, or a replay miss)."""
        others: list[asyncio.Future[Any]] = [*self.fetches.values()]
        if self.judge is not None:
            others.extend(self.judge.running())
        for task in (*checks, *others):
            task.cancel()
        await asyncio.gather(*checks, *others, return_exceptions=True)

    def finish(self, urls: Sequence[str]) -> None:
        """Release held verdicts (downgraded if no host ever answered) and unfinished URLs."""
        network_down = self.ctx is not None and self.ctx.stats.responses == 0
        for status in self.held:
            if network_down:
                status = dataclasses.replace(
                    status,
                    state=LinkState.UNVERIFIED,
                    reason=f"network unreachable? ({status.reason})",
                    archived=None,
                )
            self.emit(status, store=True)
        self.held.clear()
        for url in (u for u in urls if u not in self.results):
            late = _plain(url, LinkState.UNVERIFIED, "deadline reached: not fetched")
            self.emit(late, store=True)


async def check_urls(
    urls: Sequence[str],
    config: CrawlConfig,
    *,
    cache: VerdictCacheProtocol | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    reference_dates: Mapping[str, dt.date] | None = None,
    progress: ProgressCallback | None = None,
) -> dict[str, LinkStatus]:
    """Check every unique URL once; verdicts keyed by URL, in input order.

    ``reference_dates`` maps a URL to the citing document's date (archive lookups prefer a
    snapshot before it). Raises :class:`provcheck.errors.ReplayMiss` when a replay transport
    lacks a request; never raises for the failure of a single URL.
    """
    unique = list(dict.fromkeys(urls))
    # Every fresh cached verdict in one lookup; malformed and cached URLs are settled at
    # once, only the rest go to the workers (and with none left, no client is built at all).
    cached = cache.get_many(unique) if cache is not None else {}
    run = _Run(config, cache, cached, reference_dates or {}, progress)
    to_check = [url for url in unique if not run.settle(url)]
    client = None
    if to_check and (transport is not None or not config.offline):
        client = build_client(config, transport, requests=len(to_check))
        run.connect(client)
        if cache is not None:
            run.hinted = cache.rate_limited_among(to_check)
    else:  # offline with no recording to replay: nothing more can be learnt
        for url in to_check:
            run.emit(_plain(url, LinkState.UNVERIFIED, "offline"), store=True)
        to_check = []
    pending = iter(dispatch_order(to_check))  # shared: each worker takes the next URL
    workers = [
        asyncio.ensure_future(_work(run, pending)) for _ in range(worker_count(config, to_check))
    ]
    try:
        await _wait_all(workers, config.deadline)
    finally:
        await run.cancel_all(workers)
        if client is not None:
            await client.aclose()
    run.finish(unique)
    return {url: run.results[url] for url in unique}


def worker_count(config: CrawlConfig, urls: Sequence[str]) -> int:
    """How many URLs are checked at once: a bounded pool, not one task per URL.

    Enough workers that a run of a few thousand URLs starts every URL at once (a smaller
    pool measured slower on the crawl benchmark: URLs late in the queue waited out every
    host pause before they started), few enough that a batch of tens of thousands of URLs
    does not hold a waiting task (and its buffers) per URL: that cost about 19 KB per URL.
    """
    return min(len(urls), max(2048, 8 * config.max_concurrency))


def dispatch_order(urls: Sequence[str]) -> list[str]:
    """``urls`` interleaved host by host (round robin, hosts in order of first appearance).

    With a bounded pool, a long run of one host's URLs would tie every worker to that host's
    few slots while other hosts wait; interleaving spreads the workers over the hosts.
    """
    by_host: dict[str, list[str]] = {}
    for url in urls:
        try:
            host = (urlsplit(url).hostname or "").lower()
        except ValueError:
            host = ""
        by_host.setdefault(host, []).append(url)
    rounds = itertools.zip_longest(*by_host.values())
    return [url for group in rounds for url in group if url is not None]


async def _work(run: _Run, pending: Iterator[str]) -> None:
    """One worker: check URLs from the shared iterator until it is empty."""
    for url in pending:
        await run.check(url)


async def _wait_all(tasks: list[asyncio.Task[None]], deadline: float | None) -> None:
    """Wait for every task until the deadline; re-raise the first exception (a replay miss)."""
    if not tasks:
        return
    loop = asyncio.get_running_loop()
    end = None if deadline is None else loop.time() + deadline
    pending: set[asyncio.Task[None]] = set(tasks)
    while pending:
        timeout = None if end is None else max(0.0, end - loop.time())
        done, pending = await asyncio.wait(
            pending, timeout=timeout, return_when=asyncio.FIRST_EXCEPTION
        )
        for task in done:
            exc = None if task.cancelled() else task.exception()
            if exc is not None:
                raise exc
        if end is not None and loop.time() >= end:
            return


def check_urls_sync(
    urls: Sequence[str],
    config: CrawlConfig,
    *,
    cache: VerdictCacheProtocol | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    reference_dates: Mapping[str, dt.date] | None = None,
    progress: ProgressCallback | None = None,
) -> dict[str, LinkStatus]:
    """:func:`check_urls` for synchronous callers (runs its own event loop)."""
    return asyncio.run(
        check_urls(
            urls,
            config,
            cache=cache,
            transport=transport,
            reference_dates=reference_dates,
            progress=progress,
        )
    )
