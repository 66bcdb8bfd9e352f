"""The table of report formats: one line per format, in the order ``--help`` lists them.

Adding a format means writing one render function and adding one row here; the CLI reads
names, extensions and descriptions from this table and nothing else.
"""

from __future__ import annotations

from provcheck.errors import UsageError
from provcheck.report.base import ModuleRenderer, Renderer

#: name, file extension, module and function(s) (imported when the format is used), description.
_ROWS: tuple[ModuleRenderer, ...] = (
    ModuleRenderer(
        "table", "txt", "terminal", "render_terminal", "text for a person (colour on a terminal)",
        "iter_terminal",
    ),
    ModuleRenderer(
        "json", "json", "json_renderer", "render_json", "the provcheck.report/1 JSON document",
        "iter_json",
    ),
    ModuleRenderer(
        "jsonl", "jsonl", "json_renderer", "render_jsonl",
        "one JSON line per document + a summary", "iter_jsonl",
    ),
    ModuleRenderer(
        "sarif", "sarif", "sarif", "render_sarif", "SARIF 2.1.0 for code-scanning dashboards",
        "iter_sarif",
    ),
    ModuleRenderer(
        "junit", "xml", "junit", "render_junit", "JUnit XML: a test case per document",
        "iter_junit",
    ),
    ModuleRenderer(
        "csv", "csv", "csv_renderer", "render_documents_csv", "CSV, one row per document",
        "iter_documents_csv",
    ),
    ModuleRenderer(
        "csv-links", "csv", "csv_renderer", "render_links_csv", "CSV, one row per link",
        "iter_links_csv",
    ),
    ModuleRenderer(
        "markdown", "md", "markdown", "render_markdown", "Markdown for a CI job summary",
        "iter_markdown",
    ),
    ModuleRenderer(
        "html", "html", "html", "render_html", "one self-contained offline HTML page",
        "iter_html",
    ),
)  # fmt: skip

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
