#!/usr/bin/env python3
"""A fast loopback web for batch runs: every host, every path, as an HTTP forward proxy.

Why: the batch benchmark audits 10,000 generated documents whose links point at thousands of
fictional ``.example`` hosts. This aiohttp server answers for all of them on 127.0.0.1 when
used as ``--proxy``: a small dated article page for most paths, 404 for paths containing
``missing`` and for soft-404 probes (``provcheck-probe-``), 429 on ``/busy/``. It counts
requests (``GET /__stats`` on the proxy itself) and exits by itself after ``--lifetime``.

usage: python bench/catchall_server.py --port 8741 [--lifetime 900] [--latency-ms 0]
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
from collections import Counter

from aiohttp import web

PAGE = (
    "<!DOCTYPE html><html><head><title>{title}</title>"
    '<meta property="article:published_time" content="2021-0{month}-1{day}">'
    "</head><body><article><h1>{title}</h1>{body}</article></body></html>"
)


def make_app(latency: float) -> web.Application:
    stats: Counter[str] = Counter()

    async def handle(request: web.Request) -> web.StreamResponse:
        if request.path == "/__stats" and request.host.startswith("127.0.0.1"):
            return web.json_response(dict(stats))
        stats["requests"] += 1
        stats[request.method] += 1
        if latency:
            await asyncio.sleep(latency)
        path = request.path
        if "missing" in path or "provcheck-probe-" in path:
            stats["404"] += 1
            return web.Response(status=404, text="not found")
        if path.startswith("/busy/"):
            return web.Response(status=429, headers={"Retry-After": "1"}, text="slow down")
        digest = hashlib.sha1(f"{request.host}{path}".encode()).digest()
        words = " ".join(f"w{b}" for b in digest) * 20
        html = PAGE.format(
            title=f"Page {digest.hex()[:8]}",
            month=1 + digest[0] % 9,
            day=digest[1] % 9,
            body=f"<p>{words}</p>",
        )
        return web.Response(text=html, content_type="text/html")

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handle)
    return app


async def serve(port: int, lifetime: float, latency: float) -> None:
    runner = web.AppRunner(make_app(latency), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", port)
    await site.start()
    try:
        await asyncio.sleep(lifetime)
    finally:
        await runner.cleanup()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--lifetime", type=float, default=900.0)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    args = parser.parse_args()
    asyncio.run(serve(args.port, args.lifetime, args.latency_ms / 1000))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
