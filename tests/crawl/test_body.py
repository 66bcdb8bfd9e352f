"""Capped body reading: a gzip bomb and a huge body never exhaust memory."""

from __future__ import annotations

import asyncio
import gzip
import zlib

import httpx
import pytest

from provcheck.crawl.body import decode_text, html_view, is_html, read_capped
from provcheck.crawl.crawler import check_urls_sync
from provcheck.models import LinkState

from .conftest import HUGE_CHUNK, HUGE_CHUNKS, LocalServer
from .test_fetch_server import cfg


def _response(body: bytes, encoding: str | None) -> httpx.Response:
    headers = {"content-type": "text/html"}
    if encoding:
        headers["content-encoding"] = encoding
    return httpx.Response(200, headers=headers, stream=httpx.ByteStream(body))


def _read(resp: httpx.Response, wire: int, decoded: int) -> tuple[int, bool, int, bool]:
    body = asyncio.run(read_capped(resp, wire, decoded))
    return len(body.data), body.truncated, body.wire_bytes, body.decoded


def test_gzip_bomb_is_cut_at_the_decoded_cap() -> None:
    bomb = gzip.compress(b"\0" * (20 * 1024 * 1024))
    size, truncated, wire, decoded = _read(_response(bomb, "gzip"), 10**7, 100_000)
    assert size == 100_000
    assert truncated
    assert wire <= len(bomb)
    assert decoded


def test_plain_gzip_and_deflate_decode_fully() -> None:
    text = b"<p>Bridge reopens</p>" * 100
    for encoding, data in (
        ("gzip", gzip.compress(text)),
        ("deflate", zlib.compress(text)),
        ("deflate", zlib.compress(text)[2:-4]),  # raw deflate, as some servers send it
    ):
        body = asyncio.run(read_capped(_response(data, encoding), 10**6, 10**6))
        assert body.data == text
        assert not body.truncated


def test_unknown_encoding_is_kept_undecoded() -> None:
    body = asyncio.run(read_capped(_response(b"\x1b\x00brotli?", "br"), 1000, 1000))
    assert not body.decoded


def test_decode_text_charsets() -> None:
    assert decode_text("café".encode("latin-1"), "text/html; charset=ISO-8859-1") == "café"
    meta = b'<meta charset="windows-1252"><p>caf\xe9</p>'
    assert "café" in decode_text(meta, "text/html")
    assert decode_text(b"caf\xc3\xa9", None) == "café"
    assert decode_text(b"x", "text/html; charset=bogus-charset") == "x"


def test_html_view_and_media_types() -> None:
    view = html_view(
        "<html><head><title> A  title </title><script>var captcha=1</script></head>"
        "<body><p>Visible text</p><script>hidden()</script></body></html>"
    )
    assert view.title == "A title"
    assert view.text == "Visible text"
    assert is_html("text/html; charset=utf-8")
    assert is_html("application/xhtml+xml")
    assert not is_html("application/pdf")
    assert html_view("").text == ""


@pytest.mark.network
def test_bomb_over_http_is_alive_and_capped(local: LocalServer) -> None:
    url = local.url + "/bomb"
    config = cfg(max_decompressed_bytes=64 * 1024, soft404_probe=False)
    status = check_urls_sync([url], config)[url]
    assert status.state is LinkState.ALIVE
    assert local.count("/bomb") == 1


@pytest.mark.network
def test_huge_body_is_not_read_to_the_end(local: LocalServer) -> None:
    url = local.url + "/huge"
    config = cfg(max_body_bytes=256 * 1024, soft404_probe=False, fetch_targets=True)
    status = check_urls_sync([url], config)[url]
    assert status.state is LinkState.ALIVE
    assert local.count("/huge") == 1
    assert "huge_complete" not in local.flags  # the server never got to write the last chunk
    assert len(HUGE_CHUNK) * HUGE_CHUNKS > 16 * 1024 * 1024


@pytest.mark.network
def test_binary_targets_are_not_read(local: LocalServer) -> None:
    url = local.url + "/pdf"
    status = check_urls_sync([url], cfg())[url]
    assert status.state is LinkState.ALIVE
    assert status.content_type == "application/pdf"
    assert status.target is None
