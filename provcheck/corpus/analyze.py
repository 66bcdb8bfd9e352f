"""Cross-document analysis of one run: the :class:`CorpusFacts` of every document.

This is the only entry point of ``provcheck.corpus``: it sorts the documents by path (so the
result does not depend on input order), finds near-duplicates, lets undated documents inherit
a stated date from their best-sourced near-duplicate, matches related links against the
corpus and finds quote variants between documents that are not captures of each other.
Pure: no I/O, no logging of document content.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from provcheck.corpus.near_dup import find_near_duplicates, provenance_score
from provcheck.corpus.quotes import find_quote_variants
from provcheck.corpus.related import find_related_matches
from provcheck.models import (
    CorpusFacts,
    DateCandidate,
    DateSource,
    ExtractedDocument,
    NearDuplicate,
)


def _stated(doc: ExtractedDocument) -> DateCandidate | None:
    """The document's chosen date when it is stated for the document (not inferred)."""
    chosen = doc.date.chosen
    return chosen if chosen is not None and not chosen.inferred else None


def inherit_date(
    doc: ExtractedDocument,
    partners: Sequence[NearDuplicate],
    by_path: Mapping[str, ExtractedDocument],
) -> tuple[DateCandidate | None, str | None]:
    """The date an undated document takes from a near-duplicate, and the partner's path.

    Only a document with no stated date inherits, and only a stated (non-inferred) date: an
    inherited or caption date would compound guesses. Among partners with one, the best
    sourced wins (highest provenance score, then path order). The result is never ``chosen``;
    the date stage or the rules decide whether to use it, and it stays marked inherited.
    """
    if _stated(doc) is not None:
        return None, None
    dated = [by_path[dup.other_path] for dup in partners if _stated(by_path[dup.other_path])]
    if not dated:
        return None, None
    source = min(dated, key=lambda other: (-provenance_score(other), other.path))
    stated = _stated(source)
    assert stated is not None
    candidate = DateCandidate(
        date=stated.date,
        source=DateSource.INHERITED,
        evidence=f"from near-duplicate {source.path}",
        chosen=False,
    )
    return candidate, source.path


def analyze_corpus(docs: Sequence[ExtractedDocument]) -> dict[str, CorpusFacts]:
    """CorpusFacts for every document, keyed by path in sorted order.

    Documents are deduplicated by path (the first in sorted order wins when two share one,
    ordered by their text so the choice does not depend on input order).
    """
    unique: dict[str, ExtractedDocument] = {}
    for doc in sorted(docs, key=lambda item: (item.path, item.document.text)):
        unique.setdefault(doc.path, doc)
    ordered = list(unique.values())
    near = find_near_duplicates(ordered)
    near_pairs = [(path, dup.other_path) for path, dups in near.items() for dup in dups]
    related = find_related_matches(ordered)
    variants = find_quote_variants(ordered, near_pairs)
    facts: dict[str, CorpusFacts] = {}
    for doc in ordered:
        partners = near.get(doc.path, ())
        inherited, inherited_from = inherit_date(doc, partners, unique)
        facts[doc.path] = CorpusFacts(
            near_duplicates=partners,
            inherited_date=inherited,
            inherited_from=inherited_from,
            related_matches=related.get(doc.path, ()),
            quote_variants=variants.get(doc.path, ()),
        )
    return facts
