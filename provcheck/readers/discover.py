"""Turn command-line arguments into an ordered list of input files.

Arguments may be files (read whatever their extension), directories (recursed;
files chosen by include/exclude globs) or ``-`` for a list of paths on stdin.
Missing paths are reported, not fatal: one bad argument never stops a batch.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from provcheck.models import SkippedInput

DEFAULT_INCLUDE: tuple[str, ...] = (
    "*.txt",
    "*.text",
    "*.md",
    "*.markdown",
    "*.mdown",
    "*.html",
    "*.htm",
    "*.xhtml",
)

#: Project files that sit beside articles but are not articles; skipped when a
#: directory is walked (a file named explicitly is always read).
DEFAULT_EXCLUDE: tuple[str, ...] = (
    "README*",
    "CHANGELOG*",
    "LICENSE*",
    "CONTRIBUTING*",
)


@dataclass(frozen=True, slots=True)
class Discovery:
    files: tuple[str, ...]
    skipped: tuple[SkippedInput, ...] = field(default=())


def _matches(rel: str, patterns: Sequence[str]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) for p in patterns)


def _walk(root: str, include: Sequence[str], exclude: Sequence[str]) -> list[str]:
    found: list[str] = []
    for current, dirs, files in os.walk(root):
        rel_dir = os.path.relpath(current, root)
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".")
            and not _matches(
                os.path.normpath(os.path.join(rel_dir, d)).replace(os.sep, "/"), exclude
            )
        )
        for name in sorted(files):
            rel = os.path.normpath(os.path.join(rel_dir, name)).replace(os.sep, "/")
            if name.startswith(".") or not _matches(rel, include) or _matches(rel, exclude):
                continue
            found.append(os.path.join(current, name))
    return found


def discover(
    arguments: Iterable[str],
    *,
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = DEFAULT_EXCLUDE,
    stdin_lines: Iterable[str] = (),
) -> Discovery:
    """Expand arguments into files, in argument order, each file once."""
    files: list[str] = []
    skipped: list[SkippedInput] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            files.append(path)

    expanded: list[str] = []
    for arg in arguments:
        if arg == "-":
            expanded.extend(line.strip() for line in stdin_lines if line.strip())
        else:
            expanded.append(arg)
    for arg in expanded:
        path = Path(arg)
        if path.is_dir():
            for found in _walk(arg, include, exclude):
                add(found)
        elif path.is_file():
            add(arg)
        elif path.exists():
            skipped.append(SkippedInput(arg, "not a regular file"))
        else:
            skipped.append(SkippedInput(arg, "no such file or directory"))
    return Discovery(files=tuple(files), skipped=tuple(skipped))
