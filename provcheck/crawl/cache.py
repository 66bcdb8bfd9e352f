"""The verdict cache: one SQLite row per checked URL, expiring by verdict.

Why a table of verdicts rather than an HTTP cache: a link checker needs redirect hops, 404s and
timeouts remembered too, which HTTP caches skip (see PITFALLS.md on hishel). The cache stores the
crawler's :class:`LinkStatus` as JSON (via :mod:`provcheck.crawl.serialize`).

How long a verdict is trusted depends on how stable it is (:data:`DEFAULT_TTL`):

* alive / redirected: 7 days - good links rarely die within a week;
* restricted (401/403, paywall): 3 days;
* broken / timeout / soft-404: 1 day - failures are often transient, so re-check soon;
* malformed / placeholder: never stored, nothing was fetched;
* unverified / rate-limited: never stored, there is no verdict yet.

A rate-limited answer leaves a *hint* instead (:data:`RATE_LIMIT_HINT_TTL`, one hour): not a
verdict, never served as one, only a note that this URL answered 429 on every attempt a short
while ago. The crawler still asks such a URL on the next run, but once, without retries and
without waiting out Retry-After again: a re-run then neither hammers a host that just asked to
slow down nor spends seconds re-learning what it was told. Any other network verdict for the
URL clears its hint.

Only verdicts whose evidence came from the network (``source=NETWORK``) are stored: a verdict
read from the cache must not renew its own lifetime, and cassette (replay) answers are not facts
about the live web.

One connection is shared by the asyncio process (``check_same_thread=False``, guarded by a
lock). Any SQLite failure becomes :class:`EnvironmentProblem` naming the file, so the CLI can
tell the user to delete it or run with ``--no-cache``.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import orjson
import platformdirs

from provcheck.crawl.serialize import status_from_dict, status_to_dict
from provcheck.errors import EnvironmentProblem
from provcheck.models import AnswerSource, LinkState, LinkStatus

#: Bumped when the table layout changes. Version 1 (no hints table) is upgraded in place; any
#: other older layout is rebuilt (it is only a cache).
SCHEMA_VERSION = 2

#: How long a rate-limited answer keeps its URL from being retried on later runs.
RATE_LIMIT_HINT_TTL = dt.timedelta(hours=1)

#: How long each verdict stays fresh. States not listed are never stored.
DEFAULT_TTL: Mapping[LinkState, dt.timedelta] = {
    LinkState.ALIVE: dt.timedelta(days=7),
    LinkState.REDIRECTED: dt.timedelta(days=7),
    LinkState.RESTRICTED: dt.timedelta(days=3),
    LinkState.BROKEN: dt.timedelta(days=1),
    LinkState.TIMEOUT: dt.timedelta(days=1),
    LinkState.SOFT_404: dt.timedelta(days=1),
}

#: States that are never cached whatever the configuration: no verdict, or nothing fetched.
NEVER_CACHED: frozenset[LinkState] = frozenset(
    {LinkState.UNVERIFIED, LinkState.RATE_LIMITED, LinkState.MALFORMED, LinkState.PLACEHOLDER}
)

_HINT = "delete it or pass --no-cache"

#: URLs per lookup query (SQLite allows 32,766 host parameters; stay far below).
_CHUNK = 500

_HINTS_SCHEMA = """
CREATE TABLE IF NOT EXISTS hints (
    url TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    stored_at REAL NOT NULL,
    expires_at REAL NOT NULL
);
"""

_SCHEMA = (
    """
CREATE TABLE IF NOT EXISTS verdicts (
    url TEXT PRIMARY KEY,
    state TEXT NOT NULL,
    stored_at REAL NOT NULL,
    expires_at REAL NOT NULL,
    payload TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS verdicts_expires ON verdicts (expires_at);
"""
    + _HINTS_SCHEMA
)


def default_cache_path() -> Path:
    """``<user cache dir>/provcheck/links.sqlite3`` (platformdirs decides per OS)."""
    return Path(platformdirs.user_cache_dir("provcheck")) / "links.sqlite3"


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True, slots=True)
class CacheStats:
    """Counts for the run summary: rows in the file, and this instance's lookups."""

    entries: int
    hits: int
    misses: int


class VerdictCache:
    """Fresh-only lookup of earlier verdicts by URL, persisted in a SQLite file."""

    def __init__(
        self,
        path: Path,
        *,
        ttl: Mapping[LinkState, dt.timedelta] | None = None,
        now: Callable[[], dt.datetime] | None = None,
        hint_ttl: dt.timedelta = RATE_LIMIT_HINT_TTL,
    ) -> None:
        """Open (creating if needed) the cache at ``path``.

        ``ttl`` overrides :data:`DEFAULT_TTL` per state; a zero or negative lifetime turns
        caching of that state off. Giving a lifetime for a state in :data:`NEVER_CACHED` is a
        programming error (``ValueError``). ``hint_ttl`` is how long a rate-limited answer is
        remembered as a hint (zero: never). ``now`` is the clock (tests inject one).
        """
        self.path = Path(path)
        merged = dict(DEFAULT_TTL)
        for state, lifetime in (ttl or {}).items():
            if state in NEVER_CACHED:
                raise ValueError(f"{state.value} verdicts are never cached")
            merged[state] = lifetime
        self._ttl = {s: t for s, t in merged.items() if t > dt.timedelta(0)}
        self._hint_ttl = hint_ttl
        self._now = now or _utc_now
        self._lock = threading.Lock()
        self._hits = 0
        self._misses = 0
        self._conn: sqlite3.Connection | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(
                self.path, check_same_thread=False, isolation_level=None, timeout=5.0
            )
            self._prepare(self._conn)
        except (sqlite3.Error, OSError, EnvironmentProblem) as exc:
            if self._conn is not None:
                self._conn.close()
                self._conn = None
            raise self._problem(exc) from exc

    # --- public API ---------------------------------------------------------------------------

    def get(self, url: str) -> LinkStatus | None:
        """The fresh verdict stored for ``url`` (with ``source=CACHE``), or ``None``."""
        return self.get_many([url]).get(url)

    def get_many(self, urls: Iterable[str]) -> dict[str, LinkStatus]:
        """The fresh verdicts stored for any of ``urls`` (``source=CACHE``), keyed by URL.

        One query per :data:`_CHUNK` URLs rather than one per URL: a warm run looks up every
        link of a batch before fetching anything.
        """
        wanted = list(dict.fromkeys(urls))
        found: dict[str, LinkStatus] = {}
        now = self._timestamp()
        with self._guard() as conn:
            query = "SELECT url, payload FROM verdicts WHERE url IN ({marks}) AND expires_at > ?"
            for url, payload in _rows_in(conn, query, wanted, now):
                status = _decode(payload)
                if status is None:
                    # A damaged row is a miss, not a failed run; drop it to re-check it.
                    conn.execute("DELETE FROM verdicts WHERE url = ?", (url,))
                    continue
                found[url] = status
            self._hits += len(found)
            self._misses += len(wanted) - len(found)
        return found

    def rate_limited_recently(self, url: str) -> bool:
        """Whether ``url`` answered rate-limited within the hint lifetime (not a verdict)."""
        return url in self.rate_limited_among([url])

    def rate_limited_among(self, urls: Iterable[str]) -> set[str]:
        """Those of ``urls`` that answered rate-limited within the hint lifetime (one query
        per :data:`_CHUNK` URLs, like :meth:`get_many`)."""
        wanted = list(dict.fromkeys(urls))
        now = self._timestamp()
        query = "SELECT url FROM hints WHERE url IN ({marks}) AND kind = ? AND expires_at > ?"
        with self._guard() as conn:
            return {
                url for (url,) in _rows_in(conn, query, wanted, LinkState.RATE_LIMITED.value, now)
            }

    def put(self, status: LinkStatus) -> None:
        """Store a network verdict for its state's lifetime; other verdicts are ignored.

        A rate-limited network answer is kept as a hint (see the module docstring), and any
        other network verdict clears the URL's hint.
        """
        if status.source is not AnswerSource.NETWORK:
            return
        if status.state is LinkState.RATE_LIMITED:
            self._put_hint(status.url)
            return
        if status.state in NEVER_CACHED:
            return
        lifetime = self._ttl.get(status.state)
        with self._guard() as conn:
            conn.execute("DELETE FROM hints WHERE url = ?", (status.url,))
            if lifetime is None:
                return
            now = self._timestamp()
            payload = json.dumps(status_to_dict(status), ensure_ascii=False, sort_keys=True)
            conn.execute(
                "INSERT OR REPLACE INTO verdicts (url, state, stored_at, expires_at, payload)"
                " VALUES (?, ?, ?, ?, ?)",
                (status.url, status.state.value, now, now + lifetime.total_seconds(), payload),
            )

    def _put_hint(self, url: str) -> None:
        if self._hint_ttl <= dt.timedelta(0):
            return
        now = self._timestamp()
        with self._guard() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO hints (url, kind, stored_at, expires_at)"
                " VALUES (?, ?, ?, ?)",
                (url, LinkState.RATE_LIMITED.value, now, now + self._hint_ttl.total_seconds()),
            )

    def stats(self) -> CacheStats:
        """Rows in the file (fresh or not) and this instance's hits and misses."""
        with self._guard() as conn:
            (entries,) = conn.execute("SELECT COUNT(*) FROM verdicts").fetchone()
            return CacheStats(entries=int(entries), hits=self._hits, misses=self._misses)

    def purge_expired(self) -> int:
        """Delete expired rows; returns how many went."""
        now = self._timestamp()
        with self._guard() as conn:
            cursor = conn.execute("DELETE FROM verdicts WHERE expires_at <= ?", (now,))
            conn.execute("DELETE FROM hints WHERE expires_at <= ?", (now,))
            return max(cursor.rowcount, 0)

    def close(self) -> None:
        """Close the connection (idempotent)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> VerdictCache:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- internals ----------------------------------------------------------------------------

    def _prepare(self, conn: sqlite3.Connection) -> None:
        """Set WAL mode; create the schema, or rebuild it when an older provcheck wrote it."""
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
        version = row[0] if row is not None else None
        if version == SCHEMA_VERSION:
            return
        if version is not None and version > SCHEMA_VERSION:
            raise EnvironmentProblem(
                f"link cache {self.path} was written by a newer provcheck (schema {version})",
                _HINT,
            )
        if version == 1:  # only the hints table is new: keep the stored verdicts
            conn.executescript(
                "BEGIN IMMEDIATE;"
                f"{_HINTS_SCHEMA}"
                f"UPDATE schema_version SET version = {SCHEMA_VERSION};"
                "COMMIT;"
            )
            return
        conn.executescript(
            "BEGIN IMMEDIATE;"
            "DROP TABLE IF EXISTS verdicts;"
            "DROP TABLE IF EXISTS hints;"
            "DELETE FROM schema_version;"
            f"{_SCHEMA}"
            f"INSERT INTO schema_version (version) VALUES ({SCHEMA_VERSION});"
            "COMMIT;"
        )

    @contextmanager
    def _guard(self) -> Iterator[sqlite3.Connection]:
        """Hold the lock and turn SQLite failures into :class:`EnvironmentProblem`."""
        with self._lock:
            if self._conn is None:
                raise EnvironmentProblem(f"link cache {self.path} is closed")
            try:
                yield self._conn
            except sqlite3.Error as exc:
                raise self._problem(exc) from exc

    def _problem(self, exc: BaseException) -> EnvironmentProblem:
        if isinstance(exc, EnvironmentProblem):
            return exc
        return EnvironmentProblem(f"link cache {self.path} is unreadable: {exc}", _HINT)

    def _timestamp(self) -> float:
        now = self._now()
        if now.tzinfo is None:
            now = now.replace(tzinfo=dt.UTC)
        return now.timestamp()


def _rows_in(
    conn: sqlite3.Connection, query: str, urls: list[str], *params: object
) -> list[tuple[Any, ...]]:
    """The rows of ``query`` for ``urls``, asked :data:`_CHUNK` URLs at a time.

    ``query`` holds ``{marks}`` where the URL placeholders go, before ``params``' own.
    """
    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(urls), _CHUNK):
        chunk = urls[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        rows.extend(conn.execute(query.format(marks=marks), (*chunk, *params)).fetchall())
    return rows


def _decode(payload: str) -> LinkStatus | None:
    """A stored verdict, marked as the cache's answer; ``None`` for a damaged row."""
    try:
        return status_from_dict(orjson.loads(payload), source=AnswerSource.CACHE)
    except (ValueError, KeyError, TypeError, AttributeError):
        return None
