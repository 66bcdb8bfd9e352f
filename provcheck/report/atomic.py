"""Write a report file all at once, or not at all.

A report is rendered to a string first, then written to a temporary file in the same
directory and moved over the target with :func:`os.replace` (atomic on POSIX and Windows).
A crash, a full disk or a renderer error therefore never leaves a half-written report, and
an existing report stays intact until the new one is complete.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomic(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> None:
    """Replace ``path`` with ``text`` atomically (the temp file is removed on any failure)."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
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
