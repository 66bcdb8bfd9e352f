"""Capped reading and decoding of response bodies, and a light view of an HTML page.

Memory stays bounded whatever the server sends: the raw stream (``aiter_raw``, still
compressed) is read up to ``max_body_bytes``, and gzip/deflate are decoded here with
``zlib.decompressobj(...).decompress(chunk, max_length=room)`` so that a gzip bomb never
produces more than ``max_decompressed_bytes`` (httpx's own decoder would inflate a whole
16 KB chunk, about 16 MB of zeros, at once). Only ``gzip, deflate`` are asked for; a body in
another encoding is kept undecoded and marked so, and the verdict then rests on the status alone.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

import httpx

ACCEPT_ENCODING = "gzip, deflate"


@dataclass(frozen=True, slots=True)
class Body:
    """A capped, decoded response body."""

    data: bytes
    truncated: bool  # the wire or the decoded cap was reached before the end
    wire_bytes: int  # bytes read from the connection
    decoded: bool = True  # False for an encoding this module does not decode


class _Inflater:
    """Incremental gzip/zlib/raw-deflate decoding with an output bound."""

    def __init__(self, encoding: str) -> None:
        self._gzip = encoding in ("gzip", "x-gzip")
        self._obj = zlib.decompressobj(31 if self._gzip else 15)
        self._started = False

    def feed(self, chunk: bytes, room: int) -> tuple[bytes, bool]:
        """Decoded bytes (at most ``room``) and whether output was cut at the bound."""
        try:
            out = self._obj.decompress(chunk, room)
        except zlib.error:
            if self._gzip or self._started:
                raise
            self._obj = zlib.decompressobj(-15)  # "deflate" sent as raw deflate
            out = self._obj.decompress(chunk, room)
        self._started = True
        return out, bool(self._obj.unconsumed_tail)


async def read_capped(response: httpx.Response, max_wire: int, max_decoded: int) -> Body:
    """Read at most ``max_wire`` raw bytes and keep at most ``max_decoded`` decoded bytes."""
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    inflater = _Inflater(encoding) if encoding in ("gzip", "x-gzip", "deflate") else None
    known = inflater is not None or encoding in ("", "identity")
    parts: list[bytes] = []
    kept = wire = 0
    truncated = False
    try:
        async for chunk in response.aiter_raw():
            if wire + len(chunk) > max_wire:
                chunk = chunk[: max_wire - wire]
                truncated = True
            wire += len(chunk)
            room = max_decoded - kept
            if inflater is not None:
                out, cut = inflater.feed(chunk, room)
                truncated = truncated or cut
            else:
                out = chunk[:room]
                truncated = truncated or len(chunk) > room
            parts.append(out)
            kept += len(out)
            if truncated or kept >= max_decoded:
                truncated = True
                break
    except zlib.error:
        truncated = True  # a corrupt stream: keep what decoded cleanly
    return Body(b"".join(parts), truncated, wire, decoded=known)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_text(data: bytes, content_type: str | None) -> str:
    """Text of a body: header charset, else a ``<meta charset>``, else UTF-8 (lossy)."""
    charset = None
    if content_type:
        m = re.search(r"charset=[\"']?([A-Za-z0-9_.:-]+)", content_type, re.IGNORECASE)
        charset = m.group(1) if m else None
    if charset is None:
        m2 = _META_CHARSET.search(data[:4096])
        charset = m2.group(1).decode("ascii") if m2 else None
    try:
        return data.decode(charset or "utf-8", errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


def is_html(content_type: str | None) -> bool:
    """True for HTML and XHTML media types."""
    if not content_type:
        return False
    media = content_type.split(";", 1)[0].strip().lower()
    return media in ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class HtmlView:
    """Title, visible text and self-declared URLs of an HTML page (cheap lxml parse)."""

    title: str | None
    text: str  # visible text, whitespace-collapsed
    canonical: str | None = None
    og_url: str | None = None


def html_view(html: str) -> HtmlView:
    """Parse ``html`` once with lxml; an unparsable page gives an empty view."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return HtmlView(None, "")
    title_el = root.find(".//title")
    title = " ".join((title_el.text_content() or "").split()) if title_el is not None else None
    canonical = og_url = None
    for link in root.iterfind(".//link[@rel]"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            canonical = (link.get("href") or "").strip()
            break
    for meta in root.iterfind(".//meta[@property]"):
        if (meta.get("property") or "").lower() == "og:url" and meta.get("content"):
            og_url = (meta.get("content") or "").strip()
            break
    for bad in root.xpath("//script|//style|//noscript|//template|//head"):
        bad.drop_tree()
    text = " ".join(root.text_content().split())
    return HtmlView(title or None, text, canonical or None, og_url or None)
