"""Hand-built reports for the run store, diff, baseline and model-load tests.

``rich_report`` is the renderers' shared fixture (tests/report/fixture_report.py) with every
optional part of the model filled in as well, so a round trip through JSON has something to
lose. ``tiny_report`` builds small made-up runs whose verdicts and findings a test chooses.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence

from provcheck.models import (
    AnswerSource,
    Artifact,
    AuditedDocument,
    Certainty,
    Confidence,
    CorpusFacts,
    DateCandidate,
    DateSource,
    DocFormat,
    Document,
    DocumentDate,
    ExtractedDocument,
    Finding,
    Link,
    LinkRole,
    LinkState,
    LinkStatus,
    NearDuplicate,
    OrphanHeadline,
    PartialDate,
    PathDate,
    Precision,
    Reason,
    Report,
    Severity,
    UrlFacts,
)
from tests.report.fixture_report import build_report


def _day(y: int, m: int, d: int) -> PartialDate:
    return PartialDate(dt.date(y, m, d), Precision.DAY)


def rich_report() -> Report:
    """The shared fixture plus joined links, orphan headlines, artifacts, corpus facts ..."""
    base = build_report()
    a, b, c = base.documents
    joined = Link(
        url="https://news.example/2021/03/25/bridge-closure-ends",
        line=17,
        column=5,
        text="closure ends",
        role=LinkRole.RELATED,
        joined=True,
        raw="https://news.example/2021/03/25/bridge-\nclosure-ends",
        facts=UrlFacts(
            normalized="https://news.example/2021/03/25/bridge-closure-ends",
            domain="news.example",
            host="news.example",
            path_date=PathDate(PartialDate(dt.date(2021, 3, 1), Precision.MONTH), "", False),
            slug_words=("bridge", "closure", "ends"),
        ),
    )
    joined_status = LinkStatus(
        url=joined.url,
        state=LinkState.ALIVE,
        http_status=200,
        checked_at="2024-05-01T11:59:00+00:00",
        source=AnswerSource.NETWORK,
        elapsed_ms=12.5,
        attempts=1,
    )
    extracted_a = dataclasses.replace(
        a.extracted,
        links=(*a.extracted.links, joined),
        date=DocumentDate(
            a.extracted.date.chosen,
            (
                *a.extracted.date.candidates,
                DateCandidate(_day(2021, 3, 20), DateSource.CAPTION, "photo taken 20 March", 8),
            ),
            modified=PartialDate(dt.date(2021, 4, 1), Precision.MONTH),
        ),
        orphan_headlines=(OrphanHeadline(30, "Ferry timetable changes", True),),
        artifacts=(Artifact("mismatched-quotes", 12, "“we are proud"),),
        suppressions=("PV401",),
        warnings=("odd encoding fixed",),
    )
    doc_a = dataclasses.replace(a, extracted=extracted_a, statuses=(*a.statuses, joined_status))
    inherited = DateCandidate(_day(2021, 3, 26), DateSource.INHERITED, "")
    corpus_c = CorpusFacts(
        near_duplicates=(NearDuplicate(a.extracted.path, 0.8125, a.extracted.path),),
        inherited_date=inherited,
        inherited_from=a.extracted.path,
    )
    doc_c = dataclasses.replace(c, corpus=corpus_c)
    return dataclasses.replace(base, documents=(doc_a, b, doc_c))


# --- tiny made-up runs ------------------------------------------------------------------------


def status(url: str, state: LinkState, final_url: str | None = None, at: str = "") -> LinkStatus:
    """A verdict as the crawler would give it (``at`` is checked_at, empty for none)."""
    code = {LinkState.ALIVE: 200, LinkState.REDIRECTED: 200, LinkState.BROKEN: 404}.get(state)
    return LinkStatus(
        url=url,
        state=state,
        http_status=code,
        final_url=final_url,
        checked_at=at or None,
        source=AnswerSource.NETWORK,
    )


def finding(
    path: str, rule: str, url: str | None = None, line: int | None = None, **evidence: str
) -> Finding:
    return Finding(
        rule=rule,
        name=f"rule-{rule.lower()}",
        severity=Severity.WARNING,
        confidence=Certainty.MEDIUM,
        message=f"{rule} on {url or path} (line {line})",
        path=path,
        line=line,
        url=url,
        evidence=tuple(evidence.items()),
    )


def tiny_doc(
    path: str,
    urls: Sequence[str],
    verdicts: Mapping[str, LinkStatus],
    findings: Sequence[Finding] = (),
    score: int = 90,
) -> AuditedDocument:
    """A Markdown document citing ``urls`` (one per line), judged by ``verdicts``."""
    links = tuple(
        Link(
            url=u,
            line=i + 1,
            column=1,
            text=f"link {i}",
            role=LinkRole.CITATION,
            facts=UrlFacts(
                normalized=u,
                domain="news.example",
                host="news.example",
                path_date=None,
                slug_words=(),
            ),
        )
        for i, u in enumerate(urls)
    )
    band = "high" if score >= 85 else "mixed" if score >= 55 else "very low"
    extracted = ExtractedDocument(
        document=Document(path=path, format=DocFormat.MARKDOWN, text="", raw=""),
        title=None,
        date=DocumentDate(None),
        authors=(),
        publisher=None,
        links=links,
    )
    return AuditedDocument(
        extracted=extracted,
        statuses=tuple(verdicts.get(u) for u in urls),
        findings=tuple(findings),
        confidence=Confidence(score, band, False, 1.0, (Reason("PV301", 100 - score, "x", "y"),)),
        corpus=CorpusFacts(),
    )


def tiny_report(*docs: AuditedDocument) -> Report:
    return Report(documents=docs, generated_at="2024-05-01T12:00:00+00:00", tool_version="0.1.0")
