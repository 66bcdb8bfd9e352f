"""JUnit XML, for CI systems that show test results (GitLab, Jenkins, Azure, GitHub actions).

One ``<testsuite name="provcheck">`` with a test case per audited document (and a skipped
test case per input that could not be read). A document fails when it has a finding at or
above ``RenderOptions.fail_on``; each such finding is one ``<failure>`` whose type is the
rule id and whose body is the evidence. ``failures`` counts failing test cases, as test
report viewers expect (passed = tests - failures - skipped).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from provcheck.models import SEVERITY_RANK, AuditedDocument, Report
from provcheck.report.base import RenderOptions
from provcheck.report.report_json import sorted_findings, summarize
from provcheck.report.views import document_row, location

SUITE_NAME = "provcheck"

#: Characters XML 1.0 cannot carry at all; document text is untrusted and may hold them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Untrusted text made safe for XML 1.0 (ElementTree escapes, but cannot drop these)."""
    return _NOT_XML.sub("\ufffd", text)


def _element(parent: ET.Element, tag: str, attrs: dict[str, str]) -> ET.Element:
    return ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attrs.items()})


def _properties(parent: ET.Element, pairs: list[tuple[str, str]]) -> None:
    props = ET.SubElement(parent, "properties")
    for name, value in pairs:
        _element(props, "property", {"name": name, "value": value})


def _testcase(suite: ET.Element, doc: AuditedDocument, options: RenderOptions) -> bool:
    """Add the document's test case; True when it failed."""
    row = document_row(doc)
    case = _element(suite, "testcase", {"classname": SUITE_NAME, "name": row.path, "time": "0"})
    _properties(
        case,
        [
            ("score", "" if row.score is None else str(row.score)),
            ("band", row.band),
            ("provisional", str(row.provisional).lower()),
            ("links", str(row.links)),
            ("broken", str(row.broken)),
        ],
    )
    gate = SEVERITY_RANK[options.fail_on]
    failing = [f for f in sorted_findings(doc.findings) if SEVERITY_RANK[f.severity] >= gate]
    for f in failing:
        failure = _element(
            case,
            "failure",
            {"message": f"{f.rule} {f.name}: {f.message}", "type": f.rule},
        )
        body = [f"{location(f)} [{f.severity.value}, {f.confidence.value} certainty]"]
        if f.url:
            body.append(f"url: {f.url}")
        body += [f"{key}: {value}" for key, value in f.evidence]
        failure.text = xml_text("\n".join(body))
    return bool(failing)


def render_junit(report: Report, options: RenderOptions) -> str:
    root = ET.Element("testsuites", {"name": SUITE_NAME})
    suite = _element(root, "testsuite", {"name": SUITE_NAME})
    summary = summarize(report)
    _properties(
        suite,
        [
            ("tool.version", report.tool_version),
            ("fail_on", options.fail_on.value),
            ("mean_confidence", str(summary["mean_confidence"] or "")),
            ("links", str(summary["links"])),
        ],
    )
    failures = sum(_testcase(suite, doc, options) for doc in report.documents)
    for skipped in report.skipped:
        case = _element(
            suite, "testcase", {"classname": SUITE_NAME, "name": skipped.path, "time": "0"}
        )
        _element(case, "skipped", {"message": skipped.reason})
    tests = len(report.documents) + len(report.skipped)
    counts = {
        "tests": str(tests),
        "failures": str(failures),
        "errors": "0",
        "skipped": str(len(report.skipped)),
        "time": "0",
    }
    if report.generated_at:
        counts["timestamp"] = report.generated_at
    suite.attrib.update(counts)
    root.attrib.update({k: counts[k] for k in ("tests", "failures", "errors", "skipped")})
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
