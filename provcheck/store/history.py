"""A URL's history across runs: the verdicts of a report, and past failures for PV301.

PV301 calls a link *confirmed* broken when it failed in checks at least three days apart;
one failure alone stays *suspected*. The store answers "when did this URL fail before?"
with the verdict's own ``checked_at`` (a verdict served from the cache keeps its original
time, so one real check is never counted twice), else the run's start.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from provcheck.models import AuditedDocument, Link, LinkRole, LinkState, LinkStatus, Report

#: Verdicts that count as a failure in the history.
FAILED_STATES: frozenset[LinkState] = frozenset({LinkState.BROKEN, LinkState.TIMEOUT})

_CHUNK = 500  # below SQLite's default limit of bound parameters


def failure_history(
    conn: sqlite3.Connection, urls: Iterable[str], before_run: int | None
) -> dict[str, tuple[str, ...]]:
    """Per URL, the sorted distinct times it failed in runs older than ``before_run``.

    ``before_run=None`` looks at every run. Interrupted runs count: their verdicts were real
    checks. URLs with no failure on record are absent from the result.
    """
    wanted = sorted(set(urls))
    states = sorted(s.value for s in FAILED_STATES)
    found: dict[str, set[str]] = {}
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        sql = (
            "SELECT v.url, COALESCE(v.checked_at, r.started_at) FROM verdicts v"
            " JOIN runs r ON r.id = v.run_id"
            f" WHERE v.url IN ({marks}) AND v.state IN (?, ?)"
        )
        params: list[object] = [*chunk, *states]
        if before_run is not None:
            sql += " AND v.run_id < ?"
            params.append(before_run)
        for url, stamp in conn.execute(sql, params):
            found.setdefault(str(url), set()).add(str(stamp))
    return {url: tuple(sorted(stamps)) for url, stamps in sorted(found.items())}


def verdict_key(link: Link) -> str | None:
    """The crawl key of a link (its normalised http(s) URL), or None if nothing was fetched.

    Mirrors ``provcheck.pipeline.fetchable_key`` without importing the pipeline.
    """
    if link.role is LinkRole.PLACEHOLDER or link.malformed or link.facts is None:
        return None
    normalized = link.facts.normalized
    return normalized if normalized.startswith(("http://", "https://")) else None


def collect_verdicts(doc: AuditedDocument, into: dict[str, LinkStatus]) -> None:
    """Add the crawl verdicts of ``doc``'s links to ``into`` (an earlier one wins)."""
    for link, status in zip(doc.extracted.links, doc.statuses, strict=False):
        key = verdict_key(link)
        if key is not None and status is not None and key not in into:
            into[key] = status


def report_verdicts(report: Report) -> dict[str, LinkStatus]:
    """The crawl verdicts a report holds, by crawl key (first occurrence wins), sorted."""
    out: dict[str, LinkStatus] = {}
    for doc in report.documents:
        collect_verdicts(doc, out)
    return dict(sorted(out.items()))
