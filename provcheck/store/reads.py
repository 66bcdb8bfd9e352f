"""Reading a run store: runs, verdicts, scores, findings and whole reports.

:class:`StoreReader` owns the connection and every query that only reads; the writer
(:class:`provcheck.store.runs.RunStore`) extends it. ``provcheck report`` and
``provcheck diff`` need nothing more than a reader.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from provcheck.crawl.serialize import status_from_dict
from provcheck.errors import EnvironmentProblem, UsageError
from provcheck.models import AuditedDocument, LinkState, LinkStatus, Report, SkippedInput
from provcheck.report.model_load import audited_from_dict
from provcheck.spool import IN_MEMORY_BYTES, Spool
from provcheck.store.history import failure_history
from provcheck.store.schema import guarded, open_store, store_problem


class RunState(StrEnum):
    RUNNING = "running"  # started, not finished: interrupted or still going
    COMPLETE = "complete"


@dataclass(frozen=True, slots=True)
class RunInfo:
    """One run: what was audited, when, and how far it got."""

    id: int
    status: RunState
    started_at: str
    finished_at: str | None
    inputs: tuple[str, ...]
    settings: Mapping[str, Any]
    documents: int
    verdicts: int
    summary: Mapping[str, Any] | None
    timings: Mapping[str, float] | None


_RUNS_SELECT = """
SELECT r.id, r.status, r.started_at, r.finished_at, r.inputs, r.settings, r.summary, r.timings,
    (SELECT COUNT(*) FROM documents d WHERE d.run_id = r.id),
    (SELECT COUNT(*) FROM verdicts v WHERE v.run_id = r.id)
FROM runs r
"""

_RUNS_HINT = "name a run id the store holds (see RunStore.runs())"

#: (path, rule, url, severity, message) of one stored finding.
FindingTuple = tuple[str, str, str | None, str, str]


class StoreReader:
    """A store file opened for queries; use as a context manager.

    A reader refuses a missing file (``create=False``) instead of creating an empty store,
    so a mistyped ``provcheck report --store`` path is reported, not silently empty.

    Every SQLite failure, and stored data that does not parse, surfaces as
    :class:`provcheck.errors.EnvironmentProblem` naming the file; an unknown run id is a
    :class:`provcheck.errors.UsageError`. Use from one thread.
    """

    def __init__(self, path: str | Path, *, create: bool = False) -> None:
        self.path = Path(path)
        if not create and not self.path.is_file():
            raise EnvironmentProblem(
                f"{self.path}: no run store there", "run `provcheck audit --store FILE` first"
            )
        self._conn: sqlite3.Connection | None = open_store(self.path)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the file; an unfinished run stays ``running`` and can be resumed."""
        if self._conn is not None:
            conn, self._conn = self._conn, None
            with guarded(self.path):
                conn.close()

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise RuntimeError(f"run store {self.path} is closed")
        return self._conn

    def _require(self, run_id: int) -> None:
        """Refuse a run id the store does not hold (a usage error: the user named it)."""
        row = self.conn.execute("SELECT 1 FROM runs WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            raise UsageError(f"{self.path}: no run {run_id} in this store", _RUNS_HINT)

    def unfinished_run(self) -> int | None:
        """The latest run still marked ``running`` (interrupted), or None."""
        with guarded(self.path):
            row = self.conn.execute(
                "SELECT MAX(id) FROM runs WHERE status = ?", (RunState.RUNNING.value,)
            ).fetchone()
        return None if row is None or row[0] is None else int(row[0])

    def checked_verdicts(
        self, run_id: int, *, include_unverified: bool = False
    ) -> dict[str, LinkStatus]:
        """The verdicts a run already holds, by URL: what ``--resume`` need not fetch again.

        Unverified verdicts (deadline reached, offline) are left out unless asked for, so a
        resumed run tries them again.
        """
        sql = "SELECT url, data FROM verdicts WHERE run_id = ?"
        if not include_unverified:
            sql += f" AND state != '{LinkState.UNVERIFIED.value}'"
        with guarded(self.path):
            self._require(run_id)
            rows = self.conn.execute(sql + " ORDER BY url", (run_id,)).fetchall()
        return {url: self._status(data) for url, data in rows}

    def runs(self) -> list[RunInfo]:
        """Every run, oldest first."""
        with guarded(self.path):
            rows = self.conn.execute(_RUNS_SELECT + " ORDER BY r.id").fetchall()
        return [self._info(row) for row in rows]

    def run_info(self, run_id: int) -> RunInfo:
        with guarded(self.path):
            self._require(run_id)
            row = self.conn.execute(_RUNS_SELECT + " WHERE r.id = ?", (run_id,)).fetchone()
        return self._info(row)

    def latest_complete(self) -> int | None:
        """The newest complete run (what ``provcheck report --store`` shows by default)."""
        pair = self._complete(1)
        return pair[0] if pair else None

    def last_two_complete(self) -> tuple[int, int] | None:
        """The two newest complete runs, older first (``provcheck diff`` with no runs named)."""
        ids = self._complete(2)
        return (ids[1], ids[0]) if len(ids) == 2 else None

    def _complete(self, n: int) -> list[int]:
        with guarded(self.path):
            rows = self.conn.execute(
                "SELECT id FROM runs WHERE status = ? ORDER BY id DESC LIMIT ?",
                (RunState.COMPLETE.value, n),
            ).fetchall()
        return [int(r[0]) for r in rows]

    def load_report(self, run_id: int) -> Report:
        """The run's report rebuilt from the store (document text is not kept).

        The documents are read a row at a time into a :class:`~provcheck.spool.Spool`, on
        disk unless they total at most :data:`~provcheck.spool.IN_MEMORY_BYTES` of JSON: a
        stored batch is rendered without all of its documents in memory.
        """
        with guarded(self.path):
            self._require(run_id)
            run = self.conn.execute(
                "SELECT tool_version, generated_at, offline, skipped FROM runs WHERE id = ?",
                (run_id,),
            ).fetchone()
            (size,) = self.conn.execute(
                "SELECT COALESCE(SUM(LENGTH(data)), 0) FROM documents WHERE run_id = ?",
                (run_id,),
            ).fetchone()
            docs: Spool[AuditedDocument] = Spool(in_memory=size <= IN_MEMORY_BYTES)
            rows = self.conn.execute(
                "SELECT data FROM documents WHERE run_id = ? ORDER BY rowid", (run_id,)
            )
            try:
                for (data,) in rows:
                    docs.append(audited_from_dict(json.loads(data)))
                skipped = tuple(
                    SkippedInput(str(s["path"]), str(s["reason"]))
                    for s in json.loads(run[3] or "[]")
                )
            except (ValueError, KeyError, TypeError) as exc:
                docs.close()
                raise store_problem(self.path, exc) from exc
        return Report(
            documents=docs,
            skipped=skipped,
            generated_at=run[1] or "",
            tool_version=run[0] or "",
            offline=bool(run[2]),
        )

    def failure_history(
        self, urls: Iterable[str], before_run: int | None = None
    ) -> dict[str, tuple[str, ...]]:
        """Per URL, when it failed (broken or timeout) in runs before ``before_run``.

        Only URLs with a failure on record appear. Feed it to ``RuleSettings.history``.
        """
        with guarded(self.path):
            return failure_history(self.conn, urls, before_run)

    def verdicts(self, run_id: int) -> dict[str, LinkStatus]:
        """Every verdict of a run, unverified ones included."""
        return self.checked_verdicts(run_id, include_unverified=True)

    def scores(self, run_id: int) -> dict[str, tuple[int | None, str | None]]:
        """Per document path: (score, band)."""
        with guarded(self.path):
            self._require(run_id)
            rows = self.conn.execute(
                "SELECT path, score, band FROM documents WHERE run_id = ? ORDER BY path",
                (run_id,),
            ).fetchall()
        return {str(p): (s, b) for p, s, b in rows}

    def finding_rows(self, run_id: int) -> list[FindingTuple]:
        """(path, rule, url, severity, message) of each finding of a run."""
        with guarded(self.path):
            self._require(run_id)
            rows = self.conn.execute(
                "SELECT path, rule, url, severity, message FROM findings WHERE run_id = ?"
                " ORDER BY path, rule, url, line, message",
                (run_id,),
            ).fetchall()
        return [tuple(r) for r in rows]

    def _status(self, data: str) -> LinkStatus:
        try:
            return status_from_dict(json.loads(data))
        except (ValueError, KeyError, TypeError) as exc:
            raise store_problem(self.path, exc) from exc

    def _info(self, row: tuple[Any, ...]) -> RunInfo:
        try:
            return RunInfo(
                id=int(row[0]),
                status=RunState(row[1]),
                started_at=str(row[2]),
                finished_at=row[3],
                inputs=tuple(json.loads(row[4])),
                settings=json.loads(row[5]),
                summary=None if row[6] is None else json.loads(row[6]),
                timings=None if row[7] is None else json.loads(row[7]),
                documents=int(row[8]),
                verdicts=int(row[9]),
            )
        except (ValueError, TypeError) as exc:
            raise store_problem(self.path, exc) from exc
