"""Markdown for CI summaries: untrusted text is inert and tables stay intact."""

from __future__ import annotations

import pytest

from provcheck.models import Report
from provcheck.report.base import RenderOptions
from provcheck.report.markdown import md_code, md_text, render_markdown
from tests.report.fixture_report import DOC_B


def test_no_raw_html_from_documents(report: Report) -> None:
    text = render_markdown(report, RenderOptions())
    assert "<script>" not in text
    assert "<img" not in text
    assert "&lt;script&gt;" in text


def test_table_rows_have_constant_cell_count(report: Report) -> None:
    text = render_markdown(report, RenderOptions())
    table = [line for line in text.splitlines() if line.startswith("| ") and "Score" not in line]
    doc_rows = [line for line in table if "`archive/" in line and "<br>" in line]
    assert len(doc_rows) == 3
    for line in doc_rows:
        unescaped = line.replace("\\|", "")
        assert unescaped.count("|") == 9  # 8 columns


def test_findings_grouped_with_locations(report: Report) -> None:
    text = render_markdown(report, RenderOptions())
    errors = text.index("Errors (4)")
    warnings = text.index("Warnings (5)")
    assert errors < text.index(f"`{DOC_B}:30` **PV101**") < warnings
    assert "Earlier coverage \\| now redirects" in text
    assert text.count("<details>") == 3
    assert text.count("</details>") == 3


def test_quiet_drops_notes_and_details(report: Report) -> None:
    text = render_markdown(report, RenderOptions(quiet=True))
    assert "Notes (" not in text
    assert "<details>" not in text
    assert "Errors (4)" in text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a|b", "a\\|b"),
        ("**bold** _x_", "\\*\\*bold\\*\\* \\_x\\_"),
        ("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"),
        ("two\nlines", "two lines"),
        ("[link](http://x.test)", "\\[link\\](http://x.test)"),
    ],
)
def test_md_text(raw: str, expected: str) -> None:
    assert md_text(raw) == expected


def test_md_code() -> None:
    assert md_code("a|b") == "`a\\|b`"
    assert md_code("x`y") == "`` x`y ``"
