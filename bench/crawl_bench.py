#!/usr/bin/env python3
"""Crawl benchmark: provcheck next to the peer link checkers, in one run, on one server.

Why: the crawler's targets (issue 3) are relative to the peers (wall time no worse than
lychee with its per-host limits lifted) and about correctness they do not reach (soft-404,
rate limits and bot walls not reported as broken). Only a side-by-side run on the same
machine, against the same server, makes such a comparison meaningful.

Per scenario (``loopback``: no added latency; ``wan``: the server's ``--latency-ms 100``
before every response, imitating a real network), this script starts
the shared fixture server (``<shared>/server.py``: 127.0.0.1 only, bounded lifetime) once, has
it write the corpus and ``expected.json``, then for every run: resets the server's counters
(``/__reset``), runs the tool, reads ``/__stats`` and scores the verdicts against
``expected.json``. Runs:

- ``provcheck-cold`` / ``provcheck-warm``: the real CLI, ``audit links.md --allow-private
  --no-archive --format json`` with the limits lifted like lychee-tuned, on a new verdict cache,
  then again on the same cache;
- ``stage-cold`` / ``stage-warm``: the crawl stage alone (``check_urls`` on the URLs the CLI
  crawled, same settings, in a fresh interpreter, imports and extraction excluded);
- ``provcheck-default-cold`` / ``-warm``: the CLI with its own polite limits (32 requests in
  flight, 4 per host, 0.1 s between requests to a host), next to ``lychee-default``;
- diagnostics: ``provcheck-offline`` / ``stage-offline`` (the warm run with no network: the
  cache alone, so what is left is the fixed cost), ``provcheck-noretry`` (``--retries 0
  --no-cache``: no Retry-After pauses), ``stage-noprobe`` and
  ``stage-notargets`` (no cache; no soft-404 sibling probe, or no target metadata) and
  ``stage-bare`` (no cache, retries, soft-404 probe or target metadata: the transport's floor);
- the peers, with the command lines of ``<shared>/run_anchors.sh`` (its ``cmd_for`` function is
  read from that script at run time) and their verdicts parsed by ``<shared>/parse_results.py``.

Every command is printed as run. Results: ``OUT/results.json`` and ``OUT/results.md`` (with
this machine's folders shown as $OUT, $ANCHORS, $SHARED and <repo>).

usage: python bench/crawl_bench.py [--shared DIR] [--anchors DIR] [--out DIR]
       [--scenario loopback|wan|all] [--runs a,b,...] [--repeat N] [--port N]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

PROVCHECK_LIMITS = ["--max-concurrency", "128", "--per-host", "128", "--host-interval", "0"]
LINKCHECKER_RC = "[checking]\nthreads=100\nmaxrequestspersecond=1000\n"
SCENARIOS: dict[str, tuple[float, list[str]]] = {
    "loopback": (
        0.0,
        [
            "provcheck-cold",
            "provcheck-warm",
            "lychee-tuned",
            "stage-cold",
            "stage-warm",
            "provcheck-offline",
            "stage-offline",
            "provcheck-noretry",
            "stage-bare",
            "stage-noprobe",
            "stage-notargets",
            "lychee-noretry",
            "lychee-default",
            "lychee-cache-cold",
            "lychee-cache-warm",
            "linkinator-default",
            "linkchecker-tuned",
            "mlc-default",
            "provcheck-default-cold",
            "provcheck-default-warm",
        ],
    ),
    "wan": (
        100.0,
        [
            "provcheck-cold",
            "provcheck-warm",
            "lychee-tuned",
            "stage-cold",
            "stage-warm",
            "linkinator-default",
        ],
    ),
}
PEER_BINARIES = {
    "LYCHEE": "venv/bin/lychee",
    "LINKCHECKER": "venv/bin/linkchecker",
    "LINKINATOR": "node/node_modules/.bin/linkinator",
    "MLC": "node/node_modules/.bin/markdown-link-check",
}
# Reads run_anchors.sh's own functions (command line and version per run) and calls them.
PEER_SHELL = r"""
eval "$(sed -n '/^cmd_for() *{/,/^}/p; /^version() *{/,/^}/p' "$RUN_ANCHORS")"
declare -F cmd_for >/dev/null || { echo "no cmd_for() in $RUN_ANCHORS" >&2; exit 3; }
cmd_for "$1"
[ "${#CMD[@]}" -gt 0 ] || { echo "run_anchors.sh has no run named $1" >&2; exit 4; }
printf '%s\0' "$(version "$1" 2>/dev/null || true)" "$META" "${CMD[@]}"
"""


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def show(cmd: list[str], cwd: Path | None = None) -> str:
    line = shlex.join(cmd)
    return f"(cd {shlex.quote(str(cwd))} && {line})" if cwd else line


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def http_json(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(url, timeout=10) as resp:
        data: dict[str, Any] = json.loads(resp.read())
        return data


def timed(
    cmd: list[str], out: Path, stem: str, cwd: Path | None, limit: float
) -> tuple[int, float]:
    """Run ``cmd`` (its whole process group killed past ``limit`` s); (exit code, wall s)."""
    log(f">>> {show(cmd, cwd)}")
    with open(out / f"{stem}.stdout", "wb") as so, open(out / f"{stem}.stderr", "wb") as se:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=so, stderr=se, cwd=cwd, start_new_session=True)
        try:
            rc = proc.wait(limit)
        except subprocess.TimeoutExpired:
            rc = -9
        finally:  # past the limit, or this script interrupted: stop the tool's whole group
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        return rc, time.perf_counter() - t0


class Scenario:
    """One server (one latency) and the runs made against it."""

    def __init__(self, args: argparse.Namespace, name: str, latency: float) -> None:
        self.args, self.name, self.latency = args, name, latency
        self.out = Path(args.out) / name
        self.data = self.out / "data"
        self.data.mkdir(parents=True, exist_ok=True)
        self.data.chmod(0o755)  # LinkChecker drops root privileges to `nobody`
        self.port = args.port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.rows: list[dict[str, Any]] = []
        self.server: subprocess.Popen[bytes] | None = None
        self.rundir = self.out  # per repetition when repeating: out/rep<N>

    def start(self, lifetime: float) -> None:
        cmd = [
            sys.executable,
            str(Path(self.args.shared) / "server.py"),
            "--port",
            str(self.port),
            "--lifetime",
            str(int(lifetime)),
            "--write",
            str(self.data),
            "--latency-ms",
            str(self.latency),
        ]
        log(f">>> {show(cmd)} &")
        with open(self.out / "server.log", "wb") as errors:  # the child keeps its own copy
            self.server = subprocess.Popen(cmd, stderr=errors)
        for _ in range(100):
            try:
                http_json(self.base + "/__stats")
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise SystemExit(f"fixture server did not start on {self.base}")
        for f in self.data.iterdir():
            f.chmod(0o644)
        (self.data / "tuned.rc").write_text(LINKCHECKER_RC)
        (self.data / "tuned.rc").chmod(0o644)
        self.expected = json.loads((self.data / "expected.json").read_text())

    def stop(self) -> None:
        if self.server is not None:
            self.server.terminate()
            self.server.wait(10)

    # --- runs --------------------------------------------------------------------------------

    def provcheck(self, run: str, rep: int) -> dict[str, Any]:
        report = self.rundir / f"{run}.json"
        report.unlink(missing_ok=True)  # a run that writes no report has failed
        cmd = [
            sys.executable,
            "-m",
            "provcheck",
            "audit",
            str(self.data / "links.md"),
            "--allow-private",
            "--no-archive",
            "--format",
            "json",
            "-o",
            str(report),
        ]
        polite = run.startswith("provcheck-default")  # the CLI's own politeness limits
        if not polite:
            cmd += PROVCHECK_LIMITS
        cache = self.rundir / f"provcheck-cache-{'default' if polite else 'tuned'}-{rep}.sqlite"
        if run == "provcheck-noretry":
            cmd += ["--retries", "0", "--no-cache"]
        else:
            if run.endswith("-cold"):
                cache.unlink(missing_ok=True)
            cmd += ["--cache", str(cache)]
            if run == "provcheck-offline":
                cmd.append("--offline")
        rc, wall, stats = self.measure(cmd, run, ROOT)
        row = {
            "tool": "provcheck",
            "version": provcheck_version(),
            "exit": rc,
            "wall": wall,
            "stats": stats,
            "command": show(cmd, ROOT),
        }
        row.update(score_provcheck(report, self.expected["urls"]))
        row["ok"] = row["checked"] == self.expected["unique"]
        if run.endswith(("-warm", "-offline")):
            row.update(warm_requests(report, stats))
        return row

    def stage(self, run: str, rep: int) -> dict[str, Any]:
        report = self.rundir / "provcheck-cold.json"  # lists the URLs the CLI crawled
        cache = self.rundir / f"stage-cache-{rep}.sqlite"
        if run in ("stage-cold", "stage-bare", "stage-noprobe", "stage-notargets"):
            cache.unlink(missing_ok=True)
        cmd = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--stage-only",
            str(report),
            "--stage-cache",
            str(cache),
            "--stage-mode",
            run.removeprefix("stage-"),
        ]
        rc, _, stats = self.measure(cmd, run, ROOT)
        try:
            inner = json.loads((self.rundir / f"{run}.stdout").read_text())
        except ValueError:
            inner = {"wall": None, "sources": {}}
        return {
            "tool": "provcheck (crawl stage)",
            "version": provcheck_version(),
            "exit": rc,
            "wall": inner["wall"],
            "stats": stats,
            "command": show(cmd, ROOT),
            "sources": inner["sources"],
            "checked": sum(inner["sources"].values()),
            "ok": inner["wall"] is not None,
        }

    def peer(self, run: str) -> dict[str, Any]:
        a = Path(self.args.anchors)
        env = {
            **os.environ,
            "RUN_ANCHORS": str(Path(self.args.shared) / "run_anchors.sh"),
            "BASE": self.base,
            "OUT": str(self.rundir),
            "DATA": str(self.data),
        }
        env.update({k: str(a / v) for k, v in PEER_BINARIES.items()})
        got = subprocess.run(
            ["bash", "-c", PEER_SHELL, "peer", run], env=env, capture_output=True, check=False
        )
        if got.returncode:
            raise SystemExit(got.stderr.decode())
        version, meta, *cmd = got.stdout.decode().split("\0")[:-1]
        parser, settings = meta.split("|", 1)
        if run == "lychee-cache-cold":
            (self.data / ".lycheecache").unlink(missing_ok=True)
        rc, wall, stats = self.measure(cmd, run, self.data)
        src = self.rundir / f"{run}.out"
        if parser == "mlc":
            src.write_bytes(
                (self.rundir / f"{run}.stdout").read_bytes()
                + (self.rundir / f"{run}.stderr").read_bytes()
            )
        elif not src.exists():
            src = self.rundir / f"{run}.stdout"
        pcmd = [
            sys.executable,
            str(Path(self.args.shared) / "parse_results.py"),
            parser,
            str(src),
            str(self.data / "expected.json"),
            str(self.rundir / f"{run}.stats.json"),
        ]
        log(f">>> {show(pcmd)}")
        parsed = json.loads(subprocess.run(pcmd, capture_output=True, check=True).stdout)
        row = {
            "tool": run.split("-")[0],
            "version": version,
            "settings": settings,
            "exit": rc,
            "wall": wall,
            "stats": stats,
            "command": show(cmd, self.data),
        }
        row.update(score_peer(parsed, self.expected["classes"]))
        row["ok"] = parsed.get("checked") is not None
        return row

    def measure(self, cmd: list[str], run: str, cwd: Path) -> tuple[int, float, dict[str, Any]]:
        http_json(self.base + "/__reset")
        rc, wall = timed(cmd, self.rundir, run, cwd, self.args.tool_timeout)
        stats = http_json(self.base + "/__stats")
        (self.rundir / f"{run}.stats.json").write_text(json.dumps(stats))
        return rc, wall, stats

    def run_all(self, runs: list[str], repeat: int) -> None:
        """Every run, ``repeat`` times (interleaved); median wall over the runs that worked.

        A run that fails (no report, unparsable output: e.g. a tree being edited under it)
        is left out of the median and counted in ``failed``; the row shown is its last good
        repetition.
        """
        if any(r.startswith("stage") for r in runs) and "provcheck-cold" not in runs:
            raise SystemExit("stage runs need provcheck-cold first (its report lists the URLs)")
        walls: dict[str, list[float]] = {}
        loads: dict[str, list[float]] = {}
        failed: Counter[str] = Counter()
        last: dict[str, dict[str, Any]] = {}
        for rep in range(repeat):
            self.rundir = self.out / f"rep{rep}" if repeat > 1 else self.out
            self.rundir.mkdir(exist_ok=True)
            for run in runs:
                # other processes on a shared machine skew a run: keep the load it started under
                loads.setdefault(run, []).append(round(os.getloadavg()[0], 2))
                if run.startswith("provcheck"):
                    row = self.provcheck(run, rep)
                elif run.startswith("stage"):
                    row = self.stage(run, rep)
                else:
                    row = self.peer(run)
                row["run"] = run
                state = "ok" if row["ok"] else f"FAILED (see {self.rundir}/{run}.stderr)"
                log(
                    f"    {run}: exit {row['exit']}, {row['wall'] or 0:.2f} s, "
                    f"{row['stats'].get('total', 0)} requests, {state}"
                )
                if not row["ok"]:
                    failed[run] += 1
                    last.setdefault(run, row)
                    continue
                walls.setdefault(run, []).append(row["wall"])
                last[run] = row
        for run in runs:
            row = last[run]
            row["walls"] = [round(w, 3) for w in walls.get(run, [])]
            row["loads"] = loads[run]
            row["failed"] = failed[run]
            row["wall"] = statistics.median(walls[run]) if run in walls else None
            self.rows.append(row)


# --- scoring -----------------------------------------------------------------------------------

BAD = {"broken", "timeout"}
LIMITED = {"rate-limited", "restricted"}
GOOD_CLASSES = ("ok", "fragment")


def report_states(report: Path) -> dict[str, dict[str, str]]:
    """Per unique URL of a provcheck JSON report: its state and where the answer came from."""
    doc = json.loads(report.read_text())
    return {
        link["url"]: {"state": link["status"]["state"], "source": link["status"]["source"]}
        for d in doc["documents"]
        for link in d["links"]
        if link.get("status")
    }


def score_provcheck(report: Path, expected: dict[str, str]) -> dict[str, Any]:
    """The correctness columns from provcheck's own states (missing report: all None)."""
    if not report.exists():
        return {"checked": None, "broken_found": None, "good_as_broken": None}
    states = report_states(report)
    pairs = Counter((expected.get(u, "unknown"), v["state"]) for u, v in states.items())

    def count(classes: tuple[str, ...], wanted: set[str]) -> int:
        return sum(n for (c, st), n in pairs.items() if c in classes and st in wanted)

    good_states = {"alive", "redirected"}
    return {
        "checked": len(states),
        "broken_found": count(("broken",), BAD),
        "good_as_broken": count((*GOOD_CLASSES, "unknown"), BAD),
        "good_not_alive": sum(
            n for (c, st), n in pairs.items() if c in GOOD_CLASSES and st not in good_states
        ),
        "soft404_found": count(("soft404",), {"soft-404"}),
        "ambiguous_as_broken": count(("ambiguous",), BAD),
        "ambiguous_as_limited": count(("ambiguous",), LIMITED),
        "states": {f"{c} -> {st}": n for (c, st), n in sorted(pairs.items())},
    }


def score_peer(parsed: dict[str, Any], classes: dict[str, int]) -> dict[str, Any]:
    """The same columns from parse_results.py's URLs-reported-broken by expected class."""
    by = parsed.get("by_class", {})
    return {
        "checked": parsed.get("checked"),
        "broken_found": by.get("broken", 0),
        "good_as_broken": sum(by.get(c, 0) for c in (*GOOD_CLASSES, "unknown")),
        "soft404_found": None,  # no soft-404 state; see soft404_as_broken
        "soft404_as_broken": by.get("soft404", 0),
        "ambiguous_as_broken": by.get("ambiguous", 0),
        "ambiguous_as_limited": None,  # no rate-limited/restricted state
        "by_class": by,
    }


def path_kind(url: str) -> str:
    """The server's counter key for a URL (``/page/7`` -> ``page``), as /__stats counts it."""
    return url.split("#", 1)[0].split("/", 3)[3].split("/", 1)[0]


def warm_requests(report: Path, stats: dict[str, Any]) -> dict[str, Any]:
    """Where the warm run's answers came from, and the requests made for cached entries.

    The server counts requests per first path segment; every segment holding a URL answered
    from the cache counts against the cache (an upper bound for requests for fresh entries).
    """
    if not report.exists():
        return {}
    states = report_states(report)
    sources = Counter(v["source"] for v in states.values())
    cached_kinds = {path_kind(u) for u, v in states.items() if v["source"] == "cache"}
    refetched = Counter(
        f"{path_kind(u)}: {v['state']}" for u, v in states.items() if v["source"] != "cache"
    )
    return {
        "sources": dict(sources),
        "requests_for_cached": sum(stats.get(f"path:{k}", 0) for k in cached_kinds),
        "refetched": dict(refetched),
    }


# --- the crawl stage alone (run in a fresh interpreter by the stage-* runs) --------------------


def stage_only(report: Path, cache_path: Path, mode: str) -> int:
    """Time ``check_urls`` over the URLs the CLI crawled, with the CLI's settings and a cache.

    ``mode``: cold/warm (with the cache), offline (the cache alone, no network), noprobe /
    notargets (no cache, no soft-404 probe / no target metadata), bare (no cache, no retries,
    no soft-404 probe, no target metadata: the transport's floor).
    """
    from provcheck.crawl.cache import VerdictCache
    from provcheck.crawl.config import CrawlConfig
    from provcheck.crawl.crawler import check_urls_sync

    doc = json.loads(report.read_text())
    urls = sorted(
        {
            link["normalized"]
            for d in doc["documents"]
            for link in d["links"]
            if str(link.get("normalized") or "").startswith(("http://", "https://"))
        }
    )
    # as the CLI does: main text only for the documents' declared original URLs
    originals = frozenset(
        link["normalized"]
        for d in doc["documents"]
        for link in d["links"]
        if link.get("role") == "original" and link.get("normalized")
    )
    config = CrawlConfig(
        allow_private=True,
        max_concurrency=128,
        per_host_concurrency=128,
        per_host_interval=0.0,
        archive=False,
        offline=mode == "offline",
        text_for=originals,
    )
    if mode == "noprobe":
        config = dataclasses.replace(config, soft404_probe=False)
    if mode == "notargets":
        config = dataclasses.replace(config, fetch_targets=False)
    if mode == "bare":
        config = dataclasses.replace(
            config, max_retries=0, soft404_probe=False, fetch_targets=False
        )
    cache = None if mode in ("bare", "noprobe", "notargets") else VerdictCache(cache_path)
    t0 = time.perf_counter()
    verdicts = check_urls_sync(urls, config, cache=cache)
    if cache is not None:
        cache.close()
    wall = time.perf_counter() - t0
    sources = Counter(str(s.source.value) for s in verdicts.values())
    print(json.dumps({"wall": wall, "sources": dict(sources)}))
    return 0


# --- Markdown ----------------------------------------------------------------------------------


def _cell(value: Any, of: int | None = None) -> str:
    if value is None:
        return "n/a"
    return f"{value}/{of}" if of is not None else str(value)


def markdown_tables(results: dict[str, Any]) -> str:
    """One table per scenario, then the cache figures and the exact commands."""
    m = results["machine"]
    lines = [f"Machine: {m['nproc']} CPUs ({m['cpu']}), Python {m['python']}, {m['platform']}", ""]
    for name, sc in results["scenarios"].items():
        exp = sc["expected"]
        rows = {r["run"]: r for r in sc["rows"]}
        ref = rows.get("lychee-tuned", {}).get("wall")
        lines += [
            f"### {name} (server latency {sc['latency_ms']:g} ms)",
            "",
            "| run | version | wall s | vs lychee-tuned | requests | unique URLs | "
            f"broken found (of {exp['broken']}) | good as broken | good not alive | "
            f"soft-404 found (of {exp['soft404']}) | "
            f"429/403 as broken (of {exp['ambiguous']}) | "
            "429/403 as rate-limited/restricted | exit | load |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for run, r in rows.items():
            ratio = f"{r['wall'] / ref:.2f}x" if ref and r["wall"] is not None else ""
            walls = r.get("walls", [])
            wall = f"{r['wall']:.2f}" if r["wall"] is not None else "n/a"
            if len(walls) > 1:
                wall += f" ({min(walls):.2f}-{max(walls):.2f})"
            if r.get("failed"):
                wall += f" ({r['failed']} failed)"
            soft = _cell(r.get("soft404_found"))
            if r.get("soft404_found") is None and "soft404_as_broken" in r:
                soft = f"n/a ({r['soft404_as_broken']} as broken)"
            lines.append(
                f"| {run} | {r['version']} | {wall} | {ratio} | {r['stats'].get('total', 0)} | "
                f"{_cell(r.get('checked'))} | {_cell(r.get('broken_found'))} | "
                f"{_cell(r.get('good_as_broken'))} | {_cell(r.get('good_not_alive'))} | "
                f"{soft} | "
                f"{_cell(r.get('ambiguous_as_broken'))} | "
                f"{_cell(r.get('ambiguous_as_limited'))} | {r['exit']} | "
                f"{max(r.get('loads', [0])):.1f} |"
            )
        lines += [
            "",
            f"load: the 1-minute load average when the run started (highest over repeats; "
            f"{results['machine']['nproc']} CPUs: above that, other work competed with the run).",
            "",
        ]
        lines += _cache_lines(rows)
        lines += ["Commands (in run order):", "", "```"]
        lines += [f"# {run}\n{portable(r['command'], results['paths'])}" for run, r in rows.items()]
        lines += ["```", ""]
    return "\n".join(lines)


def portable(command: str, paths: dict[str, str]) -> str:
    """A command line with this machine's folders replaced by the names the README uses."""
    for name, path in sorted(paths.items(), key=lambda kv: -len(kv[1])):
        command = command.replace(path, name)
    return command


def _cache_lines(rows: dict[str, dict[str, Any]]) -> list[str]:
    out = []
    for cold, warm, what in (
        ("provcheck-cold", "provcheck-warm", "CLI, end to end"),
        ("provcheck-cold", "provcheck-offline", "CLI, end to end, warm run with --offline"),
        ("provcheck-default-cold", "provcheck-default-warm", "CLI, default politeness limits"),
        ("stage-cold", "stage-warm", "crawl stage alone"),
        ("stage-cold", "stage-offline", "crawl stage alone, warm run offline"),
    ):
        if cold in rows and warm in rows and rows[warm]["wall"] and rows[cold]["wall"]:
            c, w = rows[cold], rows[warm]
            out.append(
                f"- Verdict cache, {what}: cold {c['wall']:.2f} s, warm {w['wall']:.2f} s "
                f"({c['wall'] / w['wall']:.1f}x faster); warm run requests: "
                f"{w['stats'].get('total', 0)}"
                + (
                    f", of which for cached entries: {w['requests_for_cached']}; answers by "
                    f"source: {w['sources']}; asked again (never cached): {w['refetched']}"
                    if "requests_for_cached" in w
                    else f"; answers by source: {w.get('sources')}"
                )
            )
    return [*out, ""] if out else []


def provcheck_version() -> str:
    from provcheck import __version__

    return str(__version__)


def machine() -> dict[str, str]:
    return {
        "nproc": str(os.cpu_count()),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu": cpu_model(),
    }


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--shared",
        default=os.environ.get("PROVCHECK_SHARED", str(ROOT.parent / "shared" / "bench")),
        help="the shared bench folder (server.py, run_anchors.sh, parse_results.py)",
    )
    ap.add_argument(
        "--anchors",
        default=os.environ.get("ANCHORS", str(Path(tempfile.gettempdir()) / "anchors")),
        help="where install_anchors.sh put the peers",
    )
    ap.add_argument("--out", help="results folder (default: a new temporary folder)")
    ap.add_argument("--scenario", choices=[*SCENARIOS, "all"], default="all")
    ap.add_argument("--runs", help="comma-separated subset of the scenario's runs")
    ap.add_argument("--repeat", type=int, default=1, help="repeat the runs; median wall")
    ap.add_argument("--port", type=int, default=0, help="server port (default: a free one)")
    ap.add_argument("--tool-timeout", type=float, default=300.0, help="seconds per tool run")
    ap.add_argument(
        "--server-lifetime", type=float, default=1800.0, help="the server exits by itself then"
    )
    ap.add_argument("--stage-only", help=argparse.SUPPRESS)  # internal: the stage-* runs
    ap.add_argument("--stage-cache", help=argparse.SUPPRESS)
    ap.add_argument("--stage-mode", default="warm", help=argparse.SUPPRESS)
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # run the cleanup in finally
    if args.stage_only:
        return stage_only(Path(args.stage_only), Path(args.stage_cache), args.stage_mode)
    args.out = str(Path(args.out or tempfile.mkdtemp(prefix="provcheck-crawl-bench-")).resolve())
    args.shared = str(Path(args.shared).resolve())
    if not (Path(args.shared) / "server.py").exists():
        raise SystemExit(f"no server.py in {args.shared}: pass --shared or PROVCHECK_SHARED")
    names = list(SCENARIOS) if args.scenario == "all" else [args.scenario]
    sys.path.insert(0, str(HERE))
    from bytecode import compile_package

    log(f">>> {show(compile_package(ROOT))}  # bytecode, as an installed copy has it")
    results: dict[str, Any] = {
        "machine": machine(),
        "scenarios": {},
        "paths": {  # folder -> its name in results.md's command lines
            "$OUT": str(Path(args.out).resolve()),
            "$ANCHORS": str(Path(args.anchors).resolve()),
            "$SHARED": str(Path(args.shared).resolve()),
            "<repo>": str(ROOT),
            "python": sys.executable,
        },
    }
    for name in names:
        latency, runs = SCENARIOS[name]
        if args.runs:
            runs = [r for r in args.runs.split(",") if r]
        sc = Scenario(args, name, latency)
        log(f"=== scenario {name}: server latency {latency:g} ms, results in {sc.out}")
        sc.start(lifetime=args.server_lifetime)
        try:
            sc.run_all(runs, args.repeat)
        finally:
            sc.stop()
        results["scenarios"][name] = {
            "latency_ms": latency,
            "rows": sc.rows,
            "expected": sc.expected["classes"],
        }
    out = Path(args.out)
    (out / "results.json").write_text(json.dumps(results, indent=1))
    md = markdown_tables(results)
    (out / "results.md").write_text(md)
    print(md)
    log(f"results: {out / 'results.md'} and {out / 'results.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
