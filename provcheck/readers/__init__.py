"""Readers: files to :class:`~provcheck.models.Document`, with the format chosen per file.

``read_path`` never raises for a bad file: it returns a :class:`SkippedInput`
naming the file and the reason, so one bad file never stops a batch.
"""

from __future__ import annotations

import os
from pathlib import Path

from provcheck.models import DocFormat, Document, SkippedInput
from provcheck.readers.decode import NotText, decode
from provcheck.readers.detect import detect
from provcheck.readers.discover import DEFAULT_EXCLUDE, DEFAULT_INCLUDE, Discovery, discover
from provcheck.readers.registry import READERS

#: Files larger than this are skipped: no news article is 20 MB of text.
MAX_FILE_BYTES = 20 * 1024 * 1024

__all__ = [
    "DEFAULT_EXCLUDE",
    "DEFAULT_INCLUDE",
    "MAX_FILE_BYTES",
    "Discovery",
    "discover",
    "read_bytes",
    "read_path",
]


def read_bytes(path: str, data: bytes, fmt: DocFormat | None = None) -> Document | SkippedInput:
    """Read one document from its bytes; ``fmt`` forces a format instead of detecting it."""
    try:
        decoded = decode(data)
    except NotText as exc:
        return SkippedInput(path, str(exc))
    chosen = fmt or detect(suffix(path), decoded.text)
    return READERS[chosen](path, decoded.text, decoded.warnings)


def suffix(path: str) -> str:
    """``Path(path).suffix`` without building a Path (a third of reading a small file).

    The usual path ends in a plain file name, whose suffix is read directly; a path ending
    in a separator, ``.`` or ``..`` goes to :mod:`pathlib`, which normalises it first.
    """
    name = os.path.basename(path)
    if not name or name in (".", ".."):
        return Path(path).suffix
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def read_path(path: str, fmt: DocFormat | None = None) -> Document | SkippedInput:
    """Read one file, or say in one line why it cannot be read."""
    target = path or "."  # what ``Path("")`` names
    try:
        size = os.stat(target).st_size
        if size > MAX_FILE_BYTES:
            return SkippedInput(path, f"file too large ({size} bytes > {MAX_FILE_BYTES})")
        with open(target, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        return SkippedInput(path, "no such file")
    except IsADirectoryError:
        return SkippedInput(path, "is a directory")
    except PermissionError:
        return SkippedInput(path, "permission denied (check the file's permissions)")
    except OSError as exc:
        return SkippedInput(path, f"cannot read: {exc.strerror or exc}")
    return read_bytes(path, data, fmt)
