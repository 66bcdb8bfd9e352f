"""Archived copies of dead links via the Wayback availability API.

``GET {endpoint}?url=<url>&timestamp=<YYYYMMDD>`` answers with the snapshot closest to the
timestamp, on either side::

    {"archived_snapshots": {"closest": {"available": true, "url": "...",
                                        "timestamp": "20210326093000", "status": "200"}}}

pywb and OpenWayback serve the same API, so the endpoint is configurable. A snapshot taken
before the citing document's date shows what the author linked to; when the closest one is
later, a second query aimed half a year earlier looks for an older one, and otherwise the later
snapshot is kept with ``before_document=False``. A lookup that fails in any way gives None and
never changes the link's verdict.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from typing import Any
from urllib.parse import urlsplit

import httpx

from provcheck.crawl.scheduler import HostScheduler
from provcheck.errors import ReplayMiss
from provcheck.models import ArchivedCopy

log = logging.getLogger(__name__)

#: How far before the reference date the second query aims.
EARLIER_BY = dt.timedelta(days=180)


def parse_availability(payload: Any) -> ArchivedCopy | None:
    """The closest available snapshot in an availability-API answer, or None."""
    if not isinstance(payload, dict):
        return None
    snapshots = payload.get("archived_snapshots")
    closest = snapshots.get("closest") if isinstance(snapshots, dict) else None
    if not isinstance(closest, dict) or not closest.get("available"):
        return None
    url, stamp = closest.get("url"), str(closest.get("timestamp") or "")
    if not isinstance(url, str) or not url or not stamp.isdigit() or len(stamp) < 8:
        return None
    status_text = str(closest.get("status") or "")
    status = int(status_text) if status_text.isdigit() else None
    return ArchivedCopy(url=url, timestamp=stamp.ljust(14, "0")[:14], status=status)


def is_before(copy: ArchivedCopy, reference: dt.date) -> bool:
    """True when the snapshot was taken on or before the reference day."""
    return copy.timestamp[:8] <= reference.strftime("%Y%m%d")


class ArchiveLookup:
    """Availability queries sharing the run's client and scheduler."""

    def __init__(
        self, client: httpx.AsyncClient, scheduler: HostScheduler, endpoint: str, timeout: float
    ) -> None:
        self._client = client
        self._scheduler = scheduler
        self._endpoint = endpoint
        self._timeout = timeout

    async def _query(self, url: str, day: dt.date | None) -> ArchivedCopy | None:
        params = {"url": url}
        if day is not None:
            params["timestamp"] = day.strftime("%Y%m%d")
        host = urlsplit(self._endpoint).hostname or ""
        try:
            async with self._scheduler.slot(host), asyncio.timeout(self._timeout):
                response = await self._client.get(self._endpoint, params=params)
            if response.status_code != 200:
                return None
            return parse_availability(response.json())
        except ReplayMiss:
            raise
        except Exception as exc:  # a failed lookup is only a missing hint
            log.debug("archive lookup for %s failed: %r", url, exc)
            return None

    async def find(self, url: str, reference: dt.date | None) -> ArchivedCopy | None:
        """The best snapshot of ``url``: before ``reference`` if one is found, else the closest."""
        first = await self._query(url, reference)
        if first is None or reference is None or is_before(first, reference):
            return first
        earlier = await self._query(url, reference - EARLIER_BY)
        if earlier is not None and is_before(earlier, reference):
            return earlier
        return ArchivedCopy(first.url, first.timestamp, first.status, before_document=False)
