"""The run store on real SQLite files: writing runs, reading them back, damaged files."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import overload

import pytest

from provcheck.errors import EnvironmentProblem, UsageError
from provcheck.models import AuditedDocument, LinkState
from provcheck.report.report_json import report_payload
from provcheck.store import RunState, RunStore, StoreReader
from provcheck.store.schema import SCHEMA_VERSION
from tests.report.fixture_report import DOC_B, build_report
from tests.store_builders import rich_report, status


def test_new_store_has_schema_version_and_wal(store: RunStore, store_path: Path) -> None:
    assert store_path.exists()
    conn = sqlite3.connect(store_path)
    try:
        assert conn.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()


def test_start_run_records_inputs_settings_and_running_state(store: RunStore) -> None:
    run = store.start_run(["archive/", "extra.md"], {"offline": True, "timeout": 5.0})
    info = store.run_info(run)
    assert info.status is RunState.RUNNING
    assert info.inputs == ("archive/", "extra.md")
    assert info.settings == {"offline": True, "timeout": 5.0}
    assert info.started_at.endswith("+00:00")
    assert info.finished_at is None
    assert store.unfinished_run() == run


def test_finished_run_loads_back_as_the_same_report(store: RunStore) -> None:
    report = rich_report()
    run = store.start_run(["archive"], {})
    for doc in report.documents:
        store.record_document(run, doc)
    store.finish_run(run, report, {"crawl": 1.5, "total": 2.0})
    assert report_payload(store.load_report(run)) == report_payload(report)
    info = store.run_info(run)
    assert info.status is RunState.COMPLETE
    assert info.documents == 3
    assert info.timings == {"crawl": 1.5, "total": 2.0}
    assert info.summary is not None
    assert info.summary["documents"] == 3
    assert store.unfinished_run() is None


def test_finish_run_fills_in_documents_and_verdicts_never_recorded(store: RunStore) -> None:
    report = build_report()
    run = store.start_run(["archive"], {})
    store.finish_run(run, report, {})
    assert report_payload(store.load_report(run)) == report_payload(report)
    verdicts = store.verdicts(run)
    # only links with a normalised http(s) URL were crawled: the fixture has one
    assert list(verdicts) == ["https://news.example/2021/03/26/harbour-bridge-reopens"]
    assert verdicts["https://news.example/2021/03/26/harbour-bridge-reopens"].state is (
        LinkState.ALIVE
    )


def test_document_columns_index_score_band_and_counts(store: RunStore, store_path: Path) -> None:
    report = build_report()
    run = store.start_run([], {})
    store.finish_run(run, report, {})
    conn = sqlite3.connect(store_path)
    try:
        row = conn.execute(
            "SELECT score, band, errors, warnings, infos FROM documents WHERE path = ?", (DOC_B,)
        ).fetchone()
        rules = conn.execute(
            "SELECT rule FROM findings WHERE path = ? ORDER BY rule", (DOC_B,)
        ).fetchall()
    finally:
        conn.close()
    assert row == (35, "very low", 4, 2, 1)
    assert [r[0] for r in rules] == ["PV101", "PV301", "PV302", "PV303", "PV305", "PV306", "PV308"]


def test_recording_a_document_twice_keeps_one_row_and_one_set_of_findings(
    store: RunStore,
) -> None:
    doc = build_report().documents[1]
    run = store.start_run([], {})
    store.record_document(run, doc)
    store.record_document(run, doc)
    assert store.run_info(run).documents == 1
    assert len(store.finding_rows(run)) == len(doc.findings)


def test_runs_and_last_two_complete(store: RunStore) -> None:
    report = build_report()
    first = store.start_run(["a"], {})
    store.finish_run(first, report, {})
    assert store.last_two_complete() is None
    second = store.start_run(["a"], {})
    store.finish_run(second, report, {})
    running = store.start_run(["a"], {})
    assert [r.id for r in store.runs()] == [first, second, running]
    assert [r.status for r in store.runs()] == [
        RunState.COMPLETE,
        RunState.COMPLETE,
        RunState.RUNNING,
    ]
    assert store.last_two_complete() == (first, second)
    assert store.latest_complete() == second
    assert store.unfinished_run() == running


def test_unknown_run_is_a_usage_error(store: RunStore) -> None:
    with pytest.raises(UsageError, match="no run 42"):
        store.load_report(42)
    with pytest.raises(UsageError):
        store.checked_verdicts(42)


def test_store_survives_reopening(store_path: Path) -> None:
    with RunStore(store_path) as first:
        run = first.start_run([], {})
        first.record_verdict(run, status("https://a.example/", LinkState.ALIVE))
    with RunStore(store_path) as second:
        assert list(second.checked_verdicts(run)) == ["https://a.example/"]


def test_file_that_is_not_sqlite_is_an_environment_problem(tmp_path: Path) -> None:
    bad = tmp_path / "runs.db"
    bad.write_bytes(b"this is not a database, just some text " * 100)
    with pytest.raises(EnvironmentProblem) as caught:
        RunStore(bad)
    assert str(bad) in caught.value.message
    assert "--store" in caught.value.hint


def test_other_sqlite_database_is_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(EnvironmentProblem, match="not a provcheck run store"):
        RunStore(other)


def test_newer_schema_version_is_refused(store_path: Path) -> None:
    RunStore(store_path).close()
    conn = sqlite3.connect(store_path)
    conn.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    conn.commit()
    conn.close()
    with pytest.raises(EnvironmentProblem, match="schema version"):
        RunStore(store_path)


def test_store_in_missing_directory_is_an_environment_problem(tmp_path: Path) -> None:
    with pytest.raises(EnvironmentProblem) as caught:
        RunStore(tmp_path / "no" / "such" / "dir" / "runs.db")
    assert "runs.db" in caught.value.message


def test_damaged_document_json_is_an_environment_problem(store: RunStore, store_path: Path) -> None:
    run = store.start_run([], {})
    store.finish_run(run, build_report(), {})
    conn = sqlite3.connect(store_path)
    conn.execute("UPDATE documents SET data = '{\"path\": 1}'")
    conn.commit()
    conn.close()
    with pytest.raises(EnvironmentProblem, match="damaged"):
        store.load_report(run)


def test_reader_refuses_a_missing_store_instead_of_creating_one(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    with pytest.raises(EnvironmentProblem, match="no run store"):
        StoreReader(missing)
    assert not missing.exists()


def test_reader_sees_what_the_writer_wrote(store: RunStore, store_path: Path) -> None:
    run = store.start_run([], {})
    store.finish_run(run, build_report(), {})
    with StoreReader(store_path) as reader:
        assert reader.latest_complete() == run
        assert len(reader.load_report(run).documents) == 3


def test_a_document_that_fails_to_serialise_leaves_nothing_behind(store: RunStore) -> None:
    import dataclasses

    good = build_report().documents[1]
    run = store.start_run([], {})
    store.record_document(run, good)
    broken = dataclasses.replace(good, statuses=good.statuses[:1])  # not parallel to links
    with pytest.raises(ValueError, match="zip"):
        store.record_document(run, broken)
    assert store.run_info(run).documents == 1
    assert len(store.finding_rows(run)) == len(good.findings)
    store.record_verdict(run, status("https://a.example/", LinkState.ALIVE))  # still usable
    assert len(store.verdicts(run)) == 1


class _CountingDocuments(Sequence[AuditedDocument]):
    """A report's documents that count how often they are read (as a spool would be)."""

    def __init__(self, docs: Sequence[AuditedDocument]) -> None:
        self.docs = tuple(docs)
        self.reads = 0

    def __len__(self) -> int:
        return len(self.docs)

    @overload
    def __getitem__(self, index: int) -> AuditedDocument: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[AuditedDocument, ...]: ...

    def __getitem__(self, index: int | slice) -> AuditedDocument | tuple[AuditedDocument, ...]:
        self.reads += 1
        return self.docs[index]

    def __iter__(self) -> Iterator[AuditedDocument]:
        for doc in self.docs:
            self.reads += 1
            yield doc


def test_finish_run_reads_each_document_once(store: RunStore) -> None:
    report = rich_report()
    counting = _CountingDocuments(report.documents)
    run = store.start_run(["archive"], {})
    store.finish_run(run, dataclasses.replace(report, documents=counting), {})
    assert counting.reads == len(report.documents)
    assert report_payload(store.load_report(run)) == report_payload(report)
    assert store.run_info(run).documents == len(report.documents)


def test_a_large_stored_run_is_read_back_into_a_spool_on_disk(
    store: RunStore, store_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stored batch is rendered without all of its documents in memory."""
    from provcheck.report.base import RenderOptions
    from provcheck.report.json_renderer import render_json
    from provcheck.spool import Spool
    from provcheck.store import reads

    run = store.start_run([], {})
    store.finish_run(run, build_report(), {})
    with StoreReader(store_path) as reader:
        small = reader.load_report(run)
        monkeypatch.setattr(reads, "IN_MEMORY_BYTES", 0)
        large = reader.load_report(run)
    assert isinstance(small.documents, Spool)
    assert small.documents.in_memory
    assert isinstance(large.documents, Spool)
    assert not large.documents.in_memory
    assert render_json(large, RenderOptions()) == render_json(small, RenderOptions())
