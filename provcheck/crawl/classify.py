"""Pure mapping of HTTP answers and transport errors to verdicts with a short reason.

Rate limits, bot walls and an unreachable network are never "broken": a checker that calls a
page broken because a CDN asked for a captcha teaches its users to ignore it. Transport errors
are recognised by walking the exception's cause chain, because both transports wrap the real
cause (``socket.gaierror``, ``ssl.SSLCertVerificationError``, ``ConnectionRefusedError``, an
aiohttp connector error) in a generic httpx exception; httpx-aiohttp even maps a refused
connection to ``httpx.ConnectTimeout``.
"""

from __future__ import annotations

import email.utils
import errno
import re
import socket
import ssl
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

import httpx

from provcheck.crawl.safety import AddressRefused
from provcheck.models import LinkState


class Failure(StrEnum):
    """Kinds of transport failure, each with its own verdict."""

    DNS = "dns"
    REFUSED = "refused"
    RESET = "reset"
    TLS = "tls"
    TIMEOUT = "timeout"
    CONNECT_TIMEOUT = "connect-timeout"
    UNREACHABLE = "unreachable"
    PROXY = "proxy"
    PRIVATE = "private-address"
    PROTOCOL = "protocol"
    UNSUPPORTED = "unsupported"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class ErrorVerdict:
    """What a transport error means for the link."""

    failure: Failure
    state: LinkState
    reason: str
    retryable: bool


#: Failures that say nothing about the link when no request of the run got any answer.
NETWORK_DOWN_FAILURES = frozenset(
    {Failure.DNS, Failure.UNREACHABLE, Failure.CONNECT_TIMEOUT, Failure.PROXY}
)

_ERROR_TABLE: dict[Failure, tuple[LinkState, str, bool]] = {
    Failure.DNS: (LinkState.BROKEN, "DNS failure", False),
    Failure.REFUSED: (LinkState.BROKEN, "connection refused", False),
    Failure.RESET: (LinkState.BROKEN, "connection reset", True),
    Failure.TLS: (LinkState.BROKEN, "TLS failure", False),
    Failure.TIMEOUT: (LinkState.TIMEOUT, "timed out", True),
    Failure.CONNECT_TIMEOUT: (LinkState.TIMEOUT, "connect timed out", True),
    Failure.UNREACHABLE: (LinkState.UNVERIFIED, "network unreachable", False),
    Failure.PROXY: (LinkState.UNVERIFIED, "proxy error", False),
    Failure.PRIVATE: (LinkState.UNVERIFIED, "refused: resolves to a non-public address", False),
    Failure.PROTOCOL: (LinkState.BROKEN, "protocol error", True),
    Failure.UNSUPPORTED: (LinkState.MALFORMED, "unsupported URL", False),
    Failure.OTHER: (LinkState.BROKEN, "request failed", True),
}


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        cur = todo.pop(0)
        if id(cur) in seen:
            continue
        seen.add(id(cur))
        yield cur
        todo.extend(e for e in (cur.__cause__, cur.__context__) if e is not None)
        os_error = getattr(cur, "os_error", None)  # aiohttp connector errors keep it here
        if isinstance(os_error, BaseException):
            todo.append(os_error)


def _by_type(exc: BaseException) -> Failure | None:
    if isinstance(exc, AddressRefused):
        return Failure.PRIVATE
    name = type(exc).__name__
    if isinstance(exc, socket.gaierror) or name == "ClientConnectorDNSError":
        return Failure.DNS
    if (
        isinstance(exc, ssl.SSLError | ssl.CertificateError)
        or "SSL" in name
        or "Certificate" in name
    ):
        return Failure.TLS
    if isinstance(exc, ConnectionRefusedError):
        return Failure.REFUSED
    if isinstance(exc, ConnectionResetError | BrokenPipeError) or name == "ServerDisconnectedError":
        return Failure.RESET
    if isinstance(exc, OSError) and exc.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
        return Failure.UNREACHABLE
    if name == "ConnectionTimeoutError":  # aiohttp's connect timeout
        return Failure.CONNECT_TIMEOUT
    if isinstance(exc, httpx.ProxyError) or "Proxy" in name:
        return Failure.PROXY
    if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return Failure.UNSUPPORTED
    return None


_MESSAGE_HINTS: tuple[tuple[str, Failure], ...] = (
    ("name or service not known", Failure.DNS),
    ("nodename nor servname", Failure.DNS),
    ("temporary failure in name resolution", Failure.DNS),
    ("no address associated", Failure.DNS),
    ("certificate verify failed", Failure.TLS),
    ("connection refused", Failure.REFUSED),
    ("connection reset", Failure.RESET),
    ("server disconnected", Failure.RESET),
    ("network is unreachable", Failure.UNREACHABLE),
    ("no route to host", Failure.UNREACHABLE),
    ("connect call failed", Failure.REFUSED),
    ("cannot connect to host", Failure.REFUSED),  # aiohttp's generic prefix: keep it last
)


def failure_of(exc: BaseException) -> Failure:
    """The kind of a transport error, from the most specific cause in its chain."""
    chain = list(_chain(exc))
    for cur in reversed(chain):  # deepest cause first: it is the most specific
        found = _by_type(cur)
        if found is not None:
            return found
    for cur in chain:
        text = str(cur).lower()
        for hint, failure in _MESSAGE_HINTS:
            if hint in text:
                return failure
    if any(isinstance(c, httpx.ConnectTimeout | httpx.PoolTimeout) for c in chain):
        return Failure.CONNECT_TIMEOUT
    if any(isinstance(c, httpx.TimeoutException | TimeoutError) for c in chain):
        return Failure.TIMEOUT
    if any(isinstance(c, httpx.RemoteProtocolError | httpx.ReadError) for c in chain):
        return Failure.RESET
    if any(isinstance(c, httpx.ProtocolError | httpx.DecodingError) for c in chain):
        return Failure.PROTOCOL
    return Failure.OTHER


def classify_error(exc: BaseException) -> ErrorVerdict:
    """The verdict a transport error gives (before retries are exhausted, see ``retryable``)."""
    failure = failure_of(exc)
    state, reason, retryable = _ERROR_TABLE[failure]
    refused = next((c for c in _chain(exc) if isinstance(c, AddressRefused)), None)
    if refused is not None:
        reason = f"{refused} (checked when connecting)"
    return ErrorVerdict(failure, state, reason, retryable)


def error_verdict(failure: Failure) -> ErrorVerdict:
    """The verdict of a failure kind (used when downgrading or rebuilding verdicts)."""
    state, reason, retryable = _ERROR_TABLE[failure]
    return ErrorVerdict(failure, state, reason, retryable)


# --- HTTP answers ---------------------------------------------------------------------------

RESTRICTED_STATUSES = frozenset({401, 402, 403, 407, 451, 999})
GONE_STATUSES = frozenset({404, 410})
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})

_CHALLENGE_TEXT = re.compile(
    r"checking (if the site connection is secure|your browser)|just a moment\.\.\.|"
    r"attention required|captcha|are you a robot|verify you are (a )?human|"
    r"ddos protection by|access denied|bot (check|detection)|unusual traffic",
    re.IGNORECASE,
)


def is_challenge(status: int, headers: Mapping[str, str], text: str) -> bool:
    """A bot wall: a CDN challenge header, or a challenge page on 403/429/503 or a thin 2xx.

    ``text`` is the visible text of the page (not its HTML, whose scripts often name a captcha
    used by a comment form).
    """
    if headers.get("cf-mitigated", "").lower() == "challenge":
        return True
    if status in (403, 429, 503) or (200 <= status < 300 and len(text) < 1500):
        return bool(_CHALLENGE_TEXT.search(text[:20000]))
    return False


@dataclass(frozen=True, slots=True)
class StatusVerdict:
    """What a final (non-redirect) HTTP status says about the link."""

    state: LinkState
    reason: str
    retryable: bool = False


def classify_status(status: int, headers: Mapping[str, str], text: str = "") -> StatusVerdict:
    """The verdict for a final HTTP status; ``text`` is the (capped) body text when read."""
    if 200 <= status < 300:
        if is_challenge(status, headers, text):
            return StatusVerdict(LinkState.RESTRICTED, f"bot wall (HTTP {status})")
        return StatusVerdict(LinkState.ALIVE, f"HTTP {status}")
    if is_challenge(status, headers, text):
        return StatusVerdict(LinkState.RESTRICTED, f"bot wall (HTTP {status})")
    if status == 429:
        return StatusVerdict(LinkState.RATE_LIMITED, "HTTP 429", retryable=True)
    if status == 503 and headers.get("retry-after"):
        # "come back later": a temporary refusal, not a dead page
        return StatusVerdict(LinkState.RATE_LIMITED, "HTTP 503 with Retry-After", retryable=True)
    if status in RESTRICTED_STATUSES:
        return StatusVerdict(LinkState.RESTRICTED, f"HTTP {status}")
    if status in (408, 425):
        return StatusVerdict(LinkState.TIMEOUT, f"HTTP {status}", retryable=True)
    if status >= 500:
        return StatusVerdict(LinkState.BROKEN, f"HTTP {status}", retryable=status in RETRY_STATUSES)
    if 300 <= status < 400:
        return StatusVerdict(LinkState.BROKEN, f"HTTP {status} without a usable Location")
    if status < 200:
        return StatusVerdict(LinkState.BROKEN, f"unexpected HTTP {status}")
    return StatusVerdict(LinkState.BROKEN, f"HTTP {status}")


def head_needs_get(status: int) -> bool:
    """True when a HEAD answer is not to be trusted and the same URL must be asked with GET.

    Many servers mishandle HEAD (405, 501, 403 from a WAF, 400, even 500). Only 404/410, 429
    and the non-error answers are taken from HEAD as they are.
    """
    return not (status < 400 or status in GONE_STATUSES or status == 429)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta seconds or an HTTP-date)."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = now or datetime.now(UTC)
    return max(0.0, (when - current).total_seconds())
