"""Turn command-line arguments into an ordered list of input files.

Arguments may be files (read whatever their extension), directories (recursed;
files chosen by include/exclude globs) or ``-`` for a list of paths on stdin.
Missing paths are reported, not fatal: one bad argument never stops a batch.
"""

from __future__ import annotations

import fnmatch
import functools
import os
import re
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


@functools.lru_cache(maxsize=64)
def _globs(patterns: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for ``patterns``: matching it is ``fnmatch.fnmatch`` against any of them
    (the same translation, and the same case folding by ``os.path.normcase``)."""
    return re.compile("|".join(fnmatch.translate(os.path.normcase(p)) for p in patterns))


def _matches(rel: str, patterns: Sequence[str]) -> bool:
    """Whether the relative path, or its last part, matches one of the glob ``patterns``."""
    if not patterns:
        return False
    globs = _globs(tuple(patterns))
    name = rel.rsplit("/", 1)[-1]
    return bool(globs.match(os.path.normcase(rel)) or globs.match(os.path.normcase(name)))


def _walk(root: str, include: Sequence[str], exclude: Sequence[str]) -> list[tuple[str, str]]:
    """The files under ``root`` to read, each with its real path (for deduplication): the
    real path of a plain file is its folder's real path and its name, found once per folder."""
    found: list[tuple[str, str]] = []
    for current, dirs, files in os.walk(root):
        rel_dir = os.path.relpath(current, root)
        real_dir = os.path.realpath(current)
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
            path = os.path.join(current, name)
            real = os.path.realpath(path) if os.path.islink(path) else os.path.join(real_dir, name)
            found.append((path, real))
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

    def add(path: str, key: str) -> None:
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
            for found, real in _walk(arg, include, exclude):
                add(found, real)
        elif path.is_file():
            add(arg, os.path.realpath(arg))
        elif path.exists():
            skipped.append(SkippedInput(arg, "not a regular file"))
        else:
            skipped.append(SkippedInput(arg, "no such file or directory"))
    return Discovery(files=tuple(files), skipped=tuple(skipped))
