#!/usr/bin/env python3
"""Time of the cross-document analysis of a batch, for one or more versions of provcheck.

Why: on a large batch the corpus analysis (near-duplicates, quote variants, related links;
``provcheck.corpus.analyze.analyze_corpus``) runs once over every document, and its cost
grows faster than the batch when documents repeat each other. This script extracts the first
``--docs`` documents of a folder, then times ``analyze_corpus`` over them (extraction is not
timed), in a fresh interpreter per source tree, and prints the seconds, the number of facts
found and a digest of all of them, so that two versions can be checked to find the same
facts. Versions are run alternately, ``--repeat`` times each, and the median is reported: the
machines these benchmarks run on are shared and their speed drifts.

Each ``ROOT`` is a source tree holding a ``provcheck`` package (default: this repository);
give two to compare an older version (for example ``git archive REV provcheck | tar -x -C
DIR``) with this one.

usage: python bench/corpus_bench.py CORPUS_DIR [ROOT ...] [--docs N] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from source_trees import add_tree_arguments, run_child, trees  # noqa: E402

#: The child: extract ``count`` files of ``folder`` with the provcheck of ``root``, then time
#: the corpus analysis and print what it found.
_CHILD = """
import hashlib, json, os, sys, time
root, folder, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
sys.path.insert(0, root)
from provcheck.corpus.analyze import analyze_corpus
from provcheck.extract import extract_document
from provcheck.readers import read_path
files = sorted(os.path.join(folder, name) for name in os.listdir(folder))[:count]
docs = [extract_document(read_path(path)) for path in files]
started = time.perf_counter()
facts = analyze_corpus(docs)
seconds = time.perf_counter() - started
print(json.dumps({
    "seconds": round(seconds, 2),
    "near_duplicates": sum(len(f.near_duplicates) for f in facts.values()),
    "quote_variants": sum(len(f.quote_variants) for f in facts.values()),
    "related_matches": sum(len(f.related_matches) for f in facts.values()),
    "digest": hashlib.sha1(repr(sorted(facts.items())).encode()).hexdigest()[:12],
}))
"""


def run_once(root: Path, folder: Path, count: int) -> dict[str, object]:
    """One child run: the analysis of ``count`` documents with the provcheck of ``root``."""
    cmd = [sys.executable, "-c", _CHILD, str(root), str(folder), str(count)]
    done = run_child(cmd)
    if done.returncode != 0:
        raise SystemExit(f"analysis run failed for {root}: {done.stderr[-1500:]}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_tree_arguments(parser)
    parser.add_argument("--docs", type=int, default=2500, help="documents analysed (2500)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per tree, alternated (3)")
    args = parser.parse_args()
    roots = trees(args)
    runs: dict[Path, list[dict[str, object]]] = {root: [] for root in roots}
    for _ in range(args.repeat):
        for root in roots:
            runs[root].append(run_once(root, args.corpus, args.docs))
    print(f"corpus analysis of the first {args.docs} documents of {args.corpus}")
    print(
        "| source tree | seconds (median) | runs | near-duplicates | quote variants | "
        "related matches | facts digest |"
    )
    print("|---|---:|---|---:|---:|---:|---|")
    for root, found in runs.items():
        seconds = [float(str(r["seconds"])) for r in found]
        last = found[-1]
        print(
            f"| {root} | {statistics.median(seconds):.2f} | "
            f"{', '.join(f'{s:.2f}' for s in seconds)} | {last['near_duplicates']} | "
            f"{last['quote_variants']} | {last['related_matches']} | {last['digest']} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
