"""Who may send a request when: global and per-host limits, per-host pacing and backoff.

Politeness is per host: at most ``per_host_concurrency`` requests in flight to one host, request
starts at least ``per_host_interval`` apart, and a host that answers 429/503 with Retry-After
is paused as a whole while every other host carries on. A request waits for its host first and
only then takes one of the ``max_concurrency`` global slots, so a paused host never holds global
slots that other hosts could use.

The retry budget bounds the retries of the whole run, so a site that fails everything cannot
multiply the run's length by ``max_retries``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field


@dataclass(slots=True)
class _Host:
    slots: asyncio.Semaphore
    next_start: float = 0.0
    paused_until: float = 0.0


@dataclass(slots=True)
class HostScheduler:
    """Hands out request slots; one instance per run (bound to the running event loop)."""

    max_concurrency: int
    per_host_concurrency: int
    per_host_interval: float
    clock: Callable[[], float] = time.monotonic
    _global: asyncio.Semaphore = field(init=False)
    _hosts: dict[str, _Host] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._global = asyncio.Semaphore(max(1, self.max_concurrency))

    def _host(self, host: str) -> _Host:
        key = host.lower()
        state = self._hosts.get(key)
        if state is None:
            state = _Host(asyncio.Semaphore(max(1, self.per_host_concurrency)))
            self._hosts[key] = state
        return state

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        """Hold a request slot for ``host`` for the duration of one request."""
        state = self._host(host)
        async with state.slots:
            while True:  # the pause may grow while we sleep: check again after each sleep
                now = self.clock()
                start = max(state.next_start, state.paused_until)
                if start <= now:
                    state.next_start = now + self.per_host_interval
                    break
                await asyncio.sleep(start - now)
            async with self._global:
                yield

    def pause(self, host: str, seconds: float) -> None:
        """Hold every new request to ``host`` back for ``seconds`` (server-driven backoff)."""
        state = self._host(host)
        state.paused_until = max(state.paused_until, self.clock() + seconds)


@dataclass(slots=True)
class RetryBudget:
    """Retries left for the whole run."""

    left: int
    used: int = 0

    def take(self) -> bool:
        """Spend one retry if any is left."""
        if self.left <= 0:
            return False
        self.left -= 1
        self.used += 1
        return True
