"""JSON and JSON Lines: the `provcheck.report/1` contract, for programs.

Both read :func:`provcheck.report.report_json.report_payload`, so the field names live in one
place. JSONL streams one document per line (easy to ``grep``/``jq`` and to append to), then a
final line holding the summary and skipped inputs.
"""

from __future__ import annotations

import json

from provcheck.models import Report
from provcheck.report.base import RenderOptions
from provcheck.report.report_json import REPORT_SCHEMA, report_payload


def render_json(report: Report, options: RenderOptions) -> str:
    """The whole report as one indented JSON document."""
    return json.dumps(report_payload(report), indent=2, ensure_ascii=False) + "\n"


def render_jsonl(report: Report, options: RenderOptions) -> str:
    """One ``{"type": "document", ...}`` line per document, then one ``"summary"`` line."""
    payload = report_payload(report)
    lines = [
        json.dumps({"type": "document", "schema": REPORT_SCHEMA, **doc}, ensure_ascii=False)
        for doc in payload["documents"]
    ]
    summary = {
        "type": "summary",
        "schema": REPORT_SCHEMA,
        "tool": payload["tool"],
        "generated_at": payload["generated_at"],
        "offline": payload["offline"],
        "skipped": payload["skipped"],
        "summary": payload["summary"],
    }
    lines.append(json.dumps(summary, ensure_ascii=False))
    return "\n".join(lines) + "\n"
