"""PV2xx: the document's own date: present, consistent, possible, stated, and weekday-true.

A citation needs a date, and an archived copy often lost it. These rules judge the date
extraction chose (``doc.date``) together with the one a near-duplicate can lend
(``ctx.corpus.inherited_date``). Body-text dates (source TEXT) and caption dates are not
compared by PV202: articles mention many other days, and comparing those would turn every
"on March 3 the talks began" into a conflict. Only sources that speak about the document
itself are compared: metadata, dateline, the original URL's path, and a near-duplicate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from itertools import combinations

from provcheck.models import (
    Certainty,
    DateCandidate,
    DateSource,
    Finding,
    PartialDate,
    Severity,
)
from provcheck.rules.base import Rule, RuleContext, RuleDocs, describe_source

#: Sources PV202 compares: those that state the document's own date.
_COMPARED = frozenset({DateSource.METADATA, DateSource.DATELINE, DateSource.URL})
#: Earliest plausible publication date of a web news article.
EARLIEST = dt.date(1995, 1, 1)
#: A disagreement beyond this many days between two stated sources is an error.
CONFLICT_ERROR_DAYS = 30


def gap_days(a: PartialDate, b: PartialDate) -> int:
    """Days between two partial dates; 0 when their possible ranges overlap."""
    return max(0, (a.value - b.latest()).days, (b.value - a.latest()).days)


def _check_pv201(ctx: RuleContext) -> Iterator[Finding]:
    candidate, _ = ctx.date_candidate()
    if candidate is not None:
        return
    rejected = len(ctx.doc.date.candidates)
    detail = f" ({rejected} candidate date(s) rejected)" if rejected else ""
    yield PV201.finding(
        ctx,
        f"no publication date found in metadata, dateline, URL or text{detail}",
        confidence=Certainty.MEDIUM if rejected else Certainty.HIGH,
        evidence=[("candidates", str(rejected))],
    )


def _compared_candidates(ctx: RuleContext) -> list[tuple[DateCandidate, str]]:
    """Stated candidates plus the inherited date, each with a description of its source."""
    seen: list[DateCandidate] = [c for c in ctx.doc.date.candidates if c.source in _COMPARED]
    chosen = ctx.doc.date.chosen
    if chosen is not None and chosen.source in _COMPARED and chosen not in seen:
        seen.append(chosen)
    out = [(c, describe_source(c)) for c in seen]
    inherited = ctx.corpus.inherited_date
    if inherited is not None and out:
        out.append((inherited, describe_source(inherited, ctx.corpus.inherited_from)))
    return out


def _check_pv202(ctx: RuleContext) -> Iterator[Finding]:
    compared = _compared_candidates(ctx)
    worst: tuple[int, tuple[DateCandidate, str], tuple[DateCandidate, str]] | None = None
    for first, second in combinations(compared, 2):
        gap = gap_days(first[0].date, second[0].date)
        if gap > 1 and (worst is None or gap > worst[0]):
            worst = (gap, first, second)
    if worst is None:
        return
    gap, (a, a_src), (b, b_src) = worst
    stated = a.source in _COMPARED and b.source in _COMPARED
    severity = Severity.ERROR if gap > CONFLICT_ERROR_DAYS and stated else Severity.WARNING
    line = a.line if a.line is not None else b.line
    yield PV202.finding(
        ctx,
        f"date sources disagree by {gap} days: {a.date.iso()} ({a_src})"
        f" vs {b.date.iso()} ({b_src})",
        severity=severity,
        confidence=Certainty.HIGH if stated else Certainty.MEDIUM,
        line=line,
        evidence=[(src, c.date.iso()) for c, src in compared],
    )


def _check_pv203(ctx: RuleContext) -> Iterator[Finding]:
    today = ctx.settings.today
    reported: set[tuple[str, str]] = set()
    # Stated sources and the chosen date only: body-text dates often describe other,
    # older events ("the 1988 uprising") and are not the document's date.
    chosen_only = (ctx.doc.date.chosen,) if ctx.doc.date.chosen else ()
    stated = tuple(c for c in ctx.doc.date.candidates if c.source in _COMPARED)
    for candidate in dict.fromkeys(chosen_only + stated):
        problem = None
        if candidate.date.value > today:
            problem = f"is in the future (today is {today.isoformat()})"
        elif candidate.date.latest() < EARLIEST:
            problem = f"is before {EARLIEST.isoformat()}, earlier than web news"
        if problem is None or (candidate.date.iso(), problem) in reported:
            continue
        reported.add((candidate.date.iso(), problem))
        weak = candidate.inferred
        yield PV203.finding(
            ctx,
            f"date {candidate.date.iso()} ({describe_source(candidate)}) {problem}",
            severity=Severity.WARNING if weak else Severity.ERROR,
            confidence=Certainty.LOW if weak else Certainty.HIGH,
            line=candidate.line,
            evidence=[("date", candidate.date.iso()), ("source", candidate.source.value)],
        )
    chosen, modified = ctx.doc.date.chosen, ctx.doc.date.modified
    if modified is not None and modified.value > today:
        yield PV203.finding(
            ctx,
            f"modification date {modified.iso()} is in the future (today is {today.isoformat()})",
            evidence=[("modified", modified.iso())],
        )
    if chosen is not None and modified is not None and modified.latest() < chosen.date.value:
        weak = chosen.inferred
        yield PV203.finding(
            ctx,
            f"modification date {modified.iso()} is before the publication date"
            f" {chosen.date.iso()} ({describe_source(chosen)})",
            severity=Severity.WARNING if weak else Severity.ERROR,
            confidence=Certainty.LOW if weak else Certainty.HIGH,
            line=chosen.line,
            evidence=[("published", chosen.date.iso()), ("modified", modified.iso())],
        )


_INFERRED_WORDS = {
    DateSource.CAPTION: "a photo caption",
    DateSource.TEXT: "a date in the body text",
    DateSource.INHERITED: "a near-duplicate",
}


def _check_pv204(ctx: RuleContext) -> Iterator[Finding]:
    candidate, inherited = ctx.date_candidate()
    if candidate is None or not (inherited or candidate.inferred):
        return
    if inherited:
        other = ctx.corpus.inherited_from or "a near-duplicate in the corpus"
        where = f"inherited from {other}"
    else:
        where = f"inferred from {_INFERRED_WORDS.get(candidate.source, candidate.source.value)}"
        if candidate.line is not None:
            where += f" (line {candidate.line})"
    yield PV204.finding(
        ctx,
        f"the only date, {candidate.date.iso()}, is {where}: treat it as approximate",
        line=None if inherited else candidate.line,
        evidence=[
            ("date", candidate.date.iso()),
            ("source", DateSource.INHERITED.value if inherited else candidate.source.value),
            ("evidence", candidate.evidence),
        ],
    )


PV201 = Rule(
    id="PV201",
    name="missing-date",
    severity=Severity.WARNING,
    summary="No publication date from any source.",
    docs=RuleDocs(
        what=(
            "Fires when extraction found no publication date (metadata, dateline, original URL"
            " path, photo caption or body text) and no near-duplicate in the corpus lends one."
        ),
        why=(
            "Without a date a document cannot be placed in the sequence of events, its links"
            " cannot be checked for anachronisms, and it cannot be cited properly."
        ),
        example="A blog post whose only date is 'March 27' with no year.",
        fix=(
            "Find the date in the original publication (archived copy, feed, print edition)"
            " and record it with the document; audit it together with other captures of the"
            " same article so that a date can be inherited."
        ),
    ),
    check=_check_pv201,
)

PV202 = Rule(
    id="PV202",
    name="conflicting-dates",
    severity=Severity.WARNING,
    summary="Date sources about the document disagree by more than a day.",
    docs=RuleDocs(
        what=(
            "Compares the dates that speak about the document itself (metadata, dateline, the"
            " declared original URL's path, and a near-duplicate's date) and reports the"
            " widest disagreement over one day. Over 30 days between two stated sources it is"
            " an error; when the inherited date is one side it stays a warning. Dates in the"
            " body text and photo captions are not compared: they often describe other days."
        ),
        why=(
            "Two different dates mean at least one is wrong: a re-publication, an update"
            " stamped as publication, or a wrong extraction. The citation date is uncertain."
        ),
        example="Dateline 2020-06-02 but article:published_time 2020-09-15 (105 days).",
        fix="Check the original publication and record which date is the publication date.",
    ),
    check=_check_pv202,
)

PV203 = Rule(
    id="PV203",
    name="impossible-date",
    severity=Severity.ERROR,
    summary="A date in the future, before 1995, or a modification before publication.",
    docs=RuleDocs(
        what=(
            "Fires for the chosen date or a stated one (metadata, dateline, URL) later than"
            " today or earlier than 1995-01-01 (body-text dates are about other events), and"
            " when the stated modification date precedes the publication date. A date that is"
            " only inferred (caption, body text) gives a warning with low confidence instead."
        ),
        why=(
            "Such a date is certainly wrong: a mis-parsed day/month order, a placeholder"
            " timestamp (1970-01-01), or a template date. Everything dated from it is suspect."
        ),
        example="Metadata datePublished 2091-04-03, or modified 2019-01-01 < published 2019-05-01.",
        fix="Correct the date from the original publication; report broken metadata upstream.",
    ),
    check=_check_pv203,
)

PV204 = Rule(
    id="PV204",
    name="inferred-date",
    severity=Severity.INFO,
    summary="The only date is inferred (photo caption, body text) or inherited.",
    docs=RuleDocs(
        what=(
            "Fires when the chosen date does not come from a source that states the document's"
            " date (metadata, dateline, original URL) but from a photo caption, the body text,"
            " or a near-duplicate in the corpus (then the message names that document)."
        ),
        why=(
            "An inferred date is usually close but may be the day of the photo or of an event"
            " rather than of publication; an inherited date is only as good as the other copy."
        ),
        example="No dateline; a caption says 'Protesters on June 5, 2020': date inferred.",
        fix="Confirm the date from the original publication before citing it as stated.",
    ),
    check=_check_pv204,
)
