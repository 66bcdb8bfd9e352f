"""JSON and JSON Lines: the `provcheck.report/1` contract, for programs.

Both read :func:`provcheck.report.report_json.report_payload`, so the field names live in one
place. JSONL streams one document per line (easy to ``grep``/``jq`` and to append to), then a
final line holding the summary and skipped inputs.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from provcheck.models import Report
from provcheck.report.base import RenderOptions
from provcheck.report.report_json import (
    REPORT_SCHEMA,
    audited_to_dict,
    report_payload,
    summarize,
)


def iter_json(report: Report) -> Iterator[str]:
    """The indented JSON document in pieces, one document's dict alive at a time.

    The text is exactly ``json.dumps(report_payload(report), indent=2)``; building it a
    document at a time keeps a batch of thousands of documents from holding the whole
    report as Python dicts (several times the size of the text) while it is written.
    """
    shell = Report(
        documents=(),
        skipped=report.skipped,
        generated_at=report.generated_at,
        tool_version=report.tool_version,
        offline=report.offline,
    )
    head = report_payload(shell)  # every top-level key in order, documents empty
    head["summary"] = summarize(report)
    keys = list(head)
    for index, key in enumerate(keys):
        opening = "{\n" if index == 0 else ""
        closing = ",\n" if index < len(keys) - 1 else "\n}\n"
        name = json.dumps(key, ensure_ascii=False)
        if key == "documents":
            if not report.documents:
                yield f"{opening}  {name}: []{closing}"
                continue
            yield f"{opening}  {name}: [\n"
            for n, doc in enumerate(report.documents):
                text = json.dumps(audited_to_dict(doc), indent=2, ensure_ascii=False)
                yield "    " + text.replace("\n", "\n    ")
                yield ",\n" if n < len(report.documents) - 1 else "\n"
            yield f"  ]{closing}"
            continue
        text = json.dumps(head[key], indent=2, ensure_ascii=False).replace("\n", "\n  ")
        yield f"{opening}  {name}: {text}{closing}"


def render_json(report: Report, options: RenderOptions) -> str:
    """The whole report as one indented JSON document."""
    return "".join(iter_json(report))


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
