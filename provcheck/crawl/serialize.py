"""LinkStatus <-> JSON-able dict, shared by the verdict cache, the run store and the JSON report.

One place owns the key names so that a cached verdict, a stored run and the report's ``links``
entries all read the same. ``status_from_dict(status_to_dict(s)) == s`` for every well-formed
status (a :class:`PartialDate` whose unknown parts are 1, as its docstring requires).

Known loss: ``TargetMeta.date_source`` is written inside the ``date`` object, so a
``date_source`` without a ``date`` (meaningless) is dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from provcheck.models import (
    AnswerSource,
    ArchivedCopy,
    Hop,
    LinkState,
    LinkStatus,
    PartialDate,
    Precision,
    TargetMeta,
)


def status_to_dict(s: LinkStatus) -> dict[str, Any]:
    """The report-contract dict for one verdict (only JSON types: str, int, float, None ...)."""
    return {
        "url": s.url,
        "state": s.state.value,
        "http_status": s.http_status,
        "final_url": s.final_url,
        "hops": [{"url": h.url, "status": h.status, "location": h.location} for h in s.hops],
        "content_type": s.content_type,
        "elapsed_ms": s.elapsed_ms,
        "checked_at": s.checked_at,
        "source": s.source.value,
        "reason": s.reason,
        "attempts": s.attempts,
        "archived": _archived_to_dict(s.archived),
        "target": _target_to_dict(s.target),
    }


def status_from_dict(d: Mapping[str, Any], *, source: AnswerSource | None = None) -> LinkStatus:
    """Rebuild a verdict written by :func:`status_to_dict`; ``source`` overrides the stored one
    (the cache marks what it returns as its own, without copying each verdict again).

    Raises ``KeyError``/``ValueError``/``TypeError`` on a dict that does not follow the
    contract; callers holding untrusted data (the cache) treat that as a miss.
    """
    return LinkStatus(
        url=str(d["url"]),
        state=LinkState(d["state"]),
        http_status=_opt_int(d.get("http_status")),
        final_url=_opt_str(d.get("final_url")),
        hops=tuple(
            Hop(url=str(h["url"]), status=int(h["status"]), location=_opt_str(h.get("location")))
            for h in d.get("hops") or ()
        ),
        content_type=_opt_str(d.get("content_type")),
        elapsed_ms=_opt_float(d.get("elapsed_ms")),
        checked_at=_opt_str(d.get("checked_at")),
        source=source or AnswerSource(d.get("source", AnswerSource.NONE.value)),
        reason=str(d.get("reason", "")),
        archived=_archived_from_dict(d.get("archived")),
        target=_target_from_dict(d.get("target")),
        attempts=int(d.get("attempts", 0)),
    )


def partial_date_to_dict(p: PartialDate) -> dict[str, str]:
    """``{"value": "2021-03", "precision": "month"}``: ISO text up to the known precision."""
    return {"value": p.iso(), "precision": p.precision.value}


def partial_date_from_dict(d: Mapping[str, Any]) -> PartialDate:
    """Inverse of :func:`partial_date_to_dict`; also accepts a full ISO date at any precision."""
    precision = Precision(d["precision"])
    text = str(d["value"])
    parts = [int(p) for p in text.split("-")]
    if not 1 <= len(parts) <= 3:
        raise ValueError(f"not an ISO date: {text!r}")
    year, month, day = (*parts, 1, 1)[:3]
    return PartialDate(dt.date(year, month, day), precision)


def _archived_to_dict(a: ArchivedCopy | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {
        "url": a.url,
        "timestamp": a.timestamp,
        "status": a.status,
        "before_document": a.before_document,
    }


def _archived_from_dict(d: Mapping[str, Any] | None) -> ArchivedCopy | None:
    if d is None:
        return None
    return ArchivedCopy(
        url=str(d["url"]),
        timestamp=str(d["timestamp"]),
        status=_opt_int(d.get("status")),
        before_document=bool(d.get("before_document", True)),
    )


def _target_to_dict(t: TargetMeta | None) -> dict[str, Any] | None:
    if t is None:
        return None
    date: dict[str, Any] | None = None
    if t.date is not None:
        date = {**partial_date_to_dict(t.date), "source": t.date_source}
    return {"title": t.title, "date": date, "canonical": t.canonical, "text": t.text}


def _target_from_dict(d: Mapping[str, Any] | None) -> TargetMeta | None:
    if d is None:
        return None
    date_d = d.get("date")
    return TargetMeta(
        title=_opt_str(d.get("title")),
        date=partial_date_from_dict(date_d) if date_d is not None else None,
        date_source=_opt_str(date_d.get("source")) if date_d is not None else None,
        canonical=_opt_str(d.get("canonical")),
        text=_opt_str(d.get("text")),
    )


def _opt_str(v: Any) -> str | None:
    return None if v is None else str(v)


def _opt_int(v: Any) -> int | None:
    return None if v is None else int(v)


def _opt_float(v: Any) -> float | None:
    return None if v is None else float(v)
