from provcheck.errors import ExitCode
from provcheck.gate import exit_code, failing_findings, low_confidence
from provcheck.models import (
    AuditedDocument,
    Certainty,
    Confidence,
    DocFormat,
    Document,
    DocumentDate,
    ExtractedDocument,
    Finding,
    Report,
    Severity,
)


def _doc(path: str, severities: list[Severity], score: int) -> AuditedDocument:
    extracted = ExtractedDocument(
        document=Document(path=path, format=DocFormat.TEXT, text="x", raw="x"),
        title=None,
        date=DocumentDate(chosen=None),
        authors=(),
        publisher=None,
        links=(),
    )
    findings = tuple(
        Finding("PV201", "missing-date", s, Certainty.HIGH, "m", path) for s in severities
    )
    confidence = Confidence(score=score, band="mixed", provisional=False, checked_ratio=1.0)
    return AuditedDocument(extracted, (), findings, confidence)


REPORT = Report(
    documents=(
        _doc("a.txt", [Severity.WARNING, Severity.INFO], 80),
        _doc("b.txt", [Severity.INFO], 55),
    )
)


def test_fail_on_levels():
    assert exit_code(REPORT, "error", None) is ExitCode.OK
    assert exit_code(REPORT, "warning", None) is ExitCode.FINDINGS
    assert len(failing_findings(REPORT, "info")) == 3
    assert exit_code(REPORT, "never", None) is ExitCode.OK


def test_min_confidence():
    assert low_confidence(REPORT, 60) == ["b.txt"]
    assert exit_code(REPORT, "never", 60) is ExitCode.FINDINGS
    assert exit_code(REPORT, "never", 50) is ExitCode.OK
