"""A real HTTP(S) server on 127.0.0.1 for the crawler tests, with request counters.

One aiohttp application runs in a background thread for the whole session, on a plain port and
on a TLS port (certificate from a trustme CA). It also acts as an HTTP proxy: a request in
absolute form (``GET http://news.test/... HTTP/1.1``) is routed by its path like any other, so
fictional host names reach it with ``CrawlConfig(proxy=server.url)``. Every request is counted
per (method, path) so tests can assert exact request counts.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import socket
import ssl
import struct
import threading
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import trustme
from aiohttp import web

ARTICLE = """<!doctype html>
<html><head>
<title>Harbour bridge reopens after repairs</title>
<meta property="article:published_time" content="2021-03-26T09:30:00Z">
<link rel="canonical" href="https://news.example/2021/03/26/harbour-bridge-reopens">
</head><body><article>
<h1>Harbour bridge reopens after repairs</h1>
<p>The harbour bridge in the fictional town of Eastmere reopened on Friday after eight months
of repairs, the town council said in a statement.</p>
<p>Engineers replaced the deck joints and repainted the steel arches. Traffic was light on the
first morning, according to a council spokesperson, who said buses would return next week.</p>
<p>Local shop owners said the closure had cut the number of visitors by a third over the
winter, and welcomed the reopening.</p>
</article></body></html>
"""

CATCHALL = """<html><head><title>Eastmere Gazette</title></head><body>
<h1>Sorry, the page you requested was not found.</h1><p>Try the search box.</p></body></html>"""

SPA_SHELL = """<html><head><title>Eastmere App</title></head><body>
<div id="root"></div><script src="/app.js"></script></body></html>"""

HOME = "<html><head><title>Eastmere Gazette</title></head><body><h1>Front page</h1></body></html>"

BOMB = gzip.compress(b"\0" * (10 * 1024 * 1024))
HUGE_CHUNK = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n"
HUGE_CHUNKS = 512  # 32 MiB in all, never read to the end


@dataclass
class LocalServer:
    """Handle on the running server: URLs and counters."""

    port: int = 0
    tls_port: int = 0
    ca_pem: str = ""
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    hits: Counter[str] = field(default_factory=Counter)  # per path, for stateful routes
    flags: dict[str, Any] = field(default_factory=dict)
    archive: dict[str, Any] = field(default_factory=dict)  # url -> availability JSON
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def tls_url(self) -> str:
        return f"https://localhost:{self.tls_port}"

    def count(self, path: str, method: str | None = None) -> int:
        with self.lock:
            return sum(n for (m, p), n in self.counts.items() if p == path and method in (None, m))

    def count_prefix(self, prefix: str) -> int:
        with self.lock:
            return sum(n for (_, p), n in self.counts.items() if p.startswith(prefix))

    def reset(self) -> None:
        with self.lock:
            self.counts.clear()
            self.hits.clear()
            self.flags.clear()


def _html(text: str, status: int = 200, **headers: str) -> web.Response:
    return web.Response(text=text, status=status, content_type="text/html", headers=headers)


def _redirect(location: str, status: int = 302) -> web.Response:
    return web.Response(status=status, headers={"Location": location})


def build_app(srv: LocalServer) -> web.Application:
    async def handle(request: web.Request) -> web.StreamResponse:
        path = request.path
        with srv.lock:
            srv.counts[(request.method, path)] += 1
            srv.hits[path] += 1
            hit = srv.hits[path]
        parts = path.strip("/").split("/")
        head = parts[0]
        if path == "/":
            return _html(HOME)
        if path == "/page/article":
            return _html(ARTICLE)
        if path == "/nohead":
            if request.method == "HEAD":
                return web.Response(status=405, headers={"Allow": "GET"})
            return _html(ARTICLE)
        if head == "chain":
            nxt = {"a": ("/chain/b", 301), "b": ("/chain/c", 302), "c": ("/chain/d", 307)}
            if parts[1] in nxt:
                return _redirect(*nxt[parts[1]])
            return _redirect("/page/article", 308)
        if head == "loop":
            return _redirect("/loop/b" if parts[1] == "a" else "/loop/a")
        if head == "endless":
            return _redirect(f"/endless/{int(parts[1]) + 1}")
        if path == "/missing":
            return _html("<h1>Not Found</h1>", 404)
        if path == "/gone":
            return _html("<h1>Gone</h1>", 410)
        if path == "/always500":
            return _html("<h1>Server error</h1>", 500)
        if path == "/flaky500":
            return _html("<h1>oops</h1>", 500) if hit == 1 else _html(ARTICLE)
        if path == "/busy503":
            return _html("busy", 503, **{"Retry-After": "1"}) if hit == 1 else _html(ARTICLE)
        if path == "/rl-then-ok":
            return _html("slow down", 429, **{"Retry-After": "1"}) if hit == 1 else _html(ARTICLE)
        if path == "/rl-always":
            return _html("slow down", 429, **{"Retry-After": "1"})
        if path == "/rl-long":
            return _html("slow down", 429, **{"Retry-After": "3600"})
        if path == "/forbidden":
            return _html("<h1>Forbidden</h1>", 403)
        if path == "/challenge":
            page = "<title>Just a moment...</title><p>Checking your browser</p>"
            return _html(page, 503, **{"cf-mitigated": "challenge"})
        if path == "/slow":
            await asyncio.sleep(2)
            return _html(ARTICLE)
        if path == "/reset":
            sock = request.transport.get_extra_info("socket") if request.transport else None
            if sock is not None:
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            if request.transport is not None:
                request.transport.abort()
            raise asyncio.CancelledError
        if head == "catchall":  # a site answering the same "not found" page to every path
            return _html(CATCHALL)
        if head == "spa":  # one app shell for every path, real pages included
            return _html(SPA_SHELL)
        if head == "real":  # real pages, and a 404 for anything else
            return _html(ARTICLE) if parts[-1].startswith("story") else _html("no", 404)
        if head == "thin":  # a 200 "not found" page, but the site 404s random paths
            if parts[-1] == "old":
                return _html("<title>Page not found</title><h1>Page not found</h1>")
            return _html("no", 404)
        if path == "/moved-home":
            return _redirect("/", 301)
        if path == "/section/old-story":
            return _redirect("/section/")
        if path == "/section/":
            return _html(HOME)
        if path == "/to-error":
            return _redirect("/errors/404.html")
        if path == "/errors/404.html":
            return _html("<title>Error</title><p>Sorry.</p>")
        if path == "/to-private":
            return _redirect(f"http://127.0.0.1:{srv.port}/secret")
        if path == "/to-ten":
            return _redirect("http://10.0.0.1/admin")
        if path == "/secret":
            return _html("<h1>internal</h1>")
        if path == "/bomb":
            return web.Response(
                body=BOMB,
                headers={"Content-Type": "text/html", "Content-Encoding": "gzip"},
            )
        if path == "/huge":
            resp = web.StreamResponse(headers={"Content-Type": "text/html"})
            resp.content_length = len(HUGE_CHUNK) * HUGE_CHUNKS
            await resp.prepare(request)
            try:
                for _ in range(HUGE_CHUNKS):
                    await resp.write(HUGE_CHUNK)
                srv.flags["huge_complete"] = True
            except (ConnectionError, RuntimeError):
                srv.flags["huge_aborted"] = True
            return resp
        if path == "/pdf":
            return web.Response(body=b"%PDF-1.4 fictional", content_type="application/pdf")
        if path == "/wayback/available":
            payload = srv.archive.get(request.query.get("url", ""), {"archived_snapshots": {}})
            if callable(payload):
                payload = payload(request.query.get("timestamp", ""))
            return web.Response(text=json.dumps(payload), content_type="application/json")
        return _html("<h1>Not Found</h1>", 404)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handle)
    return app


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """Start the server (plain and TLS) in a thread for the session."""
    srv = LocalServer()
    ca = trustme.CA()
    cert = ca.issue_cert("localhost", "127.0.0.1", "secure.test")  # the last: via a proxy
    ca_path = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_path))
    srv.ca_pem = str(ca_path)
    ssl_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(ssl_ctx)
    srv.port, srv.tls_port = _free_port(), _free_port()
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    runner = web.AppRunner(build_app(srv), handle_signals=False, access_log=None)

    async def start() -> None:
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", srv.port).start()
        await web.TCPSite(runner, "127.0.0.1", srv.tls_port, ssl_context=ssl_ctx).start()
        ready.set()

    def run() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(start())
        loop.run_forever()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert ready.wait(10)
    yield srv
    asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(10)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(10)
    loop.close()


@pytest.fixture
def local(server: LocalServer) -> LocalServer:
    """The session server with its counters reset for this test."""
    server.reset()
    server.archive.clear()
    return server
