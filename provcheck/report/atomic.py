"""Write a report file all at once, or not at all.

A report is written to a temporary file in the same directory, as one string or piece by
piece as a streaming renderer makes it, and moved over the target with :func:`os.replace`
(atomic on POSIX and Windows) once complete. A crash, a full disk or a renderer error
therefore never leaves a half-written report, and an existing report stays intact until the
new one is complete.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO


def _pieces(text: str | Iterable[str]) -> Iterable[str]:
    return (text,) if isinstance(text, str) else text


def write_atomic(
    path: str | os.PathLike[str], text: str | Iterable[str], *, encoding: str = "utf-8"
) -> None:
    """Replace ``path`` with ``text`` (a string or its pieces) atomically.

    The temporary file is removed on any failure, a renderer failing half-way included.
    """
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            handle.writelines(_pieces(text))
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):  # keep the usual permissions, not mkstemp's 0600
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def render_to_file(path: str | os.PathLike[str], render: Callable[[], str]) -> None:
    """Render first, then write atomically: a renderer that raises leaves no file behind."""
    write_atomic(path, render())


def write_stream(stream: TextIO, text: str | Iterable[str]) -> None:
    """Write ``text`` (a string or its pieces) to ``stream``, ending it with a newline."""
    last = ""
    for piece in _pieces(text):
        stream.write(piece)
        last = piece or last
    if last and not last.endswith("\n"):
        stream.write("\n")
