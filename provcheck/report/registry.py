"""The table of report formats: one line per format, in the order ``--help`` lists them.

Adding a format means writing one render function and adding one row here; the CLI reads
names, extensions and descriptions from this table and nothing else.
"""

from __future__ import annotations

from provcheck.errors import UsageError
from provcheck.report.base import FunctionRenderer, Renderer
from provcheck.report.csv_renderer import (
    iter_documents_csv,
    iter_links_csv,
    render_documents_csv,
    render_links_csv,
)
from provcheck.report.html import render_html
from provcheck.report.json_renderer import iter_json, iter_jsonl, render_json, render_jsonl
from provcheck.report.junit import render_junit
from provcheck.report.markdown import render_markdown
from provcheck.report.sarif import iter_sarif, render_sarif
from provcheck.report.terminal import render_terminal

_ROWS: tuple[FunctionRenderer, ...] = (
    FunctionRenderer("table", "txt", render_terminal, "text for a person (colour on a terminal)"),
    FunctionRenderer(
        "json", "json", render_json, "the provcheck.report/1 JSON document", iter_json
    ),
    FunctionRenderer(
        "jsonl", "jsonl", render_jsonl, "one JSON line per document + a summary", iter_jsonl
    ),
    FunctionRenderer(
        "sarif", "sarif", render_sarif, "SARIF 2.1.0 for code-scanning dashboards", iter_sarif
    ),
    FunctionRenderer("junit", "xml", render_junit, "JUnit XML: a test case per document"),
    FunctionRenderer(
        "csv", "csv", render_documents_csv, "CSV, one row per document", iter_documents_csv
    ),
    FunctionRenderer("csv-links", "csv", render_links_csv, "CSV, one row per link", iter_links_csv),
    FunctionRenderer("markdown", "md", render_markdown, "Markdown for a CI job summary"),
    FunctionRenderer("html", "html", render_html, "one self-contained offline HTML page"),
)

#: Every report format by name, in display order.
RENDERERS: dict[str, Renderer] = {row.name: row for row in _ROWS}


class UnknownFormatError(UsageError):
    """The requested report format is not in :data:`RENDERERS`."""


def get_renderer(name: str) -> Renderer:
    """The renderer called ``name`` (case-insensitive); :class:`UnknownFormatError` if none."""
    try:
        return RENDERERS[name.strip().lower()]
    except KeyError:
        known = ", ".join(RENDERERS)
        raise UnknownFormatError(f"unknown report format {name!r}", f"one of: {known}") from None


def describe() -> list[tuple[str, str, str]]:
    """``(name, extension, description)`` per format, for ``--help`` and the docs."""
    return [(r.name, r.extension, r.description) for r in _ROWS]
