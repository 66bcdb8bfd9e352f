"""The verdict cache on a real SQLite file, with an injected clock."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from provcheck.crawl.cache import (
    DEFAULT_TTL,
    SCHEMA_VERSION,
    VerdictCache,
    default_cache_path,
)
from provcheck.errors import EnvironmentProblem
from provcheck.models import AnswerSource, Hop, LinkState, LinkStatus

START = dt.datetime(2024, 5, 1, 12, 0, tzinfo=dt.UTC)


class Clock:
    """A settable clock: tests move time instead of sleeping."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += dt.timedelta(**kwargs)


def _status(url: str, state: LinkState, **kw: object) -> LinkStatus:
    fields: dict[str, object] = {
        "http_status": 200,
        "final_url": url,
        "hops": (Hop(url, 200),),
        "checked_at": "2024-05-01T12:00:00Z",
        "source": AnswerSource.NETWORK,
        "attempts": 1,
    }
    fields.update(kw)
    return LinkStatus(url, state, **fields)  # type: ignore[arg-type]


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def cache(tmp_path: Path, clock: Clock) -> Iterator[VerdictCache]:
    with VerdictCache(tmp_path / "links.sqlite3", now=clock) as c:
        yield c


def test_put_then_get_returns_the_verdict_marked_as_cached(cache: VerdictCache) -> None:
    stored = _status("https://news.example/a", LinkState.ALIVE, content_type="text/html")
    cache.put(stored)
    got = cache.get("https://news.example/a")
    assert got is not None
    assert got.source is AnswerSource.CACHE
    assert got == replace(stored, source=AnswerSource.CACHE)
    assert cache.get("https://news.example/other") is None
    stats = cache.stats()
    assert (stats.entries, stats.hits, stats.misses) == (1, 1, 1)


@pytest.mark.parametrize(
    ("state", "days"),
    [
        (LinkState.ALIVE, 7),
        (LinkState.REDIRECTED, 7),
        (LinkState.RESTRICTED, 3),
        (LinkState.BROKEN, 1),
        (LinkState.TIMEOUT, 1),
        (LinkState.SOFT_404, 1),
    ],
)
def test_each_verdict_expires_after_its_lifetime(
    cache: VerdictCache, clock: Clock, state: LinkState, days: int
) -> None:
    assert DEFAULT_TTL[state] == dt.timedelta(days=days)
    cache.put(_status("https://news.example/x", state))
    clock.advance(days=days, seconds=-1)
    assert cache.get("https://news.example/x") is not None
    clock.advance(seconds=2)
    assert cache.get("https://news.example/x") is None


@pytest.mark.parametrize(
    "state",
    [LinkState.UNVERIFIED, LinkState.RATE_LIMITED, LinkState.MALFORMED, LinkState.PLACEHOLDER],
)
def test_states_without_a_verdict_are_never_stored(cache: VerdictCache, state: LinkState) -> None:
    cache.put(_status("https://news.example/n", state))
    assert cache.get("https://news.example/n") is None
    assert cache.stats().entries == 0


@pytest.mark.parametrize("source", [AnswerSource.CACHE, AnswerSource.CASSETTE, AnswerSource.NONE])
def test_only_network_verdicts_are_stored(cache: VerdictCache, source: AnswerSource) -> None:
    cache.put(_status("https://news.example/s", LinkState.ALIVE, source=source))
    assert cache.stats().entries == 0


def test_a_cache_hit_put_back_does_not_renew_its_lifetime(
    cache: VerdictCache, clock: Clock
) -> None:
    cache.put(_status("https://news.example/r", LinkState.BROKEN))
    clock.advance(hours=20)
    hit = cache.get("https://news.example/r")
    assert hit is not None
    cache.put(hit)  # the crawler may hand every verdict back
    clock.advance(hours=5)
    assert cache.get("https://news.example/r") is None


def test_a_new_verdict_replaces_the_old(cache: VerdictCache, clock: Clock) -> None:
    cache.put(_status("https://news.example/c", LinkState.BROKEN))
    clock.advance(hours=1)
    cache.put(_status("https://news.example/c", LinkState.ALIVE))
    clock.advance(days=3)
    got = cache.get("https://news.example/c")
    assert got is not None
    assert got.state is LinkState.ALIVE
    assert cache.stats().entries == 1


def test_custom_ttl_overrides_and_zero_disables(tmp_path: Path, clock: Clock) -> None:
    ttl = {LinkState.ALIVE: dt.timedelta(hours=1), LinkState.BROKEN: dt.timedelta(0)}
    with VerdictCache(tmp_path / "c.sqlite3", ttl=ttl, now=clock) as c:
        c.put(_status("https://news.example/a", LinkState.ALIVE))
        c.put(_status("https://news.example/b", LinkState.BROKEN))
        c.put(_status("https://news.example/r", LinkState.RESTRICTED))  # default still applies
        assert c.stats().entries == 2
        clock.advance(hours=2)
        assert c.get("https://news.example/a") is None
        assert c.get("https://news.example/r") is not None


def test_ttl_for_a_never_cached_state_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="rate-limited"):
        VerdictCache(tmp_path / "c.sqlite3", ttl={LinkState.RATE_LIMITED: dt.timedelta(days=1)})


def test_purge_expired_removes_only_stale_rows(cache: VerdictCache, clock: Clock) -> None:
    cache.put(_status("https://news.example/alive", LinkState.ALIVE))
    cache.put(_status("https://news.example/broken", LinkState.BROKEN))
    clock.advance(days=2)
    assert cache.purge_expired() == 1
    assert cache.stats().entries == 1
    assert cache.get("https://news.example/alive") is not None


def test_verdicts_persist_across_reopen(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "nested" / "dir" / "links.sqlite3"
    stored = _status("https://news.example/p", LinkState.REDIRECTED)
    with VerdictCache(path, now=clock) as c:
        c.put(stored)
    with VerdictCache(path, now=clock) as c:
        got = c.get("https://news.example/p")
    assert got is not None
    assert got.state is LinkState.REDIRECTED
    assert got.hops == stored.hops


def test_file_is_sqlite_in_wal_mode_with_a_schema_version(tmp_path: Path) -> None:
    path = tmp_path / "links.sqlite3"
    VerdictCache(path).close()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
    finally:
        conn.close()


def test_older_schema_is_rebuilt(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "links.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE schema_version (version INTEGER NOT NULL);"
        "INSERT INTO schema_version VALUES (0);"
        "CREATE TABLE verdicts (url TEXT PRIMARY KEY, blob TEXT);"
    )
    conn.close()
    with VerdictCache(path, now=clock) as c:
        c.put(_status("https://news.example/m", LinkState.ALIVE))
        assert c.get("https://news.example/m") is not None


def test_newer_schema_is_an_environment_problem(tmp_path: Path) -> None:
    path = tmp_path / "links.sqlite3"
    conn = sqlite3.connect(path)
    conn.executescript(
        "CREATE TABLE schema_version (version INTEGER NOT NULL);"
        f"INSERT INTO schema_version VALUES ({SCHEMA_VERSION + 1});"
    )
    conn.close()
    with pytest.raises(EnvironmentProblem, match="newer provcheck"):
        VerdictCache(path)


def test_corrupt_file_is_an_environment_problem_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "links.sqlite3"
    path.write_bytes(b"this is certainly not a database file" * 100)
    with pytest.raises(EnvironmentProblem) as caught:
        VerdictCache(path)
    message = str(caught.value)
    assert str(path) in message
    assert "--no-cache" in message
    assert "\n" not in message


def test_damaged_row_is_a_miss_and_is_dropped(cache: VerdictCache) -> None:
    cache.put(_status("https://news.example/d", LinkState.ALIVE))
    conn = sqlite3.connect(cache.path)
    conn.execute("UPDATE verdicts SET payload = '{not json'")
    conn.commit()
    conn.close()
    assert cache.get("https://news.example/d") is None
    assert cache.stats().entries == 0


def test_closed_cache_raises_environment_problem(tmp_path: Path) -> None:
    c = VerdictCache(tmp_path / "links.sqlite3")
    c.close()
    c.close()  # idempotent
    with pytest.raises(EnvironmentProblem, match="closed"):
        c.get("https://news.example/")


def test_shared_between_threads(cache: VerdictCache) -> None:
    def worker(n: int) -> None:
        for i in range(20):
            cache.put(_status(f"https://news.example/{n}/{i}", LinkState.ALIVE))
            assert cache.get(f"https://news.example/{n}/{i}") is not None

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert cache.stats().entries == 80


def test_default_path_is_in_the_user_cache_dir() -> None:
    path = default_cache_path()
    assert path.name == "links.sqlite3"
    assert "provcheck" in path.parent.parts


def test_rate_limited_answer_leaves_a_hint_not_a_verdict(cache: VerdictCache, clock: Clock) -> None:
    url = "https://busy.example/story"
    cache.put(_status(url, LinkState.RATE_LIMITED, http_status=429))
    assert cache.get(url) is None  # never served as a verdict
    assert cache.stats().entries == 0
    assert cache.rate_limited_recently(url)
    assert not cache.rate_limited_recently("https://busy.example/other")
    clock.advance(minutes=59)
    assert cache.rate_limited_recently(url)
    clock.advance(minutes=2)
    assert not cache.rate_limited_recently(url)


def test_a_later_network_verdict_clears_the_hint(cache: VerdictCache) -> None:
    url = "https://busy.example/story"
    cache.put(_status(url, LinkState.RATE_LIMITED, http_status=429))
    cache.put(_status(url, LinkState.ALIVE))
    assert not cache.rate_limited_recently(url)
    assert cache.get(url) is not None


def test_hints_come_only_from_the_network_and_can_be_turned_off(
    tmp_path: Path, clock: Clock
) -> None:
    url = "https://busy.example/story"
    with VerdictCache(tmp_path / "a.sqlite3", now=clock) as c:
        c.put(_status(url, LinkState.RATE_LIMITED, source=AnswerSource.CASSETTE))
        assert not c.rate_limited_recently(url)
    with VerdictCache(tmp_path / "b.sqlite3", now=clock, hint_ttl=dt.timedelta(0)) as c:
        c.put(_status(url, LinkState.RATE_LIMITED))
        assert not c.rate_limited_recently(url)


def test_purge_expired_drops_stale_hints(cache: VerdictCache, clock: Clock) -> None:
    url = "https://busy.example/story"
    cache.put(_status(url, LinkState.RATE_LIMITED))
    clock.advance(hours=2)
    cache.purge_expired()
    with sqlite3.connect(cache.path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM hints").fetchone() == (0,)


def test_version_1_cache_is_upgraded_keeping_its_verdicts(tmp_path: Path, clock: Clock) -> None:
    path = tmp_path / "links.sqlite3"
    with VerdictCache(path, now=clock) as c:
        c.put(_status("https://news.example/kept", LinkState.ALIVE))
    conn = sqlite3.connect(path)
    conn.executescript("DROP TABLE hints; UPDATE schema_version SET version = 1;")
    conn.close()
    with VerdictCache(path, now=clock) as c:
        assert c.get("https://news.example/kept") is not None
        c.put(_status("https://busy.example/x", LinkState.RATE_LIMITED))
        assert c.rate_limited_recently("https://busy.example/x")
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
    finally:
        conn.close()


def test_get_many_reads_fresh_verdicts_in_chunks(cache: VerdictCache, clock: Clock) -> None:
    urls = [f"https://news.example/a/{i}" for i in range(1_234)]
    for url in urls[:1_000]:
        cache.put(_status(url, LinkState.ALIVE))
    cache.put(_status("https://news.example/gone", LinkState.BROKEN))
    clock.advance(days=2)  # the broken verdict is stale, the alive ones are not
    found = cache.get_many([*urls, "https://news.example/gone", urls[0]])
    assert sorted(found) == sorted(urls[:1_000])
    assert all(s.source is AnswerSource.CACHE and s.url in found for s in found.values())
    stats = cache.stats()
    assert (stats.hits, stats.misses) == (1_000, 235)


def test_get_many_drops_damaged_rows(cache: VerdictCache) -> None:
    cache.put(_status("https://news.example/ok", LinkState.ALIVE))
    cache.put(_status("https://news.example/bad", LinkState.ALIVE))
    with sqlite3.connect(cache.path) as conn:
        conn.execute("UPDATE verdicts SET payload = '{' WHERE url LIKE '%bad'")
    found = cache.get_many(["https://news.example/ok", "https://news.example/bad"])
    assert list(found) == ["https://news.example/ok"]
    assert cache.stats().entries == 1
