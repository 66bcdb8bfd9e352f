"""JSON and JSONL follow the provcheck.report/1 contract, checked by its JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from provcheck.models import Report
from provcheck.report.base import RenderOptions
from provcheck.report.json_renderer import render_json, render_jsonl
from provcheck.report.report_json import report_payload

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "schema" / "report-1.schema.json"


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(data)
    return data


def _errors(schema: dict[str, Any], data: object) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema)
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(data)]


def test_json_is_the_payload_and_validates(report: Report, schema: dict[str, Any]) -> None:
    text = render_json(report, RenderOptions())
    data = json.loads(text)
    assert data == json.loads(json.dumps(report_payload(report)))
    assert _errors(schema, data) == []
    assert data["documents"][1]["title"]["value"].startswith("Council budget | ")


def test_json_keeps_non_ascii_readable(report: Report) -> None:
    assert "riverside café market" in render_json(report, RenderOptions())
    assert "riverside café market" in render_jsonl(report, RenderOptions())


def test_schema_rejects_a_drifted_contract(report: Report, schema: dict[str, Any]) -> None:
    data = json.loads(render_json(report, RenderOptions()))
    data["documents"][0]["links"][0]["status"]["state"] = "dead"
    data["documents"][0]["surprise"] = 1
    errors = _errors(schema, data)
    assert any("'dead'" in e for e in errors)
    assert any("surprise" in e for e in errors)


def test_jsonl_one_document_per_line_then_summary(report: Report, schema: dict[str, Any]) -> None:
    lines = render_jsonl(report, RenderOptions()).splitlines()
    assert len(lines) == len(report.documents) + 1
    records = [json.loads(line) for line in lines]
    assert [r["type"] for r in records] == ["document"] * 3 + ["summary"]
    document_schema = {"$ref": "#/$defs/document", "$defs": schema["$defs"]}
    for record, doc in zip(records, report.documents, strict=False):
        assert record["path"] == doc.extracted.path
        assert _errors(document_schema, record) == []
    summary = records[-1]
    assert summary["summary"]["documents"] == 3
    assert summary["skipped"] == [
        {"path": "archive/scans/front-page.pdf", "reason": "unsupported format: application/pdf"}
    ]
