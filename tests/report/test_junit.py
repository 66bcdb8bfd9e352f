"""JUnit XML: well-formed, counts right, gated by ``fail_on``."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

from provcheck.models import Certainty, Finding, Report, Severity
from provcheck.report.base import RenderOptions
from provcheck.report.junit import render_junit
from tests.report.fixture_report import DOC_B, SKIPPED


def _suite(report: Report, fail_on: Severity = Severity.ERROR) -> ET.Element:
    root = ET.fromstring(render_junit(report, RenderOptions(fail_on=fail_on)))
    suite = root.find("testsuite")
    assert suite is not None
    return suite


def test_one_case_per_document_and_skipped_input(report: Report) -> None:
    suite = _suite(report)
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == [
        *(d.extracted.path for d in report.documents),
        SKIPPED,
    ]
    assert suite.get("tests") == "4"
    assert suite.get("skipped") == "1"
    skipped = cases[-1].find("skipped")
    assert skipped is not None
    assert skipped.get("message") == "unsupported format: application/pdf"


def test_failures_at_or_above_the_gate(report: Report) -> None:
    suite = _suite(report)
    failing = [c for c in suite.findall("testcase") if c.find("failure") is not None]
    assert [c.get("name") for c in failing] == [DOC_B]
    assert suite.get("failures") == "1"
    failures = failing[0].findall("failure")
    assert [f.get("type") for f in failures] == ["PV306", "PV301", "PV101", "PV305"]
    first = failures[0]
    assert first.get("message") == (
        "PV306 broken-original-url: The declared original URL answers 404."
    )
    assert "status: 404" in (first.text or "")
    assert "url: https://city.example/2019/06/budget-vote" in (first.text or "")


def test_lower_gate_fails_more_documents(report: Report) -> None:
    assert _suite(report, Severity.WARNING).get("failures") == "3"
    info = _suite(report, Severity.INFO)
    assert info.get("failures") == "3"
    assert len(info.findall(".//failure")) == sum(len(d.findings) for d in report.documents)


def test_score_properties(report: Report) -> None:
    case = _suite(report).findall("testcase")[2]
    props = {p.get("name"): p.get("value") for p in case.iter("property")}
    assert props["score"] == "68"
    assert props["band"] == "mixed"
    assert props["provisional"] == "true"


def test_control_characters_stay_well_formed(report: Report) -> None:
    doc = report.documents[1]
    bad = Finding(
        "PV305", "malformed-url", Severity.ERROR, Certainty.HIGH, "bell\x07 and \x1b[31m", DOC_B
    )
    doc = dataclasses.replace(doc, findings=(bad,))
    suite = _suite(dataclasses.replace(report, documents=(doc,)))
    failure = suite.find(".//failure")
    assert failure is not None
    assert failure.get("message") == "PV305 malformed-url: bell\ufffd and \ufffd[31m"
