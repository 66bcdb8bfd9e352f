"""JUnit XML, for CI systems that show test results (GitLab, Jenkins, Azure, GitHub actions).

One ``<testsuite name="provcheck">`` with a test case per audited document (and a skipped
test case per input that could not be read). A document fails when it has a finding at or
above ``RenderOptions.fail_on``; each such finding is one ``<failure>`` whose type is the
rule id and whose body is the evidence. ``failures`` counts failing test cases, as test
report viewers expect (passed = tests - failures - skipped).
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from provcheck.models import SEVERITY_RANK, AuditedDocument, Finding, Report, SkippedInput
from provcheck.report.base import RenderOptions
from provcheck.report.report_json import SummaryTally, sorted_findings
from provcheck.report.views import document_row, location

SUITE_NAME = "provcheck"

_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
#: A tag no case can have: stands for the cases while the suite is indented.
_MARKER = "provcheck-cases"

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


def _failing(doc: AuditedDocument, options: RenderOptions) -> list[Finding]:
    """The document's findings at or above the gate, in report order."""
    gate = SEVERITY_RANK[options.fail_on]
    return [f for f in sorted_findings(doc.findings) if SEVERITY_RANK[f.severity] >= gate]


def _testcase(doc: AuditedDocument, options: RenderOptions) -> ET.Element:
    """The document's test case, failing with one ``<failure>`` per gated finding."""
    row = document_row(doc)
    case = ET.Element(
        "testcase", {"classname": SUITE_NAME, "name": xml_text(row.path), "time": "0"}
    )
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
    for f in _failing(doc, options):
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
    return case


def _skipped_case(skipped: SkippedInput) -> ET.Element:
    case = ET.Element(
        "testcase", {"classname": SUITE_NAME, "name": xml_text(skipped.path), "time": "0"}
    )
    _element(case, "skipped", {"message": skipped.reason})
    return case


def _suites(report: Report, options: RenderOptions) -> tuple[ET.Element, ET.Element]:
    """The ``<testsuites>`` root and its suite with their counts and properties, no cases.

    Reads the documents once, for the totals and the number of failing documents.
    """
    tally = SummaryTally()
    failures = sum(bool(_failing(tally.add(doc), options)) for doc in report.documents)
    summary = tally.summary(len(report.skipped))
    root = ET.Element("testsuites", {"name": SUITE_NAME})
    suite = _element(root, "testsuite", {"name": SUITE_NAME})
    _properties(
        suite,
        [
            ("tool.version", report.tool_version),
            ("fail_on", options.fail_on.value),
            ("mean_confidence", str(summary["mean_confidence"] or "")),
            ("links", str(summary["links"])),
        ],
    )
    counts = {
        "tests": str(summary["documents"] + len(report.skipped)),
        "failures": str(failures),
        "errors": "0",
        "skipped": str(len(report.skipped)),
        "time": "0",
    }
    if report.generated_at:
        counts["timestamp"] = report.generated_at
    suite.attrib.update(counts)
    root.attrib.update({k: counts[k] for k in ("tests", "failures", "errors", "skipped")})
    return root, suite


def iter_junit(report: Report, options: RenderOptions) -> Iterator[str]:
    """The JUnit XML in pieces, a test case at a time, indented as :func:`ET.indent` would
    indent the whole tree.

    The suite's counts come first in the XML, so the documents are read once for them and
    once more for the test cases.
    """
    root, suite = _suites(report, options)
    cases = itertools.chain(
        (_testcase(doc, options) for doc in report.documents),
        (_skipped_case(skipped) for skipped in report.skipped),
    )
    first = next(cases, None)
    if first is None:
        ET.indent(root)
        yield _DECLARATION + ET.tostring(root, "unicode") + "\n"
        return
    ET.SubElement(suite, _MARKER)  # where the cases go, once the tree is indented
    ET.indent(root)
    head, tail = ET.tostring(root, "unicode").split(f"<{_MARKER} />")
    between = suite[0].tail or ""  # the indentation before each child of the suite
    yield _DECLARATION + head
    case: ET.Element | None = first
    while case is not None:
        following = next(cases, None)
        ET.indent(case, level=2)
        yield ET.tostring(case, "unicode") + (between if following is not None else "")
        case = following
    yield tail + "\n"


def render_junit(report: Report, options: RenderOptions) -> str:
    """The whole JUnit XML document (:func:`iter_junit` joined)."""
    return "".join(iter_junit(report, options))
