"""From a followed URL to its :class:`LinkStatus`: status verdict, soft-404 checks, target.

The soft-404 sibling probe runs once per (host, parent directory, path shape) per run and is
shared by every link under it; target metadata is read for HTML pages that are not soft-404s.
CPU-heavy parsing (lxml, htmldate, trafilatura) runs in a worker thread so the event loop keeps
the other requests moving.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools

from provcheck.crawl.body import HtmlView, html_view, is_html
from provcheck.crawl.classify import classify_status
from provcheck.crawl.fetch import Answer, FetchContext, FetchOutcome, fetch
from provcheck.crawl.soft404 import (
    ProbeResult,
    Soft404Verdict,
    probe_target,
    probe_verdict,
    redirect_verdict,
)
from provcheck.crawl.target import target_meta
from provcheck.models import AnswerSource, LinkState, LinkStatus, TargetMeta

ProbeKey = tuple[str, str, str, str]


def _source(outcome: FetchOutcome) -> AnswerSource:
    if outcome.cassette:
        return AnswerSource.CASSETTE
    if outcome.attempts == 0:
        return AnswerSource.NONE  # refused before any request
    return AnswerSource.NETWORK


def _page(answer: Answer) -> tuple[str, HtmlView] | None:
    """The decoded HTML and its light view, for an HTML answer whose body was read."""
    if answer.body is None or not is_html(answer.content_type):
        return None
    text = answer.text()
    return text, html_view(text)


def _redirects(count: int) -> str:
    return f"{count} redirect{'s' if count > 1 else ''}"


class Judge:
    """Turns fetch outcomes into verdicts; owns the run's sibling probes."""

    def __init__(self, ctx: FetchContext) -> None:
        self.ctx = ctx
        self._probes: dict[ProbeKey, asyncio.Task[ProbeResult | None]] = {}

    async def _run_probe(self, probe_url: str) -> ProbeResult | None:
        outcome = await fetch(self.ctx, probe_url, want_body=True)
        token = probe_url.rstrip("/").rpartition("/")[2].split(".", 1)[0]
        if outcome.answer is None:
            return ProbeResult(status=None, token=token)
        page = await asyncio.to_thread(_page, outcome.answer)
        view = page[1] if page else HtmlView(None, "")
        return ProbeResult(outcome.answer.status, outcome.answer.url, view.title, view.text, token)

    def running(self) -> list[asyncio.Task[ProbeResult | None]]:
        """The probe tasks, so that a stopped run can cancel them."""
        return list(self._probes.values())

    async def probe(self, url: str) -> ProbeResult | None:
        """The sibling probe for ``url``'s directory (None for a site root)."""
        target = probe_target(url)
        if target is None:
            return None
        key, probe_url = target
        task = self._probes.get(key)
        if task is None:
            task = asyncio.ensure_future(self._run_probe(probe_url))
            self._probes[key] = task
        return await asyncio.shield(task)

    async def status_of(self, outcome: FetchOutcome, checked_at: str) -> LinkStatus:
        """The verdict for a followed URL, with every piece of evidence kept."""
        cfg = self.ctx.config
        base = LinkStatus(
            url=outcome.url,
            state=LinkState.UNVERIFIED,
            final_url=outcome.final_url,
            hops=outcome.hops,
            elapsed_ms=round(outcome.elapsed_ms, 1) if outcome.attempts else None,
            checked_at=checked_at,
            source=_source(outcome),
            attempts=outcome.attempts,
        )
        if outcome.problem is not None:
            problem = outcome.problem
            return dataclasses.replace(base, state=problem.state, reason=problem.reason)
        answer = outcome.answer
        assert answer is not None
        page = await asyncio.to_thread(_page, answer)
        verdict = classify_status(answer.status, answer.headers, page[1].text if page else "")
        state, reason = verdict.state, verdict.reason
        if (
            answer.status == 429
            and verdict.state is LinkState.RATE_LIMITED
            and answer.headers.get("retry-after")
        ):
            reason = f"HTTP 429 (Retry-After {answer.headers['retry-after']})"
        status = dataclasses.replace(
            base,
            state=state,
            reason=reason,
            http_status=answer.status,
            content_type=answer.content_type,
        )
        if state is not LinkState.ALIVE or (page is None and not outcome.hops):
            return status
        if outcome.hops:
            status = dataclasses.replace(
                status,
                state=LinkState.REDIRECTED,
                reason=f"{reason} after {_redirects(len(outcome.hops))}",
            )
        soft = await self._soft404(outcome, answer, page)
        if soft is not None:
            if soft.confirmed:
                return dataclasses.replace(status, state=LinkState.SOFT_404, reason=soft.reason)
            status = dataclasses.replace(status, reason=soft.reason)
        if cfg.fetch_targets and page is not None:
            with_text = cfg.text_for is None or outcome.url in cfg.text_for
            meta: TargetMeta = await asyncio.to_thread(
                functools.partial(target_meta, with_text=with_text), page[0], answer.url, page[1]
            )
            status = dataclasses.replace(status, target=meta)
        return status

    async def _soft404(
        self, outcome: FetchOutcome, answer: Answer, page: tuple[str, HtmlView] | None
    ) -> Soft404Verdict | None:
        if outcome.hops:
            by_redirect = redirect_verdict(outcome.url, answer.url)
            if by_redirect is not None:
                return by_redirect
        if page is None:
            return None
        probe = await self.probe(outcome.url) if self.ctx.config.soft404_probe else None
        return probe_verdict(outcome.url, answer.url, page[1], probe)
