"""SARIF output validates against the OASIS 2.1.0 schema and maps findings faithfully."""

from __future__ import annotations

import dataclasses
import json
import sys
import types
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from provcheck.models import Report, Severity
from provcheck.report.base import RenderOptions
from provcheck.report.sarif import artifact_uri, render_sarif, sarif_payload

SCHEMA = Path(__file__).parent / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


@dataclass(frozen=True)
class _Docs:
    what: str
    why: str
    example: str
    fix: str


@dataclass(frozen=True)
class _Rule:
    id: str
    name: str
    severity: Severity
    summary: str
    docs: _Docs


@pytest.fixture
def fake_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("provcheck.rules.registry")
    module.RULES = (  # type: ignore[attr-defined]
        _Rule(
            "PV301",
            "broken-link",
            Severity.ERROR,
            "A link fails after retries.",
            _Docs("Checks each link.", "Dead sources.", "`http://x.test/gone`", "Use a snapshot."),
        ),
    )
    monkeypatch.setitem(sys.modules, "provcheck.rules.registry", module)


@pytest.fixture
def no_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "provcheck.rules.registry", None)  # import raises


def test_validates_against_the_schema(
    report: Report, validator: jsonschema.Draft4Validator, no_registry: None
) -> None:
    data = json.loads(render_sarif(report, RenderOptions()))
    assert sorted(str(e.message) for e in validator.iter_errors(data)) == []
    assert data["version"] == "2.1.0"


def test_validates_with_the_real_registry_if_present(
    report: Report, validator: jsonschema.Draft4Validator
) -> None:
    data = json.loads(render_sarif(report, RenderOptions()))
    assert list(validator.iter_errors(data)) == []


def test_results_map_findings(report: Report, no_registry: None) -> None:
    run = sarif_payload(report)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    results = run["results"]
    assert len(results) == sum(len(d.findings) for d in report.documents)
    for result in results:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert [r["id"] for r in rules] == sorted({r["ruleId"] for r in results})
    levels = {r["ruleId"]: r["level"] for r in results}
    assert levels["PV306"] == "error"
    assert levels["PV302"] == "warning"
    assert levels["PV308"] == "note"
    anachronism = next(r for r in results if r["ruleId"] == "PV101")
    location = anachronism["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {
        "uri": "archive/2019/council-budget.html",
        "uriBaseId": "%SRCROOT%",
    }
    assert location["region"] == {"startLine": 30}
    props = anachronism["properties"]
    assert props["provenanceScore"] == 35
    assert props["confidence"] == "high"
    assert props["url"] == "https://news.example/2023/01/05/new-mayor"
    assert props["evidence"]["target_date"] == "2023-01-05"
    missing_date = next(r for r in results if r["ruleId"] == "PV201")
    assert "region" not in missing_date["locations"][0]["physicalLocation"]


def test_rule_docs_come_from_the_registry(report: Report, fake_registry: None) -> None:
    rules = {r["id"]: r for r in sarif_payload(report)["runs"][0]["tool"]["driver"]["rules"]}
    broken = rules["PV301"]
    assert broken["shortDescription"]["text"] == "A link fails after retries."
    assert broken["fullDescription"]["text"] == "Checks each link."
    assert "## How to fix\n\nUse a snapshot." in broken["help"]["markdown"]
    assert "Why it matters: Dead sources." in broken["help"]["text"]
    assert broken["defaultConfiguration"]["level"] == "error"
    # rules missing from the registry fall back to the finding's own name
    assert rules["PV201"]["shortDescription"]["text"] == "missing date"


def test_skipped_inputs_become_notifications(report: Report, no_registry: None) -> None:
    invocation = sarif_payload(report)["runs"][0]["invocations"][0]
    notes = invocation["toolExecutionNotifications"]
    assert invocation["executionSuccessful"] is True
    assert [n["message"]["text"] for n in notes] == [
        "skipped archive/scans/front-page.pdf: unsupported format: application/pdf"
    ]


def _fingerprints(report: Report) -> list[str]:
    results = sarif_payload(report)["runs"][0]["results"]
    return [r["partialFingerprints"]["provcheckFinding/v1"] for r in results]


def test_fingerprints_are_unique_and_ignore_line_moves(report: Report, no_registry: None) -> None:
    before = _fingerprints(report)
    assert len(set(before)) == len(before)
    doc = report.documents[0]
    moved = tuple(dataclasses.replace(f, line=(f.line or 0) + 5) for f in doc.findings)
    shifted = dataclasses.replace(report, documents=(dataclasses.replace(doc, findings=moved),))
    assert _fingerprints(shifted) == before[: len(moved)]


@pytest.mark.parametrize(
    ("path", "uri", "base"),
    [
        ("docs/a b.md", "docs/a%20b.md", "%SRCROOT%"),
        ("docs\\win.md", "docs/win.md", "%SRCROOT%"),
        ("/srv/archive/x.md", "file:///srv/archive/x.md", None),
        ("C:\\archive\\x.md", "file:///C:/archive/x.md", None),
    ],
)
def test_artifact_uri(path: str, uri: str, base: str | None) -> None:
    assert artifact_uri(path) == (uri, base)


def test_empty_report_validates(validator: jsonschema.Draft4Validator) -> None:
    data: Any = sarif_payload(Report(documents=()))
    assert list(validator.iter_errors(data)) == []
    assert data["runs"][0]["results"] == []
