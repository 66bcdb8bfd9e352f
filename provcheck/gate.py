"""CI gating: from a report to an exit code (pure; the CLI only calls it)."""

from __future__ import annotations

from provcheck.errors import ExitCode
from provcheck.models import SEVERITY_RANK, AuditedDocument, Finding, Report, Severity

#: ``--fail-on`` values and the lowest severity each one fails on (``never``: none).
FAIL_ON: dict[str, int] = {
    "error": SEVERITY_RANK[Severity.ERROR],
    "warning": SEVERITY_RANK[Severity.WARNING],
    "info": SEVERITY_RANK[Severity.INFO],
    "never": 99,
}


def _at_gate(finding: Finding, threshold: int) -> bool:
    return SEVERITY_RANK[finding.severity] >= threshold


def _too_low(doc: AuditedDocument, minimum: int | None) -> bool:
    return minimum is not None and doc.confidence is not None and doc.confidence.score < minimum


def failing_findings(report: Report, fail_on: str) -> list[Finding]:
    """Findings at or above the ``--fail-on`` severity, in report order."""
    threshold = FAIL_ON[fail_on]
    return [f for doc in report.documents for f in doc.findings if _at_gate(f, threshold)]


def low_confidence(report: Report, minimum: int | None) -> list[str]:
    """Paths of documents scored under ``--min-confidence``."""
    return [doc.extracted.path for doc in report.documents if _too_low(doc, minimum)]


def exit_code(report: Report, fail_on: str, min_confidence: int | None) -> ExitCode:
    """0 when clean, 1 when a finding reaches the gate or a document scores too low.

    One pass over the documents, stopping at the first that fails: on a batch the
    documents are read back from disk, and the report has just been written from them.
    """
    threshold = FAIL_ON[fail_on]
    for doc in report.documents:
        if _too_low(doc, min_confidence) or any(_at_gate(f, threshold) for f in doc.findings):
            return ExitCode.FINDINGS
    return ExitCode.OK
