"""Plain-dict form of an audit :class:`Report`: the `provcheck.report/1` JSON contract.

Builds on the extract contract (:mod:`provcheck.report.model_json`): each link gains a
``status`` object, each document ``findings`` and ``confidence``, and the report a
``summary``. JSON, JSONL, the run store and the HTML report all read this form.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from provcheck.crawl.serialize import status_to_dict
from provcheck.models import (
    SEVERITY_RANK,
    AuditedDocument,
    Confidence,
    CorpusFacts,
    Finding,
    LinkState,
    LinkStatus,
    Report,
)
from provcheck.report.model_json import document_to_dict, skipped_to_dict

REPORT_SCHEMA = "provcheck.report/1"


def finding_to_dict(f: Finding) -> dict[str, Any]:
    return {
        "rule": f.rule,
        "name": f.name,
        "severity": f.severity.value,
        "confidence": f.confidence.value,
        "message": f.message,
        "path": f.path,
        "line": f.line,
        "url": f.url,
        "evidence": dict(f.evidence),
    }


def confidence_to_dict(c: Confidence | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {
        "score": c.score,
        "band": c.band,
        "provisional": c.provisional,
        "checked_ratio": round(c.checked_ratio, 3),
        "reasons": [
            {"rule": r.rule, "points": r.points, "category": r.category, "message": r.message}
            for r in c.reasons
        ],
    }


def corpus_to_dict(c: CorpusFacts | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {
        "near_duplicates": [
            {"path": n.other_path, "similarity": round(n.similarity, 3), "better": n.better_sourced}
            for n in c.near_duplicates
        ],
        "inherited_date": (
            {
                "value": c.inherited_date.date.iso(),
                "precision": c.inherited_date.date.precision.value,
                "from": c.inherited_from,
            }
            if c.inherited_date
            else None
        ),
        "related_matches": [
            {
                "url": m.link_url,
                "line": m.line,
                "path": m.other_path,
                "suggested_url": m.suggested_url,
                "matched_on": m.matched_on,
                "score": round(m.score, 3),
            }
            for m in c.related_matches
        ],
        "quote_variants": [
            {
                "quote": q.quote,
                "line": q.line,
                "path": q.other_path,
                "other_quote": q.other_quote,
                "other_line": q.other_line,
                "similarity": round(q.similarity, 3),
            }
            for q in c.quote_variants
        ],
    }


def _status(s: LinkStatus | None) -> dict[str, Any] | None:
    return None if s is None else status_to_dict(s)


def sorted_findings(findings: tuple[Finding, ...]) -> list[Finding]:
    """Most severe first, then by line and rule: the order every renderer uses."""
    return sorted(
        findings,
        key=lambda f: (-SEVERITY_RANK[f.severity], f.line or 0, f.rule, f.url or ""),
    )


def audited_to_dict(doc: AuditedDocument) -> dict[str, Any]:
    data = document_to_dict(doc.extracted)
    for link_dict, status in zip(data["links"], doc.statuses, strict=True):
        link_dict["status"] = _status(status)
    data["findings"] = [finding_to_dict(f) for f in sorted_findings(doc.findings)]
    data["confidence"] = confidence_to_dict(doc.confidence)
    data["corpus"] = corpus_to_dict(doc.corpus)
    return data


@dataclass(slots=True)
class SummaryTally:
    """The report's totals, gathered a document at a time (see :func:`summarize`).

    Lets a writer that streams the documents (the JSON report, the run store) total them
    in the same pass instead of reading every document a second time.
    """

    documents: int = 0
    links: int = 0
    states: Counter[str] = field(default_factory=Counter)
    severities: Counter[str] = field(default_factory=Counter)
    rules: Counter[str] = field(default_factory=Counter)
    score_sum: int = 0
    scored: int = 0

    def add(self, doc: AuditedDocument) -> AuditedDocument:
        """Count ``doc`` in; returns it, to tally documents as they stream past."""
        self.documents += 1
        for status in doc.statuses:
            self.links += 1
            self.states[status.state.value if status else LinkState.UNVERIFIED.value] += 1
        for f in doc.findings:
            self.severities[f.severity.value] += 1
            self.rules[f.rule] += 1
        if doc.confidence:
            self.score_sum += doc.confidence.score
            self.scored += 1
        return doc

    def summary(self, skipped: int) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "skipped": skipped,
            "links": self.links,
            "verdicts": dict(sorted(self.states.items())),
            "findings": dict(sorted(self.severities.items())),
            "rules": dict(sorted(self.rules.items())),
            "mean_confidence": round(self.score_sum / self.scored, 1) if self.scored else None,
        }


def summarize(report: Report) -> dict[str, Any]:
    """Totals for the report: documents, links by verdict, findings by severity and rule."""
    tally = SummaryTally()
    for doc in report.documents:
        tally.add(doc)
    return tally.summary(len(report.skipped))


def report_payload(report: Report) -> dict[str, Any]:
    """The whole `provcheck audit --format json` document."""
    return {
        "schema": REPORT_SCHEMA,
        "tool": {"name": "provcheck", "version": report.tool_version},
        "generated_at": report.generated_at or None,
        "offline": report.offline,
        "documents": [audited_to_dict(d) for d in report.documents],
        "skipped": [skipped_to_dict(s) for s in report.skipped],
        "summary": summarize(report),
    }
