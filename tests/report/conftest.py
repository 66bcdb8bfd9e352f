"""Shared fixtures for the renderer tests: the one hand-built report and golden-file checks."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from provcheck.models import Report
from tests.report.fixture_report import build_report

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def report() -> Report:
    return build_report()


@pytest.fixture
def golden() -> Callable[[str, str], None]:
    """Compare text with ``golden/<name>``; ``PROVCHECK_UPDATE_GOLDEN=1`` rewrites the file."""

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if os.environ.get("PROVCHECK_UPDATE_GOLDEN") == "1":
            with path.open("w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        assert path.exists(), f"missing golden file {name}: run with PROVCHECK_UPDATE_GOLDEN=1"
        with path.open(encoding="utf-8", newline="") as handle:
            expected = handle.read()
        assert text == expected, (
            f"{name} differs from the golden file; if the change is intended, "
            "regenerate with PROVCHECK_UPDATE_GOLDEN=1 and review the diff"
        )

    return check
