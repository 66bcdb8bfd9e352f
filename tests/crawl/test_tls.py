"""TLS: verification is always on; a custom CA bundle makes a private CA trusted."""

from __future__ import annotations

import asyncio
import threading

import pytest

from provcheck.crawl.config import Backend
from provcheck.crawl.crawler import check_urls_sync
from provcheck.models import LinkState

from .conftest import LocalServer
from .test_fetch_server import cfg

pytestmark = pytest.mark.network


@pytest.mark.parametrize("backend", list(Backend))
def test_custom_ca_bundle_is_trusted(local: LocalServer, backend: Backend) -> None:
    url = local.tls_url + "/page/article"
    status = check_urls_sync([url], cfg(ca_bundle=local.ca_pem, backend=backend))[url]
    assert status.state is LinkState.ALIVE
    assert status.target is not None
    assert status.target.title is not None


@pytest.mark.parametrize("backend", list(Backend))
def test_unknown_ca_is_a_tls_failure(local: LocalServer, backend: Backend) -> None:
    url = local.tls_url + "/page/article"
    urls = [url, local.url + "/missing"]  # one plain answer: the network is up
    status = check_urls_sync(urls, cfg(backend=backend))[url]
    assert status.state is LinkState.BROKEN
    assert status.reason == "TLS failure"
    assert status.attempts == 1
    assert local.count("/page/article") == 0


class _ConnectProxy:
    """A minimal HTTPS proxy on 127.0.0.1: answers CONNECT and tunnels to the TLS port.

    Whatever host the client asks for, the tunnel leads to the local TLS server, so a fictional
    ``https://secure.test/`` reaches it; the CONNECT lines received are kept for the asserts.
    """

    def __init__(self, tls_port: int) -> None:
        self.tls_port = tls_port
        self.connects: list[str] = []
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        except ConnectionError:
            pass
        finally:
            writer.close()

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        head = await reader.readuntil(b"\r\n\r\n")
        request_line = head.split(b"\r\n", 1)[0].decode("ascii")
        self.connects.append(request_line)
        if not request_line.startswith("CONNECT "):
            writer.write(b"HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n")
            writer.close()
            return
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.tls_port)
        writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
        await writer.drain()
        await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))

    def __enter__(self) -> _ConnectProxy:
        self._thread.start()

        async def start() -> asyncio.base_events.Server:
            return await asyncio.start_server(self._client, "127.0.0.1", 0)

        self._server = asyncio.run_coroutine_threadsafe(start(), self._loop).result(10)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    def __exit__(self, *exc: object) -> None:
        async def stop() -> None:
            # In the loop's own thread: asyncio servers are not thread-safe, and closing this
            # one from the test's thread raced with its connections being torn down.
            self._server.close()
            tunnels = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tunnels:
                task.cancel()
            await asyncio.gather(*tunnels, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()


@pytest.mark.parametrize("backend", list(Backend))
def test_https_through_a_proxy_tunnel(local: LocalServer, backend: Backend) -> None:
    """HTTPS via an http proxy: CONNECT to the named host, TLS verified end to end."""
    with _ConnectProxy(local.tls_port) as proxy:
        url = "https://secure.test/page/article"
        config = cfg(
            allow_private=False,
            proxy=f"http://127.0.0.1:{proxy.port}",
            ca_bundle=local.ca_pem,
            backend=backend,
            soft404_probe=False,
        )
        status = check_urls_sync([url], config)[url]
    assert status.state is LinkState.ALIVE
    assert status.target is not None
    assert status.target.title == "Harbour bridge reopens after repairs"
    assert proxy.connects
    assert all(line.startswith("CONNECT secure.test:443 ") for line in proxy.connects)
    assert local.count("/page/article") == 1
