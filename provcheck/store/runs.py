"""The run store: every audit run in one SQLite file, written as the run goes.

A run is opened with :meth:`RunStore.start_run`, each verdict is written as the crawler
decides it (:meth:`RunStore.record_verdict`, one small transaction each, so an interrupted
run keeps everything it checked), documents once they are judged, and the summary when the
run completes. ``--resume`` reads back an unfinished run's verdicts and continues the same
run id; every write is an upsert on (run, url) or (run, path), so nothing is counted twice.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from provcheck.crawl.serialize import status_to_dict
from provcheck.models import AuditedDocument, LinkStatus, Report, Severity
from provcheck.report.report_json import SummaryTally, audited_to_dict
from provcheck.store.history import collect_verdicts
from provcheck.store.reads import RunInfo, RunState, StoreReader
from provcheck.store.schema import guarded

__all__ = ["RunInfo", "RunState", "RunStore"]


_VERDICT_UPSERT = """
INSERT INTO verdicts (run_id, url, state, http_status, final_url, checked_at, data)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (run_id, url) DO UPDATE SET
    state = excluded.state, http_status = excluded.http_status,
    final_url = excluded.final_url, checked_at = excluded.checked_at, data = excluded.data
"""

_VERDICT_INSERT_MISSING = """
INSERT INTO verdicts (run_id, url, state, http_status, final_url, checked_at, data)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (run_id, url) DO NOTHING
"""

_DOCUMENT_UPSERT = """
INSERT INTO documents (run_id, path, score, band, provisional, errors, warnings, infos, data)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (run_id, path) DO UPDATE SET
    score = excluded.score, band = excluded.band, provisional = excluded.provisional,
    errors = excluded.errors, warnings = excluded.warnings, infos = excluded.infos,
    data = excluded.data
"""


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _verdict_row(run_id: int, url: str, s: LinkStatus) -> tuple[Any, ...]:
    data = json.dumps(status_to_dict(s), ensure_ascii=False)
    return (run_id, url, s.state.value, s.http_status, s.final_url, s.checked_at, data)


class RunStore(StoreReader):
    """A store file opened for reading and writing; use as a context manager.

    Every SQLite failure surfaces as :class:`provcheck.errors.EnvironmentProblem` naming the
    file. Use from one thread: the crawler's progress callback runs on the event loop's
    thread, which is the caller's, so ``record_verdict`` can be called from it directly.
    """

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        super().__init__(path, create=create)

    # --- writing ----------------------------------------------------------------------------

    def start_run(self, inputs: Sequence[str], settings: Mapping[str, Any]) -> int:
        """Open a new run (status ``running``) and return its id."""
        with guarded(self.path):
            cursor = self.conn.execute(
                "INSERT INTO runs (status, started_at, inputs, settings) VALUES (?, ?, ?, ?)",
                (RunState.RUNNING.value, _now(), _json(list(inputs)), _json(dict(settings))),
            )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def record_verdict(self, run_id: int, status: LinkStatus) -> None:
        """Write one verdict, committed at once (an upsert: recording it again replaces it)."""
        with guarded(self.path):
            self.conn.execute(_VERDICT_UPSERT, _verdict_row(run_id, status.url, status))

    def record_verdicts(self, run_id: int, statuses: Iterable[LinkStatus]) -> None:
        """Write many verdicts in one transaction (for imports; the crawl uses record_verdict)."""
        with guarded(self.path), self._transaction():
            rows = (_verdict_row(run_id, s.url, s) for s in statuses)
            self.conn.executemany(_VERDICT_UPSERT, rows)

    def record_document(self, run_id: int, audited: AuditedDocument) -> None:
        """Write one judged document and its findings (replacing an earlier record of it)."""
        with guarded(self.path), self._transaction():
            self._write_document(run_id, audited)

    def finish_run(self, run_id: int, report: Report, timings: Mapping[str, float]) -> None:
        """Mark the run complete with its summary, filling in anything not yet recorded.

        Documents and verdicts of ``report`` that were not recorded during the run are
        written here, so a caller that only calls ``finish_run`` still gets a full run.
        The documents are read once (they may be on disk), for themselves, their verdicts
        and the summary.
        """
        with guarded(self.path), self._transaction():
            self._require(run_id)
            known = {
                row[0]
                for row in self.conn.execute(
                    "SELECT path FROM documents WHERE run_id = ?", (run_id,)
                )
            }
            tally = SummaryTally()
            verdicts: dict[str, LinkStatus] = {}
            for doc in report.documents:
                tally.add(doc)
                collect_verdicts(doc, verdicts)
                if doc.extracted.path not in known:
                    self._write_document(run_id, doc)
            self.conn.executemany(
                _VERDICT_INSERT_MISSING,
                (_verdict_row(run_id, url, s) for url, s in sorted(verdicts.items())),
            )
            self.conn.execute(
                "UPDATE runs SET status = ?, finished_at = ?, tool_version = ?, generated_at = ?,"
                " offline = ?, skipped = ?, summary = ?, timings = ? WHERE id = ?",
                (
                    RunState.COMPLETE.value,
                    _now(),
                    report.tool_version,
                    report.generated_at,
                    int(report.offline),
                    _json([{"path": s.path, "reason": s.reason} for s in report.skipped]),
                    _json(tally.summary(len(report.skipped))),
                    _json({k: float(v) for k, v in timings.items()}),
                    run_id,
                ),
            )

    def _write_document(self, run_id: int, audited: AuditedDocument) -> None:
        path = audited.extracted.path
        counts = {s: sum(f.severity is s for f in audited.findings) for s in Severity}
        c = audited.confidence
        self.conn.execute(
            _DOCUMENT_UPSERT,
            (
                run_id,
                path,
                c.score if c else None,
                c.band if c else None,
                None if c is None else int(c.provisional),
                counts[Severity.ERROR],
                counts[Severity.WARNING],
                counts[Severity.INFO],
                json.dumps(audited_to_dict(audited), ensure_ascii=False),
            ),
        )
        self.conn.execute("DELETE FROM findings WHERE run_id = ? AND path = ?", (run_id, path))
        self.conn.executemany(
            "INSERT INTO findings (run_id, path, rule, severity, confidence, url, line, message)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    run_id,
                    path,  # the document's path, so re-recording it replaces these rows
                    f.rule,
                    f.severity.value,
                    f.confidence.value,
                    f.url,
                    f.line,
                    f.message,
                )
                for f in audited.findings
            ),
        )

    def _transaction(self) -> _Transaction:
        return _Transaction(self.conn)


class _Transaction:
    """BEGIN ... COMMIT, rolled back when the block raises (the connection is autocommit)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        elif self.conn.in_transaction:  # SQLite may already have rolled back on its own error
            self.conn.execute("ROLLBACK")
