"""PV306, PV307, PV310: the document's declared original URL.

An archived copy is only as good as the trail back to its original: the ``Original url:``
line, ``rel=canonical`` or ``og:url``. These rules check that this URL still resolves
(PV306), that it agrees with the copy (date in its path, words in its slug, the canonical
the page itself declares: PV307), and that the live page still says what the copy says
(PV310).

Content drift (PV310) is measured as the *overlap coefficient* of word 3-shingles:
``|A ∩ B| / min(|A|, |B|)`` over the sets of consecutive three-word sequences of the two
texts (lower-cased, punctuation dropped). Why this measure:

* shingles of three words survive small edits (a corrected typo only removes the three
  shingles around it) but two different articles on the same topic share very few
  three-word sequences, unlike single-word (token-set) measures;
* dividing by the *smaller* set makes it indifferent to one side being longer: the
  crawler caps the target text, and captured copies carry boilerplate or are excerpts.

A lightly edited page keeps an overlap above 0.8; a replaced page falls under 0.2. The
default threshold 0.5 (``RuleSettings.drift_threshold``) sits between. Texts under 20
words are not judged (a stub page, or nothing extracted).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from provcheck.models import (
    DATE_SOURCE_STRENGTH,
    Certainty,
    DateCandidate,
    DateSource,
    Finding,
    Link,
    LinkRole,
    LinkState,
    LinkStatus,
    Severity,
)
from provcheck.rules.base import Rule, RuleContext, RuleDocs, describe_source, link_key, url_key
from provcheck.rules.dating import gap_days
from provcheck.rules.link_verdicts import broken_certainty, failure, status_evidence

#: Shingle length (words) for content drift.
SHINGLE_WORDS = 3
#: Texts with fewer words than this are not compared.
MIN_DRIFT_WORDS = 20
#: PV307 reports a slug when fewer than this share of its words appear in the title.
SLUG_OVERLAP_MIN = 0.4
#: Slugs with fewer meaningful words than this are not compared with the title.
MIN_SLUG_WORDS = 3
#: Words too common to show that a slug and a title match.
_STOP_TEXT = (
    "a an and are as at be by for from has have in is it its of on or the to was were with"
    " after over into new says said"
)
_STOP_WORDS = frozenset(_STOP_TEXT.split())


def original_links(ctx: RuleContext) -> Iterator[tuple[Link, LinkStatus | None]]:
    """ORIGINAL-role links, once per page (canonical and og:url often repeat one URL)."""
    seen: set[str] = set()
    for link, status in ctx.pairs():
        if link.role is not LinkRole.ORIGINAL or link.malformed:
            continue
        key = link_key(link)
        if key not in seen:
            seen.add(key)
            yield link, status


def _check_pv306(ctx: RuleContext) -> Iterator[Finding]:
    for link, status in original_links(ctx):
        if status is None or status.state not in (LinkState.BROKEN, LinkState.TIMEOUT):
            continue
        if status.archived is not None:
            continue  # PV301 and PV308 report it with the snapshot
        certainty, note = broken_certainty(ctx, link, status)
        yield PV306.finding(
            ctx,
            f"the declared original URL is broken ({failure(status)}) and no archived copy"
            f" was found; {note}",
            confidence=certainty,
            line=link.line,
            url=link.url,
            evidence=status_evidence(status),
        )


def _reference_date(ctx: RuleContext) -> tuple[DateCandidate, str] | None:
    """The document date to compare a path date with, never the URL's own date."""
    chosen = ctx.doc.date.chosen
    if chosen is not None and chosen.source is not DateSource.URL:
        return chosen, describe_source(chosen)
    others = [c for c in ctx.doc.date.candidates if c.source is not DateSource.URL]
    if others:
        best = max(others, key=lambda c: DATE_SOURCE_STRENGTH[c.source])
        return best, describe_source(best)
    inherited = ctx.corpus.inherited_date
    if inherited is not None:
        return inherited, describe_source(inherited, ctx.corpus.inherited_from)
    return None


def _stems(text: str) -> set[str]:
    """Meaningful words cut to five letters, a crude stem that lets 'sanctions' meet 'sanction'."""
    words = re.findall(r"[a-z]+", text.lower())
    return {w[:5] for w in words if len(w) > 1 and w not in _STOP_WORDS}


def slug_overlap(slug_words: tuple[str, ...], title: str) -> float | None:
    """Share of the slug's meaningful words found in the title; None when too few to tell."""
    slug = _stems(" ".join(w for w in slug_words if not any(ch.isdigit() for ch in w)))
    if len(slug) < MIN_SLUG_WORDS:
        return None
    return len(slug & _stems(title)) / len(slug)


def _path_date_mismatch(ctx: RuleContext, link: Link) -> Finding | None:
    if link.facts is None or link.facts.path_date is None or not link.facts.path_date.plausible:
        return None
    reference = _reference_date(ctx)
    if reference is None:
        return None
    candidate, source = reference
    path_date = link.facts.path_date.date
    gap = gap_days(path_date, candidate.date)
    if gap <= ctx.settings.anachronism_tolerance_days:
        return None
    return PV307.finding(
        ctx,
        f"the original URL's path date {path_date.iso()} differs from the document date"
        f" {candidate.date.iso()} ({source}) by {gap} days",
        confidence=Certainty.LOW if candidate.inferred else Certainty.HIGH,
        line=link.line,
        url=link.url,
        evidence=[
            ("aspect", "path-date"),
            ("path_date", path_date.iso()),
            ("document_date", candidate.date.iso()),
        ],
    )


def _slug_mismatch(ctx: RuleContext, link: Link) -> Finding | None:
    if link.facts is None or ctx.doc.title is None:
        return None
    overlap = slug_overlap(link.facts.slug_words, ctx.doc.title.value)
    if overlap is None or overlap >= SLUG_OVERLAP_MIN:
        return None
    slug = "-".join(link.facts.slug_words)
    return PV307.finding(
        ctx,
        f"the original URL's slug '{slug}' shares only {overlap:.0%} of its words with the"
        f" title '{ctx.doc.title.value}'",
        confidence=Certainty.MEDIUM,
        line=link.line,
        url=link.url,
        evidence=[("aspect", "slug"), ("slug", slug), ("overlap", f"{overlap:.2f}")],
    )


def _check_pv307(ctx: RuleContext) -> Iterator[Finding]:
    originals = list(original_links(ctx))
    for link, status in originals:
        for found in (_path_date_mismatch(ctx, link), _slug_mismatch(ctx, link)):
            if found is not None:
                yield found
        canonical = status.target.canonical if status and status.target else None
        if canonical and url_key(canonical) != url_key(link.url):
            yield PV307.finding(
                ctx,
                f"the original URL's page declares another canonical URL: {canonical}",
                line=link.line,
                url=link.url,
                evidence=[("aspect", "canonical"), ("canonical", canonical)],
            )
    if len(originals) > 1:
        first, *others = (link for link, _ in originals)
        listed = ", ".join(f"{o.url} (line {o.line})" for o in others)
        yield PV307.finding(
            ctx,
            f"the document declares more than one original URL: {first.url} and {listed}",
            line=first.line,
            url=first.url,
            evidence=[("aspect", "several-originals"), *((o.syntax, o.url) for o in others)],
        )


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    if len(words) < MIN_DRIFT_WORDS:
        return set()
    return {tuple(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - SHINGLE_WORDS + 1)}


def content_similarity(a: str, b: str) -> float | None:
    """Overlap coefficient of word 3-shingles; None when either text is too short to judge."""
    first, second = _shingles(a), _shingles(b)
    if not first or not second:
        return None
    return len(first & second) / min(len(first), len(second))


def _check_pv310(ctx: RuleContext) -> Iterator[Finding]:
    threshold = ctx.settings.drift_threshold
    for link, status in original_links(ctx):
        if status is None or status.state not in (LinkState.ALIVE, LinkState.REDIRECTED):
            continue
        if status.target is None or not status.target.text:
            continue
        similarity = content_similarity(ctx.doc.document.text, status.target.text)
        if similarity is None or similarity >= threshold:
            continue
        yield PV310.finding(
            ctx,
            f"the original URL resolves but its text no longer matches this copy (shingle"
            f" overlap {similarity:.2f} < {threshold:.2f})",
            confidence=Certainty.HIGH if similarity < threshold / 2 else Certainty.MEDIUM,
            line=link.line,
            url=link.url,
            evidence=[("similarity", f"{similarity:.3f}"), ("threshold", f"{threshold:.2f}")],
        )


PV306 = Rule(
    id="PV306",
    name="broken-original-url",
    severity=Severity.ERROR,
    summary="The declared original URL is broken and no archived copy was found.",
    docs=RuleDocs(
        what=(
            "Fires when the document's declared original URL ('Original url:', rel=canonical,"
            " og:url) is broken or times out and the crawler found no archived snapshot near"
            " the document date. With a snapshot, PV301 and PV308 report it instead."
        ),
        why=(
            "The original URL is the copy's provenance: without it, nothing shows that the"
            " captured text is what was published."
        ),
        example="Original url: https://daily.example/2017/02/09/harbour-plan answers 410.",
        fix=(
            "Search web archives by hand (other archives, other URL variants) and record the"
            " snapshot; otherwise mark the provenance as unverifiable."
        ),
    ),
    check=_check_pv306,
)

PV307 = Rule(
    id="PV307",
    name="original-url-mismatch",
    severity=Severity.WARNING,
    summary="The declared original URL disagrees with the document (date, slug, canonical).",
    docs=RuleDocs(
        what=(
            "Checks each declared original URL against the document: the date in its path must"
            " be within a day of the document date (taken from a source other than that URL),"
            " at least 40% of its slug words must appear in the title, the canonical URL the"
            " page itself declares must be the same page, and a document should declare one"
            " original URL, not several."
        ),
        why=(
            "A mismatch suggests the copy was attached to the wrong original: another article"
            " of the same site, a later version, or a syndicated copy."
        ),
        example=(
            "Title 'Harbour plan approved', Original url:"
            " https://daily.example/2017/02/09/school-budget-cut"
        ),
        fix="Find the right original URL for this copy, or correct the document's date.",
    ),
    check=_check_pv307,
)

PV310 = Rule(
    id="PV310",
    name="content-drift",
    severity=Severity.WARNING,
    summary="The original URL resolves but its text no longer matches the document.",
    docs=RuleDocs(
        what=(
            "Compares the main text of the live original page with the document's text as"
            " the overlap coefficient of word 3-shingles (|A∩B| / min(|A|,|B|)), which ignores"
            " length differences (excerpts, capped pages, boilerplate) and survives small"
            " edits. Fires under the threshold (default 0.5). Texts under 20 words are not"
            " judged."
        ),
        why=(
            "The live page may have been rewritten, corrected or replaced: citing the URL no"
            " longer cites what the copy says."
        ),
        example="The original URL now shows a different story: overlap 0.04.",
        fix="Cite an archived snapshot from the document date, and note the changes.",
    ),
    check=_check_pv310,
)
