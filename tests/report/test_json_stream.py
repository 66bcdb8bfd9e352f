"""The JSON-like renderers write a document at a time, yet give exactly json.dumps output."""

import json

from provcheck.models import Report
from provcheck.report.base import RenderOptions
from provcheck.report.json_renderer import iter_jsonl, render_json
from provcheck.report.json_stream import iter_dumps, placeholder
from provcheck.report.report_json import report_payload
from provcheck.report.sarif import iter_sarif, sarif_payload
from tests.report.fixture_report import build_report


def _reference(report: Report) -> str:
    return json.dumps(report_payload(report), indent=2, ensure_ascii=False) + "\n"


def test_pieces_equal_the_whole_dump():
    report = build_report()
    assert render_json(report, RenderOptions()) == _reference(report)


def test_empty_report():
    report = Report(documents=(), generated_at="2024-01-01T00:00:00+00:00", tool_version="1")
    assert render_json(report, RenderOptions()) == _reference(report)


def test_streamed_arrays_anywhere_in_the_payload():
    first, second, third = placeholder(), placeholder(), placeholder()
    payload = {"a": [{"deep": first, "x": "é"}], "b": second, "c": {"d": third}}
    items = {first: iter([{"k": [1, 2]}, "two"]), second: iter([]), third: (n for n in range(2))}
    expected = {"a": [{"deep": [{"k": [1, 2]}, "two"], "x": "é"}], "b": [], "c": {"d": [0, 1]}}
    assert "".join(iter_dumps(payload, items)) == json.dumps(expected, indent=2, ensure_ascii=False)


def test_jsonl_and_sarif_pieces_equal_their_payloads():
    report = build_report()
    lines = "".join(iter_jsonl(report)).splitlines()
    assert len(lines) == len(report.documents) + 1
    assert [json.loads(line)["path"] for line in lines[:-1]] == [
        d.extracted.path for d in report.documents
    ]
    expected = json.dumps(sarif_payload(report), indent=2, ensure_ascii=False) + "\n"
    assert "".join(iter_sarif(report)) == expected
    assert sarif_payload(report)["runs"][0]["results"]


def test_late_values_are_computed_when_reached():
    items, total = placeholder(), placeholder()
    seen: list[int] = []

    def count():
        return {"seen": len(seen), "nested": {"ok": True}}

    payload = {"items": items, "total": total}
    pieces = iter_dumps(payload, {items: (seen.append(n) or n for n in range(3))}, {total: count})
    expected = {"items": [0, 1, 2], "total": {"seen": 3, "nested": {"ok": True}}}
    assert "".join(pieces) == json.dumps(expected, indent=2, ensure_ascii=False)


def test_summary_is_tallied_while_documents_are_written():
    report = build_report()
    text = "".join(iter_jsonl(report))
    assert json.loads(text.splitlines()[-1])["summary"] == report_payload(report)["summary"]
