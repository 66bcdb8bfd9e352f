"""What several test modules share: running the real command, serving on loopback."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import HTTPServer
from pathlib import Path


def run_provcheck(
    *args: str, stdin: str | None = None, cwd: Path | None = None, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """``python -m provcheck ARGS`` as a user would run it: no colour, no debug tracebacks."""
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("PROVCHECK_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "provcheck", *args],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=cwd,
        env=env,
        timeout=timeout,
        check=False,
    )


@contextmanager
def serving(server: HTTPServer) -> Iterator[str]:
    """Serve ``server`` (bound to 127.0.0.1) in a thread; yield its base URL; stop it after."""
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
