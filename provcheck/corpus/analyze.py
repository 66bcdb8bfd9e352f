"""Cross-document analysis of one run: the :class:`CorpusFacts` of every document.

This is the only entry point of ``provcheck.corpus``: it sorts the documents by path (so the
result does not depend on input order), finds near-duplicates, lets undated documents inherit
a stated date from their best-sourced near-duplicate, matches related links against the
corpus and finds quote variants between documents that are not captures of each other.
Pure: no I/O, no logging of document content.

Documents are read twice, one at a time (``docs`` may be a spool on disk): first for the
compact features of each (:class:`_Features`: shingle hashes, sourcing, quotes, what a
related link could match), then for the related links of each against the whole corpus.
Only the features of the whole run are in memory at once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from provcheck.corpus.near_dup import Capture, capture_of, pair_captures
from provcheck.corpus.quotes import Quote, extract_quotes, pair_quotes
from provcheck.corpus.related import RelatedIndex, RelatedTarget, target_of
from provcheck.models import (
    CorpusFacts,
    DateCandidate,
    DateSource,
    ExtractedDocument,
    NearDuplicate,
)

_NO_FACTS = CorpusFacts()


@dataclass(frozen=True, slots=True)
class _Features:
    """What the analysis keeps of one document between its two reads."""

    capture: Capture
    stated: DateCandidate | None
    quotes: tuple[Quote, ...]
    target: RelatedTarget | None


@dataclass(frozen=True, slots=True)
class Sourcing:
    """What date inheritance needs of a near-duplicate partner."""

    path: str
    stated: DateCandidate | None  # its stated (non-inferred) date
    provenance: int  # its provenance_score


def _stated(doc: ExtractedDocument) -> DateCandidate | None:
    """The document's chosen date when it is stated for the document (not inferred)."""
    chosen = doc.date.chosen
    return chosen if chosen is not None and not chosen.inferred else None


def inherit_date(
    stated: DateCandidate | None,
    partners: Sequence[NearDuplicate],
    sourcing: Mapping[str, Sourcing],
) -> tuple[DateCandidate | None, str | None]:
    """The date an undated document takes from a near-duplicate, and the partner's path.

    Only a document with no ``stated`` date inherits, and only a stated (non-inferred) date:
    an inherited or caption date would compound guesses. Among partners with one, the best
    sourced wins (highest provenance score, then path order). The result is never ``chosen``;
    the date stage or the rules decide whether to use it, and it stays marked inherited.
    """
    if stated is not None:
        return None, None
    dated = [sourcing[dup.other_path] for dup in partners if sourcing[dup.other_path].stated]
    if not dated:
        return None, None
    source = min(dated, key=lambda other: (-other.provenance, other.path))
    assert source.stated is not None
    candidate = DateCandidate(
        date=source.stated.date,
        source=DateSource.INHERITED,
        evidence=f"from near-duplicate {source.path}",
        chosen=False,
    )
    return candidate, source.path


def _features_of(doc: ExtractedDocument, cache: dict[str, int]) -> _Features:
    return _Features(
        capture=capture_of(doc, cache),
        stated=_stated(doc),
        quotes=tuple(extract_quotes(doc)),
        target=target_of(doc),
    )


def _winners(docs: Sequence[ExtractedDocument], paths: Sequence[str]) -> list[int]:
    """Positions of the documents analysed, in path order: one per path.

    When two documents share a path the first in (path, text) order wins, so the choice
    does not depend on input order; texts are read back only for such shared paths.
    """
    by_path: dict[str, list[int]] = {}
    for position, path in enumerate(paths):
        by_path.setdefault(path, []).append(position)
    chosen = []
    for path in sorted(by_path):
        positions = by_path[path]
        if len(positions) > 1:
            positions = sorted(positions, key=lambda p: docs[p].document.text)
        chosen.append(positions[0])
    return chosen


def analyze_corpus(docs: Sequence[ExtractedDocument]) -> dict[str, CorpusFacts]:
    """CorpusFacts for every document, keyed by path in sorted order.

    Documents are deduplicated by path (the first in sorted order wins when two share one,
    ordered by their text so the choice does not depend on input order). A run of one
    document has no corpus: nothing is computed (and numpy is not even imported).
    """
    if len(docs) < 2:
        return {doc.path: _NO_FACTS for doc in docs}
    cache: dict[str, int] = {}
    features = [_features_of(doc, cache) for doc in docs]
    paths = [f.capture.path for f in features]
    ordered = _winners(docs, paths)
    near = pair_captures([features[p].capture for p in ordered])
    near_pairs = [(path, dup.other_path) for path, dups in near.items() for dup in dups]
    variants = pair_quotes([(paths[p], features[p].quotes) for p in ordered], near_pairs)
    related = RelatedIndex.build(t for p in ordered if (t := features[p].target) is not None)
    sourcing = {
        paths[p]: Sourcing(paths[p], features[p].stated, features[p].capture.provenance)
        for p in ordered
    }
    del features  # shingles and quotes are done with: keep only what the second read needs
    winners = set(ordered)
    facts: dict[str, CorpusFacts] = {}
    for position, doc in enumerate(docs):
        if position not in winners:
            continue
        partners = near.get(doc.path, ())
        inherited, inherited_from = inherit_date(sourcing[doc.path].stated, partners, sourcing)
        found = CorpusFacts(
            near_duplicates=partners,
            inherited_date=inherited,
            inherited_from=inherited_from,
            related_matches=related.matches(doc),
            quote_variants=variants.get(doc.path, ()),
        )
        facts[doc.path] = _NO_FACTS if found == _NO_FACTS else found
    return dict(sorted(facts.items()))
