"""Run provcheck's crawler over the link benchmark corpus and score it against expected.json.

Usage: python bench/crawl_bench.py [--port 8731] [--latency-ms 0] [--targets]
Starts /work/shared/bench/server.py (loopback only, bounded lifetime), feeds the unique URLs of
links.md to check_urls with the per-host limits lifted like the peers, prints counts and time.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from provcheck.crawl.config import CrawlConfig
from provcheck.crawl.crawler import check_urls_sync
from provcheck.models import LinkState

SERVER = Path("/work/shared/bench/server.py")
BAD = {LinkState.BROKEN, LinkState.TIMEOUT}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=8731)
    ap.add_argument("--latency-ms", type=float, default=0.0)
    ap.add_argument("--no-targets", action="store_true", help="skip target metadata")
    ap.add_argument("--no-probe", action="store_true")
    ap.add_argument("--concurrency", type=int, default=128)
    a = ap.parse_args()
    out = Path(tempfile.mkdtemp(prefix="pcbench"))
    cmd = [
        sys.executable,
        str(SERVER),
        "--port",
        str(a.port),
        "--lifetime",
        "300",
        "--write",
        str(out),
        "--latency-ms",
        str(a.latency_ms),
    ]
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{a.port}"
        for _ in range(50):
            try:
                urllib.request.urlopen(base + "/__reset", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        expected = json.loads((out / "expected.json").read_text())["urls"]
        md = (out / "links.md").read_text()
        urls = list(dict.fromkeys(re.findall(r"https?://127\.0\.0\.1:\d+/[^\s)>\]]*", md)))
        config = CrawlConfig(
            allow_private=True,
            max_concurrency=a.concurrency,
            per_host_concurrency=a.concurrency,
            per_host_interval=0.0,
            archive=False,
            fetch_targets=not a.no_targets,
            soft404_probe=not a.no_probe,
        )
        t0 = time.perf_counter()
        result = check_urls_sync(urls, config)
        wall = time.perf_counter() - t0
        stats = json.loads(urllib.request.urlopen(base + "/__stats", timeout=5).read())
    finally:
        proc.terminate()
        proc.wait(10)
    table: collections.Counter[tuple[str, str]] = collections.Counter()
    for url, status in result.items():
        table[(expected.get(url, "?"), status.state.value)] += 1
    exp_count = collections.Counter(expected.get(u, "?") for u in result)

    def n(exp: str, states: set[LinkState]) -> int:
        return sum(c for (e, s), c in table.items() if e == exp and LinkState(s) in states)

    print(
        f"unique URLs checked: {len(result)}; wall {wall:.2f} s; requests {stats.get('total')}"
        f" (HEAD {stats.get('HEAD', 0)}, GET {stats.get('GET', 0)})"
    )
    print(f"broken found: {n('broken', BAD)}/{exp_count['broken']}")
    good = {"ok", "fragment"}
    good_bad = sum(c for (e, s), c in table.items() if e in good and LinkState(s) in BAD)
    print(f"good reported broken: {good_bad}")
    print(f"soft-404 found: {n('soft404', {LinkState.SOFT_404})}/{exp_count['soft404']}")
    amb = n("ambiguous", {LinkState.RATE_LIMITED, LinkState.RESTRICTED})
    print(f"429/403 as rate-limited/restricted: {amb}/{exp_count['ambiguous']}")
    print("expected -> state counts:")
    for (e, s), c in sorted(table.items()):
        print(f"  {e:10} {s:14} {c}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
