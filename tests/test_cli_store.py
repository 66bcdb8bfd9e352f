"""Run store through the real command: two runs, diff, report, baseline, and resume."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from tests.helpers import run_provcheck, serving

ROOT = Path(__file__).resolve().parent.parent
DEMO = ["examples", "--config", "cassettes/demo.toml"]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return run_provcheck(*args, cwd=cwd)


def test_two_runs_then_diff_and_report(tmp_path: Path):
    store = str(tmp_path / "runs.db")
    first = run("audit", *DEMO, "--store", store, "-q")
    assert first.returncode == 0, first.stderr
    second = run("audit", *DEMO, "--store", store, "-q")
    assert second.returncode == 0, second.stderr
    diff = run("diff", "--store", store, "--format", "json")
    assert diff.returncode == 0, diff.stderr
    payload = json.loads(diff.stdout)
    assert payload["schema"] == "provcheck.diff/1"
    assert payload["run_a"]["id"] == 1
    assert payload["run_b"]["id"] == 2
    text = run("diff", "--store", store)
    assert "run 1" in text.stdout
    assert "run 2" in text.stdout
    html = tmp_path / "report.html"
    report = run("report", "--store", store, "--format", "html", "-o", str(html))
    assert report.returncode == 0, report.stderr
    page = html.read_text()
    assert page.startswith("<!DOCTYPE html>")
    assert "council-vote.html" in page
    as_json = run("report", "--store", store, "--run", "1", "--format", "json")
    stored = json.loads(as_json.stdout)
    assert len(stored["documents"]) == 6


def test_diff_needs_two_runs(tmp_path: Path):
    store = str(tmp_path / "runs.db")
    assert run("audit", *DEMO, "--store", store, "-q").returncode == 0
    result = run("diff", "--store", store)
    assert result.returncode == 2
    assert "fewer than two complete runs" in result.stderr


def test_missing_store_is_reported(tmp_path: Path):
    result = run("report", "--store", str(tmp_path / "none.db"))
    assert result.returncode in (2, 3)
    assert "none.db" in result.stderr
    assert "Traceback" not in result.stderr


def test_baseline_lets_an_archive_fail_only_on_new_findings(tmp_path: Path):
    baseline = tmp_path / "baseline.json"
    strict = ["--fail-on", "info", "-q"]
    assert run("audit", *DEMO, *strict).returncode == 1
    wrote = run("audit", *DEMO, *strict, "--write-baseline", str(baseline))
    assert baseline.is_file()
    assert "baseline" in wrote.stderr
    assert run("audit", *DEMO, *strict, "--baseline", str(baseline)).returncode == 0


# --- resume after an interruption -------------------------------------------------------------

URLS = 24


class _Slow(BaseHTTPRequestHandler):
    hits: ClassVar[Counter[str]] = Counter()
    lock: ClassVar[threading.Lock] = threading.Lock()

    def do_GET(self) -> None:
        with self.lock:
            self.hits[self.path] += 1
        time.sleep(0.25)
        body = (
            b"<html><head><title>Page</title></head><body><p>"
            + b"word " * 200
            + b"</p></body></html>"
        )
        self.send_response(404 if "probe" in self.path else 200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_HEAD = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def slow_server() -> Iterator[str]:
    _Slow.hits = Counter()
    with serving(ThreadingHTTPServer(("127.0.0.1", 0), _Slow)) as base:
        yield base


def _article(base: str, n: int) -> str:
    links = "\n".join(f"- [source {i}]({base}/story/{n}/{i})" for i in range(URLS // 4))
    return f"# Story {n} about the harbour\n\nJune {n + 1}, 2022\n\nThe council met.\n\n{links}\n"


def test_interrupted_run_resumes_without_losing_or_repeating(tmp_path: Path, slow_server: str):
    archive = tmp_path / "archive"
    archive.mkdir()
    for n in range(4):
        (archive / f"story{n}.md").write_text(_article(slow_server, n))
    store = tmp_path / "runs.db"
    args = [
        sys.executable,
        "-m",
        "provcheck",
        "audit",
        str(archive),
        "--store",
        str(store),
        "--allow-private",
        "--no-archive",
        "--no-cache",
        "--per-host",
        "1",
        "--host-interval",
        "0",
        "--max-concurrency",
        "1",
        "-q",
        "--fail-on",
        "never",
    ]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    recorded = 0
    while time.monotonic() < deadline and recorded < 5:
        time.sleep(0.2)
        if store.exists():
            try:
                with sqlite3.connect(store) as conn:
                    recorded = conn.execute("SELECT COUNT(*) FROM verdicts").fetchone()[0]
            except sqlite3.OperationalError:
                recorded = 0
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode != 0, "the run should have been interrupted"
    assert "Traceback" not in stderr
    with sqlite3.connect(store) as conn:
        before = conn.execute("SELECT COUNT(*) FROM verdicts").fetchone()[0]
        status = conn.execute("SELECT status FROM runs").fetchall()
    assert 5 <= before < URLS
    assert status == [("running",)]
    fetched_before = sum(v for k, v in _Slow.hits.items() if "probe" not in k)

    resumed = subprocess.run(
        [*args, "--resume", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert resumed.returncode == 0, resumed.stderr
    report = json.loads(resumed.stdout)
    states = [link["status"]["state"] for d in report["documents"] for link in d["links"]]
    assert len(states) == URLS
    assert set(states) == {"alive"}
    with sqlite3.connect(store) as conn:
        runs = conn.execute("SELECT id, status FROM runs").fetchall()
        rows = conn.execute("SELECT url, COUNT(*) FROM verdicts GROUP BY url").fetchall()
    assert runs == [(1, "complete")]
    assert len(rows) == URLS
    assert all(count == 1 for _, count in rows)
    page_hits = {k: v for k, v in _Slow.hits.items() if "probe" not in k}
    assert len(page_hits) == URLS
    # what was checked before the interruption was not fetched again
    assert sum(page_hits.values()) <= fetched_before + (URLS - before) + 1
