#!/usr/bin/env python3
"""Batch run of 10,000 generated documents: wall time, peak memory, and interrupt + resume.

Why: archivists run provcheck over thousands of documents. This script checks, on a
generated archive whose links all resolve on a loopback catch-all server
(bench/catchall_server.py, used as --proxy), that a whole batch completes with bounded
memory, and that a run interrupted half-way (SIGINT, as Ctrl-C sends) resumes with
``--resume`` without losing or repeating a document or a link.

Steps: generate the corpus (bench/gen_corpus.py); run a full audit with a run store,
measuring wall time and the child's peak RSS (os.wait4); run again into a second store,
interrupt it once half of the URLs are recorded, resume it, and compare the resumed run
with the full one (same documents, same URL verdicts, each URL stored once).

Several sizes (``--docs 2500 10000``) run one after the other, each on its own generated
corpus, and the output adds the growth of the full run's peak RSS per 1,000 documents
between the smallest and the largest size: what memory costs per document.

usage: python bench/batch_bench.py [--docs 10000 ...] [--work DIR] [--out FILE.json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def audit_command(corpus: Path, store: Path, out: Path, proxy: str) -> list[str]:
    return [
        sys.executable, "-m", "provcheck", "audit", str(corpus),
        "--proxy", proxy, "--no-cache", "--no-archive", "--store", str(store),
        "--max-concurrency", "64", "--per-host", "8", "--host-interval", "0",
        "--format", "json", "--output", str(out), "--fail-on", "never", "-q",
    ]  # fmt: skip


def _default_sigint() -> None:
    """Let the child take SIGINT as Ctrl-C: a shell starting the bench in the background
    (``cmd &``) has it ignored, and the child would inherit that and never stop."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run_measured(
    cmd: list[str], *, stop_at: int | None = None, store: Path | None = None
) -> dict[str, Any]:
    """Run ``cmd``; optionally SIGINT it once ``store`` holds ``stop_at`` verdicts."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=_default_sigint
    )
    interrupted = False
    if stop_at is not None and store is not None:
        while proc.poll() is None:
            time.sleep(0.2)
            if verdict_count(store) >= stop_at:
                proc.send_signal(signal.SIGINT)
                interrupted = True
                break
    _, status, usage = os.wait4(proc.pid, 0)
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    return {
        "wall_s": round(time.perf_counter() - started, 2),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "exit": os.waitstatus_to_exitcode(status),
        "interrupted": interrupted,
        "stderr_tail": stderr.strip().splitlines()[-3:],
    }


def start_catchall(lifetime: int = 1800) -> tuple[subprocess.Popen[bytes], str]:
    """Start bench/catchall_server.py on a free port, wait until it answers: (process, URL)."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(HERE / "catchall_server.py"), "--port", str(port),
         "--lifetime", str(lifetime)]
    )  # fmt: skip
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/__stats", timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    return server, f"http://127.0.0.1:{port}"


def verdict_count(store: Path) -> int:
    if not store.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=1) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM verdicts").fetchone()[0])
    except sqlite3.Error:
        return 0


def store_facts(store: Path) -> dict[str, Any]:
    with sqlite3.connect(store) as conn:
        runs = conn.execute("SELECT id, status FROM runs ORDER BY id").fetchall()
        verdicts = conn.execute("SELECT COUNT(*), COUNT(DISTINCT url) FROM verdicts").fetchone()
        documents = conn.execute("SELECT COUNT(*), COUNT(DISTINCT path) FROM documents").fetchone()
    return {"runs": runs, "verdicts": verdicts, "documents": documents}


def states(report: Path) -> dict[str, str]:
    payload = json.loads(report.read_text())
    return {
        link["status"]["url"]: link["status"]["state"]
        for doc in payload["documents"]
        for link in doc["links"]
        if link["status"] is not None
    }


def run_size(docs: int, work: Path) -> dict[str, Any]:
    """The three runs (full, interrupted, resumed) on a generated corpus of ``docs`` files."""
    work.mkdir(parents=True, exist_ok=True)
    for old in ("full.db", "resume.db", "full.json", "resumed.json"):  # a rerun starts afresh
        (work / old).unlink(missing_ok=True)
    corpus = work / "corpus"
    if not (corpus / "textmd").is_dir():
        gen = [sys.executable, str(HERE / "gen_corpus.py"), str(corpus), "--text", str(docs),
               "--html", "0"]  # fmt: skip
        print("$", " ".join(gen), flush=True)
        subprocess.run(gen, check=True, stdout=subprocess.DEVNULL)
    server, proxy = start_catchall()
    try:
        results: dict[str, Any] = {"docs": docs}
        full_cmd = audit_command(corpus / "textmd", work / "full.db", work / "full.json", proxy)
        print("$", " ".join(full_cmd), flush=True)
        results["full"] = run_measured(full_cmd)
        results["full"]["store"] = store_facts(work / "full.db")
        total = results["full"]["store"]["verdicts"][1]

        cmd = audit_command(corpus / "textmd", work / "resume.db", work / "resumed.json", proxy)
        results["interrupted"] = run_measured(cmd, stop_at=total // 2, store=work / "resume.db")
        results["interrupted"]["verdicts_at_stop"] = verdict_count(work / "resume.db")
        print("$", " ".join(cmd), "--resume", flush=True)
        results["resumed"] = run_measured([*cmd, "--resume"])
        results["resumed"]["store"] = store_facts(work / "resume.db")
        full_states = states(work / "full.json")
        resumed_states = states(work / "resumed.json")
        results["check"] = {
            "same_urls": set(full_states) == set(resumed_states),
            "same_verdicts": full_states == resumed_states,
            "urls": len(full_states),
            "documents_full": len(json.loads((work / "full.json").read_text())["documents"]),
            "documents_resumed": len(json.loads((work / "resumed.json").read_text())["documents"]),
        }
    finally:
        server.terminate()
        server.wait(timeout=10)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[10_000])
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="provcheck-batch-"))
    sizes = sorted(set(args.docs))
    runs = [run_size(docs, work / f"docs-{docs}") for docs in sizes]
    results: dict[str, Any] = {"python": sys.version.split()[0], "cores": os.cpu_count()}
    results.update(runs[0] if len(runs) == 1 else {"sizes": runs})
    if len(runs) > 1:
        small, large = runs[0], runs[-1]
        growth = large["full"]["peak_rss_mb"] - small["full"]["peak_rss_mb"]
        results["full_peak_rss_mb_per_1000_docs"] = round(
            growth / (large["docs"] - small["docs"]) * 1000, 1
        )
    results["self_peak_rss_mb"] = round(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
    )
    text = json.dumps(results, indent=2)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
