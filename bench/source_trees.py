"""What the benches that compare versions of provcheck share: which source trees to run, and
running a child interpreter against one of them.

A child gets ``PYTHONHASHSEED=0`` (set iteration order, hence work, is the same on every
run) and no ``PYTHONPATH`` (only the tree it is given may supply ``provcheck``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def add_tree_arguments(parser: argparse.ArgumentParser) -> None:
    """The corpus folder and the source trees to compare (default: this repository)."""
    parser.add_argument("corpus", type=Path, help="a folder of documents (e.g. CORPUS/textmd)")
    parser.add_argument("roots", nargs="*", type=Path, help="source trees (default: this one)")


def trees(args: argparse.Namespace) -> list[Path]:
    return list(args.roots) or [REPO]


def run_child(cmd: Sequence[str]) -> subprocess.CompletedProcess[str]:
    """Run ``cmd`` (a child interpreter given its tree) with a fixed hash seed."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    env.pop("PYTHONPATH", None)
    return subprocess.run(list(cmd), capture_output=True, text=True, env=env)
