"""Pure classification of HTTP statuses and transport errors."""

from __future__ import annotations

import datetime as dt
import errno
import socket
import ssl

import httpx
import pytest

from provcheck.crawl.classify import (
    Failure,
    classify_error,
    classify_status,
    head_needs_get,
    is_challenge,
    parse_retry_after,
)
from provcheck.models import LinkState


@pytest.mark.parametrize(
    ("status", "state"),
    [
        (200, LinkState.ALIVE),
        (204, LinkState.ALIVE),
        (404, LinkState.BROKEN),
        (410, LinkState.BROKEN),
        (400, LinkState.BROKEN),
        (500, LinkState.BROKEN),
        (503, LinkState.BROKEN),
        (401, LinkState.RESTRICTED),
        (402, LinkState.RESTRICTED),
        (403, LinkState.RESTRICTED),
        (451, LinkState.RESTRICTED),
        (999, LinkState.RESTRICTED),
        (429, LinkState.RATE_LIMITED),
        (408, LinkState.TIMEOUT),
    ],
)
def test_status_states(status: int, state: LinkState) -> None:
    assert classify_status(status, {}).state is state


def test_retryable_statuses() -> None:
    assert classify_status(500, {}).retryable
    assert classify_status(429, {}).retryable
    assert not classify_status(404, {}).retryable
    assert not classify_status(501, {}).retryable


def test_503_with_retry_after_is_rate_limited() -> None:
    verdict = classify_status(503, {"retry-after": "120"})
    assert verdict.state is LinkState.RATE_LIMITED


def test_bot_walls_are_restricted_never_broken() -> None:
    assert classify_status(503, {"cf-mitigated": "challenge"}).state is LinkState.RESTRICTED
    wall = classify_status(503, {}, "Checking your browser before accessing the site")
    assert wall.state is LinkState.RESTRICTED
    assert classify_status(200, {}, "Please complete the CAPTCHA").state is LinkState.RESTRICTED
    long_article = "An essay about captcha design. " + "word " * 2000
    assert not is_challenge(200, {}, long_article)


def test_head_fallback_policy() -> None:
    assert head_needs_get(405)
    assert head_needs_get(501)
    assert head_needs_get(403)
    assert head_needs_get(400)
    assert not head_needs_get(404)
    assert not head_needs_get(410)
    assert not head_needs_get(429)
    assert not head_needs_get(200)
    assert not head_needs_get(301)


def test_retry_after_forms() -> None:
    now = dt.datetime(2021, 3, 26, 12, 0, 0, tzinfo=dt.UTC)
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after("Fri, 26 Mar 2021 12:00:30 GMT", now) == 30.0
    assert parse_retry_after("Fri, 26 Mar 2021 11:00:00 GMT", now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None


def _wrapped(outer: Exception, inner: BaseException) -> Exception:
    try:
        raise outer from inner
    except Exception as exc:
        return exc


@pytest.mark.parametrize(
    ("exc", "failure", "state"),
    [
        (
            _wrapped(httpx.ConnectError("x"), socket.gaierror(-2, "Name or service not known")),
            Failure.DNS,
            LinkState.BROKEN,
        ),
        (
            _wrapped(httpx.ConnectTimeout("x"), ConnectionRefusedError(111, "refused")),
            Failure.REFUSED,
            LinkState.BROKEN,
        ),
        (
            _wrapped(httpx.ConnectError("x"), ssl.SSLCertVerificationError("bad cert")),
            Failure.TLS,
            LinkState.BROKEN,
        ),
        (
            _wrapped(httpx.ConnectError("x"), OSError(errno.ENETUNREACH, "unreachable")),
            Failure.UNREACHABLE,
            LinkState.UNVERIFIED,
        ),
        (httpx.ReadTimeout("slow"), Failure.TIMEOUT, LinkState.TIMEOUT),
        (httpx.ConnectTimeout("no answer"), Failure.CONNECT_TIMEOUT, LinkState.TIMEOUT),
        (TimeoutError(), Failure.TIMEOUT, LinkState.TIMEOUT),
        (httpx.RemoteProtocolError("Server disconnected"), Failure.RESET, LinkState.BROKEN),
        (httpx.ProxyError("proxy said no"), Failure.PROXY, LinkState.UNVERIFIED),
        (httpx.UnsupportedProtocol("ftp"), Failure.UNSUPPORTED, LinkState.MALFORMED),
        # replayed errors carry only the message
        (
            httpx.ConnectTimeout(
                "Cannot connect to host a.test:80 ssl:default [Connect call failed]"
            ),
            Failure.REFUSED,
            LinkState.BROKEN,
        ),
        (
            httpx.ConnectTimeout("Cannot connect to host a.test:443 [certificate verify failed]"),
            Failure.TLS,
            LinkState.BROKEN,
        ),
    ],
)
def test_error_kinds(exc: Exception, failure: Failure, state: LinkState) -> None:
    verdict = classify_error(exc)
    assert verdict.failure is failure
    assert verdict.state is state
