"""What the PV3xx rules share about a link and its crawler verdict.

Kept apart from the rules so that the link rules, the markup rules, the original-URL
rules and the capture rules (PV403) agree on what "placeholder", "fetchable", "checked"
and "confirmed broken" mean.
"""

from __future__ import annotations

import datetime as dt

from provcheck.models import Certainty, Link, LinkRole, LinkState, LinkStatus
from provcheck.rules.base import RuleContext, quote

#: Failures in runs at least this far apart make a broken link "confirmed".
CONFIRM_SPAN = dt.timedelta(days=3)
#: Schemes of fetchable links (a URL without a scheme, "www.example.com/a", is fetchable too).
_WEB_SCHEMES = frozenset({"http", "https"})
#: Verdicts that mean "could not be checked", never "broken".
UNCHECKED = frozenset({LinkState.UNVERIFIED, LinkState.RATE_LIMITED})


def is_placeholder(link: Link, status: LinkStatus | None) -> bool:
    return link.role is LinkRole.PLACEHOLDER or (
        status is not None and status.state is LinkState.PLACEHOLDER
    )


def is_malformed(link: Link, status: LinkStatus | None) -> bool:
    return link.malformed is not None or (
        status is not None and status.state is LinkState.MALFORMED
    )


def is_fetchable(link: Link, status: LinkStatus | None) -> bool:
    """Whether the link names a web page a crawler could fetch at all.

    Placeholders, malformed URLs and other schemes (``mailto:``, ``tel:``, ``ftp:``) are
    not: they are neither sources to verify nor a reason to call a score provisional.
    """
    if is_placeholder(link, status) or is_malformed(link, status):
        return False
    scheme, _, rest = link.url.strip().partition(":")
    return not rest or scheme.lower() in _WEB_SCHEMES or not scheme.isalpha()


def label(link: Link) -> str:
    """How messages name a link: its anchor text, else its URL."""
    return quote(link.text) if link.text.strip() else quote(link.url, 80)


def failure(status: LinkStatus) -> str:
    """What went wrong, in a few words: ``HTTP 404``, ``timed out``, the crawler's reason."""
    if status.state is LinkState.TIMEOUT:
        return "timed out"
    if status.http_status is not None:
        code = f"HTTP {status.http_status}"
        extra = status.reason if status.reason and status.reason != code else ""
        return code + (f", {extra}" if extra else "")
    return status.reason or status.state.value


def _parse_time(text: str) -> dt.datetime | None:
    try:
        stamp = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=dt.UTC)


def failure_span(ctx: RuleContext, link: Link, status: LinkStatus) -> tuple[int, dt.timedelta]:
    """How many failed checks are on record for the link and how far apart they are."""
    keys = {link.url, status.url}
    if link.facts is not None:
        keys.add(link.facts.normalized)
    stamps = [s for key in sorted(keys) for s in ctx.settings.history.get(key, ())]
    if status.checked_at:
        stamps.append(status.checked_at)
    times = sorted({t for t in map(_parse_time, stamps) if t is not None})
    if not times:
        return 1, dt.timedelta(0)
    return len(times), times[-1] - times[0]


def broken_certainty(ctx: RuleContext, link: Link, status: LinkStatus) -> tuple[Certainty, str]:
    """Confirmed (failures >= 3 days apart) or suspected, one step lower for timeouts."""
    runs, span = failure_span(ctx, link, status)
    timeout = status.state is LinkState.TIMEOUT
    if span >= CONFIRM_SPAN:
        note = f"confirmed: {runs} failed checks over {span.days} days"
        return (Certainty.MEDIUM if timeout else Certainty.HIGH), note
    return (Certainty.LOW if timeout else Certainty.MEDIUM), "suspected: failed in one run only"


def status_evidence(status: LinkStatus) -> list[tuple[str, str]]:
    pairs = [("state", status.state.value)]
    if status.http_status is not None:
        pairs.append(("http_status", str(status.http_status)))
    if status.final_url:
        pairs.append(("final_url", status.final_url))
    if status.reason:
        pairs.append(("reason", status.reason))
    if status.attempts:
        pairs.append(("attempts", str(status.attempts)))
    if status.checked_at:
        pairs.append(("checked_at", status.checked_at))
    return pairs
