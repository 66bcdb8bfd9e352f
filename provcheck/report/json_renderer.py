"""JSON and JSON Lines: the `provcheck.report/1` contract, for programs.

Both read :func:`provcheck.report.report_json.report_payload`'s field names (the payload
itself for the summary, :func:`~provcheck.report.report_json.audited_to_dict` for each
document), so the names live in one place. JSONL streams one document per line (easy to
``grep``/``jq`` and to append to), then a final line holding the summary and skipped inputs.

Both are written a document at a time (:func:`iter_json`, :func:`iter_jsonl`): a batch of
thousands of documents never exists as one list of dicts or one string.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator
from typing import Any

from provcheck.models import Report
from provcheck.report.base import RenderOptions
from provcheck.report.json_stream import iter_dumps, placeholder
from provcheck.report.report_json import (
    REPORT_SCHEMA,
    SummaryTally,
    audited_to_dict,
    report_payload,
)


def _head(report: Report) -> dict[str, Any]:
    """Every top-level key of the payload in order, documents and summary left empty."""
    return report_payload(dataclasses.replace(report, documents=()))


def iter_payload(report: Report, *, compact: bool = False) -> Iterator[str]:
    """``json.dumps(report_payload(report), indent=2)`` (or its one-line form) in pieces, one
    document's dict alive at a time.

    The summary comes after the documents, so it is tallied as they are written: one read
    of each document.
    """
    head = _head(report)
    tally = SummaryTally()
    documents, summary = placeholder(), placeholder()
    head["documents"], head["summary"] = documents, summary
    streamed = (audited_to_dict(tally.add(doc)) for doc in report.documents)
    yield from iter_dumps(
        head,
        {documents: streamed},
        {summary: lambda: tally.summary(len(report.skipped))},
        compact=compact,
    )


def iter_json(report: Report, options: RenderOptions | None = None) -> Iterator[str]:
    """The indented JSON document in pieces (:func:`iter_payload`, then a newline)."""
    yield from iter_payload(report)
    yield "\n"


def render_json(report: Report, options: RenderOptions) -> str:
    """The whole report as one indented JSON document."""
    return "".join(iter_json(report))


def iter_jsonl(report: Report, options: RenderOptions | None = None) -> Iterator[str]:
    """One ``{"type": "document", ...}`` line per document, then one ``"summary"`` line."""
    tally = SummaryTally()
    for doc in report.documents:
        line = {"type": "document", "schema": REPORT_SCHEMA, **audited_to_dict(tally.add(doc))}
        yield json.dumps(line, ensure_ascii=False) + "\n"
    head = _head(report)
    summary = {
        "type": "summary",
        "schema": REPORT_SCHEMA,
        "tool": head["tool"],
        "generated_at": head["generated_at"],
        "offline": head["offline"],
        "skipped": head["skipped"],
        "summary": tally.summary(len(report.skipped)),
    }
    yield json.dumps(summary, ensure_ascii=False) + "\n"


def render_jsonl(report: Report, options: RenderOptions) -> str:
    """The JSON Lines report as one string (:func:`iter_jsonl` joined)."""
    return "".join(iter_jsonl(report))
