"""Flat per-document and per-link views of a report, shared by the text renderers.

CSV, Markdown, the terminal and HTML all show the same columns (score, band, broken links,
top reasons ...). Deriving them once here keeps the formats agreeing with each other: a
document never counts three broken links in one format and two in another.
"""

from __future__ import annotations

from dataclasses import dataclass

from provcheck.models import (
    SEVERITY_RANK,
    AuditedDocument,
    Finding,
    Hop,
    LinkState,
    LinkStatus,
    Reason,
    Report,
    Severity,
)
from provcheck.report.report_json import sorted_findings

#: Confidence bands, best first (see the scoring docs: 90 high, 75 good, 60 mixed, 40 low).
BAND_ORDER: tuple[str, ...] = ("high", "good", "mixed", "low", "very low")

#: Verdicts where the link does not lead to the page it promised.
BROKEN_STATES: frozenset[LinkState] = frozenset(
    {LinkState.BROKEN, LinkState.TIMEOUT, LinkState.SOFT_404}
)

#: Verdicts that say nothing about the target (never counted as broken).
UNVERIFIED_STATES: frozenset[LinkState] = frozenset({LinkState.UNVERIFIED, LinkState.RATE_LIMITED})

#: Severities, most severe first.
SEVERITIES: tuple[Severity, ...] = tuple(sorted(Severity, key=lambda s: -SEVERITY_RANK[s]))

#: Every verdict in a stable display order (good to bad, then the unchecked ones).
STATE_ORDER: tuple[LinkState, ...] = (
    LinkState.ALIVE,
    LinkState.REDIRECTED,
    LinkState.RESTRICTED,
    LinkState.SOFT_404,
    LinkState.BROKEN,
    LinkState.TIMEOUT,
    LinkState.MALFORMED,
    LinkState.PLACEHOLDER,
    LinkState.RATE_LIMITED,
    LinkState.UNVERIFIED,
)


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """One document as a row of the documents table."""

    path: str
    title: str
    date: str
    date_source: str
    score: int | None
    band: str
    provisional: bool
    checked: float  # share of links that could be checked
    links: int
    broken: int
    unverified: int
    findings: dict[Severity, int]
    reasons: tuple[Reason, ...]  # biggest deduction first

    @property
    def top_reason(self) -> str:
        return reason_text(self.reasons[0]) if self.reasons else ""

    @property
    def worst(self) -> Severity | None:
        """The most severe finding's severity, if any."""
        return next((s for s in SEVERITIES if self.findings[s]), None)


@dataclass(frozen=True, slots=True)
class LinkRow:
    """One link occurrence of one document with its verdict."""

    path: str
    line: int
    url: str
    text: str
    role: str
    state: LinkState
    http_status: int | None
    final_url: str
    hops: tuple[Hop, ...]
    reason: str
    archived_url: str
    target_date: str


def state_of(status: LinkStatus | None) -> LinkState:
    """A link never checked reads as unverified, as in the JSON summary."""
    return status.state if status else LinkState.UNVERIFIED


def ordered_reasons(reasons: tuple[Reason, ...]) -> tuple[Reason, ...]:
    """Biggest deduction first; ties by rule id for a stable order."""
    return tuple(sorted(reasons, key=lambda r: (-abs(r.points), r.rule)))


def reason_text(reason: Reason) -> str:
    """``no byline (PV401, -12)``: the message first, so it reads as a sentence anywhere."""
    return f"{reason.message} ({reason.rule}, -{abs(reason.points)})"


def document_row(doc: AuditedDocument) -> DocumentRow:
    extracted = doc.extracted
    chosen = extracted.date.chosen
    states = [state_of(s) for s in doc.statuses]
    counts = dict.fromkeys(SEVERITIES, 0)
    for f in doc.findings:
        counts[f.severity] += 1
    conf = doc.confidence
    return DocumentRow(
        path=extracted.path,
        title=extracted.title.value if extracted.title else "",
        date=chosen.date.iso() if chosen else "",
        date_source=chosen.source.value if chosen else "",
        score=conf.score if conf else None,
        band=conf.band if conf else "",
        provisional=conf.provisional if conf else False,
        checked=conf.checked_ratio if conf else 0.0,
        links=len(states),
        broken=sum(s in BROKEN_STATES for s in states),
        unverified=sum(s in UNVERIFIED_STATES for s in states),
        findings=counts,
        reasons=ordered_reasons(conf.reasons) if conf else (),
    )


def link_rows(doc: AuditedDocument) -> list[LinkRow]:
    rows = []
    for link, status in zip(doc.extracted.links, doc.statuses, strict=True):
        target = status.target if status else None
        rows.append(
            LinkRow(
                path=doc.extracted.path,
                line=link.line,
                url=link.url,
                text=link.text,
                role=link.role.value,
                state=state_of(status),
                http_status=status.http_status if status else None,
                final_url=(status.final_url or "") if status else "",
                hops=status.hops if status else (),
                reason=status.reason if status else "not checked",
                archived_url=status.archived.url if status and status.archived else "",
                target_date=target.date.iso() if target and target.date else "",
            )
        )
    return rows


def chain_text(hops: tuple[Hop, ...], arrow: str = " -> ") -> str:
    """A redirect chain as one line: ``http://a [301] -> https://a [200]``."""
    return arrow.join(f"{h.url} [{h.status}]" for h in hops)


def location(f: Finding) -> str:
    """``path:line`` (or just the path for document-level findings)."""
    return f"{f.path}:{f.line}" if f.line else f.path


def evidence_text(f: Finding) -> str:
    return "; ".join(f"{k}={v}" for k, v in f.evidence)


def band_label(row: DocumentRow) -> str:
    """The band with the provisional mark, ``mixed (provisional)``."""
    if not row.band:
        return "unscored"
    return f"{row.band} (provisional)" if row.provisional else row.band


def score_text(score: int | None) -> str:
    return "-" if score is None else str(score)


def one_line(text: str) -> str:
    """Untrusted text squeezed onto one line (titles, messages, reasons)."""
    return " ".join(text.split())


def findings_by_severity(report: Report, quiet: bool) -> list[tuple[Severity, list[Finding]]]:
    """Every finding of the report grouped by severity, most severe first; ``quiet`` drops info."""
    ordered = [f for d in report.documents for f in sorted_findings(d.findings)]
    groups: list[tuple[Severity, list[Finding]]] = []
    for sev in SEVERITIES:
        group = [f for f in ordered if f.severity is sev]
        if group and not (quiet and sev is Severity.INFO):
            groups.append((sev, group))
    return groups
