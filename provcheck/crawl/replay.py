"""Answer requests from a WARC recording, as an httpx transport: no network at all.

The recording is loaded once into an index keyed by ``(method, normalised URL)``. Each key holds
the recorded exchanges in file order; identical requests are served in that order (a 500 and
then the 200 of the retry) and, once the list is used up, the last one is repeated. Responses
come back with the recorded status line, every header (repeats kept) and the wire bytes, so
httpx decodes ``Content-Encoding`` as it did live; ``extensions["provcheck_source"]`` is
``"cassette"``. A recorded transport failure is raised again as the same httpx exception class.

Decisions:

* URLs match after a light normalisation only (lower-case scheme and host, default port and
  fragment dropped); query strings must match byte for byte, so ``/a?x`` never matches ``/a``.
* A HEAD with no recorded HEAD is answered from a recorded GET of the same URL: its status and
  headers with an empty body - what a server would have said to the HEAD. The reverse is not
  done (a HEAD has no body to give a GET).
* A request not in the recording raises :class:`ReplayMiss`: guessing would make replayed
  reports lie.

Records written by other tools are read too when they pair requests and responses with
``WARC-Concurrent-To`` (either direction); an unpaired response is taken as a GET.
"""

from __future__ import annotations

import json
import zlib
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParserException

from provcheck.crawl.record import ERROR_CONTENT_TYPE, FRAMING_HEADERS, ORIG_PREFIX
from provcheck.errors import EnvironmentProblem, ReplayMiss

_DEFAULT_PORTS = {"http": 80, "https": 443}
_WARC_TYPES = frozenset(
    {
        "warcinfo",
        "response",
        "resource",
        "request",
        "metadata",
        "revisit",
        "conversion",
        "continuation",
    }
)
_RESTORED = {(ORIG_PREFIX + name).lower(): name for name in FRAMING_HEADERS}


@dataclass(frozen=True, slots=True)
class RecordedExchange:
    """One recorded answer: a response, or the transport error that happened instead."""

    status: int = 0
    headers: tuple[tuple[bytes, bytes], ...] = ()
    body: bytes = b""
    http_version: bytes = b"HTTP/1.1"
    reason: bytes = b""
    truncated: bool = False
    error: str | None = None  # httpx exception class name
    message: str = ""
    recorded_at: str = ""  # the record's WARC-Date: when the exchange happened


def normalise_url(url: str | httpx.URL) -> str:
    """The matching form of a URL: scheme and host lower-cased, default port and fragment gone."""
    u = httpx.URL(url)
    scheme = u.scheme.lower()
    host = u.raw_host.decode("ascii").lower()
    port = u.port
    netloc = host if port is None or port == _DEFAULT_PORTS.get(scheme) else f"{host}:{port}"
    return f"{scheme}://{netloc}{u.raw_path.decode('ascii')}"


class ReplayTransport(httpx.AsyncBaseTransport):
    """Serve the exchanges recorded in the WARC file at ``path``, in order, per request."""

    def __init__(self, path: Path) -> None:
        """Load the whole recording; :class:`EnvironmentProblem` if missing or unreadable."""
        self.path = Path(path)
        self._index = load_index(self.path)
        self._served: dict[tuple[str, str], int] = defaultdict(int)

    def recorded_at(self, url: str) -> str | None:
        """When the first exchange for ``url`` (any method) was recorded, as ISO 8601 UTC.

        Replayed reports use it as ``checked_at`` so that replaying a recording twice
        gives byte-identical reports.
        """
        key = normalise_url(url)
        times = [
            exchanges[0].recorded_at
            for (_, indexed), exchanges in self._index.items()
            if indexed == key and exchanges and exchanges[0].recorded_at
        ]
        return min(times) if times else None

    def __contains__(self, key: tuple[str, str]) -> bool:
        method, url = key
        return (method.upper(), normalise_url(url)) in self._index

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        key = (request.method.upper(), normalise_url(request.url))
        exchanges = self._index.get(key)
        head_fallback = False
        if exchanges is None and key[0] == "HEAD":
            exchanges = self._index.get(("GET", key[1]))
            head_fallback = True
        if not exchanges:
            raise ReplayMiss(str(request.url), str(self.path))
        position = self._served[key]
        self._served[key] = position + 1
        exchange = exchanges[min(position, len(exchanges) - 1)]
        if exchange.error is not None:
            raise _error_class(exchange.error)(exchange.message, request=request)
        extensions: dict[str, Any] = {
            "provcheck_source": "cassette",
            "http_version": exchange.http_version,
            "reason_phrase": exchange.reason,
        }
        if exchange.truncated:
            extensions["provcheck_truncated"] = True
        return httpx.Response(
            status_code=exchange.status,
            headers=list(exchange.headers),
            stream=httpx.ByteStream(b"" if head_fallback else exchange.body),
            extensions=extensions,
        )


def load_index(path: Path) -> dict[tuple[str, str], list[RecordedExchange]]:
    """Read a WARC file into ``{(method, normalised url): [exchange, ...]}`` in file order."""
    try:
        with open(path, "rb") as fh:
            # Digests catch damaged bytes; _read_block catches records cut short.
            records = [_read_record(rec) for rec in ArchiveIterator(fh, check_digests="raise")]
    except FileNotFoundError as exc:
        raise EnvironmentProblem(
            f"recording {path} does not exist", "record it first with --record"
        ) from exc
    except (
        OSError,
        EOFError,
        ValueError,
        zlib.error,
        ArchiveLoadFailed,
        StatusAndHeadersParserException,
    ) as exc:
        raise EnvironmentProblem(
            f"recording {path} is unreadable: {exc}", "record it again with --record"
        ) from exc
    if not records:
        raise EnvironmentProblem(f"recording {path} is empty", "record it again with --record")
    return _pair(records)


@dataclass(frozen=True, slots=True)
class _Record:
    kind: str
    record_id: str
    concurrent_to: tuple[str, ...]
    uri: str
    method: str | None = None  # request records and error records
    exchange: RecordedExchange | None = None


def _read_record(rec: Any) -> _Record:
    """Reduce one warcio record to what replay needs (the body is read now, in file order)."""
    kind = str(rec.rec_type)
    if rec.format != "warc" or kind not in _WARC_TYPES:
        # warcio reads almost anything as some record; insist on what a WARC holds.
        raise ValueError(f"not a WARC record (format {rec.format}, type {kind!r})")
    heads = rec.rec_headers
    record_id = str(heads.get_header("WARC-Record-ID") or "")
    concurrent = tuple(str(v) for n, v in heads.headers if n.lower() == "warc-concurrent-to" and v)
    uri = str(heads.get_header("WARC-Target-URI") or "")
    recorded_at = str(heads.get_header("WARC-Date") or "")
    base = _Record(kind=kind, record_id=record_id, concurrent_to=concurrent, uri=uri)
    if kind == "request" and rec.http_headers is not None:
        _read_block(rec)
        return replace(base, method=str(rec.http_headers.protocol).upper())
    if kind == "response" and rec.http_headers is not None:
        http = rec.http_headers
        code, _, reason = str(http.statusline).partition(" ")
        exchange = RecordedExchange(
            status=int(code),
            headers=tuple(_replay_header(n, v) for n, v in http.headers),
            body=_read_block(rec),
            http_version=str(http.protocol or "HTTP/1.1").encode("latin-1"),
            reason=reason.encode("latin-1"),
            truncated=bool(heads.get_header("WARC-Truncated")),
            recorded_at=recorded_at,
        )
        return replace(base, exchange=exchange)
    content_type = str(heads.get_header("Content-Type") or "")
    if kind == "metadata" and content_type.startswith(ERROR_CONTENT_TYPE):
        data = json.loads(_read_block(rec).decode("utf-8"))
        if isinstance(data, dict) and "error" in data:
            exchange = RecordedExchange(
                error=str(data["error"]),
                message=str(data.get("message")),
                recorded_at=recorded_at,
            )
            method = str(data.get("method") or "").upper() or None
            return replace(base, method=method, exchange=exchange)
    _read_block(rec)
    return base


def _read_block(rec: Any) -> bytes:
    """The record's payload, checked against its Content-Length.

    warcio neither fails on a file cut short nor checks digests of a cut record, so a
    recording interrupted mid-write would otherwise replay a partial body as the real one.
    """
    payload: bytes = rec.raw_stream.read()
    head = rec.http_headers.total_len if rec.http_headers is not None else 0
    if rec.length is not None and head + len(payload) != int(rec.length):
        raise ValueError(
            f"record {rec.rec_type} is cut short ({head + len(payload)} of {rec.length} bytes)"
        )
    return payload


def _pair(records: list[_Record]) -> dict[tuple[str, str], list[RecordedExchange]]:
    """Give each answer its request's method (via WARC-Concurrent-To) and index it."""
    method_of: dict[str, str] = {}
    for r in records:
        if r.kind == "request" and r.method:
            method_of[r.record_id] = r.method
            for other in r.concurrent_to:
                method_of.setdefault(other, r.method)
    index: dict[tuple[str, str], list[RecordedExchange]] = defaultdict(list)
    for r in records:
        if r.exchange is None or not r.uri:
            continue
        method = r.method or method_of.get(r.record_id)
        if method is None:
            method = next((method_of[c] for c in r.concurrent_to if c in method_of), "GET")
        try:
            url = normalise_url(r.uri)
        except httpx.InvalidURL:
            continue  # another tool's record for something that is not a URL httpx can send
        index[(method, url)].append(r.exchange)
    return dict(index)


def _replay_header(name: str, value: str) -> tuple[bytes, bytes]:
    name = _RESTORED.get(name.lower(), name)
    return name.encode("latin-1"), value.encode("latin-1")


def _error_class(name: str) -> type[httpx.TransportError]:
    """The httpx exception class of a recorded error; the base class for unknown names."""
    cls = getattr(httpx, name, None)
    if isinstance(cls, type) and issubclass(cls, httpx.TransportError):
        return cls
    return httpx.TransportError
