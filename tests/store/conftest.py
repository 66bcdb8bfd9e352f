"""Fixtures for the run store tests: a fresh store file in tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from provcheck.store import RunStore


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "runs.db"


@pytest.fixture
def store(store_path: Path) -> Iterator[RunStore]:
    with RunStore(store_path) as opened:
        yield opened
