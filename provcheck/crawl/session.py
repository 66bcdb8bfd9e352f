"""The crawl stage as the pipeline uses it: which links to fetch, and through what.

Chooses the answer source for a run (the verdict cache, a recording wrapped around the
network, a replayed recording, or the network alone), runs the crawler, and maps its
per-URL verdicts back onto every link of every document (placeholders and malformed URLs
get their verdict here, without any request).
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from provcheck.config import Config
from provcheck.crawl.config import CrawlConfig
from provcheck.models import (
    AnswerSource,
    ExtractedDocument,
    Link,
    LinkRole,
    LinkState,
    LinkStatus,
)

if TYPE_CHECKING:
    import httpx

    from provcheck.crawl.cache import VerdictCache
    from provcheck.crawl.replay import ReplayTransport


def fetchable_key(link: Link) -> str | None:
    """The crawl key of a link (its normalised URL), or None when there is nothing to fetch."""
    if link.role is LinkRole.PLACEHOLDER or link.malformed or link.facts is None:
        return None
    if not link.facts.normalized.startswith(("http://", "https://")):
        return None
    return link.facts.normalized


def reference_dates(docs: Sequence[ExtractedDocument]) -> dict[str, dt.date]:
    """Per URL, the earliest date of a document citing it: archived copies are sought before it."""
    dates: dict[str, dt.date] = {}
    for doc in docs:
        chosen = doc.date.chosen
        if chosen is None:
            continue
        for link in doc.links:
            key = fetchable_key(link)
            if key is not None and (key not in dates or chosen.date.value < dates[key]):
                dates[key] = chosen.date.value
    return dates


def _static_status(link: Link) -> LinkStatus | None:
    if link.role is LinkRole.PLACEHOLDER:
        return LinkStatus(url=link.url, state=LinkState.PLACEHOLDER, reason="link target stripped")
    if link.malformed or link.facts is None:
        return LinkStatus(
            url=link.url, state=LinkState.MALFORMED, reason=link.malformed or "cannot be parsed"
        )
    if fetchable_key(link) is None:
        return LinkStatus(
            url=link.url, state=LinkState.UNVERIFIED, reason="not an http(s) URL: not fetched"
        )
    return None


def link_statuses(
    doc: ExtractedDocument, verdicts: Mapping[str, LinkStatus]
) -> tuple[LinkStatus, ...]:
    """One status per link of ``doc``, parallel to ``doc.links``."""
    out: list[LinkStatus] = []
    for link in doc.links:
        static = _static_status(link)
        if static is not None:
            out.append(static)
            continue
        key = fetchable_key(link)
        found = verdicts.get(key) if key else None
        out.append(
            found
            if found is not None
            else LinkStatus(url=link.url, state=LinkState.UNVERIFIED, reason="not fetched")
        )
    return tuple(out)


def original_keys(docs: Sequence[ExtractedDocument]) -> frozenset[str]:
    """Crawl keys of the documents' declared original URLs: their text is compared (PV310)."""
    return frozenset(
        key
        for doc in docs
        for link in doc.links
        if link.role is LinkRole.ORIGINAL and (key := fetchable_key(link)) is not None
    )


def crawl_config(config: Config, text_for: frozenset[str] | None = None) -> CrawlConfig:
    """The crawler's settings from the run configuration."""
    return CrawlConfig(
        text_for=text_for,
        timeout=config.timeout,
        max_concurrency=config.max_concurrency,
        per_host_concurrency=config.per_host,
        per_host_interval=config.host_interval,
        max_retries=config.retries,
        deadline=config.deadline,
        max_redirects=config.max_redirects,
        max_body_bytes=config.max_body_bytes,
        allow_private=config.allow_private,
        ca_bundle=config.ca_bundle,
        proxy=config.proxy,
        offline=config.offline,
        archive=config.archive and not config.offline,
        archive_endpoint=config.archive_endpoint,
    )


def crawl(
    urls: Sequence[str],
    config: Config,
    *,
    reference_dates: Mapping[str, dt.date] | None = None,
    progress: Callable[[LinkStatus], None] | None = None,
    text_for: frozenset[str] | None = None,
) -> dict[str, LinkStatus]:
    """Resolve unique URLs, through the cache, a recording or a replayed recording."""
    return asyncio.run(
        _crawl(
            urls,
            config,
            reference_dates=reference_dates,
            progress=progress,
            settings=crawl_config(config, text_for),
        )
    )


async def _crawl(
    urls: Sequence[str],
    config: Config,
    *,
    reference_dates: Mapping[str, dt.date] | None,
    progress: Callable[[LinkStatus], None] | None,
    settings: CrawlConfig,
) -> dict[str, LinkStatus]:
    from provcheck.crawl.client import network_transport
    from provcheck.crawl.crawler import check_urls

    transport: httpx.AsyncBaseTransport | None = None
    replay: ReplayTransport | None = None
    cache: VerdictCache | None = None
    if config.replay:
        from provcheck.crawl.replay import ReplayTransport  # warcio: only when replaying

        transport = replay = ReplayTransport(Path(config.replay))
    elif config.record:
        from provcheck.crawl.record import RecordingTransport

        transport = RecordingTransport(
            network_transport(settings),
            Path(config.record),
            max_body_bytes=settings.max_body_bytes,
        )
    elif not config.no_cache:
        from provcheck.crawl.cache import VerdictCache, default_cache_path

        cache = VerdictCache(Path(config.cache) if config.cache else default_cache_path())
    try:
        verdicts = await check_urls(
            urls,
            settings,
            cache=cache,
            transport=transport,
            reference_dates=reference_dates,
            progress=progress,
        )
        if replay is not None:
            verdicts = {url: _as_replayed(s, replay) for url, s in verdicts.items()}
        return verdicts
    finally:
        if transport is not None:
            await transport.aclose()
        if cache is not None:
            cache.close()


def _as_replayed(status: LinkStatus, replay: ReplayTransport) -> LinkStatus:
    """A replayed verdict: its time is the recording's, its timing is not measured.

    With a replay transport nothing can come from the network, so every fetched
    answer (a recorded transport error included) is marked as coming from the cassette.
    This keeps replayed reports byte-identical from one replay to the next.
    """
    if status.source not in (AnswerSource.NETWORK, AnswerSource.CASSETTE):
        return status
    return dataclasses.replace(
        status,
        source=AnswerSource.CASSETTE,
        checked_at=replay.recorded_at(status.url) or status.checked_at,
        elapsed_ms=None,
    )
