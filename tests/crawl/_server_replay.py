"""A small aiohttp server on 127.0.0.1 for the record/replay tests (started inside the test loop).

Routes cover what a recording must keep: a gzip-encoded body, a redirect, a 404, repeated
Set-Cookie headers, a 500 followed by a 200, a chunked body and a large body.
"""

from __future__ import annotations

import gzip
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiohttp import web

GZIP_TEXT = "<html><head><title>Harbour ferry timetable changes</title></head></html>"
FINAL_TEXT = "the ferry now leaves at nine"
CHUNKS = (b"first part; ", b"second part; ", b"last part")
BIG_SIZE = 64 * 1024
FLAKY_CALLS = web.AppKey("flaky_calls", list[int])


async def _gzip(request: web.Request) -> web.Response:
    return web.Response(
        body=gzip.compress(GZIP_TEXT.encode("utf-8")),
        headers={"Content-Encoding": "gzip", "Content-Type": "text/html; charset=utf-8"},
    )


async def _redirect(request: web.Request) -> web.Response:
    return web.Response(status=302, headers={"Location": "/final"})


async def _final(request: web.Request) -> web.Response:
    return web.Response(text=FINAL_TEXT)


async def _missing(request: web.Request) -> web.Response:
    return web.Response(status=404, text="no such page")


async def _cookies(request: web.Request) -> web.Response:
    response = web.Response(text="cookies set")
    response.headers.add("Set-Cookie", "session=abc; Path=/")
    response.headers.add("Set-Cookie", "region=north; Path=/")
    return response


async def _flaky(request: web.Request) -> web.Response:
    calls: list[int] = request.app[FLAKY_CALLS]
    calls.append(1)
    if len(calls) == 1:
        return web.Response(status=500, text="try again later")
    return web.Response(text="recovered")


async def _chunked(request: web.Request) -> web.StreamResponse:
    response = web.StreamResponse()
    response.enable_chunked_encoding()
    await response.prepare(request)
    for chunk in CHUNKS:
        await response.write(chunk)
    await response.write_eof()
    return response


async def _big(request: web.Request) -> web.Response:
    return web.Response(body=b"x" * BIG_SIZE, content_type="application/octet-stream")


def make_app() -> web.Application:
    app = web.Application()
    app[FLAKY_CALLS] = []
    app.router.add_get("/gzip", _gzip)
    app.router.add_get("/redirect", _redirect)
    app.router.add_get("/final", _final)
    app.router.add_get("/missing", _missing)
    app.router.add_get("/cookies", _cookies)
    app.router.add_get("/flaky", _flaky)
    app.router.add_get("/chunked", _chunked)
    app.router.add_get("/big", _big)
    return app


@asynccontextmanager
async def serve() -> AsyncIterator[str]:
    """Run the server in the current event loop; yields its base URL (``http://127.0.0.1:N``)."""
    runner = web.AppRunner(make_app())
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    try:
        yield f"http://{host}:{port}"
    finally:
        await runner.cleanup()


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
