"""PV1xx: is every link old enough to have been in the document when it was published?

A link whose target is dated after the document cannot be one the author chose; it was
added later (a related-article widget, a re-publication) or it points at the wrong page.
The target date comes from the fetched page's metadata when the crawler has it, else from
a date in the link's URL path. The document date is the chosen publication date, or the
one inherited from a near-duplicate (then always treated as inferred); a stated
modification date extends the window, which PV103 reports as explained.

Severity follows the weakest evidence: PV101 (error) needs a day-precision target date and
a stated day-precision document date; anything weaker is PV102 (warning).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from provcheck.models import (
    Certainty,
    Finding,
    Link,
    LinkRole,
    LinkStatus,
    PartialDate,
    Precision,
    Severity,
)
from provcheck.rules.base import Rule, RuleContext, RuleDocs, describe_source, quote

#: Roles whose targets are expected to be older than the document. Original links are
#: judged by PV307; author pages and placeholders have no meaningful date.
_DATED_ROLES = frozenset({LinkRole.RELATED, LinkRole.CITATION, LinkRole.OTHER})


@dataclass(frozen=True, slots=True)
class _Anachronism:
    """One link dated after the document, with everything the messages need."""

    link: Link
    target: PartialDate
    target_source: str
    doc_date: PartialDate
    doc_source: str
    doc_stated: bool
    gap_days: int
    explained: bool  # not after the stated modification date
    lines: tuple[int, ...]  # every line linking the same URL


def _target_date(link: Link, status: LinkStatus | None) -> tuple[PartialDate, str] | None:
    """The target's date and where it came from: page metadata first, then URL path."""
    if status is not None and status.target is not None and status.target.date is not None:
        return status.target.date, f"target page {status.target.date_source or 'metadata'}"
    if link.facts is not None and link.facts.path_date is not None:
        path_date = link.facts.path_date
        if path_date.plausible:
            return path_date.date, "URL path"
    return None


def _gap_words(days: int) -> str:
    """``12 days`` or ``over 4 years``: a gap over a year is said in years."""
    if days > 365:
        years = days // 365
        return f"over {years} year{'s' if years > 1 else ''}"
    return f"{days} day{'s' if days != 1 else ''}"


def anachronisms(ctx: RuleContext) -> Iterator[_Anachronism]:
    """Every dated link whose target is later than the document date plus the tolerance."""
    candidate, inherited = ctx.date_candidate()
    if candidate is None:
        return
    tolerance = dt.timedelta(days=ctx.settings.anachronism_tolerance_days)
    published = candidate.date
    modified = ctx.doc.date.modified if not inherited else None
    doc_source = describe_source(candidate, ctx.corpus.inherited_from if inherited else None)
    for link, status, lines in ctx.unique_pairs():
        if link.role not in _DATED_ROLES or link.malformed:
            continue
        found = _target_date(link, status)
        if found is None:
            continue
        target, target_source = found
        if target.value <= published.latest() + tolerance:
            continue
        explained = modified is not None and target.value <= modified.latest() + tolerance
        yield _Anachronism(
            link=link,
            target=target,
            target_source=target_source,
            doc_date=published,
            doc_source=doc_source,
            doc_stated=not inherited and not candidate.inferred,
            gap_days=(target.value - published.latest()).days,
            explained=explained,
            lines=lines,
        )


def _message(a: _Anachronism, tail: str) -> str:
    return (
        f"link {quote(a.link.text or a.link.url)} is dated {a.target.iso()} ({a.target_source}),"
        f" {_gap_words(a.gap_days)} after the document date {a.doc_date.iso()}"
        f" ({a.doc_source}): {tail}"
    )


def _evidence(a: _Anachronism) -> list[tuple[str, str]]:
    return [
        ("target_date", a.target.iso()),
        ("target_date_source", a.target_source),
        ("document_date", a.doc_date.iso()),
        ("document_date_source", a.doc_source),
        ("gap_days", str(a.gap_days)),
        ("role", a.link.role.value),
        ("lines", ",".join(map(str, a.lines))),
    ]


def _is_strong(a: _Anachronism) -> bool:
    return (
        a.target.precision is Precision.DAY
        and a.doc_stated
        and a.doc_date.precision is Precision.DAY
    )


def _check_pv101(ctx: RuleContext) -> Iterator[Finding]:
    for a in anachronisms(ctx):
        if a.explained or not _is_strong(a):
            continue
        certainty = Certainty.HIGH if a.target_source.startswith("target") else Certainty.MEDIUM
        yield PV101.finding(
            ctx,
            _message(a, "it is probably not a link the article was published with"),
            confidence=certainty,
            line=a.link.line,
            url=a.link.url,
            evidence=_evidence(a),
        )


def _check_pv102(ctx: RuleContext) -> Iterator[Finding]:
    for a in anachronisms(ctx):
        if a.explained or _is_strong(a):
            continue
        weak = "the document date is only inferred" if not a.doc_stated else "the dates are vague"
        yield PV102.finding(
            ctx,
            _message(a, f"possibly added after publication ({weak})"),
            confidence=Certainty.LOW if not a.doc_stated else Certainty.MEDIUM,
            line=a.link.line,
            url=a.link.url,
            evidence=_evidence(a),
        )


def _check_pv103(ctx: RuleContext) -> Iterator[Finding]:
    modified = ctx.doc.date.modified
    for a in anachronisms(ctx):
        if not a.explained or modified is None:
            continue
        yield PV103.finding(
            ctx,
            _message(a, f"but not after the stated modification date {modified.iso()}"),
            severity=Severity.INFO,
            line=a.link.line,
            url=a.link.url,
            evidence=[*_evidence(a), ("modified", modified.iso())],
        )


PV101 = Rule(
    id="PV101",
    name="anachronistic-link",
    severity=Severity.ERROR,
    summary="A link's target is dated after the document's latest known date.",
    docs=RuleDocs(
        what=(
            "Compares each related, citation or other link's target date (the fetched page's"
            " metadata, else a date in its URL path) with the document's publication date, or"
            " its stated modification date when later. Fires when the target, known to the"
            " day, is more than the tolerance (default 1 day) later than a stated, day-precise"
            " document date. A gap of over a year is said in years."
        ),
        why=(
            "A link cannot point at a page that did not exist yet. Such links were added by a"
            " later re-publication or a related-article widget, so they are not sources the"
            " author chose and must not be cited as the article's evidence."
        ),
        example=(
            "An article dated 2019-05-02 whose 'Related article' link is"
            " https://news.example/2023/08/14/some-story: the link is over 4 years newer."
        ),
        fix=(
            "Treat the link as a later addition: drop it from the citation trail, or find the"
            " link the original publication carried (an archived copy of the article)."
        ),
    ),
    check=_check_pv101,
)

PV102 = Rule(
    id="PV102",
    name="possible-anachronism",
    severity=Severity.WARNING,
    summary="A link looks newer than the document, but one of the two dates is weak.",
    docs=RuleDocs(
        what=(
            "The same comparison as PV101, reported as a warning when the target date is known"
            " only to the month or year, or when the document's own date is inferred (photo"
            " caption, body text, or inherited from a near-duplicate)."
        ),
        why=(
            "About one machine-extracted date in ten is wrong, so a single weak date must not"
            " condemn a link; it is still worth a look."
        ),
        example=(
            "A document whose only date comes from a photo caption (2018-11-03) links to"
            " https://news.example/2020/01/report: possibly added later."
        ),
        fix="Confirm the document's date from a stronger source, then re-run.",
    ),
    check=_check_pv102,
)

PV103 = Rule(
    id="PV103",
    name="link-dated-after-publication-explained",
    severity=Severity.INFO,
    summary="A link is newer than the publication date but not than the stated update.",
    docs=RuleDocs(
        what=(
            "Fires when a link's target is dated after the publication date but not after"
            " the document's stated modification date."
        ),
        why=(
            "An update can legitimately add links; the link is then evidence for the updated"
            " version, not for the original publication."
        ),
        example=("Published 2020-02-01, updated 2020-03-10, links to a page dated 2020-03-09."),
        fix="Cite the document with its update date when relying on that link.",
    ),
    check=_check_pv103,
)
