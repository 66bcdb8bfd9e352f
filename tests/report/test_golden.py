"""Golden files for the text formats: any change in output shows up as a reviewable diff."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from provcheck.models import Report, Severity
from provcheck.report.base import RenderOptions
from provcheck.report.registry import get_renderer

CASES = [
    ("table", RenderOptions(), "table.txt"),
    ("table", RenderOptions(verbose=True), "table-verbose.txt"),
    ("table", RenderOptions(quiet=True), "table-quiet.txt"),
    ("markdown", RenderOptions(), "report.md"),
    ("csv", RenderOptions(), "documents.csv"),
    ("csv-links", RenderOptions(), "links.csv"),
    ("junit", RenderOptions(), "junit.xml"),
    ("junit", RenderOptions(fail_on=Severity.WARNING), "junit-warning.xml"),
]


@pytest.mark.parametrize(("fmt", "options", "name"), CASES, ids=[c[2] for c in CASES])
def test_matches_golden(
    report: Report,
    golden: Callable[[str, str], None],
    fmt: str,
    options: RenderOptions,
    name: str,
) -> None:
    golden(name, get_renderer(fmt).render(report, options))
