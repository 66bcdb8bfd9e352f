"""Record every HTTP exchange to a WARC file, as an httpx transport under the crawler's client.

Why a transport: redirects are followed above it, so every hop is its own recorded exchange, and
nothing is patched globally. Why WARC: it is the archivists' format, so a recording can be
opened with warcio, FastWARC or pywb, and it keeps what replay needs to answer exactly as the
server did.

What one exchange becomes (written together, under a lock, when the exchange has finished):

* a ``response`` record: the status line (protocol, code, reason), every header in order with
  repeats (from the raw header list) and the body's *wire* bytes - still gzip-encoded when the
  server sent it so - at most ``max_body_bytes`` of them; a cut body carries
  ``WARC-Truncated: length``;
* a ``request`` record: method, target and headers as sent, ``WARC-Concurrent-To`` the response;
* for a transport failure (refused, reset, timeout ...) instead of a response: a ``metadata``
  record, ``Content-Type: application/json``, ``{"error": "ConnectError", "message": ...,
  "method": "GET"}``, linked both ways to the request record. The exception is then re-raised,
  and replay raises the same httpx class. A failure while reading the body (reset, read timeout)
  is recorded the same way: replay raises it from the request, as a non-streaming
  ``client.get`` would have.

Body framing is the WARC's job: httpx hands over de-chunked bytes, so a ``Transfer-Encoding``
header is stored as ``X-Archive-Orig-Transfer-Encoding`` (readers would otherwise try to
de-chunk) and restored by replay. warcio percent-encodes non-ASCII header values (RFC 8187).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, BinaryIO

import httpx
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import datetime_to_iso_date
from warcio.warcwriter import WARCWriter

from provcheck.errors import EnvironmentProblem

#: Default cap of recorded wire bytes per response (the crawler's own cap is usually lower).
DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024

#: Header name under which a hop-by-hop framing header is kept in the WARC.
ORIG_PREFIX = "X-Archive-Orig-"
FRAMING_HEADERS = frozenset({"transfer-encoding"})

#: Content type of the ``metadata`` record that stands for a transport failure.
ERROR_CONTENT_TYPE = "application/json"

#: Response extensions not copied to the caller: they point at a connection already released.
_DROPPED_EXTENSIONS = frozenset({"network_stream"})


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class RecordingTransport(httpx.AsyncBaseTransport):
    """Pass requests to ``inner`` and write each exchange to the WARC file at ``path``."""

    def __init__(
        self,
        inner: httpx.AsyncBaseTransport,
        path: Path,
        *,
        max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
        append: bool = False,
        now: Callable[[], dt.datetime] | None = None,
    ) -> None:
        """Open ``path`` for writing (``append`` adds to an existing recording).

        Raises :class:`EnvironmentProblem` when the file cannot be created.
        """
        if max_body_bytes < 0:
            raise ValueError("max_body_bytes must be >= 0")
        self.path = Path(path)
        self._inner = inner
        self._max_body = max_body_bytes
        self._now = now or _utc_now
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file: BinaryIO | None = open(self.path, "ab" if append else "wb")  # noqa: SIM115
        except OSError as exc:
            raise EnvironmentProblem(
                f"cannot write the recording {self.path}: {exc.strerror or exc}",
                "check the path and its permissions",
            ) from exc
        self._writer = WARCWriter(self._file, gzip=True)
        if self._file.tell() == 0:
            info = {"software": "provcheck", "format": "WARC File Format 1.0"}
            warcinfo = self._writer.create_warcinfo_record(self.path.name, info)
            warcinfo.rec_headers.replace_header("WARC-Date", _warc_date(self._now()))
            self._write([warcinfo])

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        started = self._now()
        try:
            response = await self._inner.handle_async_request(request)
        except httpx.TransportError as exc:
            self._record_error(request, started, exc)
            raise
        try:
            body, truncated = await self._read_capped(response)
        except httpx.TransportError as exc:
            self._record_error(request, started, exc)
            raise
        self._record_exchange(request, response, body, truncated, started)
        extensions = {k: v for k, v in response.extensions.items() if k not in _DROPPED_EXTENSIONS}
        if truncated:
            extensions["provcheck_truncated"] = True
        return httpx.Response(
            status_code=response.status_code,
            headers=response.headers.raw,
            stream=httpx.ByteStream(body),
            extensions=extensions,
        )

    async def aclose(self) -> None:
        """Close the inner transport, then flush and close the WARC file."""
        try:
            await self._inner.aclose()
        finally:
            with self._lock:
                if self._file is not None:
                    self._file.flush()
                    self._file.close()
                    self._file = None

    # --- reading --------------------------------------------------------------------------------

    async def _read_capped(self, response: httpx.Response) -> tuple[bytes, bool]:
        """Up to ``max_body_bytes`` of the undecoded body, and whether more was left unread."""
        buf = bytearray()
        truncated = False
        stream = response.stream
        if not isinstance(stream, httpx.AsyncByteStream):
            raise TypeError("the inner transport returned a synchronous stream")
        # The stream itself, not response.aiter_raw(): a transport may hand back a response
        # already marked as read (MockTransport does), whose stream still iterates.
        chunks = stream.__aiter__()
        try:
            async for chunk in chunks:
                room = self._max_body - len(buf)
                if len(chunk) > room:
                    buf += chunk[:room]
                    truncated = True
                    break
                buf += chunk
        finally:
            aclose = getattr(chunks, "aclose", None)
            if aclose is not None:
                await aclose()
            await stream.aclose()
        return bytes(buf), truncated

    # --- writing --------------------------------------------------------------------------------

    def _record_exchange(
        self,
        request: httpx.Request,
        response: httpx.Response,
        body: bytes,
        truncated: bool,
        started: dt.datetime,
    ) -> None:
        protocol = _text(response.extensions.get("http_version"), "HTTP/1.1")
        reason = _text(response.extensions.get("reason_phrase"), "")
        statusline = f"{response.status_code} {reason}".rstrip()
        http_headers = StatusAndHeaders(
            statusline, _archive_headers(response.headers.raw), protocol=protocol
        )
        warc_headers = {"WARC-Date": _warc_date(started)}
        if truncated:
            warc_headers["WARC-Truncated"] = "length"
        resp = self._writer.create_warc_record(
            str(request.url),
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=http_headers,
            warc_headers_dict=warc_headers,
        )
        req = self._request_record(request, protocol, started)
        with self._lock:
            if self._file is None:
                return
            self._writer.write_request_response_pair(req, resp)

    def _record_error(self, request: httpx.Request, started: dt.datetime, exc: Exception) -> None:
        req = self._request_record(request, "HTTP/1.1", started)
        req_id = req.rec_headers.get_header("WARC-Record-ID")
        payload = json.dumps(
            {"error": type(exc).__name__, "message": str(exc), "method": request.method},
            ensure_ascii=False,
        ).encode("utf-8")
        meta = self._writer.create_warc_record(
            str(request.url),
            "metadata",
            payload=io.BytesIO(payload),
            length=len(payload),
            warc_content_type=ERROR_CONTENT_TYPE,
            warc_headers_dict={"WARC-Date": _warc_date(started), "WARC-Concurrent-To": req_id},
        )
        # Link both ways, like a request/response pair: request -> answer, answer -> request.
        req.rec_headers.add_header(
            "WARC-Concurrent-To", meta.rec_headers.get_header("WARC-Record-ID")
        )
        self._write([meta, req])

    def _request_record(self, request: httpx.Request, protocol: str, started: dt.datetime) -> Any:
        target = request.url.raw_path.decode("ascii", "replace")
        http_headers = StatusAndHeaders(
            f"{request.method} {target} {protocol}",
            _archive_headers(request.headers.raw),
            is_http_request=True,
        )
        try:
            content = request.content
        except httpx.RequestNotRead:
            content = b""
        return self._writer.create_warc_record(
            str(request.url),
            "request",
            payload=io.BytesIO(content),
            length=len(content),
            http_headers=http_headers,
            warc_headers_dict={"WARC-Date": _warc_date(started)},
        )

    def _write(self, records: Iterable[Any]) -> None:
        with self._lock:
            if self._file is None:
                return
            for record in records:
                self._writer.write_record(record)


def _archive_headers(raw: Iterable[tuple[bytes, bytes]]) -> list[tuple[str, str]]:
    """Headers as text for warcio, with framing headers renamed (see the module docstring)."""
    out = []
    for name_b, value_b in raw:
        name = name_b.decode("latin-1")
        if name.lower() in FRAMING_HEADERS:
            name = ORIG_PREFIX + name
        out.append((name, value_b.decode("latin-1")))
    return out


def _text(value: object, default: str) -> str:
    if isinstance(value, bytes):
        return value.decode("latin-1")
    if isinstance(value, str):
        return value
    return default


def _warc_date(when: dt.datetime) -> str:
    if when.tzinfo is not None:
        when = when.astimezone(dt.UTC).replace(tzinfo=None)
    return str(datetime_to_iso_date(when))
