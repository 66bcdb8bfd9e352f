#!/usr/bin/env python3
"""Instructions per document for read + extract, counted by valgrind (callgrind).

Why: the machines this project is measured on are shared, and their speed drifts by tens of
percent from one minute to the next, so wall-clock runs of two versions of the code cannot be
compared run after run. The number of instructions executed does not drift. This script runs
``read_path`` + ``extract_document`` over the first ``--skip`` documents of a folder and over
the first ``--skip + --docs``, each under ``valgrind --tool=callgrind`` with
``PYTHONHASHSEED=0``; the difference divided by ``--docs`` is the work per document with the
interpreter's start-up and imports taken out.

Each ``ROOT`` is a source tree holding a ``provcheck`` package (default: this repository);
give two to compare an older version with this one.

usage: python bench/extract_instructions.py CORPUS_DIR [ROOT ...] [--docs N] [--skip N]
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from source_trees import add_tree_arguments, run_child, trees  # noqa: E402

#: The child: extract the first ``count`` files of ``folder`` with the provcheck of ``root``.
_CHILD = """
import os, sys
root, folder, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path.insert(0, root)
from provcheck.extract import extract_document
from provcheck.readers import read_path
files = sorted(os.path.join(folder, name) for name in os.listdir(folder))[:count]
kept = [extract_document(d) for d in (read_path(p) for p in files)]
"""


def instructions(root: Path, folder: Path, count: int) -> int:
    """Instructions callgrind counts for the child extracting ``count`` documents."""
    cmd = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        "-c",
        _CHILD,
        str(root),
        str(folder),
        str(count),
    ]
    done = run_child(cmd)
    found = re.search(r"Collected\s*:\s*(\d+)", done.stderr)
    if done.returncode != 0 or found is None:
        raise SystemExit(f"callgrind run failed for {root}: {done.stderr[-1500:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_tree_arguments(parser)
    parser.add_argument("--docs", type=int, default=500, help="documents counted (500)")
    parser.add_argument("--skip", type=int, default=10, help="documents to warm up (10)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    roots = trees(args)
    print(f"read + extract, documents {args.skip + 1}-{args.skip + args.docs} of {args.corpus}")
    print("| source tree | instructions per document |")
    print("|---|---:|")
    for root in roots:
        warm = instructions(root, args.corpus, args.skip)
        full = instructions(root, args.corpus, args.skip + args.docs)
        print(f"| {root} | {(full - warm) // args.docs:,} |", flush=True)


if __name__ == "__main__":
    main()
