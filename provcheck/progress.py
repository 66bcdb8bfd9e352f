"""Progress on stderr for long runs: a rich bar when stderr is a terminal, else nothing.

The pipeline reports phases (reading documents, checking links) with their totals; the
bar is transient, so nothing of it is left in a log or a piped stream.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


class RunProgress:
    """Phase-by-phase progress; silent when disabled or when stderr is not a terminal."""

    def __init__(self, *, enabled: bool = True, force: bool = False) -> None:
        self._force = force
        self._active = enabled and (force or sys.stderr.isatty())
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        self.counts: dict[str, int] = {}
        self._label = ""

    def __enter__(self) -> RunProgress:
        if self._active:
            # Imported here: a quiet or piped run (CI, batch jobs) never pays for rich's bar.
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._progress = Progress(
                TextColumn("[progress.description]{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True, force_terminal=True if self._force else None),
                transient=True,
            )
            self._progress.start()
        return self

    def phase(self, label: str, total: int) -> None:
        """Start a phase (``reading documents``, ``checking links``) of ``total`` steps."""
        self._label = label
        self.counts[label] = 0
        if self._progress is not None:
            if self._task is not None:
                self._progress.remove_task(self._task)
            self._task = self._progress.add_task(label, total=total)

    def advance(self, *_: Any) -> None:
        """One more step done in the current phase (accepts and ignores any argument)."""
        self.counts[self._label] = self.counts.get(self._label, 0) + 1
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()
