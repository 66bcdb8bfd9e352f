"""A minimal Chrome DevTools Protocol client over ``--remote-debugging-pipe``, for tests.

The pipe transport needs no port and no websocket library: Chromium reads commands from fd 3
and writes replies and events to fd 4, each a JSON text ended by a NUL byte. The child moves
our pipe ends onto fds 3 and 4 between fork and exec.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Any

#: Where Debian's package puts the browser; tests are skipped without it.
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")

#: Guard against a hung browser (not a timing assertion: generous on purpose).
WAIT_SECONDS = 60.0


def find_chromium() -> str | None:
    for candidate in CHROMIUM_CANDIDATES:
        if os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("chromium")


class CdpError(RuntimeError):
    pass


class Browser:
    """One headless Chromium with one page session; use as a context manager."""

    def __init__(self, executable: str) -> None:
        self._profile = tempfile.mkdtemp(prefix="provcheck-chromium-")
        cmd_r, self._cmd_w = os.pipe()
        self._res_r, res_w = os.pipe()
        args = [
            executable,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--no-first-run",
            "--no-default-browser-check",
            "--mute-audio",
            f"--user-data-dir={self._profile}",
            "--remote-debugging-pipe",
            "about:blank",
        ]

        def onto_fds_3_and_4() -> None:  # runs in the child, between fork and exec
            a, b = os.dup(cmd_r), os.dup(res_w)  # copies first: cmd_r or res_w may be 3 or 4
            os.dup2(a, 3)
            os.dup2(b, 4)

        self._proc = subprocess.Popen(
            args,
            close_fds=False,  # os.pipe() ends are non-inheritable; only fds 3 and 4 pass
            preexec_fn=onto_fds_3_and_4,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=None if os.environ.get("PROVCHECK_CDP_DEBUG") else subprocess.DEVNULL,
        )
        os.close(cmd_r)
        os.close(res_w)
        self._next_id = 0
        self._inbox: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.events: list[dict[str, Any]] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.session = ""

    def _read(self) -> None:
        buffer = b""
        while True:
            chunk = os.read(self._res_r, 1 << 16)
            if not chunk:
                self._inbox.put(None)
                return
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for message in messages:
                self._inbox.put(json.loads(message))

    def send(self, method: str, params: dict[str, Any] | None = None, *, page: bool = True) -> Any:
        """Send a command and wait for its reply; events seen meanwhile go to ``events``."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if page and self.session:
            message["sessionId"] = self.session
        os.write(self._cmd_w, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._get()
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise CdpError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def _get(self) -> dict[str, Any]:
        try:
            item = self._inbox.get(timeout=WAIT_SECONDS)
        except queue.Empty as exc:
            raise CdpError("browser did not answer") from exc
        if item is None:
            raise CdpError("browser closed the pipe")
        if "method" in item:
            self.events.append(item)
        return item

    def wait_event(self, method: str) -> dict[str, Any]:
        for event in self.events:
            if event["method"] == method:
                return event
        while True:
            item = self._get()
            if item.get("method") == method:
                return item

    def open_page(self, width: int, height: int) -> None:
        target = self.send("Target.createTarget", {"url": "about:blank"}, page=False)
        attached = self.send(
            "Target.attachToTarget", {"targetId": target["targetId"], "flatten": True}, page=False
        )
        self.session = attached["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
        )

    def navigate(self, url: str) -> None:
        self.events.clear()
        self.send("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        result = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in result:
            raise CdpError(f"{expression!r}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self) -> bytes:
        data = self.send("Page.captureScreenshot", {"format": "png"})["data"]
        return base64.b64decode(data)

    def print_pdf(self) -> bytes:
        return base64.b64decode(self.send("Page.printToPDF", {})["data"])

    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions and error log entries (CSP violations ...)."""
        found = []
        for event in self.events:
            method, params = event["method"], event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(json.dumps(params.get("exceptionDetails", {}))[:500])
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append(json.dumps(params.get("args", []))[:500])
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                found.append(params["entry"].get("text", "")[:500])
        return found

    def close(self) -> None:
        with contextlib.suppress(CdpError, OSError):
            self.send("Browser.close", page=False)
        try:
            self._proc.wait(timeout=WAIT_SECONDS)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        os.close(self._cmd_w)
        self._reader.join(timeout=WAIT_SECONDS)
        os.close(self._res_r)
        shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def file_url(path: Path) -> str:
    return path.resolve().as_uri()
