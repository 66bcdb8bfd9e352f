#!/usr/bin/env python3
"""Where a batch's memory goes: resident memory at each phase of one in-process audit.

Why: ``batch_bench.py`` gives the peak RSS of a whole run; this says which phase reaches it.
It runs ``provcheck.pipeline.audit`` on a generated corpus (``bench/gen_corpus.py``) with
every link answered by ``bench/catchall_server.py`` as the proxy (no store, no cache), and
records the resident set (``VmRSS``, Linux) and the peak so far (``ru_maxrss``) when each
phase starts (reading, checking links), before and after the corpus analysis, after the
audit, and after the JSON report is written.

usage: python bench/batch_phases.py CORPUS_DIR [--out FILE.json]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from batch_bench import start_catchall  # noqa: E402


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


class Recorder:
    """A stand-in for the progress bar that notes memory at each phase."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.marks: list[dict[str, Any]] = []

    def mark(self, name: str) -> None:
        seconds = round(time.perf_counter() - self.started, 1)
        self.marks.append({"at": name, "s": seconds, "rss_mb": rss_mb(), "peak_mb": peak_mb()})

    def phase(self, name: str, total: int) -> None:
        self.mark(f"start: {name} ({total})")

    def advance(self, *_: Any) -> None:
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    from provcheck import pipeline
    from provcheck.config import Config
    from provcheck.corpus import analyze
    from provcheck.report.atomic import write_atomic
    from provcheck.report.json_renderer import iter_json

    recorder = Recorder()
    analyze_corpus = analyze.analyze_corpus

    def recorded(docs: Any) -> Any:
        recorder.mark("start: corpus analysis")
        facts = analyze_corpus(docs)
        recorder.mark("end: corpus analysis")
        return facts

    analyze.analyze_corpus = recorded
    server, proxy = start_catchall()
    try:
        config = Config(
            proxy=proxy,
            no_cache=True,
            archive=False,
            max_concurrency=64,
            per_host=8,
            host_interval=0,
        )
        report = pipeline.audit([str(args.corpus)], config, progress=recorder)
        recorder.mark("end: audit")
        with tempfile.TemporaryDirectory() as scratch:
            write_atomic(Path(scratch) / "report.json", iter_json(report))
        recorder.mark("end: JSON report written")
    finally:
        server.terminate()
        server.wait(timeout=10)
    result = {
        "corpus": str(args.corpus),
        "documents": len(report.documents),
        "marks": recorder.marks,
    }
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
