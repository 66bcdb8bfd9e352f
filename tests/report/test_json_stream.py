"""The JSON renderer writes a document at a time, yet gives exactly json.dumps of the payload."""

import json

from provcheck.models import Report
from provcheck.report.base import RenderOptions
from provcheck.report.json_renderer import render_json
from provcheck.report.report_json import report_payload
from tests.report.fixture_report import build_report


def _reference(report: Report) -> str:
    return json.dumps(report_payload(report), indent=2, ensure_ascii=False) + "\n"


def test_pieces_equal_the_whole_dump():
    report = build_report()
    assert render_json(report, RenderOptions()) == _reference(report)


def test_empty_report():
    report = Report(documents=(), generated_at="2024-01-01T00:00:00+00:00", tool_version="1")
    assert render_json(report, RenderOptions()) == _reference(report)
