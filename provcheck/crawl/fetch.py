"""One URL over HTTP: HEAD or GET, redirects followed by hand, retries with backoff.

Method: when no body is needed (``fetch_targets`` and ``soft404_probe`` off) each hop is asked
with HEAD, and with GET again when the HEAD answer cannot be trusted (405, 501, 403 and any other
4xx but 404/410/429, or 5xx: many servers mishandle HEAD). When the page is needed, each hop is
asked with one streamed GET: the body is read (capped, see ``body.py``) only for a final
HTML/text answer or an error page (to spot bot walls), never for redirects or binary files,
so a GET costs about what a HEAD does and saves the second request a HEAD-then-GET would make.

Every hop passes the address check before it is sent. Retries (timeouts, resets, 5xx, 408,
425, 429) use exponential backoff with full jitter, or the server's Retry-After, which pauses
the whole host in the scheduler. A Retry-After longer than ``backoff_max`` is not waited for.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from provcheck.crawl.body import Body, decode_text, html_view, is_html, read_capped
from provcheck.crawl.classify import (
    ErrorVerdict,
    classify_error,
    classify_status,
    head_needs_get,
    is_challenge,
    parse_retry_after,
)
from provcheck.crawl.config import CrawlConfig
from provcheck.crawl.safety import AddressGuard
from provcheck.crawl.scheduler import HostScheduler, RetryBudget
from provcheck.errors import ReplayMiss
from provcheck.models import Hop, LinkState

log = logging.getLogger(__name__)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


@dataclass(slots=True)
class RunStats:
    """Counters shared by the run (the offline heuristic needs ``responses``)."""

    responses: int = 0
    requests: int = 0


@dataclass(slots=True)
class FetchContext:
    """What every fetch of a run shares."""

    client: httpx.AsyncClient
    config: CrawlConfig
    scheduler: HostScheduler
    guard: AddressGuard
    budget: RetryBudget
    stats: RunStats = field(default_factory=RunStats)
    rng: random.Random = field(default_factory=random.Random)


@dataclass(frozen=True, slots=True)
class Answer:
    """One HTTP response, with its capped body when it was read."""

    url: str
    method: str
    status: int
    headers: dict[str, str]
    body: Body | None
    cassette: bool
    elapsed_ms: float

    @property
    def content_type(self) -> str | None:
        return self.headers.get("content-type")

    def text(self) -> str:
        """The decoded body text ('' when no body was read or it could not be decoded)."""
        if self.body is None or not self.body.decoded:
            return ""
        return decode_text(self.body.data, self.content_type)


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a fetch ended without a final answer."""

    state: LinkState
    reason: str
    failure: ErrorVerdict | None = None


@dataclass(frozen=True, slots=True)
class FetchOutcome:
    """A followed URL: its hops, then a final answer or a problem."""

    url: str
    hops: tuple[Hop, ...]
    answer: Answer | None
    problem: Problem | None
    attempts: int
    elapsed_ms: float
    cassette: bool

    @property
    def final_url(self) -> str | None:
        """The URL of the final answer, else where the last redirect pointed."""
        if self.answer is not None:
            return self.answer.url
        return self.hops[-1].location if self.hops else None


def _wants_body(method: str, status: int, content_type: str | None) -> bool:
    if method != "GET" or status in REDIRECT_STATUSES:
        return False
    media = (content_type or "").split(";", 1)[0].strip().lower()
    return is_html(content_type) or media.startswith("text/") or (status >= 400 and not media)


async def _send_once(ctx: FetchContext, url: str, method: str, host: str) -> Answer:
    cfg = ctx.config
    async with ctx.scheduler.slot(host):
        ctx.stats.requests += 1
        started = time.perf_counter()
        async with asyncio.timeout(cfg.timeout):
            async with ctx.client.stream(method, url) as resp:
                ctx.stats.responses += 1
                headers = {k.lower(): v for k, v in resp.headers.items()}
                body = None
                if _wants_body(method, resp.status_code, headers.get("content-type")):
                    body = await read_capped(resp, cfg.max_body_bytes, cfg.max_decompressed_bytes)
                return Answer(
                    url=url,
                    method=method,
                    status=resp.status_code,
                    headers=headers,
                    body=body,
                    cassette=resp.extensions.get("provcheck_source") == "cassette",
                    elapsed_ms=(time.perf_counter() - started) * 1000,
                )


def _backoff(ctx: FetchContext, attempt: int) -> float:
    cap = min(ctx.config.backoff_max, ctx.config.backoff_base * 2 ** (attempt - 1))
    return ctx.rng.uniform(0, cap)


async def request_with_retries(
    ctx: FetchContext, url: str, method: str, max_retries: int | None = None
) -> tuple[Answer | None, ErrorVerdict | None, int]:
    """One hop with retries: (answer, None, attempts) or (None, error, attempts).

    ``max_retries`` overrides the configured count for this hop (None: the configuration's).
    """
    host = urlsplit(url).hostname or ""
    retries = ctx.config.max_retries if max_retries is None else max_retries
    attempt = 0
    while True:
        attempt += 1
        try:
            answer = await _send_once(ctx, url, method, host)
        except ReplayMiss:
            raise
        except Exception as exc:  # every transport failure is data, see classify_error
            verdict = classify_error(exc)
            log.debug("%s %s failed: %r", method, url, exc)
            if verdict.retryable and attempt <= retries and ctx.budget.take():
                await asyncio.sleep(_backoff(ctx, attempt))
                continue
            return None, verdict, attempt
        if method == "HEAD" and head_needs_get(answer.status):
            return answer, None, attempt  # asked again with GET, which does the retrying
        status_verdict = classify_status(answer.status, answer.headers, "")
        if not status_verdict.retryable or attempt > retries:
            return answer, None, attempt
        wait = parse_retry_after(answer.headers.get("retry-after"))
        if wait is not None and wait > ctx.config.backoff_max:
            return answer, None, attempt  # not worth waiting for: rate-limited now
        if _is_wall(answer) or not ctx.budget.take():
            return answer, None, attempt
        if answer.cassette:
            continue  # a replay has nothing to wait for
        if wait is not None:
            ctx.scheduler.pause(host, wait)  # the slot waits; other hosts carry on
        else:
            await asyncio.sleep(_backoff(ctx, attempt))


def _is_wall(answer: Answer) -> bool:
    """A bot wall is not retried: asking again only looks more like a bot."""
    if answer.headers.get("cf-mitigated"):
        return True
    if answer.body is None:
        return False
    text = answer.text()
    visible = html_view(text).text if is_html(answer.content_type) else text
    return is_challenge(answer.status, answer.headers, visible)


async def _hop(
    ctx: FetchContext, url: str, method: str, max_retries: int | None
) -> tuple[Answer | None, ErrorVerdict | None, int]:
    answer, error, attempts = await request_with_retries(ctx, url, method, max_retries)
    if method == "HEAD" and answer is not None and head_needs_get(answer.status):
        answer, error, more = await request_with_retries(ctx, url, "GET", max_retries)
        attempts += more
    return answer, error, attempts


async def fetch(
    ctx: FetchContext, url: str, *, want_body: bool, max_retries: int | None = None
) -> FetchOutcome:
    """Follow ``url`` to its final answer, recording every redirect hop.

    ``max_retries`` overrides the configured retries of every hop (None: the configuration's).
    """
    method = "GET" if want_body else "HEAD"
    hops: list[Hop] = []
    seen = {url}
    current = url
    attempts = 0
    elapsed = 0.0
    cassette = False

    def done(answer: Answer | None, problem: Problem | None) -> FetchOutcome:
        return FetchOutcome(url, tuple(hops), answer, problem, attempts, elapsed, cassette)

    while True:
        host = urlsplit(current).hostname or ""
        refusal = await ctx.guard.check(host)
        if refusal is not None:
            return done(None, Problem(LinkState.UNVERIFIED, refusal.reason))
        answer, error, n = await _hop(ctx, current, method, max_retries)
        attempts += n
        if answer is None:
            assert error is not None
            return done(None, Problem(error.state, error.reason, error))
        elapsed += answer.elapsed_ms
        cassette = cassette or answer.cassette
        location = answer.headers.get("location")
        if answer.status not in REDIRECT_STATUSES or not location:
            return done(answer, None)
        try:
            target = str(httpx.URL(current).join(location.strip()).copy_with(fragment=None))
        except (httpx.InvalidURL, ValueError):
            hops.append(Hop(current, answer.status, location))
            return done(None, Problem(LinkState.BROKEN, "redirect to a malformed URL"))
        hops.append(Hop(current, answer.status, target))
        if urlsplit(target).scheme not in ("http", "https"):
            return done(None, Problem(LinkState.BROKEN, "redirect to a non-HTTP URL"))
        if target in seen:
            return done(None, Problem(LinkState.BROKEN, "redirect loop"))
        if len(hops) > ctx.config.max_redirects:
            return done(None, Problem(LinkState.BROKEN, "too many redirects"))
        seen.add(target)
        current = target
