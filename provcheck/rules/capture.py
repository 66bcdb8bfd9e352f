"""PV4xx: attribution and capture quality: who wrote it, who published it, what it cites,
and how much damage the capture did.

Several of these rules summarise many small observations (attributions, boilerplate
blocks, orphan headlines) in ONE finding per document that lists them in its evidence.
They are one symptom each (an unsourced text, a sloppy capture), so one finding keeps the
report readable and keeps the confidence score from depending on how finely a detector
happens to split the text. Extraction artifacts are grouped by kind for the same reason.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from provcheck.models import BlockKind, Certainty, Finding, LinkRole, LinkState, Severity
from provcheck.rules.base import Rule, RuleContext, RuleDocs, listing, quote
from provcheck.rules.link_verdicts import UNCHECKED, is_fetchable

#: Verdicts that show a source exists and answers (restricted: it exists, behind a wall).
_WORKING = frozenset({LinkState.ALIVE, LinkState.REDIRECTED, LinkState.RESTRICTED})


def _check_pv401(ctx: RuleContext) -> Iterator[Finding]:
    if ctx.doc.authors or any(link.role is LinkRole.AUTHOR for link in ctx.doc.links):
        return  # an author-page link is what is left of a byline
    yield PV401.finding(
        ctx,
        "no author or byline found: the text cannot be attributed to a person",
        confidence=Certainty.MEDIUM,
    )


def _check_pv402(ctx: RuleContext) -> Iterator[Finding]:
    if ctx.doc.publisher is not None:
        return
    for link in ctx.doc.links:
        has_domain = link.facts is not None and link.facts.domain
        if has_domain and link.role in (LinkRole.ORIGINAL, LinkRole.AUTHOR):
            return
    yield PV402.finding(
        ctx,
        "no publisher found: no site name, no original URL and no link to the publisher's site",
        confidence=Certainty.MEDIUM,
    )


def _check_pv403(ctx: RuleContext) -> Iterator[Finding]:
    fetchable = [(link, status) for link, status in ctx.pairs() if is_fetchable(link, status)]
    if any(status is None or status.state in UNCHECKED for _, status in fetchable):
        return  # a link that was not checked may well work: judge by presence only
    if any(status is not None and status.state in _WORKING for _, status in fetchable):
        return
    if fetchable:
        message = f"none of the {len(fetchable)} links works: the document cites no live source"
        certainty = Certainty.MEDIUM
    else:
        placeholders = len(ctx.doc.links)
        message = "the document has no usable link at all" + (
            f" ({placeholders} stripped or malformed)" if placeholders else ""
        )
        certainty = Certainty.HIGH
    yield PV403.finding(
        ctx,
        message,
        confidence=certainty,
        evidence=[("links", str(len(ctx.doc.links))), ("fetchable", str(len(fetchable)))],
    )


def _check_pv404(ctx: RuleContext) -> Iterator[Finding]:
    linked_lines = {link.line for link in ctx.doc.links}
    unlinked = [a for a in ctx.doc.attributions if a.line not in linked_lines]
    if not unlinked:
        return
    first = unlinked[0]
    items = [f"line {a.line}: {quote(a.phrase)} ({a.source})" for a in unlinked]
    sources = sorted({a.source for a in unlinked})
    yield PV404.finding(
        ctx,
        f"{len(unlinked)} attribution(s) without a link to the source, e.g."
        f" {quote(first.phrase)}; sources: {', '.join(sources[:5])}"
        + (f" and {len(sources) - 5} more" if len(sources) > 5 else ""),
        confidence=Certainty.MEDIUM,
        line=first.line,
        evidence=listing(items),
    )


def _check_pv405(ctx: RuleContext) -> Iterator[Finding]:
    blocks = [b for b in ctx.doc.boilerplate if b.kind is not BlockKind.TAG_LIST]
    if not blocks:
        return
    items = [
        f"lines {b.start_line}-{b.end_line} {b.kind.value}: {quote(b.cue, 40)}" for b in blocks
    ]
    kinds = sorted({b.kind.value for b in blocks})
    yield PV405.finding(
        ctx,
        f"{len(blocks)} block(s) of page-wrapper text mixed into the article ({', '.join(kinds)})",
        confidence=Certainty.MEDIUM,
        line=blocks[0].start_line,
        evidence=listing(items),
    )


def _check_pv406(ctx: RuleContext) -> Iterator[Finding]:
    orphans = ctx.doc.orphan_headlines
    if not orphans:
        return
    repeated = sum(1 for o in orphans if o.repeated)
    items = [
        f"line {o.line}: {quote(o.text)}" + (" (repeated)" if o.repeated else "") for o in orphans
    ]
    yield PV406.finding(
        ctx,
        f"{len(orphans)} headline-like line(s) between paragraphs, probably related-article"
        f" links whose targets were lost, e.g. {quote(orphans[0].text)}"
        + (f"; {repeated} repeated" if repeated else ""),
        confidence=Certainty.HIGH if repeated else Certainty.MEDIUM,
        line=orphans[0].line,
        evidence=listing(items),
    )


def _check_pv407(ctx: RuleContext) -> Iterator[Finding]:
    groups: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for artifact in ctx.doc.artifacts:
        groups[artifact.kind].append((artifact.line, artifact.evidence))
    for block in ctx.doc.boilerplate:
        if block.kind is BlockKind.TAG_LIST:
            groups[block.kind.value].append((block.start_line, block.cue))
    for kind in sorted(groups, key=lambda k: (min(line for line, _ in groups[k]), k)):
        found = sorted(groups[kind])
        lines = [line for line, _ in found]
        yield PV407.finding(
            ctx,
            f"extraction artifact '{kind}' at line(s) {', '.join(map(str, lines[:10]))}"
            + (f" and {len(lines) - 10} more" if len(lines) > 10 else "")
            + f", e.g. {quote(found[0][1])}",
            line=found[0][0],
            evidence=[("kind", kind), *listing([quote(text) for _, text in found])],
        )


PV401 = Rule(
    id="PV401",
    name="missing-byline",
    severity=Severity.WARNING,
    summary="No author or byline.",
    docs=RuleDocs(
        what=(
            "Fires when extraction found no author: no byline, no author metadata and no"
            " link to an author page (such a link is what is left of a byline)."
        ),
        why=(
            "An unattributed text cannot be weighed by who wrote it, and captures that lost"
            " the byline are harder to match with the original."
        ),
        example="A scraped article whose byline sat in a stripped page header.",
        fix="Recover the byline from the original publication or a better capture.",
    ),
    check=_check_pv401,
)

PV402 = Rule(
    id="PV402",
    name="missing-publisher",
    severity=Severity.INFO,
    summary="No publisher: no site name, no original URL, no publisher-domain links.",
    docs=RuleDocs(
        what=(
            "Fires when the document names no publisher (site name metadata) and has neither"
            " an original URL nor an author link from which the publisher's domain follows."
        ),
        why="Without a publisher, the text's origin and editorial standards are unknown.",
        example="A text file with title and body only.",
        fix="Record the publisher and the original URL with the capture.",
    ),
    check=_check_pv402,
)

PV403 = Rule(
    id="PV403",
    name="no-sources",
    severity=Severity.WARNING,
    summary="The document has no working external link at all.",
    docs=RuleDocs(
        what=(
            "Fires when no link of the document works (alive, redirected, or restricted but"
            " existing). When links were not checked (offline), it judges by presence: it"
            " fires only when there is no fetchable link at all (placeholders and malformed"
            " URLs do not count), never because an unchecked link might be broken."
        ),
        why="A text with no way back to any source asks to be taken on trust.",
        example="A copied article whose links were all stripped to plain text.",
        fix="Recover the links from the original, or cite the sources separately.",
    ),
    check=_check_pv403,
)

PV404 = Rule(
    id="PV404",
    name="unlinked-attribution",
    severity=Severity.INFO,
    summary="Attributions ('according to X', 'X said') with no link to the source.",
    docs=RuleDocs(
        what=(
            "Lists, in one finding per document, the attributions ('according to X', 'X said',"
            " 'X reported', 'told X') with no link on the same line (a stripped placeholder"
            " link counts as a link: PV304 reports it). The line is the first attribution's."
        ),
        why=(
            "Each attribution is a claim about a source; without a link the reader must find"
            " the source to check it."
        ),
        example="'according to the port authority' with no link anywhere in the paragraph.",
        fix="Add links to the cited statements, reports or data.",
    ),
    check=_check_pv404,
)

PV405 = Rule(
    id="PV405",
    name="boilerplate-contamination",
    severity=Severity.WARNING,
    summary="Page-wrapper text (appeals, comment forms, widgets, banners) in the article.",
    docs=RuleDocs(
        what=(
            "Reports, in one finding per document, the blocks of page-wrapper text found in"
            " the article: donation or subscription appeals, comment forms, share widgets,"
            " navigation, cookie banners. Empty tag lists are reported by PV407."
        ),
        why=(
            "Wrapper text pollutes quotation, search and comparison with other copies, and"
            " shows the capture was not cleaned: other damage is likely."
        ),
        example="'Support our journalism: Once / Monthly / Annual / Continue' in the body.",
        fix="Re-capture with a main-text extractor, or remove the listed lines.",
    ),
    check=_check_pv405,
)

PV406 = Rule(
    id="PV406",
    name="stripped-related-headlines",
    severity=Severity.WARNING,
    summary="Headline-like lines between paragraphs: widgets whose links were lost.",
    docs=RuleDocs(
        what=(
            "Reports, in one finding per document, the short title-case lines standing alone"
            " between paragraphs (related-article or recommendation widgets flattened to text)."
        ),
        why=(
            "They read as part of the article but are other articles' headlines, and the links"
            " that made them recognisable are gone."
        ),
        example="'Harbour strike enters third week' alone between two paragraphs, twice.",
        fix="Remove them from the text, or recover their links from the original page.",
    ),
    check=_check_pv406,
)

PV407 = Rule(
    id="PV407",
    name="extraction-artifacts",
    severity=Severity.INFO,
    summary="Signs of a lossy conversion: mismatched quotes, repeated paragraphs, empty tags.",
    docs=RuleDocs(
        what=(
            "Reports extraction artifacts, one finding per kind (mismatched quote pairs, a"
            " paragraph repeated verbatim, empty tag lists ...) with their lines."
        ),
        why="A lossy conversion may also have lost or altered words that matter.",
        example="'\"We are worried', she said' (opening and closing quotes differ).",
        fix="Check quotations against the original before relying on them.",
    ),
    check=_check_pv407,
)
