"""Progress on stderr for long runs: a rich bar when stderr is a terminal, else nothing."""

from __future__ import annotations

import sys
from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from provcheck.models import LinkStatus


class LinkProgress:
    """Counts checked links; silent when disabled or when stderr is not a terminal."""

    def __init__(self, *, enabled: bool = True, label: str = "checking links") -> None:
        self._console = Console(stderr=True)
        self._active = enabled and sys.stderr.isatty()
        self._progress: Progress | None = None
        self._task: object = None
        self._label = label
        self.count = 0

    def __enter__(self) -> LinkProgress:
        if self._active:
            self._progress = Progress(
                TextColumn("[progress.description]{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=self._console,
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task(self._label, total=None)
        return self

    def advance(self, status: LinkStatus) -> None:
        self.count += 1
        if self._progress is not None:
            self._progress.update(self._task, advance=1, description=f"{self._label}")  # type: ignore[arg-type]

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()
