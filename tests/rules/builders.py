"""Small builders for made-up documents, links and verdicts used by the rule tests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from provcheck.models import (
    Artifact,
    Attributed,
    Attribution,
    Block,
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
    OrphanHeadline,
    PartialDate,
    PathDate,
    Precision,
    UrlFacts,
    WeekdayMention,
)
from provcheck.rules.base import RuleContext, RuleSettings
from provcheck.rules.registry import get_rule

TODAY = dt.date(2024, 6, 1)

BODY = (
    "Harbour workers in Port Velling voted on Tuesday to end a strike that had closed the\n"
    "container terminal for nine days, the union said in a statement.\n"
)


def pdate(iso: str) -> PartialDate:
    """``2021-03-26`` (day), ``2021-03`` (month) or ``2021`` (year)."""
    parts = iso.split("-")
    if len(parts) == 3:
        return PartialDate(dt.date.fromisoformat(iso), Precision.DAY)
    if len(parts) == 2:
        return PartialDate(dt.date(int(parts[0]), int(parts[1]), 1), Precision.MONTH)
    return PartialDate(dt.date(int(parts[0]), 1, 1), Precision.YEAR)


def cand(iso: str, source: DateSource = DateSource.DATELINE, line: int | None = 1) -> DateCandidate:
    return DateCandidate(pdate(iso), source, evidence=f"{source.value} {iso}", line=line)


def dates(
    chosen: DateCandidate | None = None,
    *others: DateCandidate,
    modified: str | None = None,
) -> DocumentDate:
    candidates = ((chosen,) if chosen else ()) + others
    return DocumentDate(
        chosen=chosen,
        candidates=candidates,
        modified=pdate(modified) if modified else None,
    )


def link(
    url: str,
    *,
    line: int = 1,
    text: str = "",
    role: LinkRole = LinkRole.OTHER,
    path_date: str | None = None,
    slug: tuple[str, ...] = (),
    domain: str | None = "news.example",
    syntax: str = "bare",
    malformed: str | None = None,
) -> Link:
    facts = None
    if role is not LinkRole.PLACEHOLDER and malformed is None:
        pd = PathDate(pdate(path_date), path_date, plausible=True) if path_date else None
        facts = UrlFacts(
            normalized=url,
            domain=domain,
            host=domain,
            path_date=pd,
            slug_words=slug,
        )
    return Link(
        url=url,
        line=line,
        column=1,
        text=text,
        role=role,
        facts=facts,
        malformed=malformed,
        syntax=syntax,
    )


def status(url: str, state: LinkState = LinkState.ALIVE, **kw: Any) -> LinkStatus:
    return LinkStatus(url=url, state=state, **kw)


def doc(
    *,
    text: str = BODY,
    path: str = "archive/story.txt",
    title: str | None = "Harbour strike ends after nine days",
    date: DocumentDate | None = None,
    authors: tuple[str, ...] = ("Mara Quill",),
    publisher: str | None = "Velling Gazette",
    links: tuple[Link, ...] = (),
    weekdays: tuple[WeekdayMention, ...] = (),
    attributions: tuple[Attribution, ...] = (),
    boilerplate: tuple[Block, ...] = (),
    orphans: tuple[OrphanHeadline, ...] = (),
    artifacts: tuple[Artifact, ...] = (),
    suppressions: tuple[str, ...] = (),
) -> ExtractedDocument:
    return ExtractedDocument(
        document=Document(path=path, format=DocFormat.TEXT, text=text, raw=text),
        title=Attributed(title, "heading") if title else None,
        date=date if date is not None else dates(cand("2021-03-26")),
        authors=tuple(Attributed(a, "byline") for a in authors),
        publisher=Attributed(publisher, "metadata") if publisher else None,
        links=links,
        weekdays=weekdays,
        attributions=attributions,
        boilerplate=boilerplate,
        orphan_headlines=orphans,
        artifacts=artifacts,
        suppressions=suppressions,
    )


def ctx(
    document: ExtractedDocument,
    statuses: tuple[LinkStatus | None, ...] = (),
    corpus: CorpusFacts | None = None,
    *,
    today: dt.date = TODAY,
    history: Mapping[str, tuple[str, ...]] | None = None,
    **settings: Any,
) -> RuleContext:
    return RuleContext(
        doc=document,
        statuses=statuses,
        corpus=corpus or CorpusFacts(),
        settings=RuleSettings(today=today, history=history or {}, **settings),
    )


def run(rule_id: str, context: RuleContext) -> list[Finding]:
    """The findings of one rule on a context."""
    rule = get_rule(rule_id)
    assert rule is not None, rule_id
    return list(rule.run(context))
