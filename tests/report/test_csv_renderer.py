"""CSV tables parse back to the same facts, and untrusted text cannot become a formula."""

from __future__ import annotations

import csv
import io

import pytest

from provcheck.models import Report
from provcheck.report.base import RenderOptions
from provcheck.report.csv_renderer import (
    DOCUMENT_COLUMNS,
    LINK_COLUMNS,
    cell,
    render_documents_csv,
    render_links_csv,
)
from tests.report.fixture_report import DOC_A, DOC_B, DOC_C, HOSTILE_TITLE, with_title


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_documents_table(report: Report) -> None:
    text = render_documents_csv(report, RenderOptions())
    assert text.splitlines()[0] == ",".join(DOCUMENT_COLUMNS)
    rows = {r["path"]: r for r in _rows(text)}
    assert list(rows) == [DOC_A, DOC_B, DOC_C]
    assert rows[DOC_B]["title"] == HOSTILE_TITLE  # quotes and commas survive the round trip
    assert rows[DOC_B]["broken"] == "3"  # broken, soft-404, timeout
    assert rows[DOC_B]["findings_error"] == "4"
    assert rows[DOC_B]["top_reason"] == "link dated after publication (PV101, -25)"
    assert rows[DOC_C]["date"] == ""
    assert rows[DOC_C]["provisional"] == "true"
    assert rows[DOC_C]["unverified"] == "3"  # unverified, rate-limited, never checked
    assert rows[DOC_A]["date_source"] == "dateline"


def test_links_table(report: Report) -> None:
    text = render_links_csv(report, RenderOptions())
    assert text.splitlines()[0] == ",".join(LINK_COLUMNS)
    rows = _rows(text)
    assert len(rows) == sum(len(d.extracted.links) for d in report.documents)
    redirected = next(r for r in rows if r["url"] == "http://transport.example/bridge-works")
    assert redirected["hops"] == "3"
    assert redirected["final_url"] == "https://www.transport.example/projects/bridge-works"
    broken = next(r for r in rows if r["state"] == "broken")
    assert broken["archived_url"].startswith("https://archive.example/web/2019")
    assert broken["http_status"] == "404"
    anachronism = next(r for r in rows if r["line"] == "30")
    assert anachronism["target_date"] == "2023-01-05"


@pytest.mark.parametrize("evil", ['=HYPERLINK("http://x.test")', "+1", "-2+3", "@SUM(A1)"])
def test_formulas_are_defused(report: Report, evil: str) -> None:
    changed = with_title(report, evil)
    row = _rows(render_documents_csv(changed, RenderOptions()))[0]
    assert row["title"] == "'" + evil


def test_cell_types() -> None:
    assert cell(None) == ""
    assert cell(True) == "true"
    assert cell(-3) == "-3"  # numbers are not defused
    assert cell("plain") == "plain"
