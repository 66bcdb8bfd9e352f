"""The run store's SQLite schema, how a store file is opened, and how its failures surface.

One file holds every run. Verdicts are written one per transaction while the crawl runs, so
the journal is WAL with ``synchronous=NORMAL``: a commit is then a write to the WAL without
an fsync, cheap enough per verdict, and survives a crash or Ctrl-C of the process (only a
power loss can drop the last few commits). The schema version is kept in its own table;
a file that is not SQLite, not a provcheck store, or from a newer provcheck stops the run
with :class:`EnvironmentProblem` naming the file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from provcheck.errors import EnvironmentProblem

SCHEMA_VERSION = 1

#: Tables of version 1. JSON columns hold the `provcheck.report/1` forms
#: (``status_to_dict``, ``audited_to_dict``); the other columns are indexed copies for queries.
DDL = """
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    status TEXT NOT NULL CHECK (status IN ('running', 'complete')),
    started_at TEXT NOT NULL,
    finished_at TEXT,
    inputs TEXT NOT NULL,
    settings TEXT NOT NULL,
    tool_version TEXT,
    generated_at TEXT,
    offline INTEGER,
    skipped TEXT,
    summary TEXT,
    timings TEXT
);
CREATE TABLE verdicts (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    state TEXT NOT NULL,
    http_status INTEGER,
    final_url TEXT,
    checked_at TEXT,
    data TEXT NOT NULL,
    PRIMARY KEY (run_id, url)
) WITHOUT ROWID;
CREATE INDEX verdicts_by_url ON verdicts (url, state);
CREATE TABLE documents (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    score INTEGER,
    band TEXT,
    provisional INTEGER,
    errors INTEGER NOT NULL,
    warnings INTEGER NOT NULL,
    infos INTEGER NOT NULL,
    data TEXT NOT NULL,
    UNIQUE (run_id, path)
);
CREATE TABLE findings (
    run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    rule TEXT NOT NULL,
    severity TEXT NOT NULL,
    confidence TEXT NOT NULL,
    url TEXT,
    line INTEGER,
    message TEXT NOT NULL
);
CREATE INDEX findings_by_run ON findings (run_id, path);
CREATE INDEX findings_by_rule ON findings (rule, run_id);
"""

_HINT = "move the file aside to start a new store, or pass another --store FILE"


def store_problem(path: Path, exc: BaseException) -> EnvironmentProblem:
    """The run failure for a store SQLite cannot read or write."""
    return EnvironmentProblem(f"{path}: run store unreadable or damaged ({exc})", _HINT)


@contextmanager
def guarded(path: Path) -> Iterator[None]:
    """Turn any SQLite error inside the block into :class:`EnvironmentProblem` for ``path``."""
    try:
        yield
    except sqlite3.Error as exc:
        raise store_problem(path, exc) from exc


def open_store(path: Path) -> sqlite3.Connection:
    """Open (creating if new) the store at ``path`` and check its schema version."""
    with guarded(path):
        conn = sqlite3.connect(path, isolation_level=None, timeout=10.0)
        try:
            conn.execute("PRAGMA journal_mode=WAL").fetchone()
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            _check_schema(path, conn)
        except BaseException:
            conn.close()
            raise
        return conn


def _check_schema(path: Path, conn: sqlite3.Connection) -> None:
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if not tables:
        _create(conn)
        return
    if "schema_version" not in tables:
        raise EnvironmentProblem(
            f"{path}: not a provcheck run store (no schema_version table)", _HINT
        )
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    version = row[0] if row else None
    if version != SCHEMA_VERSION:
        raise EnvironmentProblem(
            f"{path}: run store schema version {version}, this provcheck reads {SCHEMA_VERSION}",
            "use the provcheck version that wrote it, or start a new store with another --store",
        )


def _create(conn: sqlite3.Connection) -> None:
    """Create the tables in one transaction (another process may have just done it)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name='schema_version'").fetchone():
            conn.execute("ROLLBACK")
            return
        for statement in _statements(DDL):
            conn.execute(statement)
        conn.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION,))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
