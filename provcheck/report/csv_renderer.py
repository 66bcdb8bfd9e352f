"""CSV tables for spreadsheets and archivists' inventories: documents, and links.

Two registry entries, one table each (``csv`` = one row per document, ``csv-links`` = one row
per link occurrence), so each file has one header and loads into any spreadsheet. Text that
came from the documents is untrusted: a cell starting with ``=``, ``+``, ``-``, ``@`` or a
control character is prefixed with ``'`` so that spreadsheets do not run it as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence

from provcheck.models import Report
from provcheck.report.base import RenderOptions
from provcheck.report.views import SEVERITIES, document_row, link_rows, one_line

DOCUMENT_COLUMNS: tuple[str, ...] = (
    "path",
    "title",
    "date",
    "date_source",
    "score",
    "band",
    "provisional",
    "links",
    "broken",
    "unverified",
    "findings_error",
    "findings_warning",
    "findings_info",
    "top_reason",
)

LINK_COLUMNS: tuple[str, ...] = (
    "path",
    "line",
    "url",
    "role",
    "state",
    "http_status",
    "final_url",
    "hops",
    "reason",
    "archived_url",
    "target_date",
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Characters of CSV text gathered before a piece is handed on (streamed output).
_PIECE = 64 * 1024


def cell(value: str | int | bool | None) -> str:
    """One CSV cell: numbers as written, booleans lower-case, text defused against formulas."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return str(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def iter_table(
    header: Sequence[str], rows: Iterable[Sequence[str | int | bool | None]]
) -> Iterator[str]:
    """The CSV text of a header and rows, in pieces of about :data:`_PIECE` characters."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(v) for v in row])
        if out.tell() >= _PIECE:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def _document_rows(report: Report) -> Iterator[tuple[str | int | bool | None, ...]]:
    for doc in report.documents:
        row = document_row(doc)
        yield (
            row.path,
            one_line(row.title),
            row.date,
            row.date_source,
            row.score,
            row.band,
            row.provisional,
            row.links,
            row.broken,
            row.unverified,
            *(row.findings[s] for s in SEVERITIES),
            one_line(row.top_reason),
        )


def _link_rows(report: Report) -> Iterator[tuple[str | int | bool | None, ...]]:
    for doc in report.documents:
        for link in link_rows(doc):
            yield (
                link.path,
                link.line,
                link.url,
                link.role,
                link.state.value,
                link.http_status,
                link.final_url,
                len(link.hops),
                one_line(link.reason),
                link.archived_url,
                link.target_date,
            )


def iter_documents_csv(report: Report, options: RenderOptions | None = None) -> Iterator[str]:
    return iter_table(DOCUMENT_COLUMNS, _document_rows(report))


def iter_links_csv(report: Report, options: RenderOptions | None = None) -> Iterator[str]:
    return iter_table(LINK_COLUMNS, _link_rows(report))


def render_documents_csv(report: Report, options: RenderOptions) -> str:
    return "".join(iter_documents_csv(report))


def render_links_csv(report: Report, options: RenderOptions) -> str:
    return "".join(iter_links_csv(report))
