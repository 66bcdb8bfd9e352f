"""Per-host pacing and backoff, checked with a fake clock (no timing in the assertions)."""

from __future__ import annotations

import asyncio

import pytest

from provcheck.crawl.scheduler import HostScheduler, RetryBudget


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 3))
        self.now += seconds


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeTime:
    fake = FakeTime()
    monkeypatch.setattr("provcheck.crawl.scheduler.asyncio.sleep", fake.sleep)
    return fake


def test_pause_holds_only_that_host(fake: FakeTime) -> None:
    async def run() -> None:
        sched = HostScheduler(8, 2, 0.0, clock=fake.clock)
        sched.pause("slow.example", 5)
        async with sched.slot("fast.example"):
            pass
        assert fake.sleeps == []
        async with sched.slot("slow.example"):
            pass
        assert fake.sleeps == [5.0]

    asyncio.run(run())


def test_interval_between_requests_to_one_host(fake: FakeTime) -> None:
    async def run() -> None:
        sched = HostScheduler(8, 4, 0.25, clock=fake.clock)
        for _ in range(3):
            async with sched.slot("news.example"):
                pass
        async with sched.slot("other.example"):
            pass
        assert fake.sleeps == [0.25, 0.25]

    asyncio.run(run())


def test_per_host_concurrency_limit() -> None:
    async def run() -> int:
        sched = HostScheduler(10, 2, 0.0)
        inside = peak = 0

        async def one() -> None:
            nonlocal inside, peak
            async with sched.slot("news.example"):
                inside += 1
                peak = max(peak, inside)
                await asyncio.sleep(0)
                await asyncio.sleep(0)
                inside -= 1

        await asyncio.gather(*(one() for _ in range(6)))
        return peak

    assert asyncio.run(run()) == 2


def test_retry_budget() -> None:
    budget = RetryBudget(2)
    assert budget.take()
    assert budget.take()
    assert not budget.take()
    assert budget.used == 2
