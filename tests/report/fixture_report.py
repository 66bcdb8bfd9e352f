"""One realistic audit report, built by hand, shared by every renderer test.

Three fictional archived articles: a well-sourced one (high band), a badly broken one whose
title carries markup and a pipe (very low band), and an undated one with unchecked links
(mixed band, provisional); plus one skipped input. Together the links cover every
:class:`LinkState`, redirect chains, an archived copy and a link never checked; the findings
cover every severity and certainty, with and without a line.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from provcheck.models import (
    AnswerSource,
    ArchivedCopy,
    Attributed,
    Attribution,
    AuditedDocument,
    Block,
    BlockKind,
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
    Hop,
    Link,
    LinkRole,
    LinkState,
    LinkStatus,
    PartialDate,
    PathDate,
    Precision,
    QuoteVariant,
    Reason,
    RelatedMatch,
    Report,
    Severity,
    SkippedInput,
    TargetMeta,
    UrlFacts,
    WeekdayMention,
)

DOC_A = "archive/2021/harbour-bridge-reopens.md"
DOC_B = "archive/2019/council-budget.html"
DOC_C = "archive/undated/market-fire.txt"
SKIPPED = "archive/scans/front-page.pdf"

#: Title of DOC_B: untrusted text with markup, quotes and a pipe.
HOSTILE_TITLE = (
    'Council budget | "Vote" <script>window.__pwned=1</script>'
    '<img src=x onerror="window.__pwned=2">'
)


def _doc(path: str, fmt: DocFormat, text: str) -> Document:
    return Document(path=path, format=fmt, text=text, raw=text)


def _link(url: str, line: int, role: LinkRole, text: str = "", **kw: object) -> Link:
    return Link(url=url, line=line, column=1, text=text, role=role, **kw)  # type: ignore[arg-type]


def _status(url: str, state: LinkState, **kw: object) -> LinkStatus:
    return LinkStatus(url=url, state=state, source=AnswerSource.CASSETTE, **kw)  # type: ignore[arg-type]


def _day(y: int, m: int, d: int) -> PartialDate:
    return PartialDate(dt.date(y, m, d), Precision.DAY)


def _finding(
    rule: str,
    name: str,
    severity: Severity,
    certainty: Certainty,
    message: str,
    path: str,
    line: int | None = None,
    url: str | None = None,
    **evidence: str,
) -> Finding:
    return Finding(
        rule=rule,
        name=name,
        severity=severity,
        confidence=certainty,
        message=message,
        path=path,
        line=line,
        url=url,
        evidence=tuple(evidence.items()),
    )


def _doc_a() -> AuditedDocument:
    chosen = DateCandidate(_day(2021, 3, 26), DateSource.DATELINE, "26 March 2021", 3, True)
    links = (
        _link(
            "https://news.example/2021/03/26/harbour-bridge-reopens",
            2,
            LinkRole.ORIGINAL,
            "Original url",
            facts=UrlFacts(
                normalized="https://news.example/2021/03/26/harbour-bridge-reopens",
                domain="news.example",
                host="news.example",
                path_date=PathDate(_day(2021, 3, 26), "/2021/03/26/", True),
                slug_words=("harbour", "bridge", "reopens"),
            ),
        ),
        _link("http://transport.example/bridge-works", 9, LinkRole.CITATION, "works timetable"),
        _link("https://paper.example/bridge-cost", 14, LinkRole.CITATION, "cost analysis"),
        _link("#", 21, LinkRole.PLACEHOLDER, "Read more"),
    )
    statuses = (
        _status(links[0].url, LinkState.ALIVE, http_status=200, final_url=links[0].url),
        _status(
            links[1].url,
            LinkState.REDIRECTED,
            http_status=200,
            final_url="https://www.transport.example/projects/bridge-works",
            hops=(
                Hop(links[1].url, 301, "https://transport.example/bridge-works"),
                Hop(
                    "https://transport.example/bridge-works",
                    308,
                    "https://www.transport.example/projects/bridge-works",
                ),
                Hop("https://www.transport.example/projects/bridge-works", 200),
            ),
            reason="moved permanently",
        ),
        _status(links[2].url, LinkState.RESTRICTED, http_status=403, reason="paywall"),
        _status("#", LinkState.PLACEHOLDER, reason="link target was stripped"),
    )
    findings = (
        _finding(
            "PV304",
            "placeholder-link",
            Severity.WARNING,
            Certainty.HIGH,
            'The link "Read more" has no target; its source is lost.',
            DOC_A,
            21,
            "#",
            anchor="Read more",
        ),
        _finding(
            "PV309",
            "restricted-link",
            Severity.INFO,
            Certainty.MEDIUM,
            "The cost analysis answers 403 (paywall?); not counted as broken.",
            DOC_A,
            14,
            links[2].url,
            status="403",
        ),
    )
    conf = Confidence(
        92, "high", False, 0.75, (Reason("PV304", 8, "link integrity", "1 placeholder link"),)
    )
    extracted = ExtractedDocument(
        document=_doc(DOC_A, DocFormat.MARKDOWN, "# Harbour bridge reopens\n"),
        title=Attributed("Harbour bridge reopens after two-year refit", "heading", line=1),
        date=DocumentDate(chosen, (chosen,)),
        authors=(Attributed("R. Tester", "byline", line=4),),
        publisher=Attributed("Harbour News", "original-url"),
        links=links,
        weekdays=(WeekdayMention(4, "Friday", "reopened on Friday", 6, False),),
        attributions=(Attribution("the transport office", "said", "the office said", 9),),
    )
    corpus = CorpusFacts(
        quote_variants=(
            QuoteVariant(
                "we are proud of the crews", 12, DOC_C, "we are proud of our crews", 7, 0.9
            ),
        )
    )
    return AuditedDocument(extracted, statuses, findings, conf, corpus)


def _doc_b() -> AuditedDocument:
    chosen = DateCandidate(
        PartialDate(dt.date(2019, 6, 1), Precision.MONTH), DateSource.URL, "/2019/06/", None, True
    )
    links = (
        _link("https://city.example/2019/06/budget-vote", 1, LinkRole.ORIGINAL, "canonical"),
        _link("https://city.example/reports/budget.pdf", 12, LinkRole.CITATION, "the report"),
        _link("https://slow.example/minutes", 15, LinkRole.CITATION, "minutes"),
        _link("https://blog.example/old-post", 18, LinkRole.RELATED, "earlier coverage"),
        _link("https://news.example/2023/01/05/new-mayor", 30, LinkRole.RELATED, "New mayor"),
        _link("http://exa mple.test/x", 33, LinkRole.OTHER, "broken markup", malformed="space"),
    )
    statuses = (
        _status(
            links[0].url,
            LinkState.BROKEN,
            http_status=404,
            reason="HTTP 404",
            archived=ArchivedCopy(
                "https://archive.example/web/20190612000000/https://city.example/2019/06/budget-vote",
                "20190612000000",
                200,
                True,
            ),
        ),
        _status(links[1].url, LinkState.SOFT_404, http_status=200, reason="random sibling same"),
        _status(links[2].url, LinkState.TIMEOUT, reason="read timeout after 3 attempts"),
        _status(
            links[3].url,
            LinkState.REDIRECTED,
            http_status=200,
            final_url="https://blog.example/",
            hops=(
                Hop(links[3].url, 302, "https://blog.example/"),
                Hop("https://blog.example/", 200),
            ),
            reason="redirect to site root",
        ),
        _status(
            links[4].url,
            LinkState.ALIVE,
            http_status=200,
            target=TargetMeta(title="New mayor sworn in", date=_day(2023, 1, 5), date_source="url"),
        ),
        _status(links[5].url, LinkState.MALFORMED, reason="invalid host"),
    )
    findings = (
        _finding(
            "PV306",
            "broken-original-url",
            Severity.ERROR,
            Certainty.HIGH,
            "The declared original URL answers 404.",
            DOC_B,
            1,
            links[0].url,
            status="404",
        ),
        _finding(
            "PV308",
            "archived-copy-available",
            Severity.INFO,
            Certainty.HIGH,
            "An archived copy from 2019-06-12 exists.",
            DOC_B,
            1,
            links[0].url,
            snapshot=statuses[0].archived.url if statuses[0].archived else "",
        ),
        _finding(
            "PV302",
            "soft-404",
            Severity.WARNING,
            Certainty.MEDIUM,
            "The report link answers 200 but looks like a not-found page.",
            DOC_B,
            12,
            links[1].url,
        ),
        _finding(
            "PV301",
            "broken-link",
            Severity.ERROR,
            Certainty.LOW,
            "The minutes link timed out (suspected, single run).",
            DOC_B,
            15,
            links[2].url,
            attempts="3",
        ),
        _finding(
            "PV303",
            "redirect-to-root",
            Severity.WARNING,
            Certainty.HIGH,
            "Earlier coverage | now redirects to the site root.",
            DOC_B,
            18,
            links[3].url,
            final="https://blog.example/",
        ),
        _finding(
            "PV101",
            "anachronistic-link",
            Severity.ERROR,
            Certainty.HIGH,
            "Linked page dated 2023-01-05 (from its URL), after the document (2019-06, URL).",
            DOC_B,
            30,
            links[4].url,
            target_date="2023-01-05",
            document_date="2019-06",
            note='gap "over a year", 3 years',
        ),
        _finding(
            "PV305",
            "malformed-url",
            Severity.ERROR,
            Certainty.HIGH,
            "The URL <http://exa mple.test/x> cannot be parsed.",
            DOC_B,
            33,
            links[5].url,
        ),
    )
    reasons = (
        Reason("PV101", 25, "temporal coherence", "link dated after publication"),
        Reason("PV306", 20, "link integrity", "original URL broken"),
        Reason("PV301", 10, "link integrity", "1 broken link"),
        Reason("PV302", 5, "link integrity", "1 soft-404"),
        Reason("PV303", 5, "link integrity", "1 redirect to root"),
    )
    conf = Confidence(35, "very low", False, 1.0, reasons)
    extracted = ExtractedDocument(
        document=_doc(DOC_B, DocFormat.HTML, "Council budget\n"),
        title=Attributed(HOSTILE_TITLE, "metadata"),
        date=DocumentDate(chosen, (chosen,)),
        authors=(),
        publisher=None,
        links=links,
        boilerplate=(Block(BlockKind.DONATION, 40, 42, "support our journalism"),),
    )
    corpus = CorpusFacts(
        related_matches=(
            RelatedMatch(links[3].url, 18, DOC_A, links[3].url + "-2", 0.75, "anchor"),
        )
    )
    return AuditedDocument(extracted, statuses, findings, conf, corpus)


def _doc_c() -> AuditedDocument:
    links = (
        _link("https://river.example/market-fire", 5, LinkRole.CITATION, "fire service"),
        _link("https://busy.example/statement", 8, LinkRole.CITATION, "statement"),
        _link("https://photos.example/fire", 11, LinkRole.OTHER, "photos"),
        _link("https://later.example/follow-up", 16, LinkRole.RELATED, "follow-up"),
    )
    statuses: tuple[LinkStatus | None, ...] = (
        _status(links[0].url, LinkState.UNVERIFIED, reason="offline"),
        _status(links[1].url, LinkState.RATE_LIMITED, http_status=429, reason="Retry-After 120"),
        _status(links[2].url, LinkState.ALIVE, http_status=200),
        None,
    )
    findings = (
        _finding(
            "PV201",
            "missing-date",
            Severity.WARNING,
            Certainty.HIGH,
            "No publication date found in any source.",
            DOC_C,
        ),
        _finding(
            "PV401", "missing-byline", Severity.WARNING, Certainty.MEDIUM, "No byline.", DOC_C
        ),
        _finding(
            "PV312",
            "unverified-link",
            Severity.INFO,
            Certainty.HIGH,
            "The fire service link could not be checked (offline).",
            DOC_C,
            5,
            links[0].url,
        ),
    )
    reasons = (
        Reason("PV201", 20, "dating", "no publication date"),
        Reason("PV401", 12, "attribution", "no byline"),
    )
    conf = Confidence(68, "mixed", True, 0.25, reasons)
    extracted = ExtractedDocument(
        document=_doc(DOC_C, DocFormat.TEXT, "Fire closes riverside café market\n"),
        title=Attributed("Fire closes riverside café market", "first-line", line=1),
        date=DocumentDate(None),
        authors=(),
        publisher=Attributed("River Courier", "site-name"),
        links=links,
    )
    return AuditedDocument(extracted, statuses, findings, conf)


def build_report() -> Report:
    """The shared fixture report (deterministic: fixed generation time and version)."""
    return Report(
        documents=(_doc_a(), _doc_b(), _doc_c()),
        skipped=(SkippedInput(SKIPPED, "unsupported format: application/pdf"),),
        generated_at="2024-05-01T12:00:00Z",
        tool_version="0.1.0",
        offline=False,
    )


def with_title(report: Report, title: str, index: int = 0) -> Report:
    """The report with document ``index`` retitled (for escaping tests)."""
    doc = report.documents[index]
    extracted = dataclasses.replace(doc.extracted, title=Attributed(title, "heading"))
    docs = list(report.documents)
    docs[index] = dataclasses.replace(doc, extracted=extracted)
    return dataclasses.replace(report, documents=tuple(docs))
