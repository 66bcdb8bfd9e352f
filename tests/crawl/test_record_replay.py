"""Record live exchanges with a local server, stop it, then replay them with no network."""

from __future__ import annotations

import asyncio
import datetime as dt
import gzip
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from warcio.archiveiterator import ArchiveIterator

from provcheck.crawl.record import RecordingTransport
from provcheck.crawl.replay import ReplayTransport, normalise_url
from provcheck.errors import EnvironmentProblem, ReplayMiss
from tests.crawl._server_replay import (
    CHUNKS,
    FINAL_TEXT,
    GZIP_TEXT,
    closed_port,
    serve,
)

pytestmark = pytest.mark.network

RECORD_CAP = 16 * 1024
FIXED_NOW = dt.datetime(2024, 5, 1, 12, 0, 0, tzinfo=dt.UTC)


@dataclass(frozen=True)
class Seen:
    """What the client saw for one request (or the error it raised)."""

    status: int | None
    headers: tuple[tuple[str, str], ...]
    body: bytes
    history: tuple[int, ...] = ()
    error: type[Exception] | None = None


# (method, path, follow_redirects); the flaky path twice for the 500-then-200 sequence.
REQUESTS: tuple[tuple[str, str, bool], ...] = (
    ("GET", "/gzip", False),
    ("GET", "/redirect", True),
    ("GET", "/missing", False),
    ("HEAD", "/missing", False),
    ("GET", "/cookies", False),
    ("GET", "/flaky", False),
    ("GET", "/flaky", False),
    ("GET", "/chunked", False),
    ("GET", "/big", False),
)


async def _run(client: httpx.AsyncClient, base: str, refused: str) -> list[Seen]:
    seen = []
    for method, path, follow in REQUESTS:
        r = await client.request(method, base + path, follow_redirects=follow)
        seen.append(
            Seen(
                r.status_code,
                tuple(r.headers.multi_items()),
                r.content,
                tuple(h.status_code for h in r.history),
            )
        )
    try:
        await client.get(refused)
    except httpx.TransportError as exc:
        seen.append(Seen(None, (), b"", error=type(exc)))
    return seen


@dataclass(frozen=True)
class Recording:
    cassette: Path
    base: str
    refused: str
    live: list[Seen]
    transport: str


def _network_transport(kind: str) -> httpx.AsyncBaseTransport:
    if kind == "aiohttp":
        from httpx_aiohttp import AiohttpTransport

        transport: httpx.AsyncBaseTransport = AiohttpTransport()
        return transport
    return httpx.AsyncHTTPTransport()


# Recorded once per network transport the crawler may use (httpx's own and httpx-aiohttp's).
@pytest.fixture(scope="module", params=["httpx", "aiohttp"])
def recording(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Recording:
    cassette = tmp_path_factory.mktemp("cassettes") / "live.warc.gz"
    refused = f"http://127.0.0.1:{closed_port()}/gone"

    async def record() -> tuple[str, list[Seen]]:
        async with serve() as base:
            transport = RecordingTransport(
                _network_transport(request.param),
                cassette,
                max_body_bytes=RECORD_CAP,
                now=lambda: FIXED_NOW,
            )
            async with httpx.AsyncClient(transport=transport, timeout=5.0) as client:
                return base, await _run(client, base, refused)

    base, live = asyncio.run(record())
    return Recording(cassette, base, refused, live, request.param)


def _replay(recording: Recording) -> list[Seen]:
    async def replay() -> list[Seen]:
        transport = ReplayTransport(recording.cassette)
        async with httpx.AsyncClient(transport=transport, timeout=5.0) as client:
            return await _run(client, recording.base, recording.refused)

    return asyncio.run(replay())


def test_live_run_saw_what_the_server_sent(recording: Recording) -> None:
    live = recording.live
    assert live[0].body.decode() == GZIP_TEXT
    assert ("content-encoding", "gzip") in live[0].headers
    assert live[1].history == (302,)
    assert live[1].body.decode() == FINAL_TEXT
    assert [s.status for s in live[2:4]] == [404, 404]
    assert [v for k, v in live[4].headers if k == "set-cookie"] == [
        "session=abc; Path=/",
        "region=north; Path=/",
    ]
    assert [s.status for s in live[5:7]] == [500, 200]
    assert live[7].body == b"".join(CHUNKS)
    assert len(live[8].body) == RECORD_CAP  # cut at the recording cap
    # httpx-aiohttp 0.2 maps a refused connection to ConnectTimeout (its exception table picks
    # the broad ClientConnectionError entry first); replay must reproduce whichever it was.
    assert live[9].error is httpx.ConnectError or (
        recording.transport == "aiohttp" and live[9].error is httpx.ConnectTimeout
    )


def test_replay_gives_identical_answers_without_the_server(recording: Recording) -> None:
    replayed = _replay(recording)
    assert replayed == recording.live


def test_replay_answers_repeat_the_last_exchange_when_exhausted(recording: Recording) -> None:
    async def flaky_three_times() -> list[int]:
        transport = ReplayTransport(recording.cassette)
        async with httpx.AsyncClient(transport=transport) as client:
            return [(await client.get(recording.base + "/flaky")).status_code for _ in range(3)]

    assert asyncio.run(flaky_three_times()) == [500, 200, 200]


def test_replay_marks_the_source_and_keeps_the_status_line(recording: Recording) -> None:
    async def one() -> httpx.Response:
        transport = ReplayTransport(recording.cassette)
        async with httpx.AsyncClient(transport=transport) as client:
            return await client.get(recording.base + "/missing")

    response = asyncio.run(one())
    assert response.extensions["provcheck_source"] == "cassette"
    assert response.reason_phrase == "Not Found"
    assert response.http_version == "HTTP/1.1"


def test_unknown_url_raises_replay_miss(recording: Recording) -> None:
    async def ask(url: str) -> None:
        async with httpx.AsyncClient(transport=ReplayTransport(recording.cassette)) as client:
            await client.get(url)

    with pytest.raises(ReplayMiss) as caught:
        asyncio.run(ask(recording.base + "/never-recorded"))
    assert caught.value.url.endswith("/never-recorded")
    assert str(recording.cassette) in str(caught.value)
    # a query string is part of the identity: /final?x is not /final
    with pytest.raises(ReplayMiss):
        asyncio.run(ask(recording.base + "/final?x"))


def test_head_falls_back_to_a_recorded_get(recording: Recording) -> None:
    async def head() -> httpx.Response:
        async with httpx.AsyncClient(transport=ReplayTransport(recording.cassette)) as client:
            return await client.head(recording.base + "/final")

    response = asyncio.run(head())
    assert response.status_code == 200
    assert response.content == b""
    assert response.headers["content-length"] == str(len(FINAL_TEXT))


def test_warc_is_readable_by_warcio(recording: Recording) -> None:
    base = recording.base
    with open(recording.cassette, "rb") as fh:
        records = []
        for rec in ArchiveIterator(fh):
            payload = rec.raw_stream.read()
            records.append((rec.rec_type, rec.rec_headers, rec.http_headers, payload))
    kinds = [r[0] for r in records]
    assert kinds[0] == "warcinfo"
    assert kinds.count("response") == 10  # 9 requests + the redirect's second hop
    assert kinds.count("request") == 11  # the refused one has a request record too
    assert kinds.count("metadata") == 1
    uris = {r[1].get_header("WARC-Target-URI") for r in records if r[0] == "response"}
    assert {base + "/gzip", base + "/redirect", base + "/final", base + "/big"} <= uris

    ids = {r[1].get_header("WARC-Record-ID"): r for r in records}
    for kind, heads, _http, _payload in records:
        assert heads.get_header("WARC-Date") == "2024-05-01T12:00:00Z"
        if kind == "request":
            assert heads.get_header("WARC-Concurrent-To") in ids

    gzip_resp = next(
        r
        for r in records
        if r[0] == "response" and r[1].get_header("WARC-Target-URI") == base + "/gzip"
    )
    assert gzip_resp[3][:2] == b"\x1f\x8b"  # wire bytes, still encoded
    assert gzip.decompress(gzip_resp[3]).decode() == GZIP_TEXT

    redirect = next(r for r in records if r[1].get_header("WARC-Target-URI") == base + "/redirect")
    assert redirect[2].get_statuscode() == "302"
    assert redirect[2].get_header("Location") == "/final"

    big = next(r for r in records if r[1].get_header("WARC-Target-URI") == base + "/big")
    assert big[1].get_header("WARC-Truncated") == "length"
    assert len(big[3]) == RECORD_CAP

    chunked = next(r for r in records if r[1].get_header("WARC-Target-URI") == base + "/chunked")
    assert chunked[2].get_header("Transfer-Encoding") is None
    assert chunked[2].get_header("X-Archive-Orig-Transfer-Encoding") == "chunked"
    assert chunked[3] == b"".join(CHUNKS)

    meta = next(r for r in records if r[0] == "metadata")
    assert meta[1].get_header("WARC-Target-URI") == recording.refused
    assert meta[1].get_header("Content-Type") == "application/json"
    error = recording.live[-1].error
    assert error is not None
    assert json.loads(meta[3])["error"] == error.__name__

    requests = [r for r in records if r[0] == "request"]
    assert {r[2].protocol for r in requests} == {"GET", "HEAD"}


def _record_with(handler: object, path: Path) -> RecordingTransport:
    inner = httpx.MockTransport(handler)  # type: ignore[arg-type]
    return RecordingTransport(inner, path)


@pytest.mark.parametrize(
    "error",
    [httpx.ReadTimeout, httpx.ConnectTimeout, httpx.RemoteProtocolError, httpx.ReadError],
)
def test_transport_errors_replay_as_the_same_class(
    tmp_path: Path, error: type[httpx.TransportError]
) -> None:
    cassette = tmp_path / "errors.warc.gz"

    def fail(request: httpx.Request) -> httpx.Response:
        raise error("simulated failure", request=request)

    async def scenario() -> None:
        async with httpx.AsyncClient(transport=_record_with(fail, cassette)) as client:
            with pytest.raises(error):
                await client.get("http://news.example/story")
        async with httpx.AsyncClient(transport=ReplayTransport(cassette)) as client:
            with pytest.raises(error, match="simulated failure"):
                await client.get("http://news.example/story")

    asyncio.run(scenario())


def test_concurrent_recording_keeps_every_exchange_whole(tmp_path: Path) -> None:
    cassette = tmp_path / "many.warc.gz"

    def echo(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, text=f"page {request.url.params['n']}")

    async def scenario() -> list[str]:
        async with httpx.AsyncClient(transport=_record_with(echo, cassette)) as client:
            await asyncio.gather(*(client.get(f"http://news.example/p?n={i}") for i in range(25)))
        async with httpx.AsyncClient(transport=ReplayTransport(cassette)) as client:
            pages = [await client.get(f"http://news.example/p?n={i}") for i in range(25)]
        return [p.text for p in pages]

    assert asyncio.run(scenario()) == [f"page {i}" for i in range(25)]


def test_missing_recording_is_an_environment_problem(tmp_path: Path) -> None:
    path = tmp_path / "absent.warc.gz"
    with pytest.raises(EnvironmentProblem, match=r"absent\.warc\.gz"):
        ReplayTransport(path)


@pytest.mark.parametrize(
    "damage",
    ["not-a-warc", "cut-gzip", "cut-record", "empty"],
)
def test_corrupt_recording_is_an_environment_problem(
    tmp_path: Path, recording: Recording, damage: str
) -> None:
    whole = gzip.decompress(recording.cassette.read_bytes())
    content = {
        "not-a-warc": b"this is not a warc file at all\n",
        "cut-gzip": recording.cassette.read_bytes()[:-40],
        # uncompressed and cut inside the big body: a recording interrupted mid-write
        "cut-record": whole[: whole.index(b"x" * 1000) + 1000],
        "empty": b"",
    }[damage]
    path = tmp_path / "broken.warc.gz"
    path.write_bytes(content)
    with pytest.raises(EnvironmentProblem, match=r"broken\.warc\.gz") as caught:
        ReplayTransport(path)
    assert not isinstance(caught.value, ReplayMiss)


def test_normalise_url_matches_equivalent_forms_only() -> None:
    assert normalise_url("HTTP://News.Example:80/a?b=1#top") == "http://news.example/a?b=1"
    assert normalise_url("https://news.example:443/") == "https://news.example/"
    assert normalise_url("https://news.example:8443/") == "https://news.example:8443/"
    assert normalise_url("http://news.example/a?") != normalise_url("http://news.example/a")


class _BrokenBody(httpx.AsyncByteStream):
    """A body that fails after its first chunk, like a connection reset mid-transfer."""

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield b"<html><body>first half"
        raise httpx.ReadError("connection reset mid-body")


def test_failure_while_reading_the_body_is_recorded_and_replayed(tmp_path: Path) -> None:
    cassette = tmp_path / "midbody.warc.gz"

    def half(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=_BrokenBody())

    async def scenario() -> None:
        async with httpx.AsyncClient(transport=_record_with(half, cassette)) as client:
            with pytest.raises(httpx.ReadError):
                await client.get("http://news.example/half")
        async with httpx.AsyncClient(transport=ReplayTransport(cassette)) as client:
            with pytest.raises(httpx.ReadError, match="mid-body"):
                await client.get("http://news.example/half")

    asyncio.run(scenario())
