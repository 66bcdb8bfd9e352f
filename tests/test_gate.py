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


class _OnePass(list[AuditedDocument]):
    """Documents that may be read once, and only up to the first failing one."""

    def __init__(self, docs: list[AuditedDocument], readable: int) -> None:
        super().__init__(docs)
        self.readable = readable
        self.passes = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        self.passes += 1
        assert self.passes == 1, "the documents were read twice"
        for index, doc in enumerate(list.__iter__(self)):
            assert index < self.readable, "read past the first failing document"
            yield doc


def test_the_gate_reads_the_documents_once_and_stops_at_the_first_failure():
    docs = _OnePass([_doc("a.txt", [Severity.ERROR], 90), _doc("b.txt", [], 10)], readable=1)
    assert exit_code(Report(documents=docs), "error", 50) is ExitCode.FINDINGS
    clean = _OnePass([_doc("a.txt", [Severity.INFO], 90), _doc("b.txt", [], 70)], readable=2)
    assert exit_code(Report(documents=clean), "error", 50) is ExitCode.OK
    assert clean.passes == 1
