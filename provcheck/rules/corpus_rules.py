"""PV5xx: what the other documents of the corpus say about this one.

The cross-document work (near-duplicate detection, related-link matching, quote variants)
is done once for the whole run in :mod:`provcheck.corpus`; these rules only turn the
resulting :class:`~provcheck.models.CorpusFacts` into findings, one per fact.
"""

from __future__ import annotations

from collections.abc import Iterator

from provcheck.models import Certainty, Finding, RelatedMatch, Severity
from provcheck.rules.base import Rule, RuleContext, RuleDocs, quote, url_key


def _check_pv501(ctx: RuleContext) -> Iterator[Finding]:
    for dup in ctx.corpus.near_duplicates:
        better = (
            "this document is the better-sourced capture"
            if dup.better_sourced == ctx.doc.path
            else f"{dup.better_sourced} is the better-sourced capture"
        )
        inherited = ""
        if ctx.corpus.inherited_from == dup.other_path and ctx.corpus.inherited_date:
            inherited = f"; its date {ctx.corpus.inherited_date.date.iso()} is inherited"
        yield PV501.finding(
            ctx,
            f"near-duplicate of {dup.other_path} (similarity {dup.similarity:.2f}): {better}"
            f"{inherited}",
            confidence=Certainty.HIGH if dup.similarity >= 0.8 else Certainty.MEDIUM,
            evidence=[
                ("other", dup.other_path),
                ("similarity", f"{dup.similarity:.3f}"),
                ("better_sourced", dup.better_sourced),
            ],
        )


def _check_pv502(ctx: RuleContext) -> Iterator[Finding]:
    # One finding per linked URL and corpus document: a URL linked twice is one mismatch.
    lines: dict[tuple[str, str], list[int]] = {}
    first: dict[tuple[str, str], RelatedMatch] = {}
    for match in ctx.corpus.related_matches:
        key = (url_key(match.link_url), match.other_path)
        lines.setdefault(key, []).append(match.line)
        first.setdefault(key, match)
    for key, match in first.items():
        also = sorted(set(lines[key]))
        where = f" (linked on lines {', '.join(map(str, also))})" if len(also) > 1 else ""
        yield PV502.finding(
            ctx,
            f"link{where} matches {match.other_path} by its {match.matched_on} (score"
            f" {match.score:.2f}), whose original URL is {match.suggested_url}: the link"
            " probably should point there",
            confidence=Certainty.HIGH if match.score >= 0.8 else Certainty.MEDIUM,
            line=match.line,
            url=match.link_url,
            evidence=[
                ("other", match.other_path),
                ("suggested_url", match.suggested_url),
                ("matched_on", match.matched_on),
                ("score", f"{match.score:.3f}"),
            ],
        )


def _check_pv503(ctx: RuleContext) -> Iterator[Finding]:
    for variant in ctx.corpus.quote_variants:
        yield PV503.finding(
            ctx,
            f"quotation {quote(variant.quote)} is worded differently in {variant.other_path}"
            f" (line {variant.other_line}): {quote(variant.other_quote)}",
            confidence=Certainty.MEDIUM,
            line=variant.line,
            evidence=[
                ("other", variant.other_path),
                ("other_line", str(variant.other_line)),
                ("other_quote", variant.other_quote),
                ("similarity", f"{variant.similarity:.3f}"),
            ],
        )


PV501 = Rule(
    id="PV501",
    name="near-duplicate",
    severity=Severity.INFO,
    summary="Another document of the corpus captures the same article.",
    docs=RuleDocs(
        what=(
            "Fires once per other document that captures the same article (estimated Jaccard"
            " similarity of word shingles), naming the better-sourced of the two (more dates,"
            " byline, links). Dates may be inherited from it; they are then marked inherited."
        ),
        why=(
            "Captures of one article complete each other: the better one should be cited, and"
            " the weaker one can borrow its date and sources."
        ),
        example="a.txt (PDF print with dateline) and b.txt (web scrape without date).",
        fix="Cite the better-sourced capture; keep the other as a secondary copy.",
    ),
    check=_check_pv501,
)

PV502 = Rule(
    id="PV502",
    name="related-link-corpus-mismatch",
    severity=Severity.WARNING,
    summary="A link matches another corpus document whose original URL differs.",
    docs=RuleDocs(
        what=(
            "Fires when a link's slug or anchor text matches another document of the corpus"
            " whose declared original URL is different; the report suggests that URL."
        ),
        why=(
            "The link names an article the archive holds, but points somewhere else: often a"
            " later re-publication or a rewritten URL. The corpus copy shows where it should"
            " point."
        ),
        example=(
            "A link to https://news.example/2022/01/05/harbour-plan while the corpus holds"
            " 'Harbour plan' with original URL https://news.example/2019/03/02/harbour-plan-7f2."
        ),
        fix="Replace or annotate the link with the suggested URL after checking it.",
    ),
    check=_check_pv502,
)

PV503 = Rule(
    id="PV503",
    name="quote-variant",
    severity=Severity.INFO,
    summary="The same quotation appears elsewhere in the corpus with different wording.",
    docs=RuleDocs(
        what=(
            "Fires once per quotation that another document gives with different wording"
            " (similar, not identical): another translation, a paraphrase, or a misquote."
        ),
        why="A quotation should be cited in one wording, from the source that heard it.",
        example="'We will not give up' vs 'We shall never give in', same speaker, same day.",
        fix="Find the primary source of the statement and quote it from there.",
    ),
    check=_check_pv503,
)
