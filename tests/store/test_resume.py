"""An interrupted run keeps every verdict it recorded and resumes under the same run id."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from provcheck.models import LinkState, LinkStatus
from provcheck.store import RunState, RunStore
from tests.store_builders import status, tiny_doc, tiny_report

URLS = [f"https://news.example/story-{i:03d}" for i in range(40)]


def _verdict(url: str) -> LinkStatus:
    return status(url, LinkState.BROKEN if url.endswith("7") else LinkState.ALIVE)


def test_crash_then_resume_loses_nothing_and_counts_nothing_twice(store_path: Path) -> None:
    first_half, second_half = URLS[:25], URLS[25:]
    with RunStore(store_path) as store:
        run = store.start_run(["archive"], {"offline": False})
        for url in first_half:
            store.record_verdict(run, _verdict(url))
        # "crash": the store is closed without finish_run

    with RunStore(store_path) as store:
        resumed = store.unfinished_run()
        assert resumed == run
        known = store.checked_verdicts(resumed)
        assert sorted(known) == first_half
        assert known[URLS[7]].state is LinkState.BROKEN
        # the pipeline fetches only what is not known, continuing the same run
        remaining = [u for u in URLS if u not in known]
        assert remaining == second_half
        for url in remaining:
            store.record_verdict(resumed, _verdict(url))
        # a verdict reported again (a retry after the crash) replaces, never duplicates
        store.record_verdict(resumed, status(URLS[0], LinkState.TIMEOUT))
        verdicts = {**known, **store.checked_verdicts(resumed)}
        report = tiny_report(
            tiny_doc("a.md", URLS[:20], verdicts), tiny_doc("b.md", URLS[20:], verdicts)
        )
        store.finish_run(resumed, report, {"total": 1.0})

    with RunStore(store_path) as store:
        assert store.unfinished_run() is None
        assert [r.id for r in store.runs()] == [run]
        info = store.run_info(run)
        assert info.status is RunState.COMPLETE
        assert info.verdicts == len(URLS)
        assert info.documents == 2
        final = store.verdicts(run)
        assert sorted(final) == URLS
        assert final[URLS[0]].state is LinkState.TIMEOUT
    conn = sqlite3.connect(store_path)
    try:
        count, distinct = conn.execute(
            "SELECT COUNT(*), COUNT(DISTINCT url) FROM verdicts WHERE run_id = ?", (run,)
        ).fetchone()
    finally:
        conn.close()
    assert count == distinct == len(URLS)


def test_unverified_verdicts_are_tried_again_on_resume(store: RunStore) -> None:
    run = store.start_run([], {})
    store.record_verdict(run, status("https://a.example/", LinkState.ALIVE))
    store.record_verdict(run, status("https://b.example/", LinkState.UNVERIFIED))
    assert list(store.checked_verdicts(run)) == ["https://a.example/"]
    assert sorted(store.checked_verdicts(run, include_unverified=True)) == [
        "https://a.example/",
        "https://b.example/",
    ]


def test_interrupt_inside_the_crawl_keeps_verdicts_already_recorded(store_path: Path) -> None:
    with RunStore(store_path) as store:
        run = store.start_run([], {})

        def progress(n: int) -> None:
            for i in range(n):
                if i == 13:
                    raise KeyboardInterrupt
                store.record_verdict(run, status(URLS[i], LinkState.ALIVE))

        with pytest.raises(KeyboardInterrupt):
            progress(len(URLS))
    with RunStore(store_path) as store:
        assert sorted(store.checked_verdicts(run)) == URLS[:13]


_CRASHER = textwrap.dedent(
    """
    import os, sys
    from provcheck.models import LinkState, LinkStatus
    from provcheck.store import RunStore

    store = RunStore(sys.argv[1])
    run = store.start_run(["x"], {})
    for i in range(int(sys.argv[2])):
        store.record_verdict(run, LinkStatus(f"https://news.example/{i}", LinkState.ALIVE))
    os._exit(9)  # no close, no finish, no atexit: as abrupt as a kill
    """
)


def test_process_killed_after_n_verdicts_leaves_n_rows(store_path: Path, tmp_path: Path) -> None:
    script = tmp_path / "crash.py"
    script.write_text(_CRASHER)
    done = subprocess.run(
        [sys.executable, str(script), str(store_path), "57"],
        cwd=Path(__file__).resolve().parents[2],
        timeout=60,
        check=False,
    )
    assert done.returncode == 9
    with RunStore(store_path) as store:
        run = store.unfinished_run()
        assert run is not None
        assert len(store.checked_verdicts(run)) == 57
